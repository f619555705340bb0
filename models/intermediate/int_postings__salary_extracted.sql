{#
    Salary range, currency and period from the board's salary field or, when
    it has no figure, from the description; by SQL rules, precision first.

    - salary_text is salary context by itself: a bare amount is a salary;
      currency from the text, else the country's currency; period from words,
      else from magnitude (see salary_periods_by_magnitude below).
    - In a description only sentences holding a currency are read, spans that
      are known traps (millions, funding, budgets, bonuses, equity) are blanked
      first, and every remaining amount must carry a currency. Its period
      comes from period words in the same sentence, else an annual-size
      amount (>= 15,000 EUR) is a yearly salary; anything else is undecided.
    - One distinct amount expression per posting, or the row is ambiguous.
    - Values outside the plausible range of their period are rejected.
    Undecided rows keep NULLs, a reason, and a flag for enrichment.
#}
{%- set currency -%}
€|£|us\$|\$|\b(?:euros?|eur|gbp|chf|sfr\.?|fr\.|pln|zł|zl|sek|dkk|nok|usd|kr\.?)\b|zł
{%- endset -%}
{%- set number = "\\d{1,3}(?:[.,'' ’]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?" -%}
{%- set thousands = "k\\b|tsd\\.?|tausend\\b|mille\\b" -%}
{#- a sentence runs to . ! ? ; or a line break, except a mark followed by a
    non-space (60.000, p.a.) or ending a known abbreviation (Tsd., ca.) -#}
{%- set sentence_chars -%}
(?:[^.!?;\n]|[.!?;]\S|\b(?:tsd|ca|approx|env|inkl|zzgl|max|min|mio|p\.a|p\.m)\.\s)
{%- endset -%}
{%- set range_word = "-|–|—|to|bis|à|a|tot|and|und|et|y|en|till|until" -%}
{%- set prefix -%}
up to|upto|bis zu|jusqu.à|jusqu.a|hasta|tot maximaal|max\.?|maximal|maximum|from|ab|à partir de|a partir de|desde|vanaf|starting at|starting from|dès
{%- endset -%}
{%- set max_only_prefix = "up to|upto|bis zu|jusqu.à|jusqu.a|hasta|tot maximaal|max\\.?|maximal|maximum" -%}
{%- set money -%}
(?:({{ prefix }})\s*)?({{ currency }})?\s?({{ number }})\s?({{ thousands }})?\s?({{ currency }})?(?:\s*({{ range_word }})\s*({{ currency }})?\s?({{ number }})\s?({{ thousands }})?\s?({{ currency }})?)?(\s?%)?
{%- endset -%}
{%- set amount = "(?:" ~ currency ~ ")?\\s?\\d[\\d.,'' ’]*\\s?(?:k\\b)?\\s?(?:" ~ currency ~ ")?" -%}
{%- set trap_word -%}
bonus\pL*|prime|primes|budget\pL*|funding|raised|financement|levée|finanzierung|series [a-e]|round|revenue|umsatz|chiffre d.affaires|omzet|facturación|equity|stock|options|aandelen|acciones|signing|sign-on|joining|welcome|relocation|training|allowance|toelage|zulage|prämie|weihnachtsgeld|urlaubsgeld
{%- endset -%}
{%- set traps -%}
(?:{{ currency }})?\s?\d+(?:[.,]\d+)?\s?(?:m|mn|mio\.?|millions?|million\pL*|milliard\pL*|mrd\.?|bn|billions?)\b(?:\s?(?:{{ currency }}))?|(?:{{ trap_word }})(?:\s*(?:of|von|in höhe von|de|d.|du|van|worth|:|up to|bis zu|jusqu.à|hasta|tot|an?|un|une|einen?|annual|yearly))*\s*{{ amount }}|{{ amount }}\s*(?:{{ trap_word }})
{%- endset -%}

-- depends_on: {{ ref('currency_terms') }}
-- depends_on: {{ ref('salary_period_rules') }}

with

postings as (

    select
        posting_id,
        lower(salary_text) as salary_text_lower,
        lower(description) as description_lower,
        country_currency_code
    from {{ ref('int_postings__deduplicated') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

salary_periods as (

    select * from {{ ref('salary_periods') }}

),

salary_contexts as (

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

money_expressions as (

    select
        posting_id,
        salary_source,
        salary_context,
        {{ rules_case('salary_period_rules', {'text': 'salary_context'}) }}
            as period_from_words,
        unnest(regexp_extract_all(
            regexp_replace(salary_context, '{{ traps }}', ' ', 'g'),
            '{{ money }}'
        )) as money_expression
    from salary_contexts

),

money_parsed as (

    select
        posting_id,
        salary_source,
        period_from_words,
        money_expression,
        regexp_extract(
            money_expression,
            '^{{ money }}$',
            [
                'prefix', 'currency_1a', 'amount_1', 'thousands_1',
                'currency_1b', 'range_word', 'currency_2a', 'amount_2',
                'thousands_2', 'currency_2b', 'percent'
            ]
        ) as parts
    from money_expressions

),

money_valued as (

    select
        posting_id,
        salary_source,
        period_from_words,
        money_expression,
        nullif(parts.prefix, '') as prefix,
        nullif(coalesce(
            nullif(parts.currency_1a, ''), nullif(parts.currency_1b, ''),
            nullif(parts.currency_2a, ''), nullif(parts.currency_2b, '')
        ), '') as currency_term,
        {{ parse_amount('parts.amount_1') }}
            * case when parts.thousands_1 <> '' then 1000 else 1 end
            as amount_1_raw,
        {{ parse_amount("nullif(parts.amount_2, '')") }}
            * case when parts.thousands_2 <> '' then 1000 else 1 end
            as amount_2,
        parts.thousands_1 = '' and parts.thousands_2 <> ''
            as shares_thousands_suffix,
        parts.percent <> '' as is_percentage
    from money_parsed

),

money_candidates as (

    select
        posting_id,
        salary_source,
        period_from_words,
        money_expression,
        prefix,
        currency_term,
        -- "70 and 85k", "45-55k": the suffix of the second amount is shared
        case
            when shares_thousands_suffix and amount_1_raw < 1000
                then amount_1_raw * 1000
            else amount_1_raw
        end as amount_1,
        amount_2
    from money_valued
    where
        not is_percentage
        and amount_1_raw > 0
        -- in a description an amount is only a salary with its currency
        and (salary_source = 'salary_text' or currency_term is not null)

),

candidates_per_posting as (

    select
        posting_id,
        any_value(salary_source) as salary_source,
        count(distinct money_expression) as candidate_count,
        count(distinct period_from_words) as period_count,
        any_value(period_from_words) as period_from_words,
        any_value(prefix) as prefix,
        any_value(currency_term) as currency_term,
        any_value(amount_1) as amount_1,
        any_value(amount_2) as amount_2
    from money_candidates
    group by posting_id

),

ranges_decided as (

    select
        candidates_per_posting.*,
        postings.country_currency_code,
        case
            when regexp_matches(prefix, '^(?:{{ max_only_prefix }})$')
                then null
            else amount_1
        end as salary_min_raw,
        case
            when regexp_matches(prefix, '^(?:{{ max_only_prefix }})$')
                then amount_1
            when prefix is not null and amount_2 is null then null
            else coalesce(amount_2, amount_1)
        end as salary_max_raw,
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
        coalesce(salary_max_raw, salary_min_raw)
            * fx_rates.eur_per_unit as amount_eur,
        case
            when period_from_words is not null then period_from_words
            -- magnitude rules, in EUR of the amount (documented in README)
            when coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit >= 15000
                then 'year'
            when salary_source = 'salary_text'
                then case
                    when coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit >= 1000
                        then 'month'
                    when coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit >= 100
                        then 'day'
                    when coalesce(salary_max_raw, salary_min_raw) * fx_rates.eur_per_unit >= 5
                        then 'hour'
                end
        end as salary_period_raw
    from ranges_decided
    left join fx_rates
        on ranges_decided.salary_currency_raw = fx_rates.currency_code

),

salaries_checked as (

    select
        periods_decided.*,
        salary_periods.annual_factor,
        fx_rates.eur_per_unit,
        case
            when candidate_count > 1 then 'ambiguous_amounts'
            when period_count > 1 then 'ambiguous_period'
            when salary_currency_raw is null then 'unknown_currency'
            when fx_rates.eur_per_unit is null then 'no_fx_rate'
            when salary_period_raw is null then 'unknown_period'
            when salary_min_raw > salary_max_raw then 'min_above_max'
            when salary_min_raw * fx_rates.eur_per_unit < salary_periods.min_eur
                or salary_max_raw * fx_rates.eur_per_unit > salary_periods.max_eur
                or salary_max_raw * fx_rates.eur_per_unit < salary_periods.min_eur
                or salary_min_raw * fx_rates.eur_per_unit > salary_periods.max_eur
                then 'implausible_amount'
        end as salary_undecided_reason
    from periods_decided
    left join fx_rates
        on periods_decided.salary_currency_raw = fx_rates.currency_code
    left join salary_periods
        on periods_decided.salary_period_raw = salary_periods.salary_period

),

salary_mentions as (

    -- postings that talk about pay although no rule could read a figure
    select
        posting_id,
        regexp_matches(
            coalesce(salary_text_lower, '') || ' ' || coalesce(description_lower, ''),
            '\b(?:salary|pay|compensation|gehalt|vergütung|salaire|rémunération|salaris|salario|sueldo|retribución|loon)\b[^.\n]{0,80}(?:\d|thousand|tausend|mille|duizend|mil\b)|(?:thousand|tausend|mille|duizend|mil)\s*(?:euros?|pounds?|francs?|kronor|kroner|złotych|eur)'
        ) as mentions_salary_figure
    from postings

),

final as (

    select
        salary_mentions.posting_id,
        case when salary_undecided_reason is null then salary_min_raw end
            as salary_min,
        case when salary_undecided_reason is null then salary_max_raw end
            as salary_max,
        case when salary_undecided_reason is null then salary_currency_raw end
            as salary_currency,
        case when salary_undecided_reason is null then salary_period_raw end
            as salary_period,
        case
            when salaries_checked.posting_id is not null
                and salary_undecided_reason is null
                then 'rule'
        end as salary_method,
        salaries_checked.salary_source,
        round(case when salary_undecided_reason is null
            then salary_min_raw * annual_factor * eur_per_unit end, 2)
            as salary_min_eur_annual,
        round(case when salary_undecided_reason is null
            then salary_max_raw * annual_factor * eur_per_unit end, 2)
            as salary_max_eur_annual,
        coalesce(
            salary_undecided_reason,
            case
                when salaries_checked.posting_id is null
                    and salary_mentions.mentions_salary_figure
                    then 'unreadable_salary_mention'
            end
        ) as salary_undecided_reason
    from salary_mentions
    left join salaries_checked using (posting_id)

)

select
    *,
    salary_undecided_reason is not null as needs_salary_enrichment
from final
