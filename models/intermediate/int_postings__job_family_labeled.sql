{#
    Production job-family labeling: the multilingual, case-insensitive rules
    of seeds/job_family_rules.csv (highest priority wins). A title no rule
    decides gets NULL and needs_job_family_enrichment: never a guess.
#}
-- depends_on: {{ ref('job_family_rules') }}

with

postings as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        lower(title) as title_lower,
        lower(description) as description_lower
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

labeled as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        {{ rules_case(
            'job_family_rules',
            {'title': 'title_lower', 'description': 'description_lower'}
        ) }} as job_family
    from postings

),

final as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        job_family,
        case when job_family is not null then 'rule' end as job_family_method,
        job_family is null as needs_job_family_enrichment
    from labeled

)

select * from final
