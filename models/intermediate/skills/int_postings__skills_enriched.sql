{#
    Skills per canonical posting, rules first, then the LLM (the hybrid):
    every row of int_postings__skills_extracted (skill_method 'rule'),
    plus the skills of the latest ok answer of llm_extract_skills for the
    posting's skills input (any prompt version or model; an ok answer is
    grounded: every skill is written in the description), skill_method
    'llm', for postings the dictionary found few skills in (see
    int_postings__llm_requests).

    An LLM skill whose key (trimmed, lower-cased, runs of spaces and
    hyphens as one space: skills_text_key) equals a plain alias of the seed
    (the dictionary's own normalisation, skills_alias_plain_key) or a
    canonical skill name becomes that canonical skill with its category;
    otherwise it is kept as the LLM wrote it, trimmed, white space
    collapsed and lower-cased (so "Apache Airflow" and "apache airflow" of
    two postings count as one skill), with skill_category NULL. A skill
    the dictionary already found for the posting is not added again.

    A view: answers arrive independently of new postings (a later run, a
    raised budget, a key set), so an incremental filter on loaded_at would
    miss them; and its one reader, top_skills, is rebuilt every run anyway
    (a table here cost ~2 s a run at 1M postings for nothing).
#}
{{ config(materialized='view', tags=['llm']) }}

with

rule_skills as (

    select * from {{ ref('int_postings__skills_extracted') }}

),

skills_requests as (

    select posting_id, dedup_key, input_hash
    from {{ ref('int_postings__llm_requests') }}
    where task = 'skills'

),

skills_answers as (

    select input_hash, skills
    from {{ ref('int_llm__skills_answers') }}
    where status = 'ok'
    qualify row_number() over (partition by input_hash order by answered_at desc) = 1

),

postings as (

    select posting_id, loaded_at
    from {{ ref('int_postings__deduplicated') }}

),

dictionary as (

    select
        skill,
        category as skill_category,
        alias
    from {{ ref('skills') }}

),

-- the texts the dictionary stands for: its plain aliases and canonical names
dictionary_keys as (

    select
        skill_key,
        skill,
        skill_category
    from (
        select
            {{ skills_alias_plain_key('alias') }} as skill_key,
            skill,
            skill_category,
            1 as preference
        from dictionary
        where {{ skills_alias_is_plain('alias') }}

        union all

        select distinct
            {{ skills_text_key('skill') }} as skill_key,
            skill,
            skill_category,
            2 as preference
        from dictionary
    )
    -- an alias wins over a canonical name; the seed has no alias of two skills
    qualify row_number() over (
        partition by skill_key order by preference, skill
    ) = 1

),

llm_skill_texts as (

    select
        skills_requests.posting_id,
        skills_requests.dedup_key,
        unnest(skills_answers.skills) as llm_skill
    from skills_requests
    inner join skills_answers using (input_hash)

),

llm_skills_mapped as (

    select distinct
        llm_skill_texts.posting_id,
        llm_skill_texts.dedup_key,
        coalesce(
            dictionary_keys.skill,
            lower(regexp_replace(trim(llm_skill_texts.llm_skill), '\s+', ' ', 'g'))
        ) as skill,
        dictionary_keys.skill_category
    from llm_skill_texts
    left join dictionary_keys
        on {{ skills_text_key('llm_skill_texts.llm_skill') }} = dictionary_keys.skill_key

),

llm_skills as (

    -- only what the dictionary did not already find for the posting
    select llm_skills_mapped.*
    from llm_skills_mapped
    anti join rule_skills
        on llm_skills_mapped.posting_id = rule_skills.posting_id
        and lower(llm_skills_mapped.skill) = lower(rule_skills.skill)
    where llm_skills_mapped.skill <> ''

),

final as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        skill,
        skill_category,
        skill_method
    from rule_skills

    union all

    select
        llm_skills.posting_id,
        llm_skills.dedup_key,
        postings.loaded_at,
        llm_skills.skill,
        llm_skills.skill_category,
        'llm' as skill_method
    from llm_skills
    inner join postings using (posting_id)

)

select * from final
