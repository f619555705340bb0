{#
    One row per raw posting: typed, text cleaned, country normalised, and
    the reason it cannot be used (NULL when it can). Nothing is dropped here:
    rejected_postings and the intermediate models split on reject_reason.
#}
{%- set text_columns = ['title', 'company', 'description', 'city', 'salary_text'] -%}

with

raw_postings as (

    select * from {{ source('job_postings', 'raw_postings') }}

),

countries as (

    select * from {{ ref('countries') }}

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
        try_cast(post_date as date) as post_date
    from raw_postings

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
        countries.country_code,
        countries.country_name as country,
        countries.currency_code as country_currency_code
    from {{ previous.cte }} as postings_cleaned
    left join countries
        on lower(postings_cleaned.country_raw) in (
            lower(countries.country_code), lower(countries.country_name)
        )

),

duplicate_ids as (

    -- ids seen more than once: only these rows need ranking
    select posting_id
    from postings_with_country
    where posting_id is not null
    group by posting_id
    having count(*) > 1

),

postings_ranked_by_id as (

    -- only rows whose id repeats need a window; the rest are first of their id
    select *, 1 as id_rank
    from postings_with_country
    anti join duplicate_ids using (posting_id)

    union all

    select
        *,
        -- the first by date, source and content is kept
        row_number() over (
            partition by posting_id
            order by post_date, source, title, description, city
        ) as id_rank
    from postings_with_country
    semi join duplicate_ids using (posting_id)

),

postings_checked as (

    select
        * exclude (id_rank),
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
