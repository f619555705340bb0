{#
    What a data test reads of an incremental model: by default the rows of
    its latest load (loaded_at = the newest loaded_at), so that a daily
    `dbt build` tests the postings it added instead of scanning every row on
    every run. Var data_tests_all_rows: true (CI's full-data tests set it)
    tests every row. A test's own `where` config still applies; tables
    without loaded_at (seeds, views, the LLM answers) are tested whole.

    Overrides dbt's get_where_subquery through the dispatch config of
    dbt_project.yml (macro_namespace dbt, this project first).
#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- if execute and not var('data_tests_all_rows') and relation is not string -%}
        {%- set node = graph.nodes.values()
            | selectattr('resource_type', 'equalto', 'model')
            | selectattr('alias', 'equalto', relation.identifier)
            | first -%}
        {%- if node and node.config.materialized == 'incremental' -%}
            {%- set columns = adapter.get_columns_in_relation(relation)
                | map(attribute='name') | map('lower') | list -%}
            {%- if 'loaded_at' in columns -%}
                {%- do conditions.append(
                    'loaded_at = (select max(loaded_at) from ' ~ relation ~ ')') -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}
