{#
    The form in which a raw country value is compared with the spellings of
    seeds countries and country_aliases: lower case, accents stripped, outer
    white space trimmed ("  ESPAÑA " and "espana" are the same spelling).
#}
{% macro country_spelling_key(expression) -%}
    {{ accents_stripped('lower(trim(' ~ expression ~ '))') }}
{%- endmacro %}
