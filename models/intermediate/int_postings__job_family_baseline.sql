{#
    The reference pipeline's job-family query, reproduced exactly over the
    staged (accepted) postings: case-sensitive LIKE, the WHEN branches in
    their order, the four countries by English name, and the 3-month window,
    with current_date replaced by the run's as_of_date. Do not "improve"
    this model: it is the yardstick the production labeling is compared to.
    A view: it depends on as_of_date and costs nothing to keep current.
#}
{{ config(materialized='view') }}
with

job_postings as (

    select * from {{ ref('int_postings__validated') }}
    where reject_reason is null

),

labeled as (

    select
        posting_id,
        title,
        description,
        country,
        post_date,
        case
            when title like '%Software Engineer%'
                or description like '%software developer%'
                then 'Software Engineering'
            when title like '%Data Scientist%'
                or description like '%machine learning%'
                then 'Data Science'
            when title like '%Product Manager%' then 'Product Management'
            else 'Other'
        end as job_family
    from job_postings
    where
        country in ('Germany', 'France', 'United Kingdom', 'Netherlands')
        and post_date > {{ as_of_date() }} - interval '3 months'

)

select * from labeled
