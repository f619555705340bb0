{#
    The raw postings files (var raw_postings_path, a path or glob, the files
    of source job_postings.raw_postings) with their size and modification
    time: file metadata only, no file is read. Used by
    stg_job_postings__raw_files to record which files a run saw, and by the
    staging model to find the files it has not loaded yet.
#}
{% macro raw_posting_files() -%}
    select
        filename as file_name,
        size as file_size_bytes,
        last_modified as file_modified_at
    from read_blob('{{ var("raw_postings_path", "data/sample/postings.parquet") }}')
{%- endmacro %}
