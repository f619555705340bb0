{#
    The confidence at which the cascade takes the local model's answer for
    `field` (job_family or seniority): var model_min_confidence, a number
    for both fields, or `validated` (the default): the threshold the model
    artifact recorded when it was scored on the hand-labelled real postings
    (UDF model_min_confidence(field), python_udfs/model/real_validation.py;
    above 1 when the field never reached the target precision), else 0.9
    for an artifact trained without them.
#}
{% macro model_confidence_threshold(field) -%}
    {%- set setting = var('model_min_confidence') -%}
    {%- if setting is string and setting == 'validated' -%}
        coalesce({{ model_validated_threshold(field) }}, 0.9)
    {%- elif setting is number -%}
        {{ setting }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var model_min_confidence must be a number between 0 and 1 or 'validated', got "
            ~ setting) }}
    {%- endif -%}
{%- endmacro %}

{#- the threshold the model artifact recorded for `field` (UDF
    model_min_confidence on DuckDB); NULL on Spark, which has no local model
    yet (its predictions are NULL too: docs/spark.md) -#}
{% macro model_validated_threshold(field) -%}
    {{ return(adapter.dispatch('model_validated_threshold', 'salary_insights')(field)) }}
{%- endmacro %}
{% macro default__model_validated_threshold(field) -%}
    model_min_confidence('{{ field }}')
{%- endmacro %}
{% macro spark__model_validated_threshold(field) -%}
    cast(null as double)
{%- endmacro %}

{#
    The cascade's setting as one string, 'model_min_confidence=<var>':
    stored on every row of int_postings__cascaded (cascade_settings) and in
    the LLM request queue's request_settings, so a run with another setting
    recomputes every posting instead of mixing two thresholds.
#}
{% macro cascade_settings() -%}
    {{- return('model_min_confidence=' ~ var('model_min_confidence')) -}}
{%- endmacro %}

{#
    Whether the incremental model being built (int_postings__cascaded,
    fct_postings: both keep column cascade_settings) holds rows decided with
    another cascade_settings than today's: then it decides every posting
    again instead of mixing two thresholds. False on a full build.
#}
{% macro cascade_settings_changed() -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(false) -}}
    {%- endif -%}
    {%- set stored = run_query(
        "select coalesce(bool_or(cascade_settings <> '" ~ cascade_settings() ~ "'), false)"
        ~ " from " ~ this
    ) -%}
    {%- set changed = stored.columns[0].values()[0] -%}
    {%- if changed -%}
        {{- log(this.identifier ~ ': cascade settings changed to ' ~ cascade_settings()
            ~ '; deciding every posting again', info=true) -}}
    {%- endif -%}
    {{- return(changed) -}}
{%- endmacro %}

{#- int_postings__cascaded's input filter: new rows only, unless the
    cascade settings changed (every row) -#}
{% macro cascade_rows_to_decide() -%}
    {%- if cascade_settings_changed() -%}
        {{- return('') -}}
    {%- endif -%}
    {{- return(new_rows_only()) -}}
{%- endmacro %}
