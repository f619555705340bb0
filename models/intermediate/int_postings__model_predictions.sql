{#
    The local model's job family and seniority (python_udfs/model, UDF
    model_classify_job) with calibrated confidences, for the postings whose
    family or seniority the rules left undecided — or for every posting with
    var model_score_all (evaluation runs compare methods on all rows).

    The cascade (fct_postings) uses a prediction only when its confidence
    reaches var model_min_confidence. Without a trained model (a fresh
    clone) every prediction is NULL and the cascade goes on to the LLM.
    Incremental like the other posting models; after training a new model
    rescore with `dbt build --full-refresh --select int_postings__model_predictions+`.
#}

with

postings as (

    select posting_id, dedup_key, loaded_at, title, description
    from {{ ref('int_postings__deduplicated') }}
    {{ new_rows_only() }}

),

undecided as (

    select postings.*
    from postings
    inner join {{ ref('int_postings__job_family_labeled') }} as job_families using (posting_id)
    inner join {{ ref('int_postings__seniority_labeled') }} as seniorities using (posting_id)
    {%- if not var('model_score_all') %}
    where job_families.needs_job_family_enrichment
        or seniorities.needs_seniority_enrichment
    {%- endif %}

),

scored as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        {{ local_model_prediction("title", "description") }} as prediction
    from undecided

),

final as (

    select
        posting_id,
        dedup_key,
        loaded_at,
        prediction.job_family as model_job_family,
        prediction.job_family_confidence as model_job_family_confidence,
        prediction.seniority as model_seniority,
        prediction.seniority_confidence as model_seniority_confidence,
        prediction.model_version as model_version
    from scored

)

select * from final
