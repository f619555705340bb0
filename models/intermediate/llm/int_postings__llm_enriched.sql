{#
    The LLM's usable answers per canonical posting: for each task, the latest
    answer with status ok for the posting's input (any prompt version or
    model: a validated, grounded answer stays usable when the prompt moves
    on). Salaries get the same annualisation, FX conversion and plausibility
    bounds as the rule values (macro salary_annualised); an answer
    outside the bounds is not used.

    fct_postings takes these values only where the rules left a field NULL.
    llm_answered_at (the newest answer used) lets fct_postings pick up
    postings whose answer arrived after they were loaded.
#}
{{ config(materialized='table', tags=['llm']) }}

with

requests as (

    select posting_id, dedup_key, task, input_hash
    from {{ ref('int_postings__llm_requests') }}

),

salary_answers as (

    select * from {{ ref('int_llm__salary_answers') }}
    where status = 'ok' and coalesce(salary_min, salary_max) is not null
    qualify row_number() over (partition by input_hash order by answered_at desc) = 1

),

experience_answers as (

    select * from {{ ref('int_llm__experience_answers') }}
    where status = 'ok' and experience_min_years is not null
    qualify row_number() over (partition by input_hash order by answered_at desc) = 1

),

classification_answers as (

    select * from {{ ref('int_llm__classification_answers') }}
    where status = 'ok'
    qualify row_number() over (partition by input_hash order by answered_at desc) = 1

),

postings_dated as (

    select posting_id, country_code, country_currency_code, post_date
    from {{ ref('int_postings__deduplicated') }}

),

salaries_answered as (

    select
        requests.posting_id,
        salary_answers.salary_min,
        salary_answers.salary_max,
        salary_answers.currency as salary_currency,
        salary_answers.period as salary_period,
        postings_dated.country_code,
        postings_dated.country_currency_code,
        postings_dated.post_date,
        salary_answers.answered_at
    from requests
    inner join salary_answers using (input_hash)
    inner join postings_dated using (posting_id)
    where requests.task = 'salary'

),

-- the same annualisation, FX and plausibility as the rule values
-- (macros/salary/salary_annualised.sql); an implausible answer is not used
salaries_annualised as (

    {{ salary_annualised('salaries_answered') }}

),

salaries as (

    select * from salaries_annualised
    where salary_money_reason is null

),

experience as (

    select
        requests.posting_id,
        experience_answers.experience_min_years,
        experience_answers.answered_at
    from requests
    inner join experience_answers using (input_hash)
    where requests.task = 'experience'

),

classifications as (

    select
        requests.posting_id,
        classification_answers.job_family,
        classification_answers.seniority,
        classification_answers.answered_at
    from requests
    inner join classification_answers using (input_hash)
    where requests.task = 'classification'

),

postings as (

    select distinct posting_id, dedup_key from requests

),

final as (

    select
        postings.posting_id,
        postings.dedup_key,
        classifications.job_family,
        classifications.seniority,
        experience.experience_min_years,
        salaries.salary_min,
        salaries.salary_max,
        salaries.salary_currency,
        salaries.salary_period,
        salaries.salary_min_eur_annual,
        salaries.salary_max_eur_annual,
        salaries.salary_min_local_annual,
        salaries.salary_max_local_annual,
        salaries.fx_rate_month,
        greatest(
            classifications.answered_at, experience.answered_at, salaries.answered_at
        ) as llm_answered_at
    from postings
    left join classifications using (posting_id)
    left join experience using (posting_id)
    left join salaries using (posting_id)
    where coalesce(
        classifications.answered_at, experience.answered_at, salaries.answered_at
    ) is not null

)

select * from final
