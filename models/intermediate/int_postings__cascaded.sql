{#
    The cascade's first two steps, decided once for every consumer: per
    canonical posting, the job family and seniority of the rules, the local
    model's where it is accepted (macro model_confidence_threshold, the one
    place var model_min_confidence is read), the value the cascade keeps
    (rules first, then the model), its method and confidence, and whether
    the field still needs the LLM after the model.

    fct_postings adds the LLM's answers where this leaves NULL; the LLM
    request queue asks for exactly the fields flagged here; the evaluation
    scores the model's accepted values and what the cascade sends.
#}

with

job_families as (

    select * from {{ ref('int_postings__job_family_labeled') }}
    {{ cascade_rows_to_decide() }}

),

seniorities as (

    select * from {{ ref('int_postings__seniority_labeled') }}

),

predictions as (

    select * from {{ ref('int_postings__model_predictions') }}

),

model_accepted as (

    -- the model's answer at or above the validated confidence, per field
    select
        posting_id,
        model_job_family,
        model_job_family_confidence,
        model_seniority,
        model_seniority_confidence,
        case
            when model_job_family_confidence >= {{ model_confidence_threshold('job_family') }}
                then model_job_family
        end as job_family_model,
        case
            when model_seniority_confidence >= {{ model_confidence_threshold('seniority') }}
                then model_seniority
        end as seniority_model
    from predictions

),

final as (

    select
        job_families.posting_id,
        job_families.dedup_key,
        job_families.loaded_at,
        job_families.job_family as job_family_rule,
        model_accepted.job_family_model,
        coalesce(job_families.job_family, model_accepted.job_family_model) as job_family,
        case
            when job_families.job_family is not null then job_families.job_family_method
            when model_accepted.job_family_model is not null then 'model'
        end as job_family_method,
        case
            when job_families.job_family is not null then 1.0
            when model_accepted.job_family_model is not null
                then model_accepted.model_job_family_confidence
        end as job_family_confidence,
        job_families.needs_job_family_enrichment
            and model_accepted.job_family_model is null as needs_job_family_enrichment,
        seniorities.seniority as seniority_rule,
        model_accepted.seniority_model,
        coalesce(seniorities.seniority, model_accepted.seniority_model) as seniority,
        case
            when seniorities.seniority is not null then seniorities.seniority_method
            when model_accepted.seniority_model is not null then 'model'
        end as seniority_method,
        case
            when seniorities.seniority is not null then 1.0
            when model_accepted.seniority_model is not null
                then model_accepted.model_seniority_confidence
        end as seniority_confidence,
        case
            when seniorities.seniority is not null then seniorities.seniority_basis
            when model_accepted.seniority_model is not null then 'model'
        end as seniority_basis,
        seniorities.needs_seniority_enrichment
            and model_accepted.seniority_model is null as needs_seniority_enrichment,
        model_accepted.model_job_family,
        model_accepted.model_job_family_confidence,
        model_accepted.model_seniority,
        model_accepted.model_seniority_confidence,
        '{{ cascade_settings() }}' as cascade_settings
    from job_families
    inner join seniorities using (posting_id)
    left join model_accepted using (posting_id)

)

select * from final
