{#
    Answers of llm_classify_job for the classification inputs of int_postings__llm_requests:
    one row per (prompt version, model, input hash); see macros/llm/llm_answers.sql.
    Configured with the other answers models in dbt_project.yml (llm/answers).
#}
{{ llm_answers('classification', 'llm_classify_job', ['job_family', 'seniority', 'evidence']) }}
