{#
    Small helpers that read a lookup seed when the model runs, so the words
    live in seeds/ and the SQL stays generic. Like rules_case, they need the
    seed built first (dbt build / dbt seed).
#}
{% macro seed_rows(relation, columns) -%}
    {%- set query -%}
        select distinct {{ columns | join(', ') }} from {{ relation }}
        order by 1
    {%- endset -%}
    {%- if execute -%}
        {{ return(run_query(query).rows) }}
    {%- endif -%}
    {{ return([]) }}
{%- endmacro %}

{# An RE2 alternation of every value of `column` (whole-word use intended). #}
{% macro seed_alternation(relation, column) -%}
    {%- set words = seed_rows(relation, [column]) | map(attribute=column) | list -%}
    {{- words | join('|') if words else 'a^' -}}
{%- endmacro %}

{#
    A CASE mapping `expression` through the seed's key -> value columns;
    quote_values for text values.
#}
{% macro seed_case(relation, key_column, value_column, expression, quote_values=false) -%}
    case {{ expression }}
    {%- for row in seed_rows(relation, [key_column, value_column]) %}
        {%- set value = row[value_column] %}
        when '{{ row[key_column] | replace("'", "''") }}' then
            {%- if quote_values %} '{{ value | replace("'", "''") }}'{% else %} {{ value }}{% endif %}
    {%- endfor %}
    end
{%- endmacro %}
