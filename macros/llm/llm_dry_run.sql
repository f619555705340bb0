{#
    dbt run-operation llm_dry_run: what the next run would send to the LLM,
    without sending anything. Per task: flagged postings, distinct inputs,
    inputs already answered (under the current prompt version and model),
    calls the next run would make (capped by max_llm_calls) and an estimate
    of prompt tokens (characters / 4 of the inputs, plus the prompt) and
    completion tokens (~30 per answer, ~80 for a list of skills), and what
    those tokens would cost in USD at the list prices of seed llm_prices
    (macro llm_cost_usd; no cost for a model without a price row).

    Reads int_postings__llm_requests; after new raw data, refresh it first
    with: dbt build --select +int_postings__llm_requests
#}
{% macro llm_dry_run() %}
    {%- set requests = ref('int_postings__llm_requests') -%}
    {%- if adapter.get_relation(requests.database, requests.schema, requests.identifier) is none -%}
        {{ exceptions.raise_compiler_error(
            "llm_dry_run: int_postings__llm_requests is not built yet; run "
            ~ "`dbt build --select +int_postings__llm_requests` first (it makes no LLM call)") }}
    {%- endif -%}
    {%- set prices = ref('llm_prices') -%}
    {%- set have_prices = adapter.get_relation(
        prices.database, prices.schema, prices.identifier) is not none -%}
    {%- set lines = [] -%}
    {%- set total = namespace(calls=0, tokens=0, cost=0.0, unpriced=[]) -%}
    {%- set completion_per_answer = {'skills': 80} -%}
    {%- for task in llm_tasks() -%}
        {%- set answers = ref('int_llm__' ~ task ~ '_answers') -%}
        {%- set have_answers = adapter.get_relation(
            answers.database, answers.schema, answers.identifier) is not none -%}
        {%- set query -%}
            with settings as (select unnest(llm_settings('{{ task }}'))),
            inputs as (
                select
                    input_hash,
                    count(*) as postings,
                    any_value(length(coalesce(input_text, '') || coalesce(input_description, '')))
                        as chars
                from {{ requests }}
                where task = '{{ task }}'
                group by input_hash
            ),
            pending as (
                select inputs.* from inputs
                {%- if have_answers %}
                anti join (
                    select input_hash from {{ answers }}, settings
                    where {{ answers }}.prompt_version = settings.prompt_version
                        and {{ answers }}.model = settings.model
                        and status in {{ llm_final_statuses() }}
                ) using (input_hash)
                {%- endif %}
            )
            select
                (select coalesce(sum(postings), 0) from inputs) as flagged,
                (select count(*) from inputs) as distinct_inputs,
                (select count(*) from pending) as pending,
                (select coalesce(sum(chars), 0) from pending) as pending_chars,
                (select prompt_version from settings) as prompt_version,
                (select model from settings) as model,
                (select enabled from settings) as enabled,
                (select max_llm_calls from settings) as max_llm_calls
        {%- endset -%}
        {%- set row = run_query(query).rows[0] -%}
        {%- set calls = row['pending'] if row['max_llm_calls'] is none
            else [row['pending'], row['max_llm_calls']] | min -%}
        {%- set prompt_tokens = (row['pending_chars'] / 4 + row['pending'] * 250) | int -%}
        {%- set completion_tokens = row['pending'] * completion_per_answer.get(task, 30) -%}
        {%- set total.calls = total.calls + calls -%}
        {%- set total.tokens = total.tokens + prompt_tokens + completion_tokens -%}
        {%- set cost = none -%}
        {%- if have_prices -%}
            {%- set cost_query -%}
                select {{ llm_cost_usd(prompt_tokens, completion_tokens, 'prices') }}
                from {{ prices }} as prices
                where prices.model = {{ llm_price_key("'" ~ row['model'] ~ "'") }}
            {%- endset -%}
            {%- set cost_rows = run_query(cost_query).rows -%}
            {%- set cost = cost_rows[0][0] | float if cost_rows | length > 0 else none -%}
        {%- endif -%}
        {%- if cost is none -%}
            {%- do total.unpriced.append(row['model']) -%}
            {%- set cost_text = 'no price for model ' ~ row['model']
                ~ (' in seed llm_prices' if have_prices
                else ' (seed llm_prices not loaded: dbt seed --select llm_prices)') -%}
        {%- else -%}
            {%- set total.cost = total.cost + cost -%}
            {%- set cost_text = '~' ~ llm_usd_text(cost) -%}
        {%- endif -%}
        {%- do lines.append(
            task ~ ': ' ~ row['flagged'] ~ ' flagged postings, ' ~ row['distinct_inputs']
            ~ ' distinct inputs, ' ~ (row['distinct_inputs'] - row['pending'])
            ~ ' already answered, ' ~ calls ~ ' calls to make (~' ~ prompt_tokens
            ~ ' prompt + ~' ~ completion_tokens ~ ' completion tokens, ' ~ cost_text
            ~ ') with prompt ' ~ row['prompt_version'] ~ ', model ' ~ row['model']) -%}
        {%- if loop.last -%}
            {%- do lines.append('total: ' ~ total.calls ~ ' calls, ~' ~ total.tokens
                ~ ' tokens, ~' ~ llm_usd_text(total.cost) ~ ' at list prices'
                ~ ('' if not total.unpriced
                else ' (not counting ' ~ total.unpriced | unique | join(', ')
                    ~ ': no price)')
                ~ ('' if row['enabled']
                else ' (LLM disabled: set OPENAI_API_KEY or OPENAI_BASE_URL to send them)')
                ~ ('' if row['max_llm_calls'] is none
                else '; max_llm_calls=' ~ row['max_llm_calls'] ~ ' applies to the whole run')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for line in lines %}
        {{ log('llm_dry_run ' ~ line, info=true) }}
    {%- endfor %}
{% endmacro %}

{#- A USD amount for a log line: $1,234.57, or <$0.01 for a fraction of a cent. -#}
{% macro llm_usd_text(usd) -%}
    {{- '<$0.01' if 0 < usd < 0.005 else '$' ~ '{:,.2f}'.format(usd) -}}
{%- endmacro %}
