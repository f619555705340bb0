{#
    The reference table: Software Engineering salaries by country (rows) and
    seniority (columns), as "€min - €max" ranges in EUR per year (median
    minimum - median maximum of the cell). NULL where the cell is below
    min_cell_size.
#}
with

insights as (

    select * from {{ ref('salary_insights') }}
    where job_family = 'Software Engineering'

),

final as (

    select
        country,
        max(salary_range_text) filter (where seniority = 'Entry') as entry,
        max(salary_range_text) filter (where seniority = 'Mid') as mid,
        max(salary_range_text) filter (where seniority = 'Senior') as senior
    from insights
    group by country

)

select * from final
