{#
    One row per raw postings file: its name, size and modification time, the
    run that first saw it in that state (seen_at), and how to read it: the
    intake probe (UDF raw_file_probe, python_udfs/intake.py) looks at each
    new or changed file alone and gives its format, delimiter, encoding and
    columns, or why it cannot be read (empty, not a postings file, missing
    required columns). The staging model reads the readable files seen since
    it last loaded; the others are listed in rejected_files and never stop a
    run.

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

files_probed as (

    select
        *,
        {{ raw_file_probe('file_name') }} as probe
    from files_new_or_changed

),

final as (

    select
        file_name,
        file_size_bytes,
        file_modified_at,
        probe.file_format,
        probe.is_readable,
        probe.unreadable_reason,
        probe.delimiter as csv_delimiter,
        probe.encoding as csv_encoding,
        probe.columns as file_columns,
        cast('{{ run_started_at }}' as timestamp) as seen_at
    from files_probed

)

select * from final
