{#
    Text without white space (spaces and line breaks): the form in which two
    copies of one description compare equal when one board adds markup,
    spacing or line breaks (HTML and entities are gone after cleaning).
    Plain replace() rather than a regex: it runs on every description of
    every run.
#}
{% macro normalise_for_key(column) -%}
    replace(replace(coalesce({{ column }}, ''), ' ', ''), chr(10), '')
{%- endmacro %}
