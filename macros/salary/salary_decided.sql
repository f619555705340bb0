{#
    Stage 3 of int_postings__salary_extracted: one salary per posting, or a
    reason why not. The CTEs (for the model's `with`) from salary_parsed's
    money_valued:

    - money_candidates: the range each expression states, kept when it has
      salary context;
    - candidates_distinct, candidates_kept, candidates_per_posting: the same
      range restated counts once; more than one is ambiguous;
    - ranges_decided, periods_decided, salaries_decided: currency (else the
      country's, for the board field) and period (from words, else from
      magnitude);
    - salaries_annualised, salaries_checked: annualised, converted and
      checked (salary_annualised), with salary_undecided_reason;
    - pay_mentions: postings without a candidate that still name a pay
      figure (mentions_salary_figure).

    `money_valued`: the last CTE of salary_parsed; `postings`: the model's
    postings CTE (posting_id, is_total_pay, country_code,
    country_currency_code, post_date, salary_text_lower,
    description_lower); `patterns`: salary_patterns().
#}
{% macro salary_decided(patterns, money_valued='money_valued', postings='postings') -%}
{%- set p = patterns -%}
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
            {{ star_except(["amount_1_raw"]) }},
            -- "70 and 85k", "45-55k": the suffix of the second amount is shared
            case
                when shares_thousands_suffix and amount_1_raw < 1000
                    then amount_1_raw * 1000
                else amount_1_raw
            end as amount_1,
            amount_1_raw
        from {{ money_valued }}
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
    inner join {{ postings }} as postings using (posting_id)

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

pay_mentions as (

    -- postings without a readable figure that still talk about pay
    -- (searched only where no candidate was found: the costly scan is rare);
    -- a pay word with a figure at most 80 characters after it in the same
    -- sentence. RE2 runs the pattern without that limit several times
    -- faster, and only the few texts it finds can match the exact one.
    select
        posting_id,
        -- case, not and: a select list evaluates both sides of an and
        case
            when regexp_matches(pay_text, '{{ p.pay_mention | replace('{within}', '*') }}')
                then regexp_matches(
                    pay_text, '{{ p.pay_mention | replace('{within}', '{0,80}') }}'
                )
            else false
        end as mentions_salary_figure
    from (
        select
            posting_id,
            coalesce(salary_text_lower, '') || ' '
                || coalesce(description_lower, '') as pay_text
        from {{ postings }}
        anti join salaries_checked using (posting_id)
    )

)
{%- endmacro %}
