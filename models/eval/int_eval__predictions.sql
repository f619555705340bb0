{#
    What each method says per canonical posting and field (long format, the
    counterpart of int_eval__labels): one row where the method decided the
    field — for salary fields, where it decided the salary (salary_min may
    then be NULL for an "up to" figure).
    - rules: the rule models alone;
    - model: the local model alone, where int_postings__cascaded accepts its
      answer (job family and seniority only);
    - llm: the LLM's usable answers alone (every field the LLM was asked;
      with var llm_request_all that is every posting);
    - cascade: fct_postings (rules, then model, then LLM), but only the LLM
      values a production run asks for: with var llm_request_all the LLM
      also answered fields the rules leave NULL without flagging them
      (needs_*_enrichment false: nothing in the text to find), and
      fct_postings takes those answers; they are not the cascade's (its LLM
      calls in eval_methods_comparison count the flagged rows only).
#}
{{ config(materialized='table', tags=['eval']) }}

with

labeled_postings as (

    -- only labeled postings are scored: on a warehouse without labels
    -- (var gold_labels_path unset, no eval seed postings) this is empty and
    -- the model costs nothing
    select distinct posting_id from {{ ref('int_eval__labels') }}

),

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
    where posting_id in (select posting_id from labeled_postings)

),

model as (

    -- the model's values where int_postings__cascaded accepts them
    select
        posting_id,
        job_family_model as job_family,
        seniority_model as seniority,
        cast(null as integer) as experience_min_years,
        cast(null as double) as salary_min,
        cast(null as double) as salary_max,
        cast(null as varchar) as salary_currency,
        cast(null as varchar) as salary_period,
        false as salary_decided
    from {{ ref('int_postings__cascaded') }}
    where posting_id in (select posting_id from labeled_postings)
        and (job_family_model is not null or seniority_model is not null)

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
    where posting_id in (select posting_id from labeled_postings)

),

-- fct_postings and whether a value of it came from an LLM answer that a
-- production run would not have asked for. Job family and seniority: an LLM
-- value is used only where the rules and the model left the field NULL,
-- which flags the posting for the classification task anyway.
cascade_postings as (

    select
        postings.posting_id,
        postings.job_family,
        postings.seniority,
        postings.experience_min_years,
        postings.salary_min,
        postings.salary_max,
        postings.salary_currency,
        postings.salary_period,
        postings.salary_method,
        coalesce(postings.experience_method = 'llm'
            and not experience.needs_experience_enrichment, false) as is_experience_unasked,
        coalesce(postings.salary_method = 'llm'
            and not salaries.needs_salary_enrichment, false) as is_salary_unasked
    from {{ ref('fct_postings') }} as postings
    left join {{ ref('int_postings__experience_extracted') }} as experience using (posting_id)
    left join {{ ref('int_postings__salary_extracted') }} as salaries using (posting_id)
    where posting_id in (select posting_id from labeled_postings)

),

cascade as (

    select
        posting_id,
        job_family,
        seniority,
        case when not is_experience_unasked then experience_min_years end
            as experience_min_years,
        {%- for column in ['salary_min', 'salary_max', 'salary_currency', 'salary_period'] %}
        case when not is_salary_unasked then {{ column }} end as {{ column }},
        {%- endfor %}
        salary_method is not null and not is_salary_unasked as salary_decided
    from cascade_postings

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
