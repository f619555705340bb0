{#
    One canonical row per posting published on one or more boards.

    Rule: two accepted postings are the same job when their cleaned title,
    company, country, city and description are equal, where title, company
    and city are compared without letter case and the description without
    white space (spaces, line breaks) — so HTML, spacing and title case
    differences between boards do not matter (see normalise_for_key).
    The canonical row is the one that carries a board salary field, then the
    earliest post date, then the smallest posting_id. The others are counted
    (source_count) and listed (sources, duplicate_posting_ids). The key
    (dedup_key) is computed in staging: the 128-bit md5 of those normalised
    fields.

    Incremental on dedup_key: a run recomputes only the jobs that received a
    new posting (loaded_at of this run), over all their postings, and
    replaces those rows.
#}
with

staged_postings as {{ cte_hint(false) }} (

    -- not materialized: each step below reads only the columns it needs
    -- (the groups need four narrow ones) instead of DuckDB buffering every
    -- column of every posting first
    select * from {{ ref('int_postings__validated') }}
    where reject_reason is null
    {%- if is_incremental() %}
        -- only the jobs that received a posting since the last run, with all
        -- their postings; picked by rowid, so that DuckDB reads the wide
        -- columns of those rows only, not of every staged posting
        and rowid in (
            select rowid from {{ ref('int_postings__validated') }}
            where dedup_key in (
                select dedup_key from {{ ref('int_postings__validated') }}
                where loaded_at > (select max(loaded_at) from {{ this }})
                    and reject_reason is null
            )
        )
    {%- endif %}

),

posting_groups as (

    select
        dedup_key,
        {{ value_of_min('posting_id', ['salary_text is null', 'post_date', 'posting_id']) }}
            as canonical_posting_id,
        count(*) as source_count
    from staged_postings
    group by dedup_key

),

multi_source_groups as (

    -- lists are built only for jobs seen on several boards (the few)
    select
        staged_postings.dedup_key,
        {{ sorted_list_agg('staged_postings.source', distinct=true) }} as sources,
        {{ sorted_list_agg('staged_postings.posting_id') }} as group_posting_ids
    from staged_postings
    semi join (
        select dedup_key from posting_groups where source_count > 1
    ) using (dedup_key)
    group by staged_postings.dedup_key

),

canonical_postings as (

    select
        staged_postings.posting_id,
        staged_postings.dedup_key,
        staged_postings.source,
        staged_postings.title,
        staged_postings.company,
        staged_postings.description,
        staged_postings.country_code,
        staged_postings.country,
        staged_postings.country_currency_code,
        staged_postings.city,
        staged_postings.post_date,
        staged_postings.salary_text,
        posting_groups.source_count,
        -- when this job's row was (re)computed: downstream models pick it up
        cast('{{ run_started_at }}' as timestamp) as loaded_at,
        coalesce(multi_source_groups.sources, {{ list_of(['staged_postings.source']) }})
            as sources,
        coalesce(
            {{ list_without(
                'multi_source_groups.group_posting_ids', 'staged_postings.posting_id'
            ) }},
            {{ list_of([]) }}
        ) as duplicate_posting_ids
    from staged_postings
    inner join posting_groups
        on staged_postings.posting_id = posting_groups.canonical_posting_id
        and staged_postings.dedup_key = posting_groups.dedup_key
    left join multi_source_groups
        on staged_postings.dedup_key = multi_source_groups.dedup_key

)

select * from canonical_postings
