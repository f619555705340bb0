{#
    How int_postings__llm_requests stays incremental.

    Its rows depend on a job's text and on the rule, model and dictionary
    results for it, which change only when the job is (re)computed upstream
    (a later loaded_at in int_postings__deduplicated), and on four vars. So
    a run recomputes only the jobs loaded since the table's newest
    loaded_at (the watermark), after its pre-hook deleted every row of those
    jobs: a job that is no longer flagged loses its rows. When the vars
    differ from those the table was built with (request_settings), the
    watermark is none and the table is rebuilt whole. A new local model is
    applied by `make rescore` (a --full-refresh of the predictions and all
    models after them, this one included).
#}

{#- the vars that decide what is sent, as stored in request_settings -#}
{% macro llm_request_settings() -%}
    {{- return(
        'llm_request_all=' ~ var('llm_request_all')
        ~ ';' ~ cascade_settings()
        ~ ';skills_llm_min_dictionary_skills=' ~ var('skills_llm_min_dictionary_skills')
        ~ ';llm_max_input_chars=' ~ var('llm_max_input_chars')
    ) -}}
{%- endmacro %}

{#- the loaded_at up to which the table holds every job (text), or none
    when all jobs are to be (re)computed: a full build, an empty table, or
    other vars -#}
{% macro llm_requests_watermark() -%}
    {%- if not execute or this is none or not is_incremental() -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set state = run_query(
        "select coalesce(bool_or(request_settings <> '" ~ llm_request_settings() ~ "'), false),"
        ~ " cast(max(loaded_at) as varchar) from " ~ this
    ) -%}
    {%- if state.columns[0].values()[0] -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return(state.columns[1].values()[0]) -}}
{%- endmacro %}

{#- pre-hook: forget the rows of the jobs this run recomputes (all of them
    when the watermark is none) -#}
{% macro llm_requests_forget_recomputed() -%}
    {%- if this is not none and is_incremental() -%}
        {%- set watermark = llm_requests_watermark() -%}
        delete from {{ this }}
        {%- if watermark is not none %}
        where dedup_key in (
            select dedup_key from {{ ref('int_postings__deduplicated') }}
            where loaded_at > timestamp '{{ watermark }}'
        )
        {%- endif %}
    {%- endif -%}
{%- endmacro %}

{#-
    A text as the input hash reads it: trimmed, every run of white space one
    space (regexp_replace(trim(text), '\s+', ' ', 'g')). Staging has
    collapsed white space already, so the common text has no run to
    collapse: then replacing its line breaks gives the same string without
    a regex replace (measured at 1M postings: ~6 s of the model's ~19 s).
    Equal because RE2's \s is [\t\n\f\r ] and trim() cuts spaces only: a
    text without \t, \f, \r and without two white-space characters in a
    row has only single ' ' and '\n' to replace.
-#}
{% macro llm_hash_normalised(text) -%}
    case
        when regexp_matches({{ text }}, '[\t\f\r]|[ \n][ \n]')
            then regexp_replace(trim({{ text }}), '\s+', ' ', 'g')
        else replace(trim({{ text }}), chr(10), ' ')
    end
{%- endmacro %}
