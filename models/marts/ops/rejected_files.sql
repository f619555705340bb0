{#
    Raw files that could not be read at all, with the reason: empty, not a
    Parquet/CSV/NDJSON file, no header, or missing a required column of the
    input contract (posting_id, country, post_date, and title or
    description). The other files load as usual; a file fixed and written
    again (another size or modification time) is probed and read again.
    Rows a reader could not parse inside a readable file are in
    rejected_postings (reject_reason unreadable_row).
#}
{{ config(materialized='view') }}

with

raw_files as (

    select * from {{ ref('base_job_postings__raw_files') }}

),

final as (

    select
        file_name,
        file_format,
        unreadable_reason,
        file_columns,
        file_size_bytes,
        file_modified_at,
        seen_at
    from raw_files
    where not is_readable

)

select * from final
