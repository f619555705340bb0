{#
    One row per raw posting as the files hold it: typed, text cleaned, the
    country normalised (code, English name or an alias of seed
    country_aliases), and where it came from. Nothing is judged here:
    int_postings__validated gives the reason a row cannot be used.

    The files are read one by one (macros/intake/read_raw_files.sql): the
    readable files of base_job_postings__raw_files that are new or changed
    since staging last loaded, each with the options the intake probe found.
    A row a reader cannot parse is kept with its read_error (a CSV reader's
    rows arrive through the post-hook), so every raw row is accounted for;
    a file that cannot be read at all is in rejected_files.

    Incremental: of those files, only the rows not seen before (raw_row_key,
    a hash of the contract's columns) are added. `dbt build --full-refresh`
    rebuilds.
#}
{%- set raw_columns = raw_contract_columns() -%}
{%- set text_columns = ['title', 'company', 'description', 'city', 'salary_text'] -%}
{%- set rejects_table = intake_rejects_table() -%}
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook=["{{ intake_rejected_rows() }}"],
) }}

-- depends_on: {{ source('job_postings', 'raw_postings') }}

{#- a dbt unit test gives its rows as the source's fixture instead of files -#}
{%- set unit_test = model.resource_type == 'unit_test' %}
{%- set files = [] if unit_test else raw_files_to_load(
    ref('base_job_postings__raw_files'), this if is_incremental() else none
) %}

with

raw_postings as (

    {%- if unit_test %}
    select
        'fixture' as source_file,
        cast(null as bigint) as source_row,
        {%- for column in raw_columns %}
        cast({{ column }} as {{ text_type() }}) as {{ column }},
        {%- endfor %}
        cast(null as {{ text_type() }}) as read_error
    from {{ source('job_postings', 'raw_postings') }}
    {%- endif %}
    {%- for file in files %}
    {{ read_raw_posting_file(file, raw_columns, rejects_table) }}
    {{- '\n\n    union all\n' if not loop.last }}
    {%- endfor %}
    {%- if not files and not unit_test %}
    -- no file to read this run
    select
        cast(null as {{ text_type() }}) as source_file,
        cast(null as bigint) as source_row,
        {%- for column in raw_columns %}
        cast(null as {{ text_type() }}) as {{ column }},
        {%- endfor %}
        cast(null as {{ text_type() }}) as read_error
    where false
    {%- endif %}

),

raw_postings_keyed as (

    select
        *,
        -- md5, not hash(): the key is stored, so it must not change when
        -- DuckDB is upgraded
        {{ raw_row_key(raw_columns) }} as raw_row_key
    from raw_postings

),

new_raw_postings as (

    select * from raw_postings_keyed
    {%- if is_incremental() %}
    anti join (select raw_row_key from {{ this }}) using (raw_row_key)
    {%- endif %}

),

countries as (

    select * from {{ ref('countries') }}

),

country_aliases as (

    select * from {{ ref('country_aliases') }}

),

country_spellings as (

    -- a country is written as its code, its English name or an alias (seed
    -- country_aliases: UK, Deutschland, España ...), in any case and with or
    -- without accents: one row per spelling, so that staging joins on equality
    select distinct
        {{ country_spelling_key('spellings.spelling') }} as country_spelling,
        countries.country_code,
        countries.country_name,
        countries.currency_code
    from countries
    left join country_aliases
        on countries.country_code = country_aliases.country_code,
        {{ unnest_values(
            ['countries.country_code', 'countries.country_name', 'country_aliases.alias'],
            'spellings', 'spelling'
        ) }}
    where spellings.spelling is not null

),

postings_typed as (

    select
        nullif(trim(posting_id), '') as posting_id,
        nullif(trim(source), '') as source,
        {%- for column in text_columns %}
        {{ column }},
        {%- endfor %}
        nullif(trim(country), '') as country_raw,
        post_date as post_date_raw,
        try_cast(post_date as date) as post_date,
        source_file,
        source_row,
        read_error,
        raw_row_key
    from new_raw_postings

),

{#- one CTE per cleaning step (macros/text/clean_text.sql); the description
    keeps its line breaks as sentence boundaries -#}
{%- set previous = namespace(cte='postings_typed') %}
{%- for step in clean_text_steps() %}

postings_{{ step }} as (

    {%- set replacements = [] %}
    {%- for column in text_columns %}
    {%- do replacements.append(
        (column, context[step](column, keep_newlines=(column == 'description')))
    ) %}
    {%- endfor %}
    select {{ star_replace(replacements) }}
    from {{ previous.cte }}

),
{%- set previous.cte = 'postings_' ~ step %}
{%- endfor %}

final as (

    select
        postings_cleaned.*,
        country_spellings.country_code,
        country_spellings.country_name as country,
        country_spellings.currency_code as country_currency_code,
        cast('{{ run_started_at }}' as timestamp) as loaded_at
    from {{ previous.cte }} as postings_cleaned
    left join country_spellings
        on {{ country_spelling_key('postings_cleaned.country_raw') }}
            = country_spellings.country_spelling

)

select * from final
