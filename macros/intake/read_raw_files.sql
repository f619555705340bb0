{#
    Reading raw postings files one by one (python_udfs/intake.py says why).

    raw_file_probe(column): the probe struct of a file (format, readable,
    reason, delimiter, encoding, columns); a Python UDF on DuckDB.

    raw_files_to_load(): the readable files the staging model reads this
    run, as rows of base_job_postings__raw_files: every readable file a full
    build sees, or those seen since staging last loaded.

    read_raw_posting_file(file): one SELECT of the input contract's columns
    (all text; NULL for an optional column the file lacks), source_file,
    source_row and read_error, for one file:
    - Parquet: read_parquet;
    - CSV: read_csv with the probed delimiter and encoding, the header's
      columns, no dialect sniffing (one odd row cannot stop the file); rows
      the reader cannot parse (bad bytes, ragged, unterminated quote) are
      skipped and recorded in this run's rejects tables, which the staging
      model's post-hook turns into rows with a read_error;
    - NDJSON: read as lines; a line that is not a JSON object is a row with
      read_error 'not a JSON object'.
    source_row: the row's number in a Parquet file (NULL for CSV and NDJSON,
    whose readers give no row order to rely on).
#}
{% macro raw_file_probe(column) -%}
    {{ return(adapter.dispatch('raw_file_probe', 'salary_insights')(column)) }}
{%- endmacro %}

{% macro default__raw_file_probe(column) -%}
    raw_file_probe({{ column }})
{%- endmacro %}

