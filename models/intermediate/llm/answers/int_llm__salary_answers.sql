{#
    Answers of llm_extract_salary for the salary inputs of int_postings__llm_requests:
    one row per (prompt version, model, input hash); see macros/llm/llm_answers.sql.
    Configured with the other answers models in dbt_project.yml (llm/answers).
#}
{{ llm_answers('salary', 'llm_extract_salary', ['salary_min', 'salary_max', 'currency', 'period']) }}
