{#
    on-run-start: a var passed with --vars that the project does not declare
    (dbt_project.yml `vars:`) stops the run at once with the list of valid
    names. dbt itself accepts any name, so a misspelt `raw_posting_path`
    silently built the bundled sample. dbt_project.yml is read through the
    warehouse connection (read_text), the one file access Jinja has here;
    on an engine without it (adapter.dispatch) the check is skipped.
#}
{% macro check_vars() -%}
    {%- if execute -%}
        {%- set given = invocation_args_dict.get('vars') or {} -%}
        {%- if given is string -%}
            {%- set given = fromyaml(given) or {} -%}
        {%- endif -%}
        {%- if given -%}
            {%- set declared = declared_vars() -%}
            {%- if declared -%}
                {%- set unknown = given.keys() | reject('in', declared) | list -%}
                {%- if unknown -%}
                    {{ exceptions.raise_compiler_error(
                        "unknown var" ~ ('s' if unknown | length > 1 else '') ~ " "
                        ~ unknown | sort | join(', ')
                        ~ " (dbt would ignore it). Valid vars: "
                        ~ declared | sort | join(', ')
                        ~ ". They are documented in README, Configuration.") }}
                {%- endif -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{%- endmacro %}

{# The var names declared in dbt_project.yml; [] where the file cannot be read. #}
{% macro declared_vars() -%}
    {{ return(adapter.dispatch('declared_vars', 'salary_insights')()) }}
{%- endmacro %}

{% macro default__declared_vars() -%}
    {{ return([]) }}
{%- endmacro %}

{% macro duckdb__declared_vars() -%}
    {%- set project_dir = invocation_args_dict.get('project_dir') or '.' -%}
    {%- set path = project_dir ~ '/dbt_project.yml' -%}
    {%- set quoted = "'" ~ path | replace("'", "''") ~ "'" -%}
    {%- if not run_query("select file from glob(" ~ quoted ~ ")").rows -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query("select content from read_text(" ~ quoted ~ ")").rows -%}
    {%- set project = fromyaml(rows[0]['content']) -%}
    {{ return((project.get('vars') or {}).keys() | list) }}
{%- endmacro %}
