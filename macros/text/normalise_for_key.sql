{#
    Lower case with every character that is not a letter or a digit removed:
    the form in which two copies of one posting compare equal even when one
    board adds HTML, spacing or punctuation.
#}
{% macro normalise_for_key(column) -%}
    regexp_replace(lower(coalesce({{ column }}, '')), '[^\pL\pN]+', '', 'g')
{%- endmacro %}
