-- Every raw row is either staged and accepted or in rejected_postings:
-- nothing is dropped silently. Returns a row when the counts differ.
with

raw_count as (

    select count(*) as n from {{ source('job_postings', 'raw_postings') }}

),

accepted_count as (

    select count(*) as n
    from {{ ref('stg_job_postings__postings') }}
    where reject_reason is null

),

rejected_count as (

    select count(*) as n from {{ ref('rejected_postings') }}

)

select
    raw_count.n as raw_rows,
    accepted_count.n as accepted_rows,
    rejected_count.n as rejected_rows
from raw_count, accepted_count, rejected_count
where raw_count.n <> accepted_count.n + rejected_count.n
