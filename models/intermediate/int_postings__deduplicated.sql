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

staged_postings as (

    select * from {{ ref('stg_job_postings__postings') }}
    where reject_reason is null

),

postings_keyed as (

    select * from staged_postings
    {%- if is_incremental() %}
    -- only jobs that received a posting since the last run
    semi join (
        select distinct dedup_key from staged_postings
        where loaded_at > (select max(loaded_at) from {{ this }})
    ) using (dedup_key)
    {%- endif %}

),

posting_groups as (

    select
        dedup_key,
        arg_min(posting_id, (salary_text is null, post_date, posting_id))
            as canonical_posting_id,
        count(*) as source_count
    from postings_keyed
    group by dedup_key

),

multi_source_groups as (

    -- lists are built only for jobs seen on several boards (the few)
    select
        postings_keyed.dedup_key,
        list_sort(list_distinct(list(postings_keyed.source))) as sources,
        list_sort(list(postings_keyed.posting_id)) as group_posting_ids
    from postings_keyed
    semi join (
        select dedup_key from posting_groups where source_count > 1
    ) using (dedup_key)
    group by postings_keyed.dedup_key

),

canonical_postings as (

    select
        postings_keyed.posting_id,
        postings_keyed.dedup_key,
        postings_keyed.source,
        postings_keyed.title,
        postings_keyed.company,
        postings_keyed.description,
        postings_keyed.country_code,
        postings_keyed.country,
        postings_keyed.country_currency_code,
        postings_keyed.city,
        postings_keyed.post_date,
        postings_keyed.salary_text,
        posting_groups.source_count,
        -- when this job's row was (re)computed: downstream models pick it up
        cast('{{ run_started_at }}' as timestamp) as loaded_at,
        coalesce(multi_source_groups.sources, [postings_keyed.source])
            as sources,
        coalesce(
            list_filter(
                multi_source_groups.group_posting_ids,
                lambda id: id <> postings_keyed.posting_id
            ),
            []
        ) as duplicate_posting_ids
    from postings_keyed
    inner join posting_groups
        on postings_keyed.posting_id = posting_groups.canonical_posting_id
        and postings_keyed.dedup_key = posting_groups.dedup_key
    left join multi_source_groups
        on postings_keyed.dedup_key = multi_source_groups.dedup_key

)

select * from canonical_postings
