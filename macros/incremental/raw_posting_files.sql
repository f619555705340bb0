{#
    The raw postings files (var raw_postings_path, a path or glob, the files
    of source job_postings.raw_postings) with their size and modification
    time: file metadata only, no file is read. Used by
    base_job_postings__raw_files to record which files a run saw. A path that
    names no file is a configuration error: the run stops with one line.
#}
{% macro raw_posting_files() -%}
    {{ return(adapter.dispatch('raw_posting_files', 'salary_insights')()) }}
{%- endmacro %}

{#- Spark: the binaryFile source lists the files (content is not read
    when not selected); a path naming no file fails in Spark's own words -#}
{% macro spark__raw_posting_files() -%}
    {%- set path = var("raw_postings_path", "data/sample/postings.parquet") -%}
    select
        regexp_replace(path, '^file:', '') as file_name,
        length as file_size_bytes,
        modificationTime as file_modified_at
    from binaryFile.`{{ path }}`
{%- endmacro %}

{% macro default__raw_posting_files() -%}
    {%- set path = var("raw_postings_path", "data/sample/postings.parquet") -%}
    {%- if execute -%}
        {%- set found = run_query("select count(*) from glob('" ~ path | replace("'", "''") ~ "')").rows[0][0] -%}
        {%- if found == 0 -%}
            {{ exceptions.raise_compiler_error(
                "raw_postings_path '" ~ path ~ "' names no file (relative paths start at the "
                ~ "folder dbt runs in). Give a file or a glob of Parquet, CSV or NDJSON files, "
                ~ "e.g. --vars '{raw_postings_path: \"/data/postings/*.csv\"}' (README, Input contract).") }}
        {%- endif -%}
    {%- endif -%}
    select
        filename as file_name,
        size as file_size_bytes,
        last_modified as file_modified_at
    from read_blob('{{ path | replace("'", "''") }}')
{%- endmacro %}
