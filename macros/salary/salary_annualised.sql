{#
    Money rules of salaries, written once for the rule path
    (int_postings__salary_extracted) and the LLM path
    (int_postings__llm_enriched):

    - annual factor: year 1, month 12, week 52 (seed salary_periods); hour
      and day by the posting's country (seed working_time: 1,950 h in the
      UK, 1,820 h in France ...), else salary_periods' defaults;
    - FX: the ECB rate of the post_date's month (seed fx_rates_monthly; the
      last month for later postings), to EUR and to the country's currency;
    - plausibility: each amount within its period's EUR range (seed
      salary_periods) and, annualised, within seed field_bounds
      `salary_eur_annual`; else `implausible_amount`. No rate for the
      currency and month: `no_fx_rate`.

    `salaries`: a relation or CTE name with posting_id, salary_min,
    salary_max, salary_currency, salary_period, country_code,
    country_currency_code and post_date. Returns it with fx_rate_month,
    annual_factor, salary_{min,max}_eur_annual,
    salary_{min,max}_local_annual and salary_money_reason (NULL when usable).
#}
{% macro salary_annualised(salaries) -%}
    {%- set annual = field_bounds('salary_eur_annual') -%}
    {%- set in_eur = 'salaries.{} * fx_rates.eur_per_unit' -%}
    select
        salaries.*,
        fx_rates.rate_month as fx_rate_month,
        annual_factors.annual_factor,
        {%- for bound in ['min', 'max'] %}
        round(salaries.salary_{{ bound }} * annual_factors.annual_factor
            * fx_rates.eur_per_unit, 2) as salary_{{ bound }}_eur_annual,
        round(salaries.salary_{{ bound }} * annual_factors.annual_factor
            * fx_rates.eur_per_unit / local_fx_rates.eur_per_unit, 2)
            as salary_{{ bound }}_local_annual,
        {%- endfor %}
        case
            when fx_rates.eur_per_unit is null then 'no_fx_rate'
            when salaries.salary_period is null then null
            {%- for bound in ['min', 'max'] %}
            when {{ in_eur.format('salary_' ~ bound) }} < salary_periods.min_eur
                or {{ in_eur.format('salary_' ~ bound) }} > salary_periods.max_eur
                or {{ in_eur.format('salary_' ~ bound) }} * annual_factors.annual_factor
                    not between {{ annual.min }} and {{ annual.max }}
                then 'implausible_amount'
            {%- endfor %}
        end as salary_money_reason
    from {{ salaries }} as salaries
    left join {{ ref('salary_periods') }} as salary_periods
        on salaries.salary_period = salary_periods.salary_period
    left join {{ ref('working_time') }} as working_time
        on salaries.country_code = working_time.country_code
    cross join lateral (
        select case salaries.salary_period
            when 'hour' then coalesce(working_time.hours_per_year, salary_periods.annual_factor)
            when 'day' then coalesce(working_time.days_per_year, salary_periods.annual_factor)
            else salary_periods.annual_factor
        end as annual_factor
    ) as annual_factors
    {{ fx_rate_join('salaries.salary_currency', 'salaries.post_date', 'fx_rates') }}
    {{ fx_rate_join('salaries.country_currency_code', 'salaries.post_date', 'local_fx_rates') }}
{%- endmacro %}

{#
    Joins the rate of `currency` in the month of `on_date` (seed
    fx_rates_monthly) as `alias`: the latest month that does not start after
    the date, so a posting after the last published month gets that month.
#}
{% macro fx_rate_join(currency, on_date, alias) -%}
    {{ return(adapter.dispatch('fx_rate_join', 'salary_insights')(currency, on_date, alias)) }}
{%- endmacro %}

{% macro default__fx_rate_join(currency, on_date, alias) -%}
    asof left join {{ ref('fx_rates_monthly') }} as {{ alias }}
        on {{ currency }} = {{ alias }}.currency_code
        -- no date (a unit test's fixture): the latest month
        and coalesce({{ on_date }}, date '9999-12-31') >= {{ alias }}.rate_month
{%- endmacro %}

{#- Spark has no ASOF JOIN: each rate month knows where the next one starts
    (lead), and the date falls in exactly one [rate_month, next) interval -#}
{% macro spark__fx_rate_join(currency, on_date, alias) -%}
    left join (
        select
            *,
            lead(rate_month) over (partition by currency_code order by rate_month)
                as next_rate_month
        from {{ ref('fx_rates_monthly') }}
    ) as {{ alias }}
        on {{ currency }} = {{ alias }}.currency_code
        -- no date (a unit test's fixture): the latest month
        and coalesce({{ on_date }}, date '9999-12-31') >= {{ alias }}.rate_month
        and (
            {{ alias }}.next_rate_month is null
            or coalesce({{ on_date }}, date '9999-12-31') < {{ alias }}.next_rate_month
        )
{%- endmacro %}
