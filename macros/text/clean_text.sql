{#
    Cleans free text from job boards: HTML tags become line breaks (block
    tags) or spaces, the common HTML entities are decoded, Unicode is put in
    NFC form and runs of white space (incl. no-break and narrow no-break
    spaces) are collapsed. With keep_newlines, single line breaks survive so
    that sentence splitting downstream can use them.

    Each step runs only on values that need it (a '<', a '&', a combining
    mark, a non-plain space): at a million postings these guards save most
    of the cost, since plain text is the common case. The steps are chained
    through list_transform so each names its input once (`v`) instead of
    repeating the SQL of the step before.
#}
{% macro clean_text(column, keep_newlines=false) -%}
    {{ return(adapter.dispatch('clean_text', 'salary_insights')(column, keep_newlines)) }}
{%- endmacro %}

{% macro default__clean_text(column, keep_newlines=false) -%}
    {%- set odd_space = '\\t\\r\\x{00A0}\\x{2007}\\x{2009}\\x{202F}' ~ ('' if keep_newlines else '\\n') -%}
    list_transform(list_transform(list_transform(list_transform(
        [{{ column }}],
        lambda v: case
            when contains(v, '<') then regexp_replace(
                regexp_replace(v, '<\s*(br|/p|p|li|/li|/div|div|/h[1-6]|tr)\b[^>]*>', chr(10), 'gi'),
                '<[^>]*>', ' ', 'g')
            else v
        end),
        lambda v: case
            when contains(v, '&') then
                replace(replace(replace(replace(replace(replace(replace(replace(replace(
                    v, '&nbsp;', ' '), '&amp;', '&'), '&lt;', '<'), '&gt;', '>'),
                    '&quot;', '"'), '&#39;', ''''), '&apos;', ''''), '&euro;', '€'),
                    '&pound;', '£')
            else v
        end),
        lambda v: case
            when regexp_matches(v, '[\x{0300}-\x{036F}]') then nfc_normalize(v)
            else v
        end),
        lambda v: nullif(trim(
            {%- if keep_newlines %}
            regexp_replace(
                regexp_replace(v, '[ {{ odd_space }}]{2,}|[{{ odd_space }}]', ' ', 'g'),
                ' \n\s*|\n\s+', chr(10), 'g'),
            chr(10) || ' '
            {%- else %}
            regexp_replace(v, '[ {{ odd_space }}]{2,}|[{{ odd_space }}]', ' ', 'g')
            {%- endif %}
        ), '')
    )[1]
{%- endmacro %}
