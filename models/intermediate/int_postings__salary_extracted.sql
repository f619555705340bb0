{#
    Salary range, currency and period from the board's salary field or, when
    it has no figure, from the description; by SQL rules, precision first.

    - salary_text is salary context by itself: a bare amount is a salary;
      currency from the text, else the country's currency; period from words,
      else from magnitude (see periods_decided in
      macros/salary/salary_decided.sql).
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
{#-
    Three stages, each a macro returning a sequence of CTEs (macros/salary/),
    all reading the patterns of salary_patterns() (words from seed
    salary_context_terms, currencies from seed currency_terms):
    salary_mentions (the salary contexts and the amount expressions in
    them) -> salary_parsed (each expression's amounts, currency, period
    words and bound) -> salary_decided (one range per posting, its currency
    and period, annualised and checked, or a reason).
-#}
{%- set patterns = salary_patterns() %}

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
        {{ star_except(["board_salary_lower"]) }},
        coalesce(
            regexp_matches(board_salary_lower, '{{ patterns.estimate_marker }}'), false
        ) as is_board_estimate,
        -- the description says the pay is on-target earnings or commission:
        -- a board range is then total pay, not the salary (precision first)
        coalesce(
            board_salary_lower is not null
            and regexp_matches(
                description_lower, '(?:^|[^\pL])(?:{{ patterns.total_pay_marker }})(?:[^\pL]|$)'
            ),
            false
        ) as is_total_pay,
        case
            when not regexp_matches(board_salary_lower, '{{ patterns.estimate_marker }}')
                then board_salary_lower
        end as salary_text_lower
    from postings_read

),

-- 1. mentions: salary contexts and the amount expressions in them
-- (salary_contexts_read ... money_expressions)
{{ salary_mentions(patterns, postings='postings') }},

-- 2. parsed: each expression's amounts, currency, period words and bound
-- (money_located ... money_valued)
{{ salary_parsed(patterns, money_expressions='money_expressions') }},

-- 3. decided: one range per posting with its currency and period,
-- annualised and checked, or a reason (money_candidates ... pay_mentions)
{{ salary_decided(patterns, money_valued='money_valued', postings='postings') }},

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
                when pay_mentions.mentions_salary_figure
                    then 'unreadable_salary_mention'
                when postings.is_board_estimate then 'board_estimate'
            end
        ) as salary_undecided_reason
    from postings
    left join salaries_checked using (posting_id)
    left join pay_mentions using (posting_id)

)

select
    *,
    salary_undecided_reason is not null as needs_salary_enrichment
from final
