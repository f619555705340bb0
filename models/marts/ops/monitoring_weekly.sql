{#
    The pipeline's health per week (of post_date) and country: how many
    postings arrived, which method decided their job family and seniority
    (rule, model, llm, undecided), how many needed the LLM for a field
    (salary, experience, classification) and how many for skills (few
    dictionary skills), how the LLM's answers to the field tasks ended
    (error, ungrounded), and the job-family distribution.
    Drift tests on this table (severity warn) flag a week whose share of
    `Other` or of rows needing the LLM reaches 1.5x its trailing 4-week
    average.
#}

{%- set methods = ['rule', 'model', 'llm'] %}
{#- the tasks that fill a field of fct_postings; skills is reported apart #}
{%- set field_tasks = llm_tasks() | reject('equalto', 'skills') | list %}
{%- set families = {
    'software_engineering': 'Software Engineering',
    'data_science': 'Data Science',
    'product_management': 'Product Management',
    'other': 'Other',
} %}

with

postings as (

    select
        posting_id,
        country,
        cast(date_trunc('week', post_date) as date) as week_start,
        job_family,
        job_family_method,
        seniority_method
    from {{ ref('fct_postings') }}

),

llm_requests as (

    select posting_id, task, input_hash
    from {{ ref('int_postings__llm_requests') }}

),

field_requests as (

    select * from llm_requests
    where task <> 'skills'

),

skills_requests as (

    select distinct posting_id
    from llm_requests
    where task = 'skills'

),

-- the latest answer of each input, whatever the prompt version or model
llm_answers as (

    {%- for task in field_tasks %}
    select '{{ task }}' as task, input_hash, status
    from {{ ref('int_llm__' ~ task ~ '_answers') }}
    qualify row_number() over (partition by input_hash order by answered_at desc) = 1
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

llm_outcomes as (

    select
        field_requests.posting_id,
        true as sent_to_llm,
        count(*) filter (where llm_answers.status is not null
            and llm_answers.status not in ('disabled', 'over_budget')) as answered,
        count(*) filter (where llm_answers.status = 'error') as errors,
        count(*) filter (where llm_answers.status = 'ungrounded') as ungrounded
    from field_requests
    left join llm_answers using (task, input_hash)
    group by field_requests.posting_id

),

weekly as (

    select
        week_start,
        country,
        count(*) as postings,
        {%- for method in methods %}
        count_if(job_family_method = '{{ method }}') / count(*) as share_family_by_{{ method }},
        {%- endfor %}
        count_if(job_family_method is null) / count(*) as share_family_undecided,
        {%- for method in methods %}
        count_if(seniority_method = '{{ method }}') / count(*) as share_seniority_by_{{ method }},
        {%- endfor %}
        count_if(seniority_method is null) / count(*) as share_seniority_undecided,
        count_if(coalesce(llm_outcomes.sent_to_llm, false)) / count(*) as share_needing_llm,
        coalesce(sum(llm_outcomes.errors) / nullif(sum(llm_outcomes.answered), 0), 0)
            as llm_error_rate,
        coalesce(sum(llm_outcomes.ungrounded) / nullif(sum(llm_outcomes.answered), 0), 0)
            as llm_ungrounded_rate,
        {%- for column, family in families.items() %}
        count_if(job_family = '{{ family }}') / count(*) as share_{{ column }},
        {%- endfor %}
        -- last, so the columns before it keep their positions
        count_if(skills_requests.posting_id is not null) / count(*)
            as share_needing_llm_skills
    from postings
    left join llm_outcomes using (posting_id)
    left join skills_requests using (posting_id)
    group by week_start, country

)

select * from weekly
