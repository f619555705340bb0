{#
    The incremental models say incremental_strategy delete+insert (DuckDB).
    dbt-spark knows append, insert_overwrite, merge and microbatch, and
    refuses any other strategy even on a first build. Overrides dbt-spark's
    check (root-project macro of the same name) to let delete+insert
    through: a first or --full-refresh build creates the table (create
    table as select), which is all a Spark build does today. An incremental
    run on an existing Parquet table stops with Spark's own error (DELETE
    needs Delta, Iceberg or Hudi tables): docs/spark.md, what remains.
#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {#- otherwise dbt-spark's own checks -#}
    {%- if raw_strategy not in ['append', 'merge', 'insert_overwrite', 'microbatch'] -%}
        {{ exceptions.raise_compiler_error(
            "Invalid incremental strategy provided: " ~ raw_strategy
            ~ " Expected one of: 'append', 'merge', 'insert_overwrite', 'microbatch', 'delete+insert'") }}
    {%- endif -%}
    {%- if raw_strategy == 'merge' and file_format not in ['delta', 'iceberg', 'hudi'] -%}
        {{ exceptions.raise_compiler_error(
            "Invalid incremental strategy provided: merge needs file_format delta, iceberg or hudi") }}
    {%- endif -%}
    {%- if raw_strategy in ['insert_overwrite', 'microbatch'] and target.endpoint -%}
        {{ exceptions.raise_compiler_error(
            "Invalid incremental strategy provided: " ~ raw_strategy ~ " cannot run through an endpoint") }}
    {%- endif -%}
    {{ return(raw_strategy) }}
{% endmacro %}
