{#
    One row per canonical posting with every derived field and the method
    that decided it (rule now; model and llm come from the enrichment
    stages). NULL means undecided, and the needs_*_enrichment flags say which
    rows the LLM stage should look at.

    Incremental like the intermediate models: a run replaces only the jobs
    that received a new posting (unique_key dedup_key, delete+insert).
#}
{{ config(
    materialized='incremental',
    unique_key='dedup_key',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

with

postings as (

    select * from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

job_families as (

    select * from {{ ref('int_postings__job_family_labeled') }}

),

seniorities as (

    select * from {{ ref('int_postings__seniority_labeled') }}

),

experience as (

    select * from {{ ref('int_postings__experience_extracted') }}

),

salaries as (

    select * from {{ ref('int_postings__salary_extracted') }}

),

final as (

    select
        postings.posting_id,
        postings.country_code,
        postings.country,
        postings.title,
        postings.company,
        postings.city,
        postings.post_date,
        postings.source,
        postings.source_count,
        postings.sources,
        job_families.job_family,
        job_families.job_family_method,
        seniorities.seniority,
        seniorities.seniority_method,
        seniorities.seniority_basis,
        experience.experience_min_years,
        experience.experience_method,
        salaries.salary_min,
        salaries.salary_max,
        salaries.salary_currency,
        salaries.salary_period,
        salaries.salary_method,
        salaries.salary_source,
        salaries.salary_min_eur_annual,
        salaries.salary_max_eur_annual,
        salaries.salary_undecided_reason,
        job_families.needs_job_family_enrichment,
        seniorities.needs_seniority_enrichment,
        experience.needs_experience_enrichment,
        salaries.needs_salary_enrichment,
        postings.dedup_key,
        postings.loaded_at
    from postings
    left join job_families using (posting_id)
    left join seniorities using (posting_id)
    left join experience using (posting_id)
    left join salaries using (posting_id)

)

select * from final
