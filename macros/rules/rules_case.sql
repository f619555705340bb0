{#
    Turns a rules seed (pattern, language, field, value, priority) into one
    CASE expression, evaluated once per row.

    Patterns are RE2 fragments, matched case-insensitively against the
    cleaned, lower-cased text of `field` as whole words: a match must not be
    preceded or followed by a letter or digit. Higher priority wins; within
    one priority the patterns of a value are joined into a single
    alternation, so the cost per row is a handful of regex scans however many
    rules the seed holds. A row no rule matches gets NULL (undecided).

    The seed is read when the model runs (run_query), so the seed must be
    built first: `dbt build` and `dbt seed` do that, and so does a unit test
    run by `dbt build`.

    rules_seed: the seed's name; the model declares
                `-- depends_on: {{ ref('<seed>') }}`.
    columns: mapping from a seed `field` value to the lower-cased SQL
             expression it is matched against, e.g. {'title': 'title_lower'}.
    exclude_values: values whose rows are not rules here (seniority's
             `not_a_level` phrases, see rules_phrases_removed).
#}
{% macro rules_case(rules_seed, columns, exclude_values=[]) -%}
    {%- set rules_query -%}
        select
            field,
            value,
            priority,
            {{ ordered_string_agg('pattern', "'|'", 'pattern') }} as patterns
        from {{ seed_relation(rules_seed) }}
        {%- if exclude_values %}
        where value not in ('{{ exclude_values | join("', '") }}')
        {%- endif %}
        group by field, value, priority
        order by priority desc, value, field
    {%- endset -%}
    {%- if execute -%}
        {%- set rule_groups = run_query(rules_query).rows -%}
    {%- else -%}
        {%- set rule_groups = [] -%}
    {%- endif -%}
    case
    {%- for rule in rule_groups %}
        {%- if rule['field'] not in columns -%}
            {{ exceptions.raise_compiler_error(
                "rules seed " ~ rules_seed ~ " names field '" ~ rule['field']
                ~ "', expected one of " ~ (columns.keys() | list | string)) }}
        {%- endif %}
        when regexp_matches(
            {{ columns[rule['field']] }},
            '(?:^|[^\pL\pN])(?:{{ rule['patterns'] | replace("'", "''") }})(?:[^\pL\pN]|$)'
        ) then '{{ rule['value'] | replace("'", "''") }}'
    {%- endfor %}
    end
{%- endmacro %}

{#
    `expression` with the phrases of a rules seed whose value is `value`
    replaced by a space (whole words, as rules_case matches them): phrases
    that must not count as a keyword ("Staff Nurse" is not the level
    "staff"). Only rows of `field`.
#}
{% macro rules_phrases_removed(rules_seed, field, value, expression) -%}
    {%- set phrases = seed_alternation(
        rules_seed, 'pattern', "field = '" ~ field ~ "' and value = '" ~ value ~ "'") -%}
    {{ regex_replace_all(
        expression,
        "'(^|[^\\pL\\pN])(?:" ~ phrases | replace("'", "''") ~ ")([^\\pL\\pN]|$)'",
        "'\\1 \\2'"
    ) }}
{%- endmacro %}
