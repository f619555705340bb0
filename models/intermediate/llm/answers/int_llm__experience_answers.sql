{#
    Answers of llm_extract_experience for the experience inputs of int_postings__llm_requests:
    one row per (prompt version, model, input hash); see macros/llm/llm_answers.sql.
    Configured with the other answers models in dbt_project.yml (llm/answers).
#}
{{ llm_answers('experience', 'llm_extract_experience', ['experience_min_years']) }}
