{#
    Seniority (Entry / Mid / Senior): first from title keywords in the five
    languages (seeds/seniority_rules.csv: keywords whose meaning depends on
    the field are written with their context, and `not_a_level` phrases
    such as "Staff Nurse" are removed first), else from the minimum years of
    experience with the thresholds of the vars seniority_entry_max_years
    (default 2) and seniority_mid_max_years (default 5):
    0..2 Entry, 3..5 Mid, 6+ Senior. Neither: NULL and flagged.
#}
-- depends_on: {{ ref('seniority_rules') }}

with

postings as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        lower(title) as title_lower
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

experience as (

    select * from {{ ref('int_postings__experience_extracted') }}

),

seniority_from_title as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        {{ rules_case(
            'seniority_rules', {'title': 'title_for_levels'}, exclude_values=['not_a_level']
        ) }} as title_seniority
    from (
        -- phrases that name a job, not a level ("Staff Nurse", "Bar Staff",
        -- "Lead Generation"), out of the way of the level keywords
        select
            *,
            {{ rules_phrases_removed(
                'seniority_rules', 'title', 'not_a_level', 'title_lower'
            ) }} as title_for_levels
        from postings
    ) as postings_for_levels

),

seniority_decided as (

    select
        seniority_from_title.posting_id,
        seniority_from_title.dedup_key,
        seniority_from_title.loaded_at,
        coalesce(
            title_seniority,
            case
                when experience.experience_min_years
                    <= {{ var('seniority_entry_max_years') }} then 'Entry'
                when experience.experience_min_years
                    <= {{ var('seniority_mid_max_years') }} then 'Mid'
                when experience.experience_min_years is not null then 'Senior'
            end
        ) as seniority,
        case
            when title_seniority is not null then 'title'
            when experience.experience_min_years is not null then 'experience'
        end as seniority_basis
    from seniority_from_title
    left join experience using (posting_id)

),

final as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        seniority,
        case when seniority is not null then 'rule' end as seniority_method,
        seniority_basis,
        seniority is null as needs_seniority_enrichment
    from seniority_decided

)

select * from final
