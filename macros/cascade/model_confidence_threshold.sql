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
        coalesce(model_min_confidence('{{ field }}'), 0.9)
    {%- elif setting is number -%}
        {{ setting }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var model_min_confidence must be a number between 0 and 1 or 'validated', got "
            ~ setting) }}
    {%- endif -%}
{%- endmacro %}
