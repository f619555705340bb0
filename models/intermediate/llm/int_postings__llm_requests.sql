{#
    What the LLM stage would be asked: one row per canonical posting and task
    whose field the rules left undecided (needs_*_enrichment), with the text
    to send and the hash of that text (white space collapsed) that
    de-duplicates and keys every answer. Identical texts share one hash, so
    one call answers them all.

    Tasks and their input:
    - salary: the board's salary field and the description;
    - experience: the description;
    - classification (job family + seniority): title and description, sent
      when either of the two is undecided by the rules and the local model
      (int_postings__cascaded);
    - skills: the description, sent when the skills dictionary
      (int_postings__skills_extracted) found fewer than var
      skills_llm_min_dictionary_skills skills in the posting.
    With var llm_request_all every posting is sent for every task (used to
    evaluate the LLM alone).
    Texts are cut at var llm_max_input_chars to bound what one call can cost.

    Incremental (macros/llm/llm_requests_incremental.sql): a run recomputes
    the jobs loaded since the last one, and everything when one of the four
    vars above changed. It calls nothing.
#}
{{ config(
    materialized='incremental',
    unique_key='dedup_key',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    tags=['llm'],
    pre_hook="{{ llm_requests_forget_recomputed() }}",
) }}

{%- set max_chars = var('llm_max_input_chars') %}
{%- set watermark = llm_requests_watermark() %}

with

postings as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        title,
        salary_text,
        left(description, {{ max_chars }}) as description
    from {{ ref('int_postings__deduplicated') }}
    {%- if watermark is not none %}
    -- only the jobs (re)computed since this table's last run
    where loaded_at > timestamp '{{ watermark }}'
    {%- endif %}

),

dictionary_skills as (

    select posting_id, count(*) as dictionary_skill_count
    from {{ ref('int_postings__skills_extracted') }}
    where posting_id in (select posting_id from postings)
    group by posting_id

),

flags as (

    {%- set request_all = var('llm_request_all') %}
    select
        postings.posting_id,
        {{ request_all }} or salaries.needs_salary_enrichment as needs_salary_enrichment,
        {{ request_all }} or experience.needs_experience_enrichment
            as needs_experience_enrichment,
        -- the cascade asks the LLM only what neither the rules nor the model
        -- decided (int_postings__cascaded)
        {{ request_all }}
            or cascaded.needs_job_family_enrichment
            or cascaded.needs_seniority_enrichment
            as needs_classification,
        -- few dictionary skills: the LLM may find skills the seed does not list
        {{ request_all }}
            or coalesce(dictionary_skills.dictionary_skill_count, 0)
                < {{ var('skills_llm_min_dictionary_skills') }}
            as needs_skills_enrichment
    from postings
    inner join {{ ref('int_postings__salary_extracted') }} as salaries using (posting_id)
    inner join {{ ref('int_postings__experience_extracted') }} as experience using (posting_id)
    inner join {{ ref('int_postings__cascaded') }} as cascaded using (posting_id)
    left join dictionary_skills using (posting_id)

),

requests as (

    select
        postings.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        'salary' as task,
        left(concat_ws(chr(10), postings.salary_text, postings.description), {{ max_chars }})
            as input_text,
        cast(null as varchar) as input_description
    from postings
    inner join flags using (posting_id)
    where flags.needs_salary_enrichment

    union all

    select
        postings.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        'experience' as task,
        postings.description as input_text,
        cast(null as varchar) as input_description
    from postings
    inner join flags using (posting_id)
    where flags.needs_experience_enrichment

    union all

    select
        postings.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        'classification' as task,
        postings.title as input_text,
        postings.description as input_description
    from postings
    inner join flags using (posting_id)
    where flags.needs_classification

    union all

    select
        postings.posting_id,
        postings.dedup_key,
        postings.loaded_at,
        'skills' as task,
        postings.description as input_text,
        cast(null as varchar) as input_description
    from postings
    inner join flags using (posting_id)
    where flags.needs_skills_enrichment

),

final as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        task,
        input_text,
        input_description,
        '{{ llm_request_settings() }}' as request_settings,
        md5(concat_ws(chr(31),
            {{ llm_hash_normalised("coalesce(input_text, '')") }},
            {{ llm_hash_normalised("coalesce(input_description, '')") }}
        )) as input_hash
    from requests
    -- nothing to read, nothing to ask (a search that stops at the first
    -- letter: no copy of the text)
    where coalesce(regexp_matches(input_text, '\S'), false)
        or coalesce(regexp_matches(input_description, '\S'), false)

)

select * from final
