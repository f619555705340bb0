{#
    One row per raw postings file: its name, size and modification time, and
    the run that first saw it in that state (seen_at). The staging model
    reads only the files seen since it last loaded, so that an incremental
    run does not read and hash every raw row again.

    A file that changes (another size or modification time) is seen again,
    and staging re-reads it whole and keeps only the rows it has not loaded
    before (raw_row_key): appending to a file or rewriting it stays correct.
    A file that disappears keeps its row here and its postings in staging.
#}
{{ config(
    materialized='incremental',
    unique_key='file_name',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

-- depends_on: {{ source('job_postings', 'raw_postings') }}

with

raw_files as (

    {{ raw_posting_files() }}

),

files_new_or_changed as (

    select * from raw_files
    {%- if is_incremental() %}
    anti join {{ this }} using (file_name, file_size_bytes, file_modified_at)
    {%- endif %}

),

final as (

    select
        *,
        cast('{{ run_started_at }}' as timestamp) as seen_at
    from files_new_or_changed

)

select * from final
