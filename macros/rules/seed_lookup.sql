{#
    Small helpers that read a lookup seed when the model runs, so the words
    live in seeds/ and the SQL stays generic. Like rules_case, they need the
    seed built first (dbt build / dbt seed).
#}
{#
    The warehouse relation of a seed of this project, by name. Resolved from
    the graph rather than with ref() so that it also works while dbt runs a
    unit test (where ref() points at a fixture CTE); the model still declares
    `-- depends_on: {{ ref('seed') }}` so the seed is built first.
#}
{% macro seed_relation(seed_name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {#- unit tests see no graph: seeds live in the target schema (no custom schema) -#}
    {%- set nodes = graph.get('nodes', {}) -%}
    {%- set node = nodes.get('seed.' ~ project_name ~ '.' ~ seed_name) -%}
    {%- if node -%}
        {{ return(api.Relation.create(
            database=node.database, schema=node.schema, identifier=node.alias)) }}
    {%- endif -%}
    {{ return(api.Relation.create(
        database=target.database, schema=target.schema, identifier=seed_name)) }}
{%- endmacro %}

{#- order_by: an ORDER BY list over `columns` (default: the first column) -#}
{% macro seed_rows(seed_name, columns, where='true', order_by='1') -%}
    {%- set query -%}
        select distinct {{ columns | join(', ') }} from {{ seed_relation(seed_name) }}
        where {{ where }}
        order by {{ order_by }}
    {%- endset -%}
    {%- if execute -%}
        {{ return(run_query(query).rows) }}
    {%- endif -%}
    {{ return([]) }}
{%- endmacro %}

{#
    An RE2 alternation of the values of `column` (rows matching `where`).

    RE2 tries alternatives in order and takes the first that lets the rest
    of the pattern match, so where one term can match the start of what
    another matches ("to" / "tot", "bis" / "bis zu", "millions?" /
    "million\pL*", "an?" / "annual") the order decides which text is
    matched. `order`:
    - 'alphabetical' (default): for lists whose terms never compete at the
      same position, or that are only tested for a match;
    - 'shortest_first': by length, then alphabetically: a term is tried
      before the longer terms it begins, and RE2 falls back to the longer
      one when the rest of the pattern needs it;
    - 'longest_first': by length descending, then alphabetically.
#}
{% macro seed_alternation(seed_name, column, where='true', order='alphabetical') -%}
    {%- set order_by = {
        'alphabetical': '1',
        'shortest_first': 'length(' ~ column ~ '), ' ~ column,
        'longest_first': 'length(' ~ column ~ ') desc, ' ~ column
    } -%}
    {%- if order not in order_by -%}
        {{ exceptions.raise_compiler_error(
            "seed_alternation: order must be one of " ~ (order_by.keys() | list | join(', '))
            ~ ", not '" ~ order ~ "'") }}
    {%- endif -%}
    {%- set words = seed_rows(seed_name, [column], where, order_by[order])
        | map(attribute=column) | list -%}
    {{- words | join('|') if words else 'a^' -}}
{%- endmacro %}

{#
    A CASE mapping `expression` through the seed's key -> value columns;
    quote_values for text values.
#}
{% macro seed_case(seed_name, key_column, value_column, expression, quote_values=false) -%}
    case {{ expression }}
    {%- for row in seed_rows(seed_name, [key_column, value_column]) %}
        {%- set value = row[value_column] %}
        when '{{ row[key_column] | replace("'", "''") }}' then
            {%- if quote_values %} '{{ value | replace("'", "''") }}'{% else %} {{ value }}{% endif %}
    {%- endfor %}
    end
{%- endmacro %}
