{#
    One row per raw posting: typed, text cleaned, country normalised, the
    de-duplication key, and the reason it cannot be used (NULL when it can).
    Nothing is dropped here: rejected_postings and the intermediate models
    split on reject_reason.

    Incremental: a run reads only the raw files that are new or changed
    since staging last loaded (stg_job_postings__raw_files records them by
    name, size and modification time), and of those only the rows it has not
    seen (by raw_row_key, a hash of all raw columns); a new row whose
    posting_id was already accepted is a duplicate_posting_id.
    `dbt build --full-refresh` rebuilds.
#}
{{ config(
    materialized='incremental',
    on_schema_change='fail',
) }}
{%- set raw_columns = [
    'posting_id', 'source', 'title', 'company', 'description', 'country',
    'city', 'post_date', 'salary_text',
] -%}
{%- set text_columns = ['title', 'company', 'description', 'city', 'salary_text'] -%}

-- depends_on: {{ ref('stg_job_postings__raw_files') }}

with
{%- if is_incremental() %}

files_to_load as (

    -- files seen since staging last loaded (also those of a run that failed
    -- after recording them)
    select file_name
    from {{ ref('stg_job_postings__raw_files') }}
    where seen_at > (
        select coalesce(max(loaded_at), cast('1900-01-01' as timestamp))
        from {{ this }}
    )

    union

    -- files not recorded in this state (staging run on its own, or a file
    -- that arrived after the listing)
    select file_name
    from ({{ raw_posting_files() }}) as raw_files
    anti join {{ ref('stg_job_postings__raw_files') }}
        using (file_name, file_size_bytes, file_modified_at)

),
{%- endif %}

raw_postings as (

    select
        *,
        -- the raw file the row came from (DuckDB's virtual column)
        filename as source_file,
        -- md5, not hash(): the key is stored, so it must not change when
        -- DuckDB is upgraded
        md5_number(concat_ws(chr(31),
            {%- for column in raw_columns %}
            coalesce(cast({{ column }} as varchar), chr(0)){{ ',' if not loop.last }}
            {%- endfor %}
        )) as raw_row_key
    from {{ source('job_postings', 'raw_postings') }}
    {%- if is_incremental() %}
    -- DuckDB skips the other files without opening them
    where filename in (select file_name from files_to_load)
    {%- endif %}

),

new_raw_postings as (

    select * from raw_postings
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
        on country_aliases.country_code = countries.country_code,
        unnest([
            countries.country_code, countries.country_name, country_aliases.alias
        ]) as spellings(spelling)
    where spellings.spelling is not null

),

postings_typed as (

    select
        nullif(trim(cast(posting_id as varchar)), '') as posting_id,
        nullif(trim(cast(source as varchar)), '') as source,
        {%- for column in text_columns %}
        cast({{ column }} as varchar) as {{ column }},
        {%- endfor %}
        nullif(trim(cast(country as varchar)), '') as country_raw,
        cast(post_date as varchar) as post_date_raw,
        try_cast(post_date as date) as post_date,
        source_file,
        raw_row_key
    from new_raw_postings

),

{#- one CTE per cleaning step (macros/text/clean_text.sql); the description
    keeps its line breaks as sentence boundaries -#}
{%- set previous = namespace(cte='postings_typed') %}
{%- for step in clean_text_steps() %}

postings_{{ step }} as (

    select * replace (
        {%- for column in text_columns %}
        {{ context[step](column, keep_newlines=(column == 'description')) }}
            as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
    from {{ previous.cte }}

),
{%- set previous.cte = 'postings_' ~ step %}
{%- endfor %}

postings_with_country as (

    select
        postings_cleaned.*,
        country_spellings.country_code,
        country_spellings.country_name as country,
        country_spellings.currency_code as country_currency_code
    from {{ previous.cte }} as postings_cleaned
    left join country_spellings
        on {{ country_spelling_key('postings_cleaned.country_raw') }}
            = country_spellings.country_spelling

),

{%- if is_incremental() %}

earlier_ids as (

    -- ids accepted by an earlier run come before any new row with that id
    -- (intersect: DuckDB hashes the few new ids, not every staged one)
    select posting_id, 1 as accepted_before
    from (
        select posting_id from {{ this }}
        where reject_reason is null

        intersect

        select posting_id from postings_with_country
    )

),
{%- endif %}

duplicate_ids as (

    -- ids seen more than once: only these rows need ranking
    select posting_id
    from postings_with_country
    where posting_id is not null
    group by posting_id
    having count(*) > 1
    {%- if is_incremental() %}

    union

    select posting_id from earlier_ids
    {%- endif %}

),

postings_ranked_by_id as (

    -- only rows whose id repeats need a window; the rest are first of their id
    select *, 1 as id_rank
    from postings_with_country
    anti join duplicate_ids using (posting_id)

    union all

    select
        postings_with_country.*,
        -- the first by date, source and content is kept
        row_number() over (
            partition by postings_with_country.posting_id
            order by
                postings_with_country.post_date,
                postings_with_country.source,
                postings_with_country.title,
                postings_with_country.description,
                postings_with_country.city
        )
        {%- if is_incremental() %}
            + coalesce(earlier_ids.accepted_before, 0)
        {%- endif %}
            as id_rank
    from postings_with_country
    {%- if is_incremental() %}
    left join earlier_ids using (posting_id)
    {%- endif %}
    where postings_with_country.posting_id in (select posting_id from duplicate_ids)

),

postings_checked as (

    select
        * exclude (id_rank),
        -- same job on several boards: see int_postings__deduplicated
        md5_number(concat_ws(chr(31),
            coalesce(lower(title), ''),
            coalesce(lower(company), ''),
            coalesce(country_code, ''),
            coalesce(lower(city), ''),
            {{ normalise_for_key('description') }}
        )) as dedup_key,
        cast('{{ run_started_at }}' as timestamp) as loaded_at,
        case
            when posting_id is null then 'missing_posting_id'
            when title is null and description is null
                then 'missing_title_and_description'
            when post_date is null then 'unparseable_post_date'
            when country_code is null then 'unknown_country'
            when id_rank > 1 then 'duplicate_posting_id'
        end as reject_reason
    from postings_ranked_by_id

)

select * from postings_checked
