{#
    The plausible range of a derived numeric field (seed field_bounds):
    a dict with `min` and `max`. The one home of these bounds: the rule
    models NULL a value outside them (with a reason), the LLM answer
    schemas read the same seed (python_udfs/llm/schemas.py), and the data
    tests check the same range (test within_field_bounds). The model
    declares `-- depends_on: {{ ref('field_bounds') }}`.
#}
{% macro field_bounds(field) -%}
    {%- set rows = seed_rows('field_bounds', ['field', 'min_value', 'max_value'], "field = '" ~ field ~ "'") -%}
    {%- if execute and rows | length != 1 -%}
        {{ exceptions.raise_compiler_error("seed field_bounds has no row for field '" ~ field ~ "'") }}
    {%- endif -%}
    {%- if not execute -%}
        {{ return({'min': 0, 'max': 0}) }}
    {%- endif -%}
    {{ return({'min': rows[0]['min_value'], 'max': rows[0]['max_value']}) }}
{%- endmacro %}
