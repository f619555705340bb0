{#
    Salary figures by country x job family x seniority over the postings of
    the last insights_window_months (default 12) before as_of_date, in EUR
    per year. Postings whose family or seniority is undecided are left out of
    the cells. A cell with fewer salaried postings than min_cell_size
    (default 10) keeps its counts but shows NULL figures. The same figures
    in the country's currency: salary_*_local_annual_* (local_currency).
#}
with

postings as (

    select * from {{ ref('fct_postings') }}
    where
        post_date > {{ as_of_date() }}
            - interval '{{ var("insights_window_months") }} months'
        and post_date <= {{ as_of_date() }}
        and job_family is not null
        and seniority is not null

),

cells as (

    select
        country_code,
        any_value(country) as country,
        job_family,
        seniority,
        count(*) as postings,
        count(*) filter (
            where salary_min_eur_annual is not null
                or salary_max_eur_annual is not null
        ) as salaried_postings,
        quantile_cont(salary_min_eur_annual, 0.25) as min_p25,
        quantile_cont(salary_min_eur_annual, 0.5) as min_median,
        quantile_cont(salary_min_eur_annual, 0.75) as min_p75,
        quantile_cont(salary_max_eur_annual, 0.25) as max_p25,
        quantile_cont(salary_max_eur_annual, 0.5) as max_median,
        quantile_cont(salary_max_eur_annual, 0.75) as max_p75,
        any_value(local_currency) as local_currency,
        {%- for column in ['min', 'max'] %}
        {%- for stat, q in [('p25', 0.25), ('median', 0.5), ('p75', 0.75)] %}
        quantile_cont(salary_{{ column }}_local_annual, {{ q }})
            as local_{{ column }}_{{ stat }}{{ ',' if not (loop.last and column == 'max') }}
        {%- endfor %}
        {%- endfor %}
    from postings
    group by country_code, job_family, seniority

),

cells_reportable as (

    select
        *,
        salaried_postings >= {{ var('min_cell_size') }} as is_reportable
    from cells

),

final as (

    select
        country_code,
        country,
        job_family,
        seniority,
        postings,
        salaried_postings,
        is_reportable,
        {%- for column in ['min', 'max'] %}
        {%- for stat in ['p25', 'median', 'p75'] %}
        case when is_reportable then round({{ column }}_{{ stat }}, 0) end
            as salary_{{ column }}_eur_annual_{{ stat }},
        {%- endfor %}
        {%- endfor %}
        local_currency,
        {%- for column in ['min', 'max'] %}
        {%- for stat in ['p25', 'median', 'p75'] %}
        case when is_reportable then round(local_{{ column }}_{{ stat }}, 0) end
            as salary_{{ column }}_local_annual_{{ stat }},
        {%- endfor %}
        {%- endfor %}
        case
            when is_reportable
                then '€' || format('{:,}', cast(round(coalesce(min_median, max_median), -3) as bigint))
                    || ' - €' || format('{:,}', cast(round(coalesce(max_median, min_median), -3) as bigint))
        end as salary_range_text
    from cells_reportable

)

select * from final
