{#
    One canonical row per posting published on one or more boards.

    Rule: two accepted postings are the same job when their cleaned title,
    company, country, city and description are equal once lower-cased and
    stripped of spaces and line breaks (so HTML, spacing and letter case do
    not matter; see normalise_for_key).
    The canonical row is the one that carries a board salary field, then the
    earliest post date, then the smallest posting_id. The others are counted
    (source_count) and listed (sources, duplicate_posting_ids).
#}
with

staged_postings as (

    select * from {{ ref('stg_job_postings__postings') }}
    where reject_reason is null

),

postings_keyed as (

    select
        *,
        md5(concat_ws('|',
            {{ normalise_for_key('title') }},
            {{ normalise_for_key('company') }},
            country_code,
            {{ normalise_for_key('city') }},
            {{ normalise_for_key('description') }}
        )) as dedup_key
    from staged_postings

),

posting_groups as (

    select
        dedup_key,
        first(
            posting_id order by salary_text is null, post_date, posting_id
        ) as canonical_posting_id,
        count(*) as source_count,
        list_sort(list_distinct(list(source))) as sources,
        list_sort(list(posting_id)) as group_posting_ids
    from postings_keyed
    group by dedup_key

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
        posting_groups.sources,
        list_filter(
            posting_groups.group_posting_ids,
            lambda id: id <> postings_keyed.posting_id
        ) as duplicate_posting_ids
    from postings_keyed
    inner join posting_groups
        on postings_keyed.posting_id = posting_groups.canonical_posting_id

)

select * from canonical_postings
