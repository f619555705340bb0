{#
    Answers of llm_extract_skills for the skills inputs of int_postings__llm_requests:
    one row per (prompt version, model, input hash); see macros/llm/llm_answers.sql.
#}
{{ config(
    materialized='incremental',
    unique_key='llm_key',
    incremental_strategy='delete+insert',
    full_refresh=false,
    on_schema_change='fail',
    tags=['llm'],
    post_hook={'sql': "{{ llm_check_error_ratio('skills') }}", 'transaction': false},
) }}

{{ llm_answers('skills', 'llm_extract_skills', ['skills']) }}
