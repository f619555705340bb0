{#
    One row per canonical posting with every derived field and the method
    that decided it. Job family and seniority go through the cascade: rules,
    then the local model when its confidence reaches var
    model_min_confidence (*_method = 'model'), then the LLM's usable answer
    (int_postings__llm_enriched, *_method = 'llm'), else NULL; experience and
    salary: rules, then the LLM. NULL means undecided, and the needs_*_enrichment
    flags say which rows still wait for enrichment.

    Incremental like the intermediate models: a run replaces only the jobs
    that received a new posting, or whose LLM answer arrived after this table
    last saw them (unique_key dedup_key, delete+insert).
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
    {%- if is_incremental() %}
    where loaded_at > (
        select coalesce(max(loaded_at), cast('1900-01-01' as timestamp)) from {{ this }}
    )
        or dedup_key in (
            select dedup_key from {{ ref('int_postings__llm_enriched') }}
            where llm_answered_at > (
                select coalesce(max(llm_answered_at), cast('1900-01-01' as timestamp))
                from {{ this }}
            )
        )
    {%- endif %}

),

llm as (

    select * from {{ ref('int_postings__llm_enriched') }}

),

-- step 2 of the cascade: the local model, where its confidence is high enough
model as (
    select
        posting_id,
        case when model_job_family_confidence >= {{ model_confidence_threshold('job_family') }}
            then model_job_family end as job_family,
        model_job_family_confidence as job_family_confidence,
        case when model_seniority_confidence >= {{ model_confidence_threshold('seniority') }}
            then model_seniority end as seniority,
        model_seniority_confidence as seniority_confidence
    from {{ ref('int_postings__model_predictions') }}

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
        -- the cascade: rules, then the local model, then the LLM, else NULL
        coalesce(job_families.job_family, model.job_family, llm.job_family) as job_family,
        case
            when job_families.job_family is not null then job_families.job_family_method
            when model.job_family is not null then 'model'
            when llm.job_family is not null then 'llm'
        end as job_family_method,
        case
            when job_families.job_family is not null then 1.0
            when model.job_family is not null then model.job_family_confidence
        end as job_family_confidence,
        coalesce(seniorities.seniority, model.seniority, llm.seniority) as seniority,
        case
            when seniorities.seniority is not null then seniorities.seniority_method
            when model.seniority is not null then 'model'
            when llm.seniority is not null then 'llm'
        end as seniority_method,
        case
            when seniorities.seniority is not null then 1.0
            when model.seniority is not null then model.seniority_confidence
        end as seniority_confidence,
        case
            when seniorities.seniority is not null then seniorities.seniority_basis
            when model.seniority is not null then 'model'
            when llm.seniority is not null then 'llm'
        end as seniority_basis,
        coalesce(experience.experience_min_years, llm.experience_min_years)
            as experience_min_years,
        case
            when experience.experience_min_years is not null then experience.experience_method
            when llm.experience_min_years is not null then 'llm'
        end as experience_method,
        {%- set salary_from_llm = 'salaries.salary_method is null and llm.salary_period is not null' %}
        {%- for column in ['salary_min', 'salary_max', 'salary_currency', 'salary_period'] %}
        case when {{ salary_from_llm }} then llm.{{ column }} else salaries.{{ column }} end
            as {{ column }},
        {%- endfor %}
        case when {{ salary_from_llm }} then 'llm' else salaries.salary_method end
            as salary_method,
        case when {{ salary_from_llm }} then 'llm' else salaries.salary_source end
            as salary_source,
        {%- for column in [
            'salary_min_eur_annual', 'salary_max_eur_annual',
            'salary_min_local_annual', 'salary_max_local_annual', 'fx_rate_month'
        ] %}
        case when {{ salary_from_llm }} then llm.{{ column }} else salaries.{{ column }} end
            as {{ column }},
        {%- endfor %}
        postings.country_currency_code as local_currency,
        salaries.salary_undecided_reason,
        job_families.needs_job_family_enrichment and model.job_family is null
            and llm.job_family is null as needs_job_family_enrichment,
        seniorities.needs_seniority_enrichment and model.seniority is null
            and llm.seniority is null as needs_seniority_enrichment,
        experience.needs_experience_enrichment and llm.experience_min_years is null
            as needs_experience_enrichment,
        salaries.needs_salary_enrichment and not coalesce({{ salary_from_llm }}, false)
            as needs_salary_enrichment,
        postings.dedup_key,
        postings.loaded_at,
        llm.llm_answered_at
    from postings
    left join job_families using (posting_id)
    left join seniorities using (posting_id)
    left join experience using (posting_id)
    left join salaries using (posting_id)
    left join model using (posting_id)
    left join llm using (posting_id)

)

select * from final
