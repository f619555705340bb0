{#
    One row per canonical posting with every derived field and the method
    that decided it. Job family and seniority go through the cascade: rules,
    then the local model where int_postings__cascaded accepted it
    (*_method = 'model'), then the LLM's usable answer
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
    {#- every job again when the cascade's threshold changed -#}
    {%- if is_incremental() and not cascade_settings_changed() %}
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

-- steps 1 and 2 of the cascade, decided once: rules, then the local model
cascaded as (

    select * from {{ ref('int_postings__cascaded') }}

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
        -- the cascade: rules, then the local model (int_postings__cascaded),
        -- then the LLM, else NULL
        {%- for field in ['job_family', 'seniority'] %}
        coalesce(cascaded.{{ field }}, llm.{{ field }}) as {{ field }},
        case
            when cascaded.{{ field }} is not null then cascaded.{{ field }}_method
            when llm.{{ field }} is not null then 'llm'
        end as {{ field }}_method,
        cascaded.{{ field }}_confidence,
        {%- if field == 'seniority' %}
        case
            when cascaded.seniority is not null then cascaded.seniority_basis
            when llm.seniority is not null then 'llm'
        end as seniority_basis,
        {%- endif %}
        {%- endfor %}
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
        cascaded.needs_job_family_enrichment and llm.job_family is null
            as needs_job_family_enrichment,
        cascaded.needs_seniority_enrichment and llm.seniority is null
            as needs_seniority_enrichment,
        experience.needs_experience_enrichment and llm.experience_min_years is null
            as needs_experience_enrichment,
        salaries.needs_salary_enrichment and not coalesce({{ salary_from_llm }}, false)
            as needs_salary_enrichment,
        -- a string: the 128-bit key as a number is UHUGEINT, which pandas and
        -- polars cannot read; hex, because DuckDB's decimal cast of a UHUGEINT
        -- costs ~60 us a row (a minute at 1M rows), hex() almost nothing
        hex(postings.dedup_key) as dedup_key,
        postings.loaded_at,
        llm.llm_answered_at,
        cascaded.cascade_settings
    from postings
    left join cascaded using (posting_id)
    left join experience using (posting_id)
    left join salaries using (posting_id)
    left join llm using (posting_id)

)

select * from final
