{#
    The form in which two copies of one posting compare equal: lower case
    with all spaces and line breaks removed. Applied to cleaned text (HTML
    and entities already gone), so markup, spacing, line breaks and letter
    case do not matter. Plain replace() rather than a regex: it runs on every
    description of every run.
#}
{% macro normalise_for_key(column) -%}
    lower(replace(replace(coalesce({{ column }}, ''), ' ', ''), chr(10), ''))
{%- endmacro %}
