{#
    The skills postings ask for, per job family x country, over the postings
    of the last insights_window_months (default 12) before as_of_date, like
    salary_insights. Postings without a job family are left out, of the
    cells and of the country baselines. Skills: int_postings__skills_enriched
    (the dictionary's, and those llm_extract_skills added).

    share_of_postings: postings of the cell naming the skill / postings of
    the cell. lift: that share / the skill's share over all families of the
    same country (above 1: the family asks for it more than the country's
    postings do). Ranked within the cell by share, then lift, then name;
    the top 25 are kept. median_salary_eur_annual: median of the midpoints
    of the annual EUR salary (min and max, or the one given) of the cell's
    postings naming the skill, NULL below min_cell_size salaried postings.

    model_weight: the local model's learned evidence that a posting naming
    the skill belongs to the cell's job family (UDF model_skill_weight,
    python_udfs/model/skill_weights.py: the family's centred log-odds
    contribution of the skill's name read as a description). model_rank:
    the kept skills of the cell ordered by that weight (ties by name); both
    NULL while no model is trained, so a fresh clone builds.
#}
{%- set top_n = 25 -%}

with

postings as (

    select
        posting_id,
        country_code,
        country,
        job_family,
        cast(
            (
                coalesce(salary_min_eur_annual, salary_max_eur_annual)
                + coalesce(salary_max_eur_annual, salary_min_eur_annual)
            ) / 2 as double
        ) as salary_mid_eur_annual
    from {{ ref('fct_postings') }}
    where
        post_date > {{ as_of_date() }}
            - interval '{{ var("insights_window_months") }} months'
        and post_date <= {{ as_of_date() }}
        and job_family is not null

),

posting_skills as (

    -- dictionary skills, and LLM skills where an LLM is configured
    select * from {{ ref('int_postings__skills_enriched') }}

),

cells as (

    select
        country_code,
        job_family,
        count(*) as cell_postings
    from postings
    group by country_code, job_family

),

countries as (

    select
        country_code,
        count(*) as country_postings
    from postings
    group by country_code

),

postings_with_skills as (

    select
        postings.posting_id,
        postings.country_code,
        postings.country,
        postings.job_family,
        postings.salary_mid_eur_annual,
        posting_skills.skill,
        posting_skills.skill_category
    from postings
    inner join posting_skills using (posting_id)

),

country_skills as (

    select
        country_code,
        skill,
        count(*) as country_postings_with_skill
    from postings_with_skills
    group by country_code, skill

),

cell_skills as (

    select
        country_code,
        any_value(country) as country,
        job_family,
        skill,
        any_value(skill_category) as skill_category,
        count(*) as postings_with_skill,
        count(salary_mid_eur_annual) as salaried_postings_with_skill,
        median(salary_mid_eur_annual) as salary_median
    from postings_with_skills
    group by country_code, job_family, skill

),

cell_skills_scored as (

    select
        cell_skills.*,
        cells.cell_postings,
        cell_skills.postings_with_skill / cells.cell_postings
            as share_of_postings,
        (cell_skills.postings_with_skill / cells.cell_postings)
        / (
            country_skills.country_postings_with_skill
            / countries.country_postings
        ) as lift
    from cell_skills
    inner join cells using (country_code, job_family)
    inner join countries using (country_code)
    inner join country_skills using (country_code, skill)

),

cell_skills_ranked as (

    select
        *,
        row_number() over (
            partition by country_code, job_family
            order by share_of_postings desc, lift desc, skill
        ) as rank
    from cell_skills_scored

),

cell_skills_kept as (

    select * from cell_skills_ranked
    where rank <= {{ top_n }}

),

cell_skills_weighted as (

    select
        *,
        round(model_skill_weight(skill, job_family), 4) as model_weight
    from cell_skills_kept

),

cell_skills_model_ranked as (

    select
        *,
        -- NULL weights sit in their own partition and get no rank
        case
            when model_weight is not null
                then row_number() over (
                    partition by
                        country_code, job_family, model_weight is null
                    order by model_weight desc, skill
                )
        end as model_rank
    from cell_skills_weighted

),

final as (

    select
        country_code,
        country,
        job_family,
        rank,
        skill,
        skill_category,
        cell_postings,
        postings_with_skill,
        round(share_of_postings, 4) as share_of_postings,
        round(lift, 3) as lift,
        salaried_postings_with_skill,
        case
            when salaried_postings_with_skill >= {{ var('min_cell_size') }}
                then round(salary_median, 0)
        end as median_salary_eur_annual,
        model_weight,
        model_rank
    from cell_skills_model_ranked

)

select * from final
