{#
    Stage 1 of int_postings__salary_extracted: where money is mentioned.
    The CTEs (for the model's `with`) from the postings to one row per
    amount expression found in a salary context:

    - salary_contexts_read: the board's salary field when it holds a figure,
      else each description sentence that names a currency;
    - salary_contexts: pay-month counts ("14 pagas") blanked;
    - contexts_classified: what the sentence holds (salary, period, trap,
      minimum words, a currency range, cues for the traps);
    - money_expressions: benefits sentences dropped, trap amounts blanked,
      one row per amount expression (money_core) in its money_context.

    `postings`: a CTE with posting_id, description_lower and
    salary_text_lower; `patterns`: salary_patterns().
#}
{% macro salary_mentions(patterns, postings='postings') -%}
{%- set p = patterns -%}
salary_contexts_read as (

    -- the board's salary field, when it holds a figure
    select
        posting_id,
        'salary_text' as salary_source,
        salary_text_lower as salary_context
    from {{ postings }}
    where regexp_matches(salary_text_lower, '\d')

    union all

    -- else each description sentence that names a currency
    select
        posting_id,
        'description' as salary_source,
        {{ unnest_list(regex_extract_all(
            'description_lower',
            "'" ~ p.sentence_chars ~ "*(?:" ~ p.currency ~ ")" ~ p.sentence_chars ~ "*'"
        )) }} as salary_context
    from {{ postings }}
    where
        not coalesce(regexp_matches(salary_text_lower, '\d'), false)
        and regexp_matches(description_lower, '{{ p.currency }}')

),

salary_contexts as (

    -- numbers that count pay months ("sur 12 mois", "14 pagas", "13th
    -- month") are not amounts: blanked before amounts are read
    select
        posting_id,
        salary_source,
        case
            when regexp_matches(salary_context, '{{ p.not_amount }}')
                then regexp_replace(salary_context, '{{ p.not_amount }}', ' ', 'g')
            else salary_context
        end as salary_context
    from salary_contexts_read

),

contexts_classified as (

    select
        *,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ p.salary_word }})(?:[^\pL]|$)'
        ) as has_salary_word,
        {{ rules_case('salary_period_rules', {'text': 'salary_context'}) }}
            is not null as has_period_word,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ p.trap_word }})(?:[^\pL]|$)'
        ) as has_trap_word,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ p.min_word }})(?:[^\pL]|$)'
        ) as has_min_word,
        regexp_matches(salary_context, '{{ p.currency_range }}') as has_currency_range,
        regexp_matches(salary_context, '{{ p.millions_cue }}') as has_millions_cue,
        regexp_matches(salary_context, '{{ p.trap_word_cue }}') as has_trap_word_cue
    from salary_contexts

),

money_expressions as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_context,
        {{ unnest_list(regex_extract_all('money_context', "'" ~ p.money ~ "'")) }} as money_core
    from (
        select
            *,
            -- a sentence gets only the traps it has cues for (salary_patterns)
            case
                when has_millions_cue and has_trap_word_cue
                    then regexp_replace(
                        salary_context,
                        '{{ p.millions_trap }}|{{ p.trap_word_traps }}', ' ', 'g'
                    )
                when has_trap_word_cue
                    then regexp_replace(
                        salary_context, '{{ p.trap_word_traps }}', ' ', 'g'
                    )
                when has_millions_cue
                    then regexp_replace(
                        salary_context, '{{ p.millions_trap }}', ' ', 'g'
                    )
                else salary_context
            end as money_context
        from contexts_classified
        -- a benefits sentence (trap word, no salary or period word, no range
        -- with a currency on both amounts) holds no salary
        where
            salary_source = 'salary_text'
            or has_salary_word
            or has_period_word
            or has_currency_range
            or not has_trap_word
    )

)
{%- endmacro %}
