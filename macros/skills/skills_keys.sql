{#
    How the skills dictionary compares texts with its plain aliases
    (int_postings__skills_extracted builds its regexes with the first two,
    int_postings__skills_enriched maps LLM skills to canonical ones with all
    three):

    - skills_alias_is_plain(alias): true for a seed alias without regex
      syntax (escaped punctuation such as `c\+\+` allowed);
    - skills_alias_plain_key(alias): the text such an alias stands for,
      unescaped, every run of spaces and hyphens as one space;
    - skills_text_key(text): a found text (an LLM skill, a canonical skill
      name) in the same form: trimmed, lower-cased, spaces and hyphens as
      one space. Equal keys mean the same alias.
#}
{% macro skills_alias_is_plain(alias) -%}
    not regexp_matches(
        regexp_replace({{ alias }}, '\\[^\pL\pN\s]', '', 'g'),
        '[\\.+*?()\[\]{}|^$]'
    )
{%- endmacro %}

{% macro skills_alias_plain_key(alias) -%}
    regexp_replace(
        regexp_replace({{ alias }}, '\\([^\pL\pN\s])', '\1', 'g'),
        '[\s\-]+', ' ', 'g'
    )
{%- endmacro %}

{% macro skills_text_key(text) -%}
    regexp_replace(lower(trim({{ text }})), '[\s\-]+', ' ', 'g')
{%- endmacro %}
