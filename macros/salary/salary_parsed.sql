{#
    Stage 2 of int_postings__salary_extracted: each amount expression
    parsed. The CTEs (for the model's `with`) from salary_mentions'
    money_expressions to one row per expression with its values:

    - money_located: where the expression starts in its context;
    - money_split: the words before and after it, and its parts (first
      amount, range word, second amount);
    - money_parsed: each amount split into currency, number and thousands;
    - money_valued: the numbers, the currency term, the period its words
      name and whether it is an "up to" / "from" bound.

    `money_expressions`: the last CTE of salary_mentions; `patterns`:
    salary_patterns().
#}
{% macro salary_parsed(patterns, money_expressions='money_expressions') -%}
{%- set p = patterns -%}
money_located as (

    -- the text around the amount: where it starts, what stands before/after
    select
        *,
        instr(money_context, money_core) as core_position
    from {{ money_expressions }}

),

money_split as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_core,
        rtrim(
            {{ regex_extract(
                'left(money_context, core_position - 1)', "'" ~ p.words_before ~ "'"
            ) }},
            {{ p.white_space }}
        ) as words_before,
        -- "%" then the words, or just the words
        ltrim(
            {{ regex_extract(
                text_from('money_context', 'core_position + length(money_core)'),
                "'" ~ p.words_after ~ "'"
            ) }},
            {{ p.white_space }}
        ) as after_amount,
        -- a single amount (about half of them) needs no capture groups,
        -- which cost RE2 ~20x a plain match: it is the whole first amount
        case
            when regexp_full_match(money_core, '{{ p.single_amount }}')
                then {{ struct_of([
                    ('amount_1', 'money_core'), ('range_word', "''"), ('amount_2', "''"),
                    ('weak_range_word', "''"), ('marked_amount_2', "''"),
                ]) }}
            else {{ regex_extract_groups(
                'money_core', "'^" ~ p.money_parts ~ "$'",
                ['amount_1', 'range_word', 'amount_2', 'weak_range_word', 'marked_amount_2']
            ) }}
        end as parts
    from money_located

),

money_parsed as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_core,
        words_before,
        after_amount as words_after,
        words_before || ' '
            || case
                when prefix(after_amount, '%') then {{ text_trimmed_by('after_amount', 1, 0) }}
                else after_amount
            end as words_around,
        {{ regex_extract_groups(
            'trim(parts.amount_1)', "'" ~ p.amount_parts ~ "'",
            ['currency_a', 'number', 'thousands', 'currency_b']
        ) }} as first_amount,
        {{ regex_extract_groups(
            "trim(coalesce(nullif(parts.amount_2, ''), parts.marked_amount_2))",
            "'" ~ p.amount_parts ~ "'",
            ['currency_a', 'number', 'thousands', 'currency_b']
        ) }} as second_amount,
        coalesce(nullif(parts.range_word, ''), nullif(parts.weak_range_word, ''))
            is not null as is_range,
        prefix(after_amount, '%') as is_percentage
    from money_split

),

money_valued as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_core,
        is_range,
        is_percentage,
        {{ rules_case('salary_period_rules', {'text': 'words_around'}) }}
            as period_from_words,
        case
            when regexp_matches(words_before, '(?:^|[^\pL])(?:{{ p.max_prefix }}){{ p.bound_tail }}$')
                then 'max_only'
            when regexp_matches(words_before, '(?:^|[^\pL])(?:{{ p.min_prefix }}){{ p.bound_tail }}$')
                then 'min_only'
            -- one amount in a sentence about minimum pay ("Das Mindestgehalt
            -- beträgt 3.237,10 Euro brutto monatlich")
            when has_min_word and not is_range then 'min_only'
            -- "$160.00 per hour and up", "3.000 € et plus"
            when not is_range
                and regexp_matches(words_after, '(?:^|[^\pL])(?:{{ p.min_suffix }})(?:[^\pL]|$)')
                then 'min_only'
        end as bound,
        nullif(coalesce(
            nullif(first_amount.currency_a, ''), nullif(first_amount.currency_b, ''),
            nullif(second_amount.currency_a, ''), nullif(second_amount.currency_b, '')
        ), '') as currency_term,
        {{ parse_amount('first_amount.number') }}
            * case when first_amount.thousands <> '' then 1000 else 1 end
            as amount_1_raw,
        {{ parse_amount("nullif(second_amount.number, '')") }}
            * case when second_amount.thousands <> '' then 1000 else 1 end
            as amount_2,
        first_amount.thousands = '' and second_amount.thousands <> ''
            as shares_thousands_suffix
    from money_parsed

)
{%- endmacro %}
