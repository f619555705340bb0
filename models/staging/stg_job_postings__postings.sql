{#
    One row per raw posting: typed, text cleaned, country normalised, and
    the reason it cannot be used (NULL when it can). Nothing is dropped here:
    rejected_postings and the intermediate models split on reject_reason.
#}
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
        {{ clean_text('cast(title as varchar)') }} as title,
        {{ clean_text('cast(company as varchar)') }} as company,
        {{ clean_text('cast(description as varchar)', keep_newlines=true) }}
            as description,
        nullif(trim(cast(country as varchar)), '') as country_raw,
        {{ clean_text('cast(city as varchar)') }} as city,
        cast(post_date as varchar) as post_date_raw,
        try_cast(post_date as date) as post_date,
        {{ clean_text('cast(salary_text as varchar)') }} as salary_text
    from raw_postings

),

postings_with_country as (

    select
        postings_typed.*,
        countries.country_code,
        countries.country_name as country,
        countries.currency_code as country_currency_code
    from postings_typed
    left join countries
        on lower(postings_typed.country_raw) in (
            lower(countries.country_code), lower(countries.country_name)
        )

),

postings_checked as (

    select
        *,
        case
            when posting_id is null then 'missing_posting_id'
            when title is null and description is null
                then 'missing_title_and_description'
            when post_date is null then 'unparseable_post_date'
            when country_code is null then 'unknown_country'
            -- the same id twice: the first by date, source and content is kept
            when row_number() over (
                partition by posting_id
                order by post_date, source, title, description, city
            ) > 1 then 'duplicate_posting_id'
        end as reject_reason
    from postings_with_country

)

select * from postings_checked
