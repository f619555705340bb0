{#
    List (array) functions: DuckDB's list_* and [...] literals, Spark's
    array_* and array(...) (docs/spark.md). default__ is the SQL the models
    always had (DuckDB); spark__ Spark 4's.
#}

{#- the sorted list of an aggregate's values (DuckDB list_sort(list(x)),
    distinct: list_sort(list_distinct(list(x)))) -#}
{% macro sorted_list_agg(expression, distinct=false) -%}
    {{ return(adapter.dispatch('sorted_list_agg', 'salary_insights')(expression, distinct)) }}
{%- endmacro %}
{% macro default__sorted_list_agg(expression, distinct=false) -%}
    {%- if distinct -%}
    list_sort(list_distinct(list({{ expression }})))
    {%- else -%}
    list_sort(list({{ expression }}))
    {%- endif -%}
{%- endmacro %}
{% macro spark__sorted_list_agg(expression, distinct=false) -%}
    {%- if distinct -%}
    array_sort(array_distinct(collect_list({{ expression }})))
    {%- else -%}
    array_sort(collect_list({{ expression }}))
    {%- endif -%}
{%- endmacro %}

{#- a list of the given expressions; no expressions: an empty text list -#}
{% macro list_of(expressions) -%}
    {{ return(adapter.dispatch('list_of', 'salary_insights')(expressions)) }}
{%- endmacro %}
{% macro default__list_of(expressions) -%}
    [{{ expressions | join(', ') }}]
{%- endmacro %}
{% macro spark__list_of(expressions) -%}
    {%- if expressions -%}
    array({{ expressions | join(', ') }})
    {%- else -%}
    cast(array() as array<string>)
    {%- endif -%}
{%- endmacro %}

{#- the list without the elements equal to value (DuckDB list_filter with
    a lambda, Spark filter with ->) -#}
{% macro list_without(list_expression, value) -%}
    {{ return(adapter.dispatch('list_without', 'salary_insights')(list_expression, value)) }}
{%- endmacro %}
{% macro default__list_without(list_expression, value) -%}
    list_filter(
                {{ list_expression }},
                lambda id: id <> {{ value }}
            )
{%- endmacro %}
{% macro spark__list_without(list_expression, value) -%}
    filter({{ list_expression }}, id -> id <> {{ value }})
{%- endmacro %}

{#- the value of the row with the smallest keys, compared in order (DuckDB
    arg_min over a row value, Spark min_by over a struct) -#}
{% macro value_of_min(value, keys) -%}
    {{ return(adapter.dispatch('value_of_min', 'salary_insights')(value, keys)) }}
{%- endmacro %}
{% macro default__value_of_min(value, keys) -%}
    arg_min({{ value }}, ({{ keys | join(', ') }}))
{%- endmacro %}
{% macro spark__value_of_min(value, keys) -%}
    min_by({{ value }}, struct({{ keys | join(', ') }}))
{%- endmacro %}

{#- one row per element of a list, in a select list (DuckDB unnest(list),
    Spark explode(array)); an empty or NULL list gives no row on both -#}
{% macro unnest_list(list_expression) -%}
    {{ return(adapter.dispatch('unnest_list', 'salary_insights')(list_expression)) }}
{%- endmacro %}
{% macro default__unnest_list(list_expression) -%}unnest({{ list_expression }}){%- endmacro %}
{% macro spark__unnest_list(list_expression) -%}explode({{ list_expression }}){%- endmacro %}
