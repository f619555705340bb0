{#
    The regexes of int_postings__skills_extracted, built in SQL from the
    skills seed (seeds/skills/skills.csv) when the model runs (run_query):
    see the model's header for how aliases match and why they are cut into
    groups.

    - skills_regex_groups(max_aliases_per_regex): each alias wrapped in its
      boundaries, sorted, and cut into groups of at most
      max_aliases_per_regex (default var('skills_aliases_per_regex', 700))
      where their first two characters change; one row per group
      (group_number, alias_count, pattern), in group order.
    - skills_regex_aliases(): the regex aliases per skill (skill, pattern,
      has_capturing_group), for mapping matched texts back to skills. Fails
      the run when an alias has a capturing group.

    Both return [] while dbt parses (execute is false).
#}
{% macro skills_regex_groups(max_aliases_per_regex=none) -%}
    {%- set max_aliases_per_pattern = max_aliases_per_regex
        if max_aliases_per_regex is not none
        else var('skills_aliases_per_regex', 700) -%}
    {#- SQL over a table with an `alias` column: plain alias or regex, and the
        text a plain alias stands for (macros/skills/skills_keys.sql) -#}
    {%- set alias_is_plain = skills_alias_is_plain('alias') -%}
    {%- set alias_plain_key = skills_alias_plain_key('alias') -%}
    {#-
        The regexes, built in SQL from the seed when the model runs: each alias
        wrapped in its boundaries, sorted, and cut into groups (rows of
        regex_groups); then the regex aliases per skill, for mapping back
        (skills_regex_aliases below).
    -#}
    {%- set aliases_wrapped -%}
        with

        aliases as (

            select
                skill,
                alias,
                {{ alias_is_plain }} as is_plain,
                {{ alias_plain_key }} as plain_key
            from {{ seed_relation('skills') }}

        ),

        alias_patterns as (

            select
                *,
                case
                    when is_plain
                        then regexp_replace(alias, '(?:\s|\\?-)+', '[\\s\\-]+', 'g')
                    else alias
                end as scan_pattern,
                -- the first and last character an alias matches ('' = its own)
                case
                    when is_plain then left(plain_key, 1)
                    else regexp_extract(alias, '^(?:\(\?:)?\\?(.)', 1)
                end as first_char,
                case
                    when is_plain then right(plain_key, 1)
                    when ends_with(alias, '$)') then ''
                    else right(rtrim(alias, '?*)'), 1)
                end as last_char
            from aliases

        ),

        alias_wrapped as (

            select
                scan_pattern,
                case
                    when regexp_full_match(first_char, '[a-z0-9]') then '\b'
                    when regexp_full_match(first_char, '[\pL.#+&]') then '\B'
                    else ''
                end
                || case when is_plain then scan_pattern else '(?:' || alias || ')' end
                || case
                    when last_char = '' then ''
                    when regexp_full_match(last_char, '[\pL.#+&]')
                        and not regexp_full_match(last_char, '[a-z0-9]') then '\B'
                    else '\b'
                end as wrapped_pattern,
                -- aliases that share their first two characters stay together
                min(row_number) over (partition by left(scan_pattern, 2))
                    as block_start
            from (
                select
                    *,
                    row_number() over (order by scan_pattern desc) as row_number
                from alias_patterns
            )

        ),

        sizes as (

            select
                count(*) as alias_count,
                ceil(count(*) / ceil(count(*) / {{ max_aliases_per_pattern }}))
                    as group_size
            from alias_wrapped

        )

        select
            floor((block_start - 1) / group_size) as group_number,
            count(*) as alias_count,
            -- an accented letter right before or after a match is taken in
            -- (RE2's \b only knows ASCII), so "pr" in "préparation" matches as
            -- "pré" and is dropped when mapped back
            '[^\x00-\x7f]?(?:'
                || {{ ordered_string_agg('wrapped_pattern', "'|'", 'scan_pattern desc') }}
                || ')[^\x00-\x7f]?' as pattern
        from alias_wrapped, sizes
        group by all
        order by group_number
    {%- endset -%}
    {%- if execute -%}
        {{ return(run_query(aliases_wrapped).rows) }}
    {%- endif -%}
    {{ return([]) }}
{%- endmacro %}

{% macro skills_regex_aliases() -%}
    {%- set regex_aliases_query -%}
        select
            skill,
            {{ ordered_string_agg("'(?:' || alias || ')'", "'|'", 'alias') }} as pattern,
            bool_or(regexp_matches(alias, '(?:^|[^\\])\((?:[^?]|$)'))
                as has_capturing_group
        from {{ seed_relation('skills') }}
        where not ({{ skills_alias_is_plain('alias') }})
        group by skill
        order by skill
    {%- endset -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set regex_aliases = run_query(regex_aliases_query).rows -%}
    {%- for row in regex_aliases if row['has_capturing_group'] -%}
        {{ exceptions.raise_compiler_error(
            "seed skills: an alias of '" ~ row['skill']
            ~ "' has a capturing group; use (?:...)") }}
    {%- endfor -%}
    {{ return(regex_aliases) }}
{%- endmacro %}
