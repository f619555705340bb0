{#
    on-run-end: what the LLM stage did this run and what still waits for it.

    1. One line of this run's answers per task, by status ("LLM this run:
       salary 30 ok, 5 error; classification 12 ok").
    2. Warnings a user can act on: inputs that ended in status error (with
       the most common error, which names the setting to check when the
       breaker stopped the calls), more than max_error_ratio of a task's
       inputs in error (the marts were refreshed without them; strict mode,
       var llm_fail_on_error_ratio, fails the run instead), and a task whose
       answers were mostly invalid_output (the model does not follow the
       schema).
    3. What waits: the inputs requested now whose answer under the current
       prompt version and model is not final, e.g. "LLM enrichment disabled
       (set OPENAI_API_KEY or OPENAI_BASE_URL): 1,979 distinct inputs await
       enrichment (salary 285, ...)". The reason given is the true one: the
       LLM is off, calls failed this run, or the budget ran out.
    Silent when no answers model ran.
#}
{% macro llm_report_pending(results) %}
    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- set answers_models = [] -%}
        {%- for task in llm_tasks() -%}
            {%- do answers_models.append('int_llm__' ~ task ~ '_answers') -%}
        {%- endfor -%}
        {%- set ran = results | selectattr('node.name', 'in', answers_models)
            | selectattr('status', 'in', ['success', 'error']) | list -%}
        {%- set requests = graph.nodes.values()
            | selectattr('name', 'equalto', 'int_postings__llm_requests') | first -%}
        {%- if ran -%}
            {%- set this_run = "run_id = '" ~ invocation_id ~ "'" -%}
            {%- set query -%}
                {%- for result in ran %}
                {%- set task = result.node.name | replace("int_llm__", "") | replace("_answers", "") %}
                select * from (
                    with current_answers as (
                        -- the current answer of every input requested now (a
                        -- disabled row of an earlier run stays while the LLM is off)
                        select status, error, run_id
                        from {{ result.node.relation_name }}
                        where prompt_version = llm_settings('{{ task }}').prompt_version
                            and model = llm_settings('{{ task }}').model
                            and input_hash in (
                                select input_hash from {{ requests.relation_name }}
                                where task = '{{ task }}'
                            )
                    ),
                    statuses_now as (
                        select status, count(*) as n
                        from current_answers
                        where {{ this_run }}
                        group by status
                    )
                    select
                        '{{ task }}' as task,
                        count(*) filter (where status in ('disabled', 'over_budget', 'error'))
                            as waiting,
                        count(*) filter (where status = 'disabled') as disabled,
                        count(*) filter (where status = 'over_budget') as over_budget,
                        count(*) filter (where {{ this_run }}) as answered_now,
                        count(*) filter (where {{ this_run }} and status = 'error') as errors_now,
                        count(*) filter (where {{ this_run }} and status = 'invalid_output')
                            as invalid_now,
                        (select coalesce(string_agg(n || ' ' || status, ', ' order by status), '')
                         from statuses_now) as statuses_now,
                        mode(error) filter (where {{ this_run }} and status = 'error')
                            as common_error,
                        (select count(distinct input_hash) from {{ requests.relation_name }}
                         where task = '{{ task }}') as requested,
                        llm_settings('{{ task }}').max_error_ratio as max_error_ratio
                    from current_answers
                )
                {{ 'union all' if not loop.last }}
                {%- endfor %}
            {%- endset -%}
            {%- set rows = run_query(query).rows -%}
            {%- do llm_report_this_run(rows) -%}
            {%- do llm_report_waiting(rows) -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}

{% macro llm_report_this_run(rows) %}
    {%- set parts = [] -%}
    {%- for row in rows if row['answered_now'] > 0 -%}
        {%- do parts.append(row['task'] ~ ' ' ~ row['statuses_now']) -%}
    {%- endfor -%}
    {%- if parts -%}
        {{ log('LLM this run: ' ~ parts | join('; '), info=true) }}
    {%- endif -%}
    {%- for row in rows if row['errors_now'] > 0 -%}
        {%- set ratio = row['errors_now'] / [row['requested'], 1] | max -%}
        {%- do exceptions.warn(
            'WARNING: LLM ' ~ row['task'] ~ ': ' ~ row['errors_now'] ~ ' of '
            ~ row['requested'] ~ ' inputs ended in status error this run ('
            ~ '{:.1%}'.format(ratio) ~ '; most common: '
            ~ (row['common_error'] or '?') | trim ~ '). '
            ~ ('Above max_error_ratio ' ~ row['max_error_ratio'] ~ ': ' if ratio > row['max_error_ratio'] else '')
            ~ 'The marts were refreshed with the rule and model values; these inputs are asked '
            ~ 'again next run (var llm_fail_on_error_ratio: true fails the run instead).') -%}
    {%- endfor -%}
    {%- for row in rows if row['answered_now'] >= 5 and row['invalid_now'] > row['answered_now'] / 2 -%}
        {%- do exceptions.warn(
            'WARNING: LLM ' ~ row['task'] ~ ': ' ~ row['invalid_now'] ~ ' of '
            ~ row['answered_now'] ~ ' answers this run were invalid_output (not the requested '
            ~ 'JSON): the model or server does not follow the schema; check '
            ~ 'SALARY_INSIGHTS_LLM_MODEL and OPENAI_BASE_URL') -%}
    {%- endfor -%}
{% endmacro %}

{% macro llm_report_waiting(rows) %}
    {%- set waiting = rows | sum(attribute='waiting') -%}
    {%- if waiting > 0 -%}
        {%- set parts = [] -%}
        {%- for row in rows if row['waiting'] > 0 -%}
            {%- do parts.append(row['task'] ~ ' ' ~ row['waiting']) -%}
        {%- endfor -%}
        {%- if rows | sum(attribute='disabled') == waiting -%}
            {%- set why = 'LLM enrichment disabled (set OPENAI_API_KEY or OPENAI_BASE_URL)' -%}
        {%- elif rows | sum(attribute='errors_now') > 0 -%}
            {%- set why = 'LLM calls failed this run (see the warning above)' -%}
        {%- elif rows | sum(attribute='over_budget') > 0 -%}
            {%- set why = 'LLM budget (max_llm_calls) reached' -%}
        {%- else -%}
            {%- set why = 'LLM calls failed in an earlier run' -%}
        {%- endif -%}
        {{ log(why ~ ': ' ~ waiting ~ ' distinct inputs await enrichment ('
            ~ parts | join(', ') ~ '); the next run asks for them', info=true) }}
    {%- endif -%}
{% endmacro %}
