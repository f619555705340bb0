{#
    Cleaning free text from job boards, one step per macro so a model can
    apply them in successive CTEs (each step reads the previous step's
    column once; nesting them in one expression would repeat the SQL, and
    chaining them through lambdas is several times slower in DuckDB).

    Every step only touches values that need it (a '<', a '&', a combining
    mark): plain text, the common case, passes through almost for free.
    `clean_text_steps` lists them in order for the staging model.
#}
{% macro clean_text_steps() -%}
    {{ return(['strip_html', 'decode_html_entities', 'normalise_unicode', 'collapse_whitespace']) }}
{%- endmacro %}

{# HTML tags: block tags become line breaks, other tags spaces. #}
{% macro strip_html(column, keep_newlines=false) -%}
    case
        when contains({{ column }}, '<') then regexp_replace(
            regexp_replace(
                {{ column }},
                '<\s*(br|/p|p|li|/li|/div|div|/h[1-6]|tr)\b[^>]*>', chr(10), 'gi'
            ),
            '<[^>]*>', ' ', 'g'
        )
        else {{ column }}
    end
{%- endmacro %}

{# The HTML entities boards actually send. #}
{% macro decode_html_entities(column, keep_newlines=false) -%}
    case
        when contains({{ column }}, '&') then
            replace(replace(replace(replace(replace(replace(replace(replace(replace(
                {{ column }}, '&nbsp;', ' '), '&amp;', '&'), '&lt;', '<'), '&gt;', '>'),
                '&quot;', '"'), '&#39;', ''''), '&apos;', ''''), '&euro;', '€'),
                '&pound;', '£')
        else {{ column }}
    end
{%- endmacro %}

{# Unicode NFC, so "é" written as e + combining accent equals "é". #}
{% macro normalise_unicode(column, keep_newlines=false) -%}
    case
        when regexp_matches({{ column }}, '[\x{0300}-\x{036F}]')
            then nfc_normalize({{ column }})
        else {{ column }}
    end
{%- endmacro %}

{#
    Runs of white space (tabs, no-break and narrow no-break spaces included)
    become one space; with keep_newlines a line break survives (as sentence
    boundary) and absorbs the spaces around it. Empty text becomes NULL.
#}
{% macro collapse_whitespace(column, keep_newlines=false) -%}
    {%- set odd_space = '\\t\\r\\x{00A0}\\x{2007}\\x{2009}\\x{202F}' ~ ('' if keep_newlines else '\\n') -%}
    {%- set spaces_collapsed -%}
        regexp_replace({{ column }}, '[ {{ odd_space }}]{2,}|[{{ odd_space }}]', ' ', 'g')
    {%- endset -%}
    {#- the replacements copy the text: skip them when nothing would change -#}
    case
        when {{ column }} is null then null
        when contains({{ column }}, '  ')
            or regexp_matches(
                {{ column }},
                '[{{ odd_space }}]|^\s|\s${{ '| \\n|\\n\\s' if keep_newlines else '' }}'
            )
            then
            {%- if keep_newlines %}
            nullif(trim(
                regexp_replace({{ spaces_collapsed }}, ' \n\s*|\n\s+', chr(10), 'g'),
                chr(10) || ' '
            ), '')
            {%- else %}
            nullif(trim({{ spaces_collapsed }}), '')
            {%- endif %}
        else nullif({{ column }}, '')
    end
{%- endmacro %}
