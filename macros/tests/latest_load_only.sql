{#
    What a data test reads of an incremental model: by default the rows this
    run (re)computed (loaded_at = run_started_at: every model stamps its new
    and recomputed rows so), so that a daily `dbt build` tests the postings
    it added instead of scanning every row on every run, and a build with
    nothing new tests nothing there. Var data_tests_all_rows: true (the test
    suite sets it) tests every row; so does a test whose config has
    `meta: {all_rows: true}` (a whole-table invariant such as a row count
    compared with another table). A test's own `where` still applies;
    tables without loaded_at (seeds, views, the LLM answers) are tested whole.

    Overrides dbt's get_where_subquery through the dispatch config of
    dbt_project.yml (macro_namespace dbt, this project first).
#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set whole_table = var('data_tests_all_rows')
        or (config.get('meta') or {}).get('all_rows', false) -%}
    {%- if execute and not whole_table and relation is not string -%}
        {%- set node = graph.nodes.values()
            | selectattr('resource_type', 'equalto', 'model')
            | selectattr('alias', 'equalto', relation.identifier)
            | first -%}
        {%- if node and node.config.materialized == 'incremental' -%}
            {%- set columns = adapter.get_columns_in_relation(relation)
                | map(attribute='name') | map('lower') | list -%}
            {%- if 'loaded_at' in columns -%}
                {%- do conditions.append(
                    "loaded_at = cast('" ~ run_started_at ~ "' as timestamp)") -%}
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
