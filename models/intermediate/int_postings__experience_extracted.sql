{#
    Minimum years of experience from the description, by SQL rules.

    A candidate is a number (digits or a number word from the number_words
    seed) followed by a year word, that also has experience context: a
    "minimum" word before it ("at least", "mindestens", "au moins",
    "minimaal", "al menos", ...), a "+" after it, a range ("3-5 years" gives
    3), or an experience word right after it ("5 years of experience",
    "3 Jahre Berufserfahrung", "3 ans d'expérience"). Phrases saying no
    experience is needed give 0. Years that are an age ("18 years old",
    "21 years of age") or a company's history ("with over 40 years of
    experience", "seit 25 Jahren") are not candidates. Every word list is in
    seed experience_terms.

    When the candidates disagree, or the value lies outside the bounds of
    seed field_bounds, the value is left NULL with a reason and the row is
    flagged for enrichment: never a guess.
#}
{%- set number = '\\d{1,2}|' ~ seed_alternation('number_words', 'word') -%}
{%- set year_word = experience_terms('year_word') -%}
{%- set minimum_before = experience_terms('minimum_before') -%}
{%- set minimum_after = experience_terms('minimum_after') -%}
{%- set experience_word = experience_terms('experience_word') -%}
{%- set range_word = experience_terms('range_word') -%}
{%- set none_needed = experience_terms('none_needed') -%}
{%- set age_after = experience_terms('age_after') -%}
{%- set history_before = experience_terms('history_before') -%}
{%- set age_before = experience_terms('age_before') -%}
{%- set preferred_before = experience_terms('preferred_before') -%}
{%- set preferred_after = experience_terms('preferred_after') -%}
{%- set alternative = experience_terms('alternative') -%}
{#- the sentence around a phrase: up to 160 characters on either side, to
    the nearest sentence mark or line break (a mark followed by a non-space,
    as in "b.s." or "m.sc", does not end a sentence) -#}
{%- set sentence_char = "(?:[^.!?;\n]|[.!?;]\S)" -%}
{%- set sentence_before = sentence_char ~ "{0,160}$" -%}
{%- set sentence_after = "^" ~ sentence_char ~ "{0,160}" -%}
{%- set bounds = field_bounds('experience_min_years') -%}
{#- a range of years with no other experience context whose lower end is at
    least this is an age ("apprentis de 16 à 25 ans"), not experience -#}
{%- set age_range_from = 16 -%}

-- depends_on: {{ ref('number_words') }}
-- depends_on: {{ ref('experience_terms') }}
-- depends_on: {{ ref('field_bounds') }}

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
            '(?:(?:{{ minimum_before }})\s+)?(?:{{ number }})\s*(?:\+\s*)?(?:(?:{{ range_word }})\s*(?:{{ number }})\s*(?:\+\s*)?)?(?:{{ year_word }})\b[''’]?(?:\s+(?:{{ age_after }})\b)?(?:\s+(?:of\s+|de\s+|d.)?(?:\pL+\s+)?(?:d.)?(?:{{ experience_word }}))?(?:\s+(?:{{ minimum_after }}))?'
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

phrases_in_context as (

    -- the text of the phrase's sentence before and after it (the first
    -- place the phrase occurs)
    select
        year_phrases.posting_id,
        year_phrases.phrase,
        regexp_extract(
            left(postings.description_lower, instr(postings.description_lower, phrase) - 1),
            '{{ sentence_before }}'
        ) as text_before,
        regexp_extract(
            postings.description_lower[
                instr(postings.description_lower, phrase) + length(phrase):
            ],
            '{{ sentence_after }}'
        ) as text_after
    from year_phrases
    inner join postings using (posting_id)

),

phrase_values as materialized (

    -- phrases with experience context that are neither an age nor a
    -- company's history, and the number they state (materialized: the
    -- distinct count below would otherwise make DuckDB run the regex
    -- extraction above twice)
    select
        posting_id,
        -- the range is the phrase's only experience context
        not regexp_matches(
            phrase,
            '^(?:{{ minimum_before }})\s|\+|(?:{{ experience_word }})$|\s(?:{{ minimum_after }})$'
        ) as has_range_context_only,
        coalesce(
            try_cast(regexp_extract(phrase, '\d{1,2}') as integer),
            {{ seed_case(
                'number_words', 'word', 'value',
                "regexp_extract(phrase, '(?:^|\\s)(" ~ seed_alternation('number_words', 'word') ~ ")(?:\\s|$)', 1)"
            ) }}
        ) as experience_value
    from phrases_in_context
    where
        regexp_matches(
            phrase,
            '^(?:{{ minimum_before }})\s|\+|^(?:{{ number }})\s*(?:{{ range_word }})\s*(?:{{ number }})\s|(?:{{ experience_word }})$|\s(?:{{ minimum_after }})$'
        )
        -- an age ("18 years old", "enfants de 6 à 12 ans")
        and not regexp_matches(
            phrase, '(?:{{ year_word }})\s+(?:{{ age_after }})(?:\s|$)'
        )
        and not regexp_matches(text_before, '(?:^|[^\pL])(?:{{ age_before }})\s*$')
        -- the company's history ("with over 40 years of experience")
        -- (the text before the number ends with a history word)
        and not regexp_matches(
            text_before || regexp_extract(phrase, '^(?:(?:{{ minimum_before }})\s+)?'),
            '(?:^|[^\pL])(?:{{ history_before }})\s+(?:(?:{{ minimum_before }})\s+)?$'
        )
        -- only wished for ("ideally 2 years", "2+ years ... is a plus"): a
        -- word close before or after the phrase
        and not regexp_matches(
            right(text_before, 40), '(?:^|[^\pL])(?:{{ preferred_before }})(?:[^\pL]|$)'
        )
        and not regexp_matches(
            left(text_after, 60), '(?:^|[^\pL])(?:{{ preferred_after }})(?:[^\pL]|$)'
        )
        -- instead of a degree ("a bachelor's, or 5 years in lieu of it")
        and not regexp_matches(
            text_before || ' ' || text_after,
            '(?:^|[^\pL])(?:{{ alternative }})(?:[^\pL]|$)'
        )

),

values_per_posting as (

    select
        posting_id,
        count(distinct experience_value) as value_count,
        min(experience_value) as experience_value
    from phrase_values
    where not (has_range_context_only and experience_value >= {{ age_range_from }})
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
        mentions_experience,
        case
            when value_count > 1 or (value_count = 1 and says_none_needed)
                then 'ambiguous_values'
            when value_count = 1
                and experience_value not between {{ bounds.min }} and {{ bounds.max }}
                then 'out_of_bounds'
        end as experience_undecided_reason,
        case
            when value_count = 1 and not says_none_needed then experience_value
            when value_count = 0 and says_none_needed then 0
        end as experience_candidate
    from candidate_values

),

final as (

    select
        experience_decided.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        case when experience_undecided_reason is null then experience_candidate end
            as experience_min_years,
        case
            when experience_undecided_reason is null
                and experience_candidate is not null then 'rule'
        end as experience_method,
        experience_undecided_reason = 'ambiguous_values'
            as is_experience_ambiguous,
        experience_undecided_reason,
        -- undecided although the text talks about experience: ask the LLM
        (experience_undecided_reason is not null or experience_candidate is null)
            and coalesce(
                experience_undecided_reason is not null or mentions_experience, false
            ) as needs_experience_enrichment
    from experience_decided
    inner join postings using (posting_id)

)

select * from final
