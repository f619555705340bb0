{#
    Cleans free text from job boards: HTML tags become line breaks (block
    tags) or spaces, the common HTML entities are decoded, Unicode is put in
    NFC form and runs of white space (incl. no-break and narrow no-break
    spaces) are collapsed. With keep_newlines, single line breaks survive so
    that sentence splitting downstream can use them.
#}
{% macro clean_text(column, keep_newlines=false) -%}
    {{ return(adapter.dispatch('clean_text', 'salary_insights')(column, keep_newlines)) }}
{%- endmacro %}

{% macro default__clean_text(column, keep_newlines=false) -%}
    {%- set decoded -%}
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(
            regexp_replace({{ column }}, '<\s*(br|/p|p|li|/li|/div|div|/h[1-6]|tr)\b[^>]*>', chr(10), 'gi'),
            '<[^>]*>', ' ', 'g'
        ),
        '&nbsp;', ' '), '&amp;', '&'), '&lt;', '<'), '&gt;', '>'),
        '&quot;', '"'), '&#39;', ''''), '&apos;', ''''), '&euro;', '€'),
        '&pound;', '£')
    {%- endset -%}
    {%- if keep_newlines -%}
    nullif(trim(regexp_replace(regexp_replace(
        nfc_normalize({{ decoded }}),
        '[ \t\r\x{00A0}\x{2007}\x{2009}\x{202F}]+', ' ', 'g'),
        ' ?\n[\s\x{00A0}\x{202F}]*', chr(10), 'g'), chr(10) || ' '), '')
    {%- else -%}
    nullif(trim(regexp_replace(
        nfc_normalize({{ decoded }}),
        '[\s\x{00A0}\x{2007}\x{2009}\x{202F}]+', ' ', 'g')), '')
    {%- endif -%}
{%- endmacro %}
