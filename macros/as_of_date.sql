{#
    The reference date of a run. Every model uses this instead of
    current_date so that a run is reproducible: set the var as_of_date
    (YYYY-MM-DD); unset, it is the day the run started.
#}
{% macro as_of_date() -%}
    {%- set value = var('as_of_date', none) or run_started_at.strftime('%Y-%m-%d') -%}
    cast('{{ value }}' as date)
{%- endmacro %}
