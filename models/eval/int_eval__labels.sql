{#
    The labels the evaluation marts score against, one row per canonical
    posting, label source and field (long format; values as text so all
    fields compare alike):
    - eval_seed: the hand-labeled postings of seeds/eval/eval_postings.csv
      (present when the warehouse was built from that file, see README
      "Prompting vs fine-tuning");
    - generated_gold: the generator's gold file, when var gold_labels_path
      names it;
    - real_postings / real_postings_holdout: hand labels of real postings
      (seeds/eval/real_labels.csv, split dev / holdout), present when the
      warehouse was built from ../shared/real-postings converted by
      python -m python_udfs.sample.real_postings.
    `stated` says whether the posting states the field at all (for salary
    fields: whether it states a salary); an unstated field is still a label:
    a method that reports a value there is wrong.
#}
{{ config(materialized='table', tags=['eval']) }}

with

postings as (

    select posting_id, source from {{ ref('fct_postings') }}

),

eval_seed as (

    select
        posting_id,
        'eval_seed' as label_source,
        job_family,
        seniority,
        experience_min_years,
        salary_min,
        salary_max,
        salary_currency,
        salary_period,
        coalesce(salary_min, salary_max) is not null as salary_stated
    from {{ ref('eval_postings') }}

),

generated_gold as (

    {%- if var('gold_labels_path') %}
    select
        posting_id,
        'generated_gold' as label_source,
        job_family,
        seniority,
        experience_min_years,
        case when salary_is_stated then salary_min end as salary_min,
        case when salary_is_stated then salary_max end as salary_max,
        case when salary_is_stated then salary_currency end as salary_currency,
        case when salary_is_stated then salary_period end as salary_period,
        coalesce(salary_is_stated, false) as salary_stated
    from read_parquet('{{ var("gold_labels_path") }}')
    where reject_reason is null
    {%- else %}
    select * from eval_seed where false
    {%- endif %}

),

real_postings as (

    select
        posting_id,
        case split when 'holdout' then 'real_postings_holdout' else 'real_postings' end
            as label_source,
        job_family,
        seniority,
        experience_min_years,
        salary_min,
        salary_max,
        salary_currency,
        salary_period,
        coalesce(salary_min, salary_max) is not null as salary_stated
    from {{ ref('real_labels') }}

),

labels as (

    select * from eval_seed
    union all
    select * from generated_gold
    union all
    select * from real_postings

),

final as (

    select
        labels.posting_id,
        labels.label_source,
        postings.source,
        fields.field,
        fields.expected,
        fields.stated
    from labels
    inner join postings using (posting_id)
    cross join lateral (
        values
            ('job_family', labels.job_family, labels.job_family is not null),
            ('seniority', labels.seniority, labels.seniority is not null),
            ('experience_min_years', {{ eval_text('labels.experience_min_years') }},
                labels.experience_min_years is not null),
            ('salary_min', {{ eval_text('labels.salary_min') }}, labels.salary_stated),
            ('salary_max', {{ eval_text('labels.salary_max') }}, labels.salary_stated),
            ('salary_currency', labels.salary_currency, labels.salary_stated),
            ('salary_period', labels.salary_period, labels.salary_stated)
    ) as fields (field, expected, stated)

)

select * from final
