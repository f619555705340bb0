{#
    Raw rows that cannot be used, with the reason; every raw row lands either
    here or in the staged postings, so nothing is dropped silently.

    A view: the rows are staging's own, filtered; a table would copy every
    rejected row again on every run (incremental runs included).
#}
{{ config(materialized='view') }}

with

validated_postings as (

    select * from {{ ref('int_postings__validated') }}

),

final as (

    select
        posting_id,
        source,
        title,
        company,
        country_raw,
        city,
        post_date_raw,
        source_file,
        read_error,
        reject_reason
    from validated_postings
    where reject_reason is not null

)

select * from final
