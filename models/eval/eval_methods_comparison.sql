{#
    When each approach wins: per label source, method (rules only, local
    model only, LLM only, the cascade) and field group, precision and
    coverage (from eval_field_accuracy; salary = all four salary fields
    exactly right), and what the method costs in LLM calls and tokens per
    1,000 postings.
    - LLM calls per 1,000: rules and model 0; llm: the postings asked for the
      field's task; cascade: the postings the rules (and, for job family and
      seniority, the model) leave undecided — what a production run sends.
    - Tokens per call: the average of this warehouse's paid answers for the
      task (NULL while the LLM never answered).
#}
{{ config(tags=['eval']) }}

with

labels as (

    select * from {{ ref('int_eval__labels') }}

),

predictions as (

    select * from {{ ref('int_eval__predictions') }}

),

labeled_postings as (

    select distinct label_source, posting_id from labels

),

field_groups as (

    select g.field, g.field_group, g.task from (values
        ('job_family', 'job_family', 'classification'),
        ('seniority', 'seniority', 'classification'),
        ('experience_min_years', 'experience_min_years', 'experience'),
        ('salary_min', 'salary', 'salary'),
        ('salary_max', 'salary', 'salary'),
        ('salary_currency', 'salary', 'salary'),
        ('salary_period', 'salary', 'salary')
    ) as g (field, field_group, task)

),

-- one row per posting and field group: did the method decide, was it exactly right
scored as (

    select
        labels.label_source,
        field_groups.field_group,
        predictions.method,
        labels.posting_id,
        bool_or(labels.stated) as stated,
        bool_and(predictions.predicted is not distinct from labels.expected) as correct
    from labels
    inner join field_groups using (field)
    inner join predictions
        on labels.posting_id = predictions.posting_id
        and labels.field = predictions.field
    group by all

),

stated_postings as (

    select labels.label_source, field_groups.field_group, count(distinct labels.posting_id)
        as labeled_rows
    from labels
    inner join field_groups using (field)
    where labels.stated
    group by all

),

accuracy as (

    select
        label_source,
        field_group,
        method,
        count(*) as decided_rows,
        count_if(correct) as correct_rows,
        count_if(stated) as decided_stated_rows
    from scored
    group by all

),

-- postings the cascade sends to the LLM, per task
cascade_sent as (

    select
        labeled_postings.label_source,
        count_if(salaries.needs_salary_enrichment) as salary,
        count_if(experience.needs_experience_enrichment) as experience,
        count_if(
            cascaded.needs_job_family_enrichment or cascaded.needs_seniority_enrichment
        ) as classification
    from labeled_postings
    inner join {{ ref('int_postings__salary_extracted') }} as salaries using (posting_id)
    inner join {{ ref('int_postings__experience_extracted') }} as experience using (posting_id)
    inner join {{ ref('int_postings__cascaded') }} as cascaded using (posting_id)
    group by all

),

llm_sent as (

    select labeled_postings.label_source, requests.task, count(distinct requests.posting_id)
        as postings
    from labeled_postings
    inner join {{ ref('int_postings__llm_requests') }} as requests using (posting_id)
    group by all

),

tokens_per_call as (

    {%- for task in ['salary', 'experience', 'classification'] %}
    select '{{ task }}' as task, avg(prompt_tokens + completion_tokens) as tokens
    from {{ ref('int_llm__' ~ task ~ '_answers') }}
    where call_source in ('api', 'cache') and prompt_tokens > 0
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

postings_per_source as (

    select label_source, count(*) as postings from labeled_postings group by all

),

grid as (

    select postings_per_source.*, groups.field_group, groups.task, methods.method
    from postings_per_source
    cross join (select distinct field_group, task from field_groups) as groups
    cross join (values ('rules'), ('model'), ('llm'), ('cascade')) as methods (method)

),

final as (

    select
        grid.label_source,
        grid.method,
        grid.field_group,
        grid.postings,
        coalesce(stated_postings.labeled_rows, 0) as labeled_rows,
        coalesce(accuracy.decided_rows, 0) as decided_rows,
        round(accuracy.correct_rows / nullif(accuracy.decided_rows, 0), 4) as precision,
        round(coalesce(accuracy.decided_stated_rows, 0)
            / nullif(stated_postings.labeled_rows, 0), 4) as coverage,
        round(1000.0 * case grid.method
            when 'llm' then coalesce(llm_sent.postings, 0)
            when 'cascade' then case grid.task
                when 'salary' then cascade_sent.salary
                when 'experience' then cascade_sent.experience
                else cascade_sent.classification
            end
            else 0
        end / grid.postings, 1) as llm_calls_per_1k_postings,
        case
            when grid.method in ('rules', 'model') then 0
            else round(1000.0 * case grid.method
                when 'llm' then coalesce(llm_sent.postings, 0)
                else case grid.task
                    when 'salary' then cascade_sent.salary
                    when 'experience' then cascade_sent.experience
                    else cascade_sent.classification
                end
            end / grid.postings * tokens_per_call.tokens)
        end as llm_tokens_per_1k_postings
    from grid
    left join stated_postings using (label_source, field_group)
    left join accuracy using (label_source, field_group, method)
    left join cascade_sent using (label_source)
    left join llm_sent using (label_source, task)
    left join tokens_per_call using (task)

)

select * from final
