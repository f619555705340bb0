{#
    Seeds on Spark. dbt-spark loads a seed as INSERT ... VALUES with the
    rows bound by Python `%` formatting in the session method, which breaks
    on a value holding a quote (seniority_rules: "Director's") and parses
    a 4,223-row VALUES list for 100 s (fx_rates_monthly). Here Spark reads
    the CSV file itself (a temporary view over the seed file) and casts
    each column to its type. The seeds' column_types say `varchar`, which
    Spark only knows with a length: spark_type() (macros/dialect_sql.sql)
    maps it to string.
    DuckDB keeps dbt-duckdb's own seed loading (these are spark__ only).
#}
{% macro spark__create_csv_table(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
            {%- set type = spark_type(column_override.get(col_name, inferred_type)) -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }} {{ type }}
            {%- if not loop.last -%}, {%- endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ location_clause() }}
    {{ comment_clause() }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set path = model['root_path'] ~ '/' ~ model['original_file_path'] -%}
    {%- set view = 'seed_csv_' ~ model['name'] -%}
    {% call statement('_') -%}
        create or replace temporary view {{ view }}
        using csv
        options (
            path '{{ path | replace("'", "\\'") }}', header 'true',
            multiLine 'true', quote '"', escape '"', encoding 'UTF-8',
            inferSchema 'false', mode 'FAILFAST'
        )
    {%- endcall %}
    {% set sql %}
    insert into {{ this.render() }}
    select
        {%- for col_name in agate_table.column_names %}
        {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) %}
        {%- set type = spark_type(column_override.get(col_name, inferred_type)) %}
        {%- if type == 'bigint' %}
        cast(cast(`{{ col_name }}` as double) as bigint)
        {%- else %}
        cast(`{{ col_name }}` as {{ type }})
        {%- endif %} as `{{ col_name }}`{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ view }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}
