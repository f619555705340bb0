-- Every accepted posting is a canonical posting or listed as a duplicate of
-- one: de-duplication loses no posting. On a daily load it checks the
-- postings loaded this run against the jobs recomputed this run (a job
-- that receives a new posting is recomputed in the same run); var
-- data_tests_all_rows checks every posting (macros/tests/latest_load_only.sql).
with

accepted as (

    select posting_id
    from {{ get_where_subquery(ref('int_postings__validated')) }}
    where reject_reason is null

),

covered as (

    select posting_id from {{ get_where_subquery(ref('int_postings__deduplicated')) }}
    union all
    select unnest(duplicate_posting_ids) as posting_id
    from {{ get_where_subquery(ref('int_postings__deduplicated')) }}

)

select accepted.posting_id
from accepted
left join covered using (posting_id)
where covered.posting_id is null
