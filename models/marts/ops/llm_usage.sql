{#
    What the LLM stage did and cost, one row per dbt run and task (appended
    by every run that builds the answers models; kept on --full-refresh).

    - flagged_rows: postings the rules left undecided for the task;
      distinct_inputs: their distinct texts (what de-duplication leaves);
      warehouse_hits: inputs whose final answer (ok, invalid_output,
      ungrounded, refused) an earlier run stored, so this run did not ask
      them; a stored disabled, over_budget or error row saves no call (the
      next run of its answers model asks it again), so it is no hit, also
      in a run that did not select that model;
      rows_asked: inputs sent to the UDF this run, of which calls went to
      the API and cache_hits came from the response cache file;
    - statuses of the rows asked, retries, tokens paid, latency of the calls;
    - tokens_saved_by_dedup / tokens_saved_by_cache: tokens the run did not
      pay thanks to de-duplication and to stored answers (warehouse and
      cache file), from the token counts recorded when each answer was paid;
      tokens_without_savings = paid + saved: what the run would have cost.
    - estimated_cost_usd: the tokens paid at the list prices of seed
      llm_prices (macro llm_cost_usd); NULL, with cost_note saying so, for a
      model without a price row that paid tokens.
    One row per task of llm_tasks(), whether or not its answers model ran.
#}
{#- append_new_columns: a warehouse built before a column was added keeps
    its rows; the new column is added, NULL on them (full_refresh=false). -#}
{{ config(
    materialized='incremental',
    unique_key=['run_id', 'task'],
    incremental_strategy='delete+insert',
    full_refresh=false,
    on_schema_change='append_new_columns',
    tags=['llm'],
) }}

{%- set tasks = llm_tasks() %}

with

answers as (

    {%- for task in tasks %}
    select
        task, input_hash, prompt_version, model, status, call_source, retries,
        prompt_tokens, completion_tokens, latency_ms, run_id, answered_at
    from {{ ref('int_llm__' ~ task ~ '_answers') }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

settings as (

    {%- for task in tasks %}
    select unnest(llm_settings('{{ task }}'))
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

prices as (

    select * from {{ ref('llm_prices') }}

),

requests as (

    select task, input_hash, count(*) as postings
    from {{ ref('int_postings__llm_requests') }}
    group by task, input_hash

),

-- the stored answer of each flagged input under the current prompt and model
current_answers as (

    select
        requests.task,
        requests.input_hash,
        requests.postings,
        answers.run_id,
        answers.call_source,
        answers.status,
        -- a final answer stored by an earlier run: this run did not pay for it
        coalesce(
            answers.run_id <> '{{ invocation_id }}'
            and answers.status in {{ llm_final_statuses() }},
            false
        ) as is_warehouse_hit,
        coalesce(answers.prompt_tokens + answers.completion_tokens, 0) as tokens
    from requests
    inner join settings using (task)
    left join answers
        on requests.task = answers.task
        and requests.input_hash = answers.input_hash
        and settings.prompt_version = answers.prompt_version
        and settings.model = answers.model

),

savings as (

    select
        task,
        sum(postings) as flagged_rows,
        count(*) as distinct_inputs,
        count_if(is_warehouse_hit) as warehouse_hits,
        sum((postings - 1) * tokens) as tokens_saved_by_dedup,
        sum(tokens) filter (where is_warehouse_hit or call_source = 'cache')
            as tokens_saved_by_cache
    from current_answers
    group by task

),

this_run as (

    select
        task,
        any_value(prompt_version) as prompt_version,
        any_value(model) as model,
        count(*) as rows_asked,
        count_if(call_source = 'api') as calls,
        count_if(call_source = 'cache') as cache_hits,
        coalesce(sum(retries), 0) as retries,
        {%- for status in ['ok', 'invalid_output', 'ungrounded', 'refused', 'error', 'over_budget', 'disabled'] %}
        count_if(status = '{{ status }}') as {{ status }}_rows,
        {%- endfor %}
        coalesce(sum(prompt_tokens) filter (where call_source = 'api'), 0) as prompt_tokens,
        coalesce(sum(completion_tokens) filter (where call_source = 'api'), 0)
            as completion_tokens,
        quantile_cont(latency_ms, 0.5) filter (where call_source = 'api') as latency_p50_ms,
        quantile_cont(latency_ms, 0.95) filter (where call_source = 'api') as latency_p95_ms,
        max(latency_ms) filter (where call_source = 'api') as latency_max_ms
    from answers
    where run_id = '{{ invocation_id }}'
    group by task

),

usage_counted as (

    select
        '{{ invocation_id }}' as run_id,
        cast('{{ run_started_at }}' as timestamp) as run_started_at,
        settings.task,
        settings.prompt_version,
        settings.model,
        settings.enabled as llm_enabled,
        coalesce(savings.flagged_rows, 0) as flagged_rows,
        coalesce(savings.distinct_inputs, 0) as distinct_inputs,
        coalesce(savings.warehouse_hits, 0) as warehouse_hits,
        coalesce(this_run.rows_asked, 0) as rows_asked,
        coalesce(this_run.calls, 0) as calls,
        coalesce(this_run.cache_hits, 0) as cache_hits,
        coalesce(this_run.retries, 0) as retries,
        {%- for status in ['ok', 'invalid_output', 'ungrounded', 'refused', 'error', 'over_budget', 'disabled'] %}
        coalesce(this_run.{{ status }}_rows, 0) as {{ status }}_rows,
        {%- endfor %}
        coalesce(this_run.prompt_tokens, 0) as prompt_tokens,
        coalesce(this_run.completion_tokens, 0) as completion_tokens,
        this_run.latency_p50_ms,
        this_run.latency_p95_ms,
        this_run.latency_max_ms,
        coalesce(savings.tokens_saved_by_dedup, 0) as tokens_saved_by_dedup,
        coalesce(savings.tokens_saved_by_cache, 0) as tokens_saved_by_cache,
        coalesce(this_run.prompt_tokens, 0) + coalesce(this_run.completion_tokens, 0)
            + coalesce(savings.tokens_saved_by_dedup, 0)
            + coalesce(savings.tokens_saved_by_cache, 0) as tokens_without_savings
    from settings
    left join savings using (task)
    left join this_run using (task)

),

final as (

    select
        usage_counted.*,
        case
            when prices.model is not null
                then {{ llm_cost_usd(
                    'usage_counted.prompt_tokens',
                    'usage_counted.completion_tokens',
                    'prices'
                ) }}
            -- no price needed: nothing was paid
            when usage_counted.prompt_tokens
                + usage_counted.completion_tokens = 0 then 0.0
        end as estimated_cost_usd,
        case
            when prices.model is not null then 'list_price'
            when usage_counted.prompt_tokens
                + usage_counted.completion_tokens = 0 then 'no_tokens_paid'
            else 'no_price_for_model'
        end as cost_note,
        prices.price_date
    from usage_counted
    left join prices
        on {{ llm_price_key('usage_counted.model') }} = prices.model

)

select * from final
