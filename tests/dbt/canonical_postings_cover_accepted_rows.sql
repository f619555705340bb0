-- Every accepted posting is a canonical posting or listed as a duplicate of
-- one: de-duplication loses no posting.
with

accepted as (

    select posting_id
    from {{ ref('int_postings__validated') }}
    where reject_reason is null

),

covered as (

    select posting_id from {{ ref('int_postings__deduplicated') }}
    union all
    select unnest(duplicate_posting_ids) as posting_id
    from {{ ref('int_postings__deduplicated') }}

)

select accepted.posting_id
from accepted
left join covered using (posting_id)
where covered.posting_id is null
