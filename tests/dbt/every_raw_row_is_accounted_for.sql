-- depends_on: {{ ref('base_job_postings__raw_files') }}
-- Every raw row is accounted for: each staged row (a row a reader could not
-- parse included) is validated, and is either accepted or in
-- rejected_postings; each readable Parquet file the path names has at least
-- as many staged rows as it holds (rows are never dropped; a rewritten file
-- keeps its earlier rows). Returns a row per broken count.
with

staged as (

    select count(*) as n from {{ ref('stg_job_postings__postings') }}

),

validated as (

    select
        count(*) as n,
        count(*) filter (where reject_reason is null) as accepted
    from {{ ref('int_postings__validated') }}

),

rejected as (

    select count(*) as n from {{ ref('rejected_postings') }}

),

counts as (

    select 'staged vs validated' as check_name, staged.n as expected, validated.n as actual
    from staged, validated

    union all

    select
        'accepted + rejected vs staged' as check_name,
        staged.n as expected,
        validated.accepted + rejected.n as actual
    from staged, validated, rejected

),

{%- set parquet_files = [] %}
{%- if execute %}
{%- set parquet_files = run_query(
    "select file_name from " ~ ref('base_job_postings__raw_files')
    ~ " where is_readable and file_format = 'parquet'"
    ~ " and file_name in (select file_name from (" ~ raw_posting_files() ~ "))"
).columns[0].values() %}
{%- endif %}

parquet_rows as (

    {%- for file in parquet_files %}
    select '{{ file }}' as source_file, count(*) as n from read_parquet('{{ file }}')
    {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- if not parquet_files %}
    select cast(null as varchar) as source_file, 0 as n where false
    {%- endif %}

),

staged_per_file as (

    select source_file, count(*) as n
    from {{ ref('stg_job_postings__postings') }}
    group by source_file

)

select * from counts where expected <> actual

union all

select
    'rows of ' || parquet_rows.source_file as check_name,
    parquet_rows.n as expected,
    coalesce(staged_per_file.n, 0) as actual
from parquet_rows
left join staged_per_file using (source_file)
where coalesce(staged_per_file.n, 0) < parquet_rows.n
