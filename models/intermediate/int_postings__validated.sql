{#
    Every staged row with the reason it cannot be used (NULL when it can) and
    the key of the job it belongs to. rejected_postings lists the rejected
    rows; int_postings__deduplicated groups the accepted ones.

    Reasons, first that applies: unreadable_row (the file reader could not
    parse it), missing_posting_id, missing_title_and_description,
    unparseable_post_date, post_date_too_early (before var
    post_date_min), post_date_in_future (after as_of_date), unknown_country,
    duplicate_posting_id (the same id again: incrementally the id accepted
    earlier wins; in a full build the first by date, source and content).

    Incremental (append): a run validates the rows staging loaded since
    this model's last run.
#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    unique_key=none,
    on_schema_change='fail',
) }}

with

staged_postings as (

    select * from {{ ref('stg_job_postings__postings') }}
    {{ new_rows_only() }}

),

{%- if is_incremental() %}

earlier_ids as (

    -- ids accepted by an earlier run come before any new row with that id
    -- (intersect: DuckDB hashes the few new ids, not every validated one)
    select posting_id, 1 as accepted_before
    from (
        select posting_id from {{ this }}
        where reject_reason is null

        intersect

        select posting_id from staged_postings
    )

),
{%- endif %}

duplicate_ids as (

    -- ids seen more than once: only these rows need ranking
    select posting_id
    from staged_postings
    where posting_id is not null
    group by posting_id
    having count(*) > 1
    {%- if is_incremental() %}

    union

    select posting_id from earlier_ids
    {%- endif %}

),

postings_ranked_by_id as (

    -- only rows whose id repeats need a window; the rest are first of their id
    select *, 1 as id_rank
    from staged_postings
    anti join duplicate_ids using (posting_id)

    union all

    select
        staged_postings.*,
        -- the first by date, source and content is kept
        row_number() over (
            partition by staged_postings.posting_id
            order by
                staged_postings.post_date,
                staged_postings.source,
                staged_postings.title,
                staged_postings.description,
                staged_postings.city
        )
        {%- if is_incremental() %}
            + coalesce(earlier_ids.accepted_before, 0)
        {%- endif %}
            as id_rank
    from staged_postings
    {%- if is_incremental() %}
    left join earlier_ids using (posting_id)
    {%- endif %}
    where staged_postings.posting_id in (select posting_id from duplicate_ids)

),

final as (

    select
        {{ star_except(['id_rank']) }},
        -- same job on several boards: see int_postings__deduplicated
        {% set job_text -%}
        concat_ws(chr(31),
            coalesce(lower(title), ''),
            coalesce(lower(company), ''),
            coalesce(country_code, ''),
            coalesce(lower(city), ''),
            {{ normalise_for_key('description') }}
        )
        {%- endset -%}
        {{ hash_key(job_text) }} as dedup_key,
        case
            when read_error is not null then 'unreadable_row'
            when posting_id is null then 'missing_posting_id'
            when title is null and description is null
                then 'missing_title_and_description'
            when post_date is null then 'unparseable_post_date'
            when post_date < cast('{{ var("post_date_min") }}' as date)
                then 'post_date_too_early'
            when post_date > {{ as_of_date() }} then 'post_date_in_future'
            when country_code is null then 'unknown_country'
            when id_rank > 1 then 'duplicate_posting_id'
        end as reject_reason
    from postings_ranked_by_id

)

select * from final
