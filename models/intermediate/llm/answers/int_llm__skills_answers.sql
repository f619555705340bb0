{#
    Answers of llm_extract_skills for the skills inputs of int_postings__llm_requests:
    one row per (prompt version, model, input hash); see macros/llm/llm_answers.sql.
    Configured with the other answers models in dbt_project.yml (llm/answers).
#}
{{ llm_answers('skills', 'llm_extract_skills', ['skills']) }}
