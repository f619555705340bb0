{#
    on-run-end: one log line on what still waits for the LLM, e.g.
    "LLM enrichment disabled (set OPENAI_API_KEY or OPENAI_BASE_URL):
    1,979 flagged inputs await enrichment (salary 285, experience 306,
    classification 976, skills 412)". Counts, for the answers models of
    llm_tasks() that ran this invocation, the inputs requested now whose
    answer under the current prompt version and model is not final. Silent when nothing waits or no
    answers model ran.
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
            {%- set query -%}
                {%- for result in ran %}
                {%- set task = result.node.name | replace("int_llm__", "") | replace("_answers", "") %}
                select
                    '{{ task }}' as task,
                    count(*) filter (where status in ('disabled', 'over_budget', 'error')) as waiting,
                    count(*) filter (where status = 'disabled') as disabled,
                    count(*) filter (where status = 'over_budget') as over_budget
                from {{ result.node.relation_name }}
                -- the current answer of every input requested now (a disabled
                -- row of an earlier run stays while the LLM is off)
                where prompt_version = llm_settings('{{ task }}').prompt_version
                    and model = llm_settings('{{ task }}').model
                    and input_hash in (
                        select input_hash from {{ requests.relation_name }}
                        where task = '{{ task }}'
                    )
                {{ 'union all' if not loop.last }}
                {%- endfor %}
            {%- endset -%}
            {%- set rows = run_query(query).rows -%}
            {%- set waiting = rows | sum(attribute='waiting') -%}
            {%- if waiting > 0 -%}
                {%- set parts = [] -%}
                {%- for row in rows if row['waiting'] > 0 -%}
                    {%- do parts.append(row['task'] ~ ' ' ~ row['waiting']) -%}
                {%- endfor -%}
                {%- if rows | sum(attribute='disabled') == waiting -%}
                    {%- set why = 'LLM enrichment disabled (set OPENAI_API_KEY or OPENAI_BASE_URL)' -%}
                {%- elif rows | sum(attribute='over_budget') > 0 -%}
                    {%- set why = 'LLM budget (max_llm_calls) reached or calls failed' -%}
                {%- else -%}
                    {%- set why = 'LLM calls failed' -%}
                {%- endif -%}
                {{ log(why ~ ': ' ~ waiting ~ ' distinct inputs await enrichment ('
                    ~ parts | join(', ') ~ '); the next run asks for them', info=true) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}
