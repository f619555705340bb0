{#
    The local model's prediction for a posting: a struct of job_family,
    job_family_confidence, seniority, seniority_confidence, model_version.
    On DuckDB the Python UDF model_classify_job (python_udfs/model,
    registered by the dbt plugin). Spark has no such function yet (the
    model as a vectorised Spark UDF is issue 16's item 3): every field
    NULL, as on DuckDB without a trained model, so the cascade goes on to
    the LLM step (docs/spark.md).
#}
{% macro local_model_prediction(title, description) -%}
    {{ return(adapter.dispatch('local_model_prediction', 'salary_insights')(title, description)) }}
{%- endmacro %}

{% macro default__local_model_prediction(title, description) -%}
    model_classify_job({{ title }}, {{ description }})
{%- endmacro %}

{% macro spark__local_model_prediction(title, description) -%}
    named_struct(
        'job_family', cast(null as string),
        'job_family_confidence', cast(null as double),
        'seniority', cast(null as string),
        'seniority_confidence', cast(null as double),
        'model_version', cast(null as string)
    )
{%- endmacro %}
