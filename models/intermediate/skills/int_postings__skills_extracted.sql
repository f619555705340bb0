{#
    Skills named in a posting (title and description), by the skills
    dictionary (seeds/skills/skills.csv): one row per posting and canonical
    skill, skill_method 'rule'. Built so that LLM-found skills can be
    unioned in later (posting_id, skill, skill_method).

    How an alias matches: lower-cased, as a whole word or phrase (no letter
    or digit right before or after it). A seed alias is an RE2 pattern; a
    plain one (no regex syntax but escaped punctuation such as `c\+\+`) also
    matches with any run of spaces or hyphens where it has a space or hyphen
    ("machine learning" finds "Machine-Learning-Modelle"). Where aliases
    that start alike overlap, the longest wins ("tableau de bord" is a
    dashboard, not Tableau); overlapping aliases that start differently
    are all found ("b2b sales" gives B2B sales and Sales).

    Speed (this runs in every build): the aliases are compiled into a few
    large regexes when the model runs (run_query on the seed), each scanned
    once over the text with regexp_extract_all. One regex for the whole
    dictionary does not work: DuckDB's RE2 has a fixed 8 MB automaton budget
    per pattern, and past several hundred aliases (it depends on which) it
    falls back to an engine 10-20 times slower. So the sorted aliases are
    cut into equal groups of at most var('skills_aliases_per_regex', 700),
    where their first two characters change. The regexes have no capturing
    group, so RE2 only finds match bounds; the matched texts are mapped back
    to skills once per distinct text: plain aliases by an equality join on
    their normalised text, regex aliases by a CASE of regexp_full_match
    built from the seed. Measured on 1M generated postings: about 15 s of
    CPU (4 regexes of ~640 aliases, ~2.4 s of CPU each; lower() 1 s), so
    about 8 s on two idle cores. Before adding many aliases, time it: one
    regex over the budget costs more than all the others together.

    Word boundaries are zero-width so that adjacent skills ("python/sql")
    are both found: RE2's \b (ASCII) before and after an alias whose first
    or last character is an ASCII letter or digit, \B (no boundary between
    two non-word characters) where it is punctuation or an accented letter
    ("c++", ".net", "économétrie"). As \b takes accented letters for
    separators, a non-ASCII character right before or after a match is
    taken into it: a letter makes the text unknown to the seed ("pré" is
    no alias, so "pr" is not found in "préparation"), other characters
    (’, no-break space) are trimmed before mapping. A regex alias that ends
    with `$)` carries its own right boundary (the contexts of Go and R).

    Incremental like the other posting models: only jobs (re)computed since
    the last run, replaced whole (delete+insert on dedup_key). A job's
    skills depend only on its text, which its dedup_key fixes. A change of
    the seed needs `dbt build --full-refresh -s int_postings__skills_extracted+`.
#}
{%- set max_aliases_per_pattern = var('skills_aliases_per_regex', 700) -%}
{#- SQL over a table with an `alias` column: plain alias or regex, and the
    text a plain alias stands for (macros/skills/skills_keys.sql) -#}
{%- set alias_is_plain = skills_alias_is_plain('alias') -%}
{%- set alias_plain_key = skills_alias_plain_key('alias') -%}
{#-
    The regexes, built in SQL from the seed when the model runs: each alias
    wrapped in its boundaries, sorted, and cut into groups (rows of
    regex_groups); then the regex aliases per skill, for mapping back.
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
            || string_agg(wrapped_pattern, '|' order by scan_pattern desc)
            || ')[^\x00-\x7f]?' as pattern
    from alias_wrapped, sizes
    group by all
    order by group_number
{%- endset -%}
{%- set regex_aliases_query -%}
    select
        skill,
        string_agg('(?:' || alias || ')', '|' order by alias) as pattern,
        bool_or(regexp_matches(alias, '(?:^|[^\\])\((?:[^?]|$)'))
            as has_capturing_group
    from {{ seed_relation('skills') }}
    where not ({{ alias_is_plain }})
    group by skill
    order by skill
{%- endset -%}
{%- if execute -%}
    {%- set regex_groups = run_query(aliases_wrapped).rows -%}
    {%- set regex_aliases = run_query(regex_aliases_query).rows -%}
{%- else -%}
    {%- set regex_groups, regex_aliases = [], [] -%}
{%- endif -%}
{%- for row in regex_aliases if row['has_capturing_group'] -%}
    {{ exceptions.raise_compiler_error(
        "seed skills: an alias of '" ~ row['skill']
        ~ "' has a capturing group; use (?:...)") }}
{%- endfor %}

with

postings as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        lower(concat_ws(' ', title, description)) as posting_text
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

aliases as (

    select
        skill,
        category as skill_category,
        {{ alias_is_plain }} as is_plain,
        {{ alias_plain_key }} as plain_key
    from {{ ref('skills') }}

),

matched_text_lists as materialized (

    -- one scan of the text per alias group (the regexes are the cost of
    -- this model); the list is built here, not inside unnest, so each
    -- thread compiles every regex once
    select
        posting_id,
        dedup_key,
        loaded_at,
        list_distinct(list_concat(
        {%- for group in regex_groups %}
            -- regex {{ loop.index }} of {{ regex_groups | length }}: {{ group['alias_count'] }} aliases
            regexp_extract_all(
                posting_text,
                '{{ group['pattern'] | replace("'", "''") }}'
            ),
        {%- endfor %}
            []
        )) as matched_text_list
    from postings

),

alias_matches as (

    -- the texts aliases matched in the posting, each once
    select
        posting_id,
        dedup_key,
        loaded_at,
        unnest(matched_text_list) as matched_text
    from matched_text_lists

),

matched_texts as (

    select
        matched_text,
        regexp_replace(matched_core, '[\s\-]+', ' ', 'g') as matched_key,
        matched_core
    from (
        select
            matched_text,
            -- without a non-ASCII non-letter taken in at either end (nbsp, ’)
            regexp_replace(
                matched_text, '^[^\pL\pN\x00-\x7f]|[^\pL\pN\x00-\x7f]$', '', 'g'
            ) as matched_core
        from (select distinct matched_text from alias_matches)
    )

),

plain_alias_skills as (

    select distinct
        matched_texts.matched_text,
        aliases.skill
    from matched_texts
    inner join aliases
        on aliases.is_plain
        and matched_texts.matched_key = aliases.plain_key

),

regex_alias_skills as (

    -- the few texts no plain alias explains, by the seed's regex aliases
    select
        matched_text,
        case
        {%- for row in regex_aliases %}
            when regexp_full_match(
                matched_core, '{{ row['pattern'] | replace("'", "''") }}'
            ) then '{{ row['skill'] | replace("'", "''") }}'
        {%- endfor %}
        end as skill
    from matched_texts
    anti join plain_alias_skills using (matched_text)

),

matched_text_skills as (

    select * from plain_alias_skills
    union all
    select * from regex_alias_skills where skill is not null

),

posting_skills as (

    select distinct
        alias_matches.posting_id,
        alias_matches.dedup_key,
        alias_matches.loaded_at,
        matched_text_skills.skill
    from alias_matches
    inner join matched_text_skills using (matched_text)

),

skill_categories as (

    select
        skill,
        min(skill_category) as skill_category
    from aliases
    group by skill

),

final as (

    select
        posting_skills.posting_id,
        posting_skills.dedup_key,
        posting_skills.loaded_at,
        posting_skills.skill,
        skill_categories.skill_category,
        'rule' as skill_method
    from posting_skills
    inner join skill_categories using (skill)

)

select * from final
