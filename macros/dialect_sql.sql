{#
    SQL shapes DuckDB has and Spark writes otherwise (docs/spark.md).
    default__ is the SQL the models always had (DuckDB); spark__ Spark 4's.
#}

{#- the Spark name of a DuckDB type the project writes: varchar and text
    are string (Spark wants a length for varchar), varchar[] array<string> -#}
{% macro spark_type(type) -%}
    {%- set name = type | lower | trim -%}
    {%- if name in ('varchar', 'text') -%}
        string
    {%- elif name in ('varchar[]', 'text[]') -%}
        array<string>
    {%- else -%}
        {{ type }}
    {%- endif -%}
{%- endmacro %}

{#- dbt's cast() on Spark (dispatch config: this project before dbt): the
    contracts' data_type varchar becomes string -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ spark_type(type) }})
{%- endmacro %}

{#- a CTE's materialisation hint (DuckDB `as [not] materialized (`);
    Spark plans CTEs itself: none -#}
{% macro cte_hint(materialized) -%}
    {{ return(adapter.dispatch('cte_hint', 'salary_insights')(materialized)) }}
{%- endmacro %}
{% macro default__cte_hint(materialized) -%}
    {{ 'materialized' if materialized else 'not materialized' }}
{%- endmacro %}
{% macro spark__cte_hint(materialized) -%}{%- endmacro %}

{#- every column of the relation but these (DuckDB * exclude, Spark * except) -#}
{% macro star_except(columns, relation_alias=none) -%}
    {{ return(adapter.dispatch('star_except', 'salary_insights')(columns, relation_alias)) }}
{%- endmacro %}
{% macro default__star_except(columns, relation_alias=none) -%}
    {{ relation_alias ~ '.' if relation_alias }}* exclude ({{ columns | join(', ') }})
{%- endmacro %}
{% macro spark__star_except(columns, relation_alias=none) -%}
    {{ relation_alias ~ '.' if relation_alias }}* except ({{ columns | join(', ') }})
{%- endmacro %}

{#- every column, some replaced by an expression of the same name (DuckDB
    * replace); on Spark the replaced columns move to the end -#}
{% macro star_replace(replacements) -%}
    {{ return(adapter.dispatch('star_replace', 'salary_insights')(replacements)) }}
{%- endmacro %}
{% macro default__star_replace(replacements) -%}
    * replace (
        {%- for column, expression in replacements %}
        {{ expression }}
            as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
{% macro spark__star_replace(replacements) -%}
    * except ({{ replacements | map(attribute=0) | join(', ') }}),
        {%- for column, expression in replacements %}
        {{ expression }}
            as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
{%- endmacro %}

{#- a stored 128-bit key of text: DuckDB md5_number (UHUGEINT); Spark has no
    128-bit integer, so the md5 as 32 hex digits (same collisions, another
    type: compare keys within one engine) -#}
{% macro hash_key(expression) -%}
    {{ return(adapter.dispatch('hash_key', 'salary_insights')(expression)) }}
{%- endmacro %}
{% macro default__hash_key(expression) -%}md5_number({{ expression }}){%- endmacro %}
{% macro spark__hash_key(expression) -%}md5({{ expression }}){%- endmacro %}

{#- one row per value of a list, joined laterally in a FROM clause (DuckDB
    unnest([...]) as alias(column), Spark explode(array(...))) -#}
{% macro unnest_values(expressions, alias, column) -%}
    {{ return(adapter.dispatch('unnest_values', 'salary_insights')(expressions, alias, column)) }}
{%- endmacro %}
{% macro default__unnest_values(expressions, alias, column) -%}
    unnest([
            {{ expressions | join(', ') }}
        ]) as {{ alias }}({{ column }})
{%- endmacro %}
{% macro spark__unnest_values(expressions, alias, column) -%}
    lateral explode(array(
            {{ expressions | join(', ') }}
        )) as {{ alias }}({{ column }})
{%- endmacro %}

{#- the values of an aggregate joined by a separator in a given order
    (DuckDB string_agg(x, sep order by o), Spark ... within group) -#}
{% macro ordered_string_agg(expression, separator, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'salary_insights')(expression, separator, order_by)) }}
{%- endmacro %}
{% macro default__ordered_string_agg(expression, separator, order_by) -%}
    string_agg({{ expression }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}
{% macro spark__ordered_string_agg(expression, separator, order_by) -%}
    string_agg({{ expression }}, {{ separator }}) within group (order by {{ order_by }})
{%- endmacro %}

{#-
    Functions DuckDB has and Spark 4 can define with the same name,
    arguments and result as a SQL function (create temporary function ...
    return <expression>): regexp_matches, regexp_full_match, strlen, prefix,
    suffix, starts_with, ends_with. An on-run-start hook (dbt_project.yml) creates them in the Spark
    session; models keep calling them by their DuckDB names. Functions whose
    name Spark already uses with other semantics (regexp_extract's default
    group, regexp_replace's fourth argument, regexp_extract_all) go
    through the dispatch macros of macros/text/dialect_text.sql instead.
    On DuckDB: nothing to create.
-#}
{% macro engine_functions() -%}
    {{ return(adapter.dispatch('engine_functions', 'salary_insights')()) }}
{%- endmacro %}
{% macro default__engine_functions() -%}
    select 1
{%- endmacro %}
{% macro spark__engine_functions() -%}
    {%- if execute -%}
    {%- for statement in [
        "create or replace temporary function regexp_matches(s string, p string)
            returns boolean return regexp_like(s, p)",
        "create or replace temporary function regexp_full_match(s string, p string)
            returns boolean return regexp_like(s, concat('^(?:', p, ')$'))",
        "create or replace temporary function strlen(s string)
            returns bigint return octet_length(s)",
        "create or replace temporary function prefix(s string, t string)
            returns boolean return startswith(s, t)",
        "create or replace temporary function suffix(s string, t string)
            returns boolean return endswith(s, t)",
        "create or replace temporary function starts_with(s string, t string)
            returns boolean return startswith(s, t)",
        "create or replace temporary function ends_with(s string, t string)
            returns boolean return endswith(s, t)",
    ] -%}
    {%- do run_query(statement) -%}
    {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}

{#- a struct literal of (field, SQL expression) pairs (DuckDB {'f': x},
    Spark named_struct('f', x)) -#}
{% macro struct_of(fields) -%}
    {{ return(adapter.dispatch('struct_of', 'salary_insights')(fields)) }}
{%- endmacro %}
{% macro default__struct_of(fields) -%}
    {
                    {%- for name, expression in fields %}
                    '{{ name }}': {{ expression }}{{ ',' if not loop.last }}
                    {%- endfor %}
                }
{%- endmacro %}
{% macro spark__struct_of(fields) -%}
    named_struct(
        {%- for name, expression in fields %}
        '{{ name }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
