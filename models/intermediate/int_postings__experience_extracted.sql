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
{#- the patterns, words from the seeds (macros/experience/experience_patterns.sql) -#}
{%- set patterns = experience_patterns() -%}
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
        {{ regex_extract_all('description_lower', "'" ~ patterns.year_phrase ~ "'") }} as year_phrases,
        regexp_matches(description_lower, '{{ patterns.none_needed }}') as says_none_needed,
        regexp_matches(description_lower, '{{ patterns.experience_word }}')
            as mentions_experience
    from postings

),

year_phrases as (

    -- one row per year phrase (plain SQL: lambdas over lists are slow)
    select
        posting_id,
        {{ unnest_list("year_phrases") }} as phrase
    from candidates

),

phrases_in_context as (

    -- the text of the phrase's sentence before and after it (the first
    -- place the phrase occurs)
    select
        year_phrases.posting_id,
        year_phrases.phrase,
        {{ regex_extract(
            'left(postings.description_lower, instr(postings.description_lower, phrase) - 1)',
            "'" ~ patterns.sentence_before ~ "'"
        ) }} as text_before,
        {{ regex_extract(
            text_from(
                'postings.description_lower',
                'instr(postings.description_lower, phrase) + length(phrase)'
            ),
            "'" ~ patterns.sentence_after ~ "'"
        ) }} as text_after
    from year_phrases
    inner join postings using (posting_id)

),

phrase_values as {{ cte_hint(true) }} (

    -- phrases with experience context that are neither an age nor a
    -- company's history, and the number they state (materialized: the
    -- distinct count below would otherwise make DuckDB run the regex
    -- extraction above twice)
    select
        posting_id,
        -- the range is the phrase's only experience context
        not regexp_matches(phrase, '{{ patterns.non_range_context }}')
            as has_range_context_only,
        coalesce(
            try_cast({{ regex_extract('phrase', "'\\d{1,2}'") }} as integer),
            {{ seed_case(
                'number_words', 'word', 'value',
                "regexp_extract(phrase, '" ~ patterns.number_word ~ "', 1)"
            ) }}
        ) as experience_value
    from phrases_in_context
    where
        regexp_matches(phrase, '{{ patterns.experience_context }}')
        -- an age ("18 years old", "enfants de 6 à 12 ans")
        and not regexp_matches(phrase, '{{ patterns.age_phrase }}')
        and not regexp_matches(text_before, '{{ patterns.age_before }}')
        -- the company's history ("with over 40 years of experience")
        -- (the text before the number ends with a history word)
        and not regexp_matches(
            text_before || {{ regex_extract('phrase', "'" ~ patterns.minimum_prefix ~ "'") }},
            '{{ patterns.history_before }}'
        )
        -- only wished for ("ideally 2 years", "2+ years ... is a plus"): a
        -- word close before or after the phrase
        and not regexp_matches(right(text_before, 40), '{{ patterns.preferred_before }}')
        and not regexp_matches(left(text_after, 60), '{{ patterns.preferred_after }}')
        -- instead of a degree ("a bachelor's, or 5 years in lieu of it")
        and not regexp_matches(text_before || ' ' || text_after, '{{ patterns.alternative }}')

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
