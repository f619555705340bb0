{#
    Salary range, currency and period from the board's salary field or, when
    it has no figure, from the description; by SQL rules, precision first.

    - salary_text is salary context by itself: a bare amount is a salary;
      currency from the text, else the country's currency; period from words,
      else from magnitude (see periods_decided below).
    - In a description only sentences naming a currency are read. A sentence
      with a trap word (bonus, budget, funding, equity, ... seed
      salary_context_terms) and neither a salary nor a period word is
      skipped whole; in the
      others, amounts in millions and amounts right next to a trap word are
      blanked. Every remaining amount needs its currency and salary context:
      a salary word in the sentence, a period word next to it, a range, or
      an "up to" / "from" before it.
    - The period comes from period words next to the amount (three words
      before, four after: seed salary_period_rules), else an annual-size
      amount (>= 15,000 EUR) is a yearly salary; anything else is undecided.
    - One distinct amount expression per posting, or the row is ambiguous.
    - Values outside the plausible range of their period are rejected.
    Undecided rows keep NULLs, a reason, and a flag for enrichment.
#}
{%- set currency = currency_pattern() -%}
{%- set number = "\\d{1,3}(?:[.,'' ’]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?" -%}
{%- set thousands = "k\\b|tsd\\.?|tausend\\b|mille\\b" -%}
{#- a sentence runs to . ! ? ; or a line break, except a mark followed by a
    non-space (60.000, p.a.) or ending a known abbreviation (Tsd., ca.) -#}
{%- set sentence_chars -%}
(?:[^.!?;\n]|[.!?;]\S|\b(?:tsd|ca|approx|env|inkl|zzgl|max|min|mio|p\.a|p\.m|fr|sfr|kr)\.\s)
{%- endset -%}
{#- "60.000,-" / "8'500.–": a dash for zero cents -#}
{%- set cents_dash = "(?:[.,][-–]{1,2})?" -%}
{#- range words; the weak ones ("70 and 85k", "between £60,000 and 69,000")
    only join a second amount that carries a currency or a k or has four
    digits or more, so that "28.000 € en 14 pagas" stays one amount -#}
{%- set range_word = "-|–|—|to|bis|à|a|tot|till|until|up to|bis zu|jusqu.à|hasta" -%}
{%- set weak_range_word = "and|und|et|y|en" -%}
{%- set salary_word = seed_alternation('salary_context_terms', 'term', "kind = 'salary_word'") -%}
{%- set trap_word = seed_alternation('salary_context_terms', 'term', "kind = 'trap_word'") -%}
{%- set max_prefix = seed_alternation('salary_context_terms', 'term', "kind = 'max_prefix'") -%}
{%- set min_prefix = seed_alternation('salary_context_terms', 'term', "kind = 'min_prefix'") -%}
{%- set estimate_marker = seed_alternation('salary_context_terms', 'term', "kind = 'estimate_marker'") -%}
{%- set not_amount = seed_alternation('salary_context_terms', 'term', "kind = 'not_amount'") -%}
{%- set min_word = seed_alternation('salary_context_terms', 'term', "kind = 'min_word'") -%}
{%- set min_suffix = seed_alternation('salary_context_terms', 'term', "kind = 'min_suffix'") -%}
{%- set total_pay_marker = seed_alternation('salary_context_terms', 'term', "kind = 'total_pay_marker'") -%}
{%- set single_amount -%}
(?:{{ currency }})?\s?(?:{{ number }}){{ cents_dash }}\s?(?:{{ thousands }})?\s?(?:{{ currency }})?
{%- endset -%}
{%- set marked_amount -%}
(?:{{ currency }})\s?(?:{{ number }}){{ cents_dash }}\s?(?:{{ thousands }})?\s?(?:{{ currency }})?|(?:{{ number }}){{ cents_dash }}\s?(?:(?:{{ thousands }})\s?(?:{{ currency }})?|(?:{{ currency }}))|(?:\d{1,3}(?:[.,'' ’]\d{3})+|\d{4,})(?:[.,]\d{1,2})?{{ cents_dash }}
{%- endset -%}
{#- one amount expression: first amount, then a range word and a second
    amount (strong range word) or a weak one and a marked second amount -#}
{%- set money_parts -%}
({{ single_amount }})(?:\s*({{ range_word }})\s*({{ single_amount }})|\s*({{ weak_range_word }})\s+({{ marked_amount }}))?
{%- endset -%}
{#- the same without capture groups, to find the amounts: with groups, RE2
    works out every group of every match (~10x slower) -#}
{%- set money = modules.re.sub('(?<!\\\\)\\((?!\\?)', '(?:', money_parts) -%}
{#- up to three words before an amount and four after it (period words,
    "up to", "from"); written so that RE2 has one way to split them. No
    capture groups: RE2 finds a whole match with its fast automaton, while
    groups cost ~20x more per amount; the white space (and the "%" after an
    amount) at the match's edges is cut off by string functions instead. -#}
{%- set words_before = "(?:[\\pL/.'':]+\\s+){0,2}[\\pL/.'':]+\\s*$" -%}
{%- set words_after = "^\\s*%?(?:(?:/\\pL*|[\\pL.'']+)(?:\\s*/\\pL*|\\s+[\\pL.'']+){0,3})?" -%}
{#- RE2's \s -#}
{%- set white_space = "chr(9) || chr(10) || chr(12) || chr(13) || ' '" -%}
{%- set amount_parts -%}
^({{ currency }})?\s?({{ number }}){{ cents_dash }}\s?({{ thousands }})?\s?({{ currency }})?$
{%- endset -%}
{#- "up to", "maximum salary of", "ab": what may follow the bound word -#}
{%- set bound_tail = "(?:\\s+(?:" ~ salary_word ~ "))?(?:\\s+(?:of|von|de|van))?\\s*" -%}
{%- set amount = "(?:" ~ currency ~ ")?\\s?\\d[\\d.,'' ’]*\\s?(?:k\\b)?\\s?(?:" ~ currency ~ ")?" -%}
{#- "£45,000 - £50,000": a range with a currency on both amounts is salary
    context by itself, even in a sentence with a trap word ("plus bonuses") -#}
{%- set currency_amount = "(?:(?:" ~ currency ~ ")\\s?\\d[\\d.,'' ’]*\\s?(?:k\\b)?|\\d[\\d.,'' ’]*\\s?(?:k\\b)?\\s?(?:" ~ currency ~ "))" -%}
{%- set currency_range = currency_amount ~ "\\s*(?:" ~ range_word ~ ")\\s*" ~ currency_amount -%}
{#- traps: amounts in millions, and amounts right after or before a trap
    word. Each needs a cue in the sentence: a digit before m(illion) or
    b(illion), or a trap word's stem (the word without its letter runs \pL*).
    RE2 runs the three traps in one pattern ~20x slower than any two, so a
    sentence gets only the traps it has cues for: same matches, since a
    trap without its cue cannot match anywhere in the sentence. -#}
{%- set millions_cue = '\\d\\s?[mb]' -%}
{%- set trap_stems = [] -%}
{%- for term in seed_rows('salary_context_terms', ['term'], "kind = 'trap_word'") | map(attribute='term') -%}
    {%- do trap_stems.append(modules.re.sub('^(\\\\pL\\*)+|(\\\\pL\\*)+$', '', term)) -%}
{%- endfor -%}
{%- set trap_word_cue = trap_stems | join('|') if trap_stems else 'a^' -%}
{%- set millions_trap -%}
(?:{{ currency }})?\s?\d+(?:[.,]\d+)?\s?(?:m|mn|mln|mio\.?|millions?|million\pL*|millones|miljoen|milliard\pL*|mrd\.?|bn|billions?)\b(?:\s?(?:de\s|d.)?(?:{{ currency }}))?
{%- endset -%}
{%- set trap_word_traps -%}
(?:^|[^\pL])(?:{{ trap_word }})(?:\s+\pL+)?(?:\s*(?:of|von|in höhe von|de|d.|du|van|worth|:|an?|un|une|einen?|annual|yearly|annuel(?:le)?|anual|jährliche?|jaarlijkse?|mensuel(?:le)?|up to|bis zu|jusqu.à|hasta|max\.?))*\s*{{ amount }}(?:\s*(?:{{ range_word }})\s*{{ amount }})?|{{ amount }}\s*(?:{{ trap_word }})(?:[^\pL]|$)
{%- endset -%}

-- depends_on: {{ ref('currency_terms') }}
-- depends_on: {{ ref('salary_period_rules') }}
-- depends_on: {{ ref('salary_context_terms') }}
-- depends_on: {{ ref('field_bounds') }}
-- depends_on: {{ ref('salary_periods') }}

with

postings_read as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        lower(salary_text) as board_salary_lower,
        lower(description) as description_lower,
        country_code,
        country_currency_code,
        post_date
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

postings as (

    -- a board field that is the board's own estimate ("$53K-$91K (Glassdoor
    -- est.)") is not the ad's pay: it is set aside and the description read
    select
        * exclude (board_salary_lower),
        coalesce(
            regexp_matches(board_salary_lower, '{{ estimate_marker }}'), false
        ) as is_board_estimate,
        -- the description says the pay is on-target earnings or commission:
        -- a board range is then total pay, not the salary (precision first)
        coalesce(
            board_salary_lower is not null
            and regexp_matches(
                description_lower, '(?:^|[^\pL])(?:{{ total_pay_marker }})(?:[^\pL]|$)'
            ),
            false
        ) as is_total_pay,
        case
            when not regexp_matches(board_salary_lower, '{{ estimate_marker }}')
                then board_salary_lower
        end as salary_text_lower
    from postings_read

),

salary_contexts_read as (

    -- the board's salary field, when it holds a figure
    select
        posting_id,
        'salary_text' as salary_source,
        salary_text_lower as salary_context
    from postings
    where regexp_matches(salary_text_lower, '\d')

    union all

    -- else each description sentence that names a currency
    select
        posting_id,
        'description' as salary_source,
        unnest(regexp_extract_all(
            description_lower,
            '{{ sentence_chars }}*(?:{{ currency }}){{ sentence_chars }}*'
        )) as salary_context
    from postings
    where
        not coalesce(regexp_matches(salary_text_lower, '\d'), false)
        and regexp_matches(description_lower, '{{ currency }}')

),

salary_contexts as (

    -- numbers that count pay months ("sur 12 mois", "14 pagas", "13th
    -- month") are not amounts: blanked before amounts are read
    select
        posting_id,
        salary_source,
        case
            when regexp_matches(salary_context, '{{ not_amount }}')
                then regexp_replace(salary_context, '{{ not_amount }}', ' ', 'g')
            else salary_context
        end as salary_context
    from salary_contexts_read

),

contexts_classified as (

    select
        *,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ salary_word }})(?:[^\pL]|$)'
        ) as has_salary_word,
        {{ rules_case('salary_period_rules', {'text': 'salary_context'}) }}
            is not null as has_period_word,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ trap_word }})(?:[^\pL]|$)'
        ) as has_trap_word,
        regexp_matches(
            salary_context, '(?:^|[^\pL])(?:{{ min_word }})(?:[^\pL]|$)'
        ) as has_min_word,
        regexp_matches(salary_context, '{{ currency_range }}') as has_currency_range,
        regexp_matches(salary_context, '{{ millions_cue }}') as has_millions_cue,
        regexp_matches(salary_context, '{{ trap_word_cue }}') as has_trap_word_cue
    from salary_contexts

),

money_expressions as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_context,
        unnest(regexp_extract_all(money_context, '{{ money }}')) as money_core
    from (
        select
            *,
            case
                when has_millions_cue and has_trap_word_cue
                    then regexp_replace(
                        salary_context,
                        '{{ millions_trap }}|{{ trap_word_traps }}', ' ', 'g'
                    )
                when has_trap_word_cue
                    then regexp_replace(
                        salary_context, '{{ trap_word_traps }}', ' ', 'g'
                    )
                when has_millions_cue
                    then regexp_replace(
                        salary_context, '{{ millions_trap }}', ' ', 'g'
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

),

money_located as (

    -- the text around the amount: where it starts, what stands before/after
    select
        *,
        instr(money_context, money_core) as core_position
    from money_expressions

),

money_split as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        has_min_word,
        money_core,
        rtrim(
            regexp_extract(
                left(money_context, core_position - 1), '{{ words_before }}'
            ),
            {{ white_space }}
        ) as words_before,
        -- "%" then the words, or just the words
        ltrim(
            regexp_extract(
                money_context[core_position + length(money_core):],
                '{{ words_after }}'
            ),
            {{ white_space }}
        ) as after_amount,
        -- a single amount (about half of them) needs no capture groups,
        -- which cost RE2 ~20x a plain match: it is the whole first amount
        case
            when regexp_full_match(money_core, '{{ single_amount }}')
                then {
                    'amount_1': money_core, 'range_word': '', 'amount_2': '',
                    'weak_range_word': '', 'marked_amount_2': ''
                }
            else regexp_extract(
                money_core, '^{{ money_parts }}$',
                ['amount_1', 'range_word', 'amount_2', 'weak_range_word', 'marked_amount_2']
            )
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
                when prefix(after_amount, '%') then after_amount[2:]
                else after_amount
            end as words_around,
        regexp_extract(
            trim(parts.amount_1), '{{ amount_parts }}',
            ['currency_a', 'number', 'thousands', 'currency_b']
        ) as first_amount,
        regexp_extract(
            trim(coalesce(nullif(parts.amount_2, ''), parts.marked_amount_2)),
            '{{ amount_parts }}',
            ['currency_a', 'number', 'thousands', 'currency_b']
        ) as second_amount,
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
            when regexp_matches(words_before, '(?:^|[^\pL])(?:{{ max_prefix }}){{ bound_tail }}$')
                then 'max_only'
            when regexp_matches(words_before, '(?:^|[^\pL])(?:{{ min_prefix }}){{ bound_tail }}$')
                then 'min_only'
            -- one amount in a sentence about minimum pay ("Das Mindestgehalt
            -- beträgt 3.237,10 Euro brutto monatlich")
            when has_min_word and not is_range then 'min_only'
            -- "$160.00 per hour and up", "3.000 € et plus"
            when not is_range
                and regexp_matches(words_after, '(?:^|[^\pL])(?:{{ min_suffix }})(?:[^\pL]|$)')
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

),

money_candidates as (

    select
        posting_id,
        salary_source,
        has_salary_word,
        period_from_words,
        bound,
        currency_term,
        -- the range the amount expression states, after "up to" / "from"
        case when bound = 'max_only' then null else amount_1 end as candidate_low,
        case
            when bound = 'max_only' then amount_1
            when bound = 'min_only' and amount_2 is null then null
            else coalesce(amount_2, amount_1)
        end as candidate_high
    from (
        select
            * exclude (amount_1_raw),
            -- "70 and 85k", "45-55k": the suffix of the second amount is shared
            case
                when shares_thousands_suffix and amount_1_raw < 1000
                    then amount_1_raw * 1000
                else amount_1_raw
            end as amount_1,
            amount_1_raw
        from money_valued
    ) as money_scaled
    where
        not is_percentage
        and amount_1_raw > 0
        and (
            salary_source = 'salary_text'
            -- in a description: its currency, and salary context
            or (
                currency_term is not null
                and (
                    has_salary_word or is_range
                    or bound is not null or period_from_words is not null
                )
            )
        )

),

candidates_distinct as (

    -- one candidate per stated range: the same range restated in another
    -- notation ("25000 - 35000/annum 25-35K", "£40,000 ... 40k") is one
    select
        posting_id,
        candidate_low,
        candidate_high,
        any_value(salary_source) as salary_source,
        max(currency_term) as currency_term,
        count(distinct period_from_words) as period_count,
        any_value(period_from_words) as period_from_words
    from money_candidates
    group by posting_id, candidate_low, candidate_high

),

candidates_kept as (

    -- a single amount inside another candidate's range restates it
    -- ("35000 - 40000/annum c40000")
    select *
    from candidates_distinct as single
    where not exists (
        select 1
        from candidates_distinct as ranged
        where ranged.posting_id = single.posting_id
            and ranged.candidate_low < ranged.candidate_high
            and single.candidate_low = single.candidate_high
            and single.candidate_low between ranged.candidate_low and ranged.candidate_high
    )

),

candidates_per_posting as (

    select
        posting_id,
        any_value(salary_source) as salary_source,
        count(*) as candidate_count,
        max(period_count) as period_count,
        any_value(period_from_words) as period_from_words,
        any_value(currency_term) as currency_term,
        any_value(candidate_low) as candidate_low,
        any_value(candidate_high) as candidate_high
    from candidates_kept
    group by posting_id

),

ranges_decided as (

    select
        candidates_per_posting.*,
        postings.is_total_pay,
        postings.country_code,
        postings.country_currency_code,
        postings.post_date,
        candidate_low as salary_min_raw,
        candidate_high as salary_max_raw,
        case
            when currency_term is null and salary_source = 'salary_text'
                then postings.country_currency_code
            when currency_term in ('kr', 'kr.')
                then case
                    when postings.country_currency_code in ('SEK', 'DKK', 'NOK')
                        then postings.country_currency_code
                end
            else {{ seed_case(
                'currency_terms', 'term', 'currency_code',
                'currency_term', quote_values=true
            ) }}
        end as salary_currency_raw
    from candidates_per_posting
    inner join postings using (posting_id)

),

periods_decided as (

    select
        ranges_decided.*,
        case
            when period_from_words is not null then period_from_words
            -- a bare amount: the period whose band (seed salary_periods) holds
            -- its EUR value at the month's rate; between bands it stays
            -- unknown (6,000-15,000 EUR is a high month or a low year)
            {%- for band in seed_rows(
                'salary_periods',
                ['salary_period', 'bare_amount_from_eur', 'bare_amount_below_eur', 'bare_amount_in'],
                'bare_amount_from_eur is not null'
            ) %}
            when coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit
                    >= {{ band['bare_amount_from_eur'] }}
                {%- if band['bare_amount_below_eur'] is not none %}
                and coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit
                    < {{ band['bare_amount_below_eur'] }}
                {%- endif %}
                {%- if band['bare_amount_in'] != 'any' %}
                and salary_source = '{{ band['bare_amount_in'] }}'
                {%- endif %}
                then '{{ band['salary_period'] }}'
            {%- endfor %}
        end as salary_period_raw
    from ranges_decided
    {{ fx_rate_join('ranges_decided.salary_currency_raw', 'ranges_decided.post_date', 'fx_rates') }}

),

salaries_decided as (

    select
        posting_id,
        salary_source,
        is_total_pay,
        candidate_count,
        period_count,
        salary_min_raw as salary_min,
        salary_max_raw as salary_max,
        salary_currency_raw as salary_currency,
        salary_period_raw as salary_period,
        country_code,
        country_currency_code,
        post_date
    from periods_decided

),

-- annualised and converted, and checked for plausibility
-- (macros/salary/salary_annualised.sql, shared with the LLM path)
salaries_annualised as (

    {{ salary_annualised('salaries_decided') }}

),

salaries_checked as (

    select
        *,
        case
            when salary_source = 'salary_text' and is_total_pay then 'board_total_pay'
            when candidate_count > 1 then 'ambiguous_amounts'
            when period_count > 1 then 'ambiguous_period'
            when salary_currency is null then 'unknown_currency'
            when salary_money_reason = 'no_fx_rate' then 'no_fx_rate'
            when salary_period is null then 'unknown_period'
            when salary_min > salary_max then 'min_above_max'
            else salary_money_reason
        end as salary_undecided_reason
    from salaries_annualised

),

salary_mentions as (

    -- postings without a readable figure that still talk about pay
    -- (searched only where no candidate was found: the costly scan is rare);
    -- a pay word with a figure at most 80 characters after it in the same
    -- sentence. RE2 runs the pattern without that limit several times
    -- faster, and only the few texts it finds can match the exact one.
    {%- set pay_mention -%}
    (?:^|[^\pL])(?:{{ salary_word }})(?:[^\pL]|$)[^.\n]{within}(?:\d|thousand|tausend|mille|duizend|mil\b)|(?:thousand|tausend|mille|duizend|mil)\s*(?:euros?|pounds?|francs?|kronor|kroner|złotych|eur)
    {%- endset %}
    select
        posting_id,
        -- case, not and: a select list evaluates both sides of an and
        case
            when regexp_matches(pay_text, '{{ pay_mention | replace('{within}', '*') }}')
                then regexp_matches(
                    pay_text, '{{ pay_mention | replace('{within}', '{0,80}') }}'
                )
            else false
        end as mentions_salary_figure
    from (
        select
            posting_id,
            coalesce(salary_text_lower, '') || ' '
                || coalesce(description_lower, '') as pay_text
        from postings
        anti join salaries_checked using (posting_id)
    )

),

final as (

    select
        postings.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        {%- for column in [
            'salary_min', 'salary_max', 'salary_currency', 'salary_period'
        ] %}
        case when salary_undecided_reason is null then salaries_checked.{{ column }} end
            as {{ column }},
        {%- endfor %}
        case
            when salaries_checked.posting_id is not null
                and salary_undecided_reason is null
                then 'rule'
        end as salary_method,
        salaries_checked.salary_source,
        {%- for column in [
            'salary_min_eur_annual', 'salary_max_eur_annual',
            'salary_min_local_annual', 'salary_max_local_annual', 'fx_rate_month'
        ] %}
        case when salary_undecided_reason is null then salaries_checked.{{ column }} end
            as {{ column }},
        {%- endfor %}
        coalesce(
            salary_undecided_reason,
            case
                when salary_mentions.mentions_salary_figure
                    then 'unreadable_salary_mention'
                when postings.is_board_estimate then 'board_estimate'
            end
        ) as salary_undecided_reason
    from postings
    left join salaries_checked using (posting_id)
    left join salary_mentions using (posting_id)

)

select
    *,
    salary_undecided_reason is not null as needs_salary_enrichment
from final