{% macro spark__raw_file_probe(column) -%}
    {#- no Python UDF on Spark yet: the format from the extension, the
        contract's columns assumed (docs/spark.md) -#}
    named_struct(
        'file_format', case
            when lower({{ column }}) like '%.parquet' then 'parquet'
            when lower({{ column }}) like '%.csv' or lower({{ column }}) like '%.csv.gz' then 'csv'
            when lower({{ column }}) rlike '\.(json|ndjson|jsonl)$' then 'ndjson'
        end,
        'is_readable', lower({{ column }}) like '%.parquet',
        'unreadable_reason', case
            when lower({{ column }}) not like '%.parquet'
                then 'the spark target reads Parquet files only (docs/spark.md)'
        end,
        'delimiter', cast(null as string),
        'encoding', cast(null as string),
        'columns', array({{ "'" ~ raw_contract_columns() | join("', '") ~ "'" }})
    )
{%- endmacro %}

{% macro raw_files_to_load(raw_files_relation, staged_relation=none) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select
            file_name, file_format, csv_delimiter, csv_encoding,
            cast(to_json(file_columns) as {{ text_type() }}) as file_columns_json
        from {{ raw_files_relation }}
        where is_readable
            and file_name in (select file_name from ({{ raw_posting_files() }}))
            {%- if staged_relation is not none %}
            and seen_at > (
                select coalesce(max(loaded_at), cast('1900-01-01' as timestamp))
                from {{ staged_relation }}
            )
            {%- endif %}
        order by file_name
    {%- endset -%}
    {%- set files = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do files.append({
            'file_name': row['file_name'], 'file_format': row['file_format'],
            'csv_delimiter': row['csv_delimiter'], 'csv_encoding': row['csv_encoding'],
            'file_columns': fromjson(row['file_columns_json']) or [],
        }) -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}

{#- the file's own name of a contract column (headers are matched without
    case or surrounding spaces), or none -#}
{% macro _file_column(file, column) -%}
    {%- for name in file['file_columns'] -%}
        {%- if name | trim | lower == column -%}
            {{ return(name) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}

{% macro _quoted(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro read_raw_posting_file(file, contract_columns, rejects_table) -%}
    {{ return(adapter.dispatch('read_raw_posting_file', 'salary_insights')(
        file, contract_columns, rejects_table)) }}
{%- endmacro %}

{#- Spark: Parquet through Spark's reader, the row number from the file's
    metadata (CSV and NDJSON not yet: the probe marks them unreadable) -#}
{% macro spark__read_raw_posting_file(file, contract_columns, rejects_table) -%}
    select
        '{{ file['file_name'] }}' as source_file,
        cast(_metadata.row_index + 1 as bigint) as source_row,
        {%- for column in contract_columns %}
        {%- set name = _file_column(file, column) %}
        {%- if name is none %}
        cast(null as string) as {{ column }},
        {%- else %}
        cast({{ adapter.quote(name) }} as string) as {{ column }},
        {%- endif %}
        {%- endfor %}
        cast(null as string) as read_error
    from parquet.`{{ file['file_name'] }}`
{%- endmacro %}

{% macro default__read_raw_posting_file(file, contract_columns, rejects_table) -%}
    {%- set path = _quoted(file['file_name']) -%}
    {%- if file['file_format'] == 'ndjson' %}
    select
        {{ path }} as source_file,
        cast(null as bigint) as source_row,
        {%- for column in contract_columns %}
        document ->> '$.{{ column }}' as {{ column }},
        {%- endfor %}
        case
            when coalesce(json_type(document), '') <> 'OBJECT' then 'not a JSON object'
        end as read_error
    from (
        select try_cast(line as json) as document
        from read_csv(
            {{ path }}, header = false, auto_detect = false,
            columns = {'line': 'VARCHAR'}, delim = chr(30), quote = '', escape = '',
            max_line_size = 100000000, ignore_errors = true
        )
        where trim(coalesce(line, '')) <> ''
    ) as lines
    {%- else %}
    {%- if file['file_format'] == 'parquet' %}
    {%- set reader = 'read_parquet(' ~ path ~ ', file_row_number = true)' %}
    {%- set row_number = 'file_row_number + 1' %}
    {%- else %}
    {%- set columns = [] %}
    {%- for name in file['file_columns'] %}
        {%- do columns.append(_quoted(name) ~ ": 'VARCHAR'") %}
    {%- endfor %}
    {%- set reader -%}
        read_csv(
            {{ path }}, header = false, skip = 1, auto_detect = false,
            columns = { {{ columns | join(', ') }} },
            delim = {{ _quoted(file['csv_delimiter'] or ',') }}, quote = '"', escape = '"',
            encoding = {{ _quoted(file['csv_encoding'] or 'utf-8') }},
            strict_mode = false, max_line_size = 100000000,
            ignore_errors = true, store_rejects = true,
            rejects_table = '{{ rejects_table }}_errors', rejects_scan = '{{ rejects_table }}_scans'
        )
    {%- endset %}
    {%- set row_number = 'null' %}
    {%- endif %}
    select
        {{ path }} as source_file,
        cast({{ row_number }} as bigint) as source_row,
        {%- for column in contract_columns %}
        {%- set name = _file_column(file, column) %}
        {%- if name is none %}
        cast(null as varchar) as {{ column }},
        {%- else %}
        cast({{ adapter.quote(name) }} as varchar) as {{ column }},
        {%- endif %}
        {%- endfor %}
        cast(null as varchar) as read_error
    from {{ reader }}
    {%- endif %}
{%- endmacro %}

{#- the columns of the input contract (README, Input contract) -#}
{% macro raw_contract_columns() -%}
    {{ return([
        'posting_id', 'source', 'title', 'company', 'description', 'country',
        'city', 'post_date', 'salary_text',
    ]) }}
{%- endmacro %}

{#- this run's CSV rejects tables (temporary, dropped by the post-hook) -#}
{% macro intake_rejects_table() -%}
    {{ return('intake_rejects_' ~ (invocation_id | replace('-', '_'))) }}
{%- endmacro %}

{#- the stored key of a raw row: md5 of its contract columns (NULL as chr(0)) -#}
{% macro raw_row_key(raw_columns) -%}
    {%- set concatenated -%}
    concat_ws(chr(31),
        {%- for column in raw_columns %}
        coalesce({{ column }}, chr(0)){{ ',' if not loop.last }}
        {%- endfor %}
    )
    {%- endset -%}
    {{ hash_key(concatenated) }}
{%- endmacro %}

{#
    Post-hook of the staging model: the rows a CSV reader skipped this run
    (bad bytes, ragged, unterminated quote: its rejects tables) become
    staged rows with a read_error and no content, one per file and line, so
    that int_postings__validated rejects them with a reason and every raw
    row is accounted for. No text of the row is kept or logged.
#}
{% macro intake_rejected_rows() -%}
    {{ return(adapter.dispatch('intake_rejected_rows', 'salary_insights')()) }}
{%- endmacro %}

{#- Spark reads Parquet only (no CSV rejects tables): nothing to add -#}
{% macro spark__intake_rejected_rows() -%}
    select 1
{%- endmacro %}

{% macro default__intake_rejected_rows() -%}
    {%- set rejects_table = intake_rejects_table() -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set exists = run_query(
            "select count(*) from duckdb_tables() where temporary and table_name = '"
            ~ rejects_table ~ "_errors'").rows[0][0] -%}
        {%- if exists -%}
        insert into {{ this }} (source_file, read_error, raw_row_key, loaded_at)
        with rejected as (
            select
                scans.file_path as source_file,
                min(errors.line) as line,
                string_agg(distinct lower(errors.error_type), ', ') as error_types
            from temp.{{ rejects_table }}_errors as errors
            inner join temp.{{ rejects_table }}_scans as scans using (scan_id, file_id)
            group by scans.file_path, errors.line
        ),
        keyed as (
            select
                source_file,
                'unreadable row at line ' || line || ': ' || error_types as read_error,
                md5_number(source_file || chr(31) || line || chr(31) || error_types)
                    as raw_row_key
            from rejected
        )
        select source_file, read_error, raw_row_key, cast('{{ run_started_at }}' as timestamp)
        from keyed
        anti join (select raw_row_key from {{ this }}) using (raw_row_key);
        drop table temp.{{ rejects_table }}_errors;
        drop table temp.{{ rejects_table }}_scans
        {%- else -%}
        select 1
        {%- endif -%}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
