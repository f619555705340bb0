{#
    A label or prediction as comparable text: numbers rounded to cents, so
    60000, 60000.0 and 60000.004 compare equal; text unchanged.
#}
{% macro eval_text(expression) -%}
    cast(cast(round(cast({{ expression }} as double), 2) as decimal(18, 2)) as varchar)
{%- endmacro %}
