{#
    Tokens into money, with seed llm_prices: the one home of the sum, for
    mart llm_usage (tokens paid) and llm_dry_run (tokens estimated).
#}

{#- The llm_prices key of a model: itself, or ft:<base> for a fine-tuned id
    ft:<base>:<org>::<id>. -#}
{% macro llm_price_key(model) -%}
    case
        when {{ model }} like 'ft:%'
            then 'ft:' || split_part({{ model }}, ':', 2)
        else {{ model }}
    end
{%- endmacro %}

{#- USD of prompt and completion tokens at the list prices of an llm_prices
    row (its alias: prices). Cached input is not recorded: full input price. -#}
{% macro llm_cost_usd(prompt_tokens, completion_tokens, prices) -%}
    (
        {{ prompt_tokens }} * {{ prices }}.input_usd_per_1m
        + {{ completion_tokens }} * {{ prices }}.output_usd_per_1m
    ) / 1000000.0
{%- endmacro %}
