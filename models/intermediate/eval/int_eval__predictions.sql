{#
    What each method says per canonical posting and field (long format, the
    counterpart of int_eval__labels): one row where the method decided the
    field — for salary fields, where it decided the salary (salary_min may
    then be NULL for an "up to" figure).
    - rules: the rule models alone;
    - model: the local model alone, at var model_min_confidence (job family
      and seniority only);
    - llm: the LLM's usable answers alone (every field the LLM was asked;
      with var llm_request_all that is every posting);
    - cascade: fct_postings (rules, then model, then LLM).
#}
{{ config(materialized='table', tags=['eval']) }}

{%- set min_confidence = var('model_min_confidence') %}

with

rules as (

    select
        posting_id,
        job_families.job_family,
        seniorities.seniority,
        experience.experience_min_years,
        salaries.salary_min,
        salaries.salary_max,
        salaries.salary_currency,
        salaries.salary_period,
        salaries.salary_method is not null as salary_decided
    from {{ ref('int_postings__job_family_labeled') }} as job_families
    inner join {{ ref('int_postings__seniority_labeled') }} as seniorities using (posting_id)
    inner join {{ ref('int_postings__experience_extracted') }} as experience using (posting_id)
    inner join {{ ref('int_postings__salary_extracted') }} as salaries using (posting_id)

),

model as (

    select
        posting_id,
        case when model_job_family_confidence >= {{ min_confidence }}
            then model_job_family end as job_family,
        case when model_seniority_confidence >= {{ min_confidence }}
            then model_seniority end as seniority,
        cast(null as integer) as experience_min_years,
        cast(null as double) as salary_min,
        cast(null as double) as salary_max,
        cast(null as varchar) as salary_currency,
        cast(null as varchar) as salary_period,
        false as salary_decided
    from {{ ref('int_postings__model_predictions') }}

),

llm as (

    select
        posting_id,
        job_family,
        seniority,
        experience_min_years,
        salary_min,
        salary_max,
        salary_currency,
        salary_period,
        salary_period is not null as salary_decided
    from {{ ref('int_postings__llm_enriched') }}

),

cascade as (

    select
        posting_id,
        job_family,
        seniority,
        experience_min_years,
        salary_min,
        salary_max,
        salary_currency,
        salary_period,
        salary_method is not null as salary_decided
    from {{ ref('fct_postings') }}

),

methods as (

    select 'rules' as method, * from rules
    union all
    select 'model' as method, * from model
    union all
    select 'llm' as method, * from llm
    union all
    select 'cascade' as method, * from cascade

),

final as (

    select
        methods.posting_id,
        methods.method,
        fields.field,
        fields.predicted
    from methods
    cross join lateral (
        values
            ('job_family', methods.job_family, methods.job_family is not null),
            ('seniority', methods.seniority, methods.seniority is not null),
            ('experience_min_years', {{ eval_text('methods.experience_min_years') }},
                methods.experience_min_years is not null),
            ('salary_min', {{ eval_text('methods.salary_min') }}, methods.salary_decided),
            ('salary_max', {{ eval_text('methods.salary_max') }}, methods.salary_decided),
            ('salary_currency', methods.salary_currency, methods.salary_decided),
            ('salary_period', methods.salary_period, methods.salary_decided)
    ) as fields (field, predicted, decided)
    where fields.decided

)

select * from final
