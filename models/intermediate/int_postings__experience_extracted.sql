{#
    Minimum years of experience from the description, by SQL rules.

    A candidate is a number (digits or a number word from the number_words
    seed) followed by a year word, that also has experience context: a
    "minimum" word before it ("at least", "mindestens", "au moins",
    "minimaal", "al menos", ...), a "+" after it, a range ("3-5 years" gives
    3), or an experience word right after it ("5 years of experience",
    "3 Jahre Berufserfahrung", "3 ans d'expérience"). Phrases saying no
    experience is needed give 0. When the candidates disagree the value is
    left NULL and the row is flagged for enrichment: never a guess.
#}
{%- set number = '\\d{1,2}|' ~ seed_alternation('number_words', 'word') -%}
{%- set year_word = 'years?|yrs?|jahre?n?|ans?|jaar|años?' -%}
{%- set minimum_word -%}
at least|a minimum of|minimum of|minimum|min\.|mindestens|au moins|minimum de|minimaal|minstens|ten minste|al menos|como mínimo|mínimo de|mínima de|mínimo
{%- endset -%}
{%- set experience_word -%}
experience|erfahrung|berufserfahrung|expérience|ervaring|werkervaring|experiencia
{%- endset -%}
{%- set range_word = '-|–|to|bis|à|a|tot|y|en' -%}
{#- "3 ans minimum", "3 Jahre mindestens" -#}
{%- set minimum_after = 'minimum|mínimo|minimaal|mindestens|au moins|min\\.' -%}
{%- set none_needed -%}
no (?:prior |previous |professional )?experience (?:is )?(?:needed|required|necessary)|keine (?:berufs)?erfahrung (?:erforderlich|notwendig|nötig|vorausgesetzt)|aucune expérience (?:n.est )?(?:requise|nécessaire|exigée)|geen (?:werk)?ervaring (?:vereist|nodig|nodig)|sin experiencia(?: previa)?(?: necesaria| requerida)?|no se requiere experiencia|graduate (?:programme|program|scheme)
{%- endset -%}

-- depends_on: {{ ref('number_words') }}

with

postings as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        lower(description) as description_lower
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

candidates as (

    select
        posting_id,
        regexp_extract_all(
            description_lower,
            '(?:(?:{{ minimum_word }})\s+)?(?:{{ number }})\s*(?:\+\s*)?(?:(?:{{ range_word }})\s*(?:{{ number }})\s*)?(?:{{ year_word }})(?:\s+(?:of\s+|de\s+|d.)?(?:\pL+\s+)?(?:d.)?(?:{{ experience_word }}))?(?:\s+(?:{{ minimum_after }}))?'
        ) as year_phrases,
        regexp_matches(description_lower, '{{ none_needed }}') as says_none_needed,
        regexp_matches(description_lower, '{{ experience_word }}')
            as mentions_experience
    from postings

),

year_phrases as (

    -- one row per year phrase (plain SQL: lambdas over lists are slow)
    select
        posting_id,
        unnest(year_phrases) as phrase
    from candidates

),

phrase_values as materialized (

    -- phrases with experience context, and the number they state
    -- (materialized: the distinct count below would otherwise make DuckDB
    -- run the regex extraction above twice)
    select
        posting_id,
        coalesce(
            try_cast(regexp_extract(phrase, '\d{1,2}') as integer),
            {{ seed_case(
                'number_words', 'word', 'value',
                "regexp_extract(phrase, '(?:^|\\s)(" ~ seed_alternation('number_words', 'word') ~ ")(?:\\s|$)', 1)"
            ) }}
        ) as experience_value
    from year_phrases
    where regexp_matches(
        phrase,
        '^(?:{{ minimum_word }})\s|\+|^(?:{{ number }})\s*(?:{{ range_word }})\s*(?:{{ number }})\s|(?:{{ experience_word }})$|\s(?:{{ minimum_after }})$'
    )

),

values_per_posting as (

    select
        posting_id,
        count(distinct experience_value) as value_count,
        min(experience_value) as experience_value
    from phrase_values
    group by posting_id

),

candidate_values as (

    select
        candidates.posting_id,
        candidates.says_none_needed,
        candidates.mentions_experience,
        coalesce(values_per_posting.value_count, 0) as value_count,
        values_per_posting.experience_value
    from candidates
    left join values_per_posting using (posting_id)

),

experience_decided as (

    select
        posting_id,
        case
            when value_count = 1 and not says_none_needed then experience_value
            when value_count = 0 and says_none_needed then 0
        end as experience_min_years,
        value_count > 1 or (value_count = 1 and says_none_needed)
            as is_experience_ambiguous,
        mentions_experience
    from candidate_values

),

final as (

    select
        experience_decided.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        experience_min_years,
        case when experience_min_years is not null then 'rule' end
            as experience_method,
        is_experience_ambiguous,
        -- undecided although the text talks about experience: ask the LLM
        experience_min_years is null
            and coalesce(is_experience_ambiguous or mentions_experience, false)
            as needs_experience_enrichment
    from experience_decided
    inner join postings using (posting_id)

)

select * from final
