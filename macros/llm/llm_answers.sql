{#
    The body of an LLM answers model (int_llm__<task>_answers): asks the
    task's UDF for every distinct input of int_postings__llm_requests that
    has no final answer yet under the current prompt version and model, and
    keeps one row per (task, prompt version, model, input hash).

    Final statuses (ok, invalid_output, ungrounded, refused) are never asked
    again; error, over_budget and disabled rows are, and their new answer
    replaces them (unique_key llm_key, delete+insert) — disabled rows only
    once the LLM is on (with it off they would come back the same). The models are
    protected from --full-refresh (full_refresh: false): paid answers are
    kept. An unchanged re-run selects no pending row and makes no call.

    task: salary | experience | classification | skills; udf: the function
    name; fields: the task's result fields besides status and error (a list
    field such as skills VARCHAR[] is stored as it comes).
#}
{#
    The LLM tasks, in the order reports list them: one answers model
    int_llm__<task>_answers each. Loop over this instead of spelling them.
#}
{% macro llm_tasks() -%}
    {{ return(['salary', 'experience', 'classification', 'skills']) }}
{%- endmacro %}

{% macro llm_final_statuses() -%}
    ('ok', 'invalid_output', 'ungrounded', 'refused')
{%- endmacro %}

{% macro llm_answers(task, udf, fields) %}
{#- one text per input (texts with one hash differ in white space only) -#}
{%- set texts -%}
    any_value(input_text) as input_text,
        any_value(input_description) as input_description
{%- endset %}
with

settings as (

    select unnest(llm_settings('{{ task }}'))

),

requests as (

    -- the task's distinct inputs; a full build reads their texts here, an
    -- incremental run below for the pending ones only (it has few: reading
    -- every text of the queue cost most of an unchanged run of this model)
    select
        input_hash,
        count(*) as postings
        {%- if not is_incremental() %},
        {{ texts }}
        {%- endif %}
    from {{ ref('int_postings__llm_requests') }}
    where task = '{{ task }}'
    group by input_hash

),

pending_inputs as (

    select
        requests.*,
        settings.prompt_version,
        settings.model
    from requests
    cross join settings
    {%- if is_incremental() %}
    anti join (
        select input_hash, prompt_version, model
        from {{ this }}
        where status in {{ llm_final_statuses() }}
            -- while the LLM is off, a stored 'disabled' row stays: asking
            -- again would write the same row (at 1M postings, hundreds of
            -- thousands per run); once a key or URL is set it is asked
            or (status = 'disabled' and not (select enabled from settings))
    ) as answered
        on requests.input_hash = answered.input_hash
        and settings.prompt_version = answered.prompt_version
        and settings.model = answered.model
    {%- endif %}

),
{%- if is_incremental() %}

pending_texts as (

    select
        input_hash,
        {{ texts }}
    from {{ ref('int_postings__llm_requests') }}
    where task = '{{ task }}'
        and input_hash in (select input_hash from pending_inputs)
    group by input_hash

),

pending as (

    select
        pending_inputs.*,
        pending_texts.input_text,
        pending_texts.input_description
    from pending_inputs
    inner join pending_texts using (input_hash)

),
{%- else %}

pending as (

    select * from pending_inputs

),
{%- endif %}

answered as (

    select
        pending.*,
        {%- if task == 'classification' %}
        {{ udf }}(input_text, input_description) as answer
        {%- else %}
        {{ udf }}(input_text) as answer
        {%- endif %}
    from pending

),

final as (

    select
        md5(concat_ws(chr(31), '{{ task }}', prompt_version, model, input_hash)) as llm_key,
        '{{ task }}' as task,
        input_hash,
        prompt_version,
        model,
        answer.status as status,
        answer.error as error,
        {%- for field in fields %}
        answer.{{ field }} as {{ field }},
        {%- endfor %}
        answer.call.source as call_source,
        answer.call.attempts as attempts,
        answer.call.retries as retries,
        answer.call.prompt_tokens as prompt_tokens,
        answer.call.completion_tokens as completion_tokens,
        answer.call.latency_ms as latency_ms,
        postings,
        '{{ invocation_id }}' as run_id,
        cast(now() as timestamp) as answered_at
    from answered

)

select * from final
{% endmacro %}

{#
    Post-hook of each answers model, run after its commit, in strict mode
    only (var llm_fail_on_error_ratio: true): fails the run with one summary
    when the rows that ended in status 'error' this run are more than
    max_error_ratio of the task's flagged inputs (answers of earlier runs
    count as not failed). The answers are kept either way. By default an LLM
    outage degrades instead: the marts refresh with the rule and model
    values, the failed inputs stay pending, and the run-end report
    (llm_report_pending) says so loudly.
#}
{% macro llm_check_error_ratio(task) %}
{%- if not var('llm_fail_on_error_ratio') %}
    select 1
{%- else %}
    with errors as (
        select count(*) as failed, mode(error) as common_error
        from {{ this }}
        where run_id = '{{ invocation_id }}' and status = 'error'
    ),
    inputs as (
        select count(distinct input_hash) as flagged
        from {{ ref('int_postings__llm_requests') }}
        where task = '{{ task }}'
    ),
    limits as (
        select llm_settings('{{ task }}').max_error_ratio as max_error_ratio
    )
    select case
        when errors.failed > limits.max_error_ratio * inputs.flagged
            then error(
                'LLM {{ task }}: ' || errors.failed || ' of ' || inputs.flagged
                || ' flagged inputs ended in status error this run ('
                || round(100.0 * errors.failed / inputs.flagged, 1)
                || '%), above max_error_ratio ' || limits.max_error_ratio
                || '. Most common error: ' || rtrim(coalesce(errors.common_error, '?'), '.')
                || '. Answers received are kept; fix the cause and run again.'
            )
    end
    from errors, inputs, limits
{%- endif %}
{% endmacro %}
