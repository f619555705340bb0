{# An RE2 alternation of the experience vocabulary of one kind (seed experience_terms). #}
{% macro experience_terms(kind) -%}
    {{- seed_alternation('experience_terms', 'term', "kind = '" ~ kind ~ "'") -}}
{%- endmacro %}
