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
{#- the alias regexes and the regex aliases per skill, built from the seed
    when the model runs (macros/skills/skills_regexes.sql) -#}
{%- set regex_groups = skills_regex_groups(var('skills_aliases_per_regex', 700)) -%}
{%- set regex_aliases = skills_regex_aliases() %}

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
        {{ skills_alias_is_plain('alias') }} as is_plain,
        {{ skills_alias_plain_key('alias') }} as plain_key
    from {{ ref('skills') }}

),

matched_text_lists as {{ cte_hint(true) }} (

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
