{#
    Cleaning free text from job boards, one step per macro so a model can
    apply them in successive CTEs (each step reads the previous step's
    column once; nesting them in one expression would repeat the SQL, and
    chaining them through lambdas is several times slower in DuckDB).

    Every step only touches values that need it (a '<', a '&', a combining
    mark, white space to collapse): plain text, the common case, passes
    through almost for free. Each regex pass over a description costs about
    a second of CPU per million rows, so the steps test cheaply first
    (contains, ASCII) and replace in as few passes as they can.
    `clean_text_steps` lists them in order for the staging model.
#}
{% macro clean_text_steps() -%}
    {{ return([
        'strip_html', 'decode_html_entities', 'normalise_unicode',
        'normalise_dashes', 'collapse_line_breaks', 'collapse_whitespace', 'trim_whitespace',
    ]) }}
{%- endmacro %}

{# HTML tags: block tags become line breaks, other tags spaces. #}
{% macro strip_html(column, keep_newlines=false) -%}
    case
        when contains({{ column }}, '<') then {{ regex_replace_all(
            regex_replace_all(
                column,
                "'<\s*(br|/p|p|li|/li|/div|div|/h[1-6]|tr)\\b[^>]*>'", 'chr(10)',
                ignore_case=true
            ),
            "'<[^>]*>'", "' '"
        ) }}
        else {{ column }}
    end
{%- endmacro %}

{# The HTML entities boards actually send. #}
{% macro decode_html_entities(column, keep_newlines=false) -%}
    case
        when contains({{ column }}, '&') then
            replace(replace(replace(replace(replace(replace(replace(replace(replace(
                {{ column }}, '&nbsp;', ' '), '&amp;', '&'), '&lt;', '<'), '&gt;', '>'),
                '&quot;', '"'), '&#39;', {{ apostrophe() }}), '&apos;', {{ apostrophe() }}), '&euro;', '€'),
                '&pound;', '£')
        else {{ column }}
    end
{%- endmacro %}

{#
    Unicode NFC, so "é" written as e + combining accent equals "é". ASCII
    text (byte length = character length) has no combining mark: it skips
    the regex.
#}
{% macro normalise_unicode(column, keep_newlines=false) -%}
    case
        when {{ byte_length(column) }} <> length({{ column }})
            and {{ regex_matches(column, "'[\\x{0300}-\\x{036F}]'") }}
            then {{ unicode_nfc(column) }}
        else {{ column }}
    end
{%- endmacro %}

{#
    Unicode dashes and minus signs (hyphen, non-breaking hyphen, figure
    dash, en and em dash, horizontal bar, minus) become '-', so that "3–5
    years" and "£45,000 — £50,000" read as ranges like "3-5" does. Only
    non-ASCII text (byte length <> character length) is searched.
#}
{% macro normalise_dashes(column, keep_newlines=false) -%}
    case
        when {{ byte_length(column) }} <> length({{ column }})
            and {{ regex_matches(column, "'[\\x{2010}-\\x{2015}\\x{2212}]'") }}
            then {{ regex_replace_all(column, "'[\\x{2010}-\\x{2015}\\x{2212}]'", "'-'") }}
        else {{ column }}
    end
{%- endmacro %}

{#
    The odd white-space characters (tab, carriage return, no-break, the
    typographic spaces U+2002..U+200A, narrow no-break, medium mathematical
    and ideographic spaces) by code point, as the contents of an
    RE2 character class, and a test for any of them by plain searches: each
    contains() is a byte search, several times cheaper than one regex pass.
#}
{% macro odd_space_codes() -%}
    {{ return([9, 13, 160, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8239, 8287, 12288]) }}
{%- endmacro %}

{% macro odd_space_class() -%}
    {%- set escapes = [] -%}
    {%- for code in odd_space_codes() -%}
        {%- do escapes.append('\\x{%04X}' | format(code)) -%}
    {%- endfor -%}
    {{ return(escapes | join('')) }}
{%- endmacro %}

{% macro has_odd_space(column) -%}
    (
        {%- for code in odd_space_codes() %}
        contains({{ column }}, {{ unicode_char(code) }}){{ ' or' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#
    Descriptions keep their line breaks as sentence boundaries: a run of
    white space with a line break in it becomes that line break (a paragraph
    break "\n\n" becomes "\n"). Other columns: nothing to do here, their line
    breaks are spaces (collapse_whitespace). The regex copies the text, so it
    runs only where a line break has white space next to it.
#}
{% macro collapse_line_breaks(column, keep_newlines=false) -%}
    {%- if keep_newlines -%}
    case
        when {{ has_odd_space(column) }}
            or contains({{ column }}, ' ' || chr(10))
            or contains({{ column }}, chr(10) || ' ')
            or contains({{ column }}, chr(10) || chr(10))
            or contains({{ column }}, chr(10) || chr(12))
            then {{ regex_replace_all(
                column,
                "'[ " ~ odd_space_class() ~ "]*\\n[\\s" ~ odd_space_class() ~ "]*'", 'chr(10)'
            ) }}
        else {{ column }}
    end
    {%- else -%}
    {{ column }}
    {%- endif -%}
{%- endmacro %}

{#
    Runs of white space (tabs, no-break and narrow no-break spaces included)
    become one space, and the ends are trimmed; empty text becomes NULL.

    Descriptions (keep_newlines: long text, so the cost counts) come here
    with their line-break runs collapsed (collapse_line_breaks): only runs
    of spaces and odd spaces are left to replace, which few texts have. That
    leaves at most one space or line break at either end, which the next
    step (trim_whitespace) cuts without scanning the text.
#}
{% macro collapse_whitespace(column, keep_newlines=false) -%}
    {%- set odd_space = odd_space_class() ~ ('' if keep_newlines else '\\n') -%}
    {%- set spaces_collapsed -%}
        {{ regex_replace_all(column, "'[ " ~ odd_space ~ "]{2,}|[" ~ odd_space ~ "]'", "' '") }}
    {%- endset -%}
    {#- the replacements copy the text: skip them when nothing would change -#}
    case
        when {{ column }} is null then null
        {%- if keep_newlines %}
        when contains({{ column }}, '  ') or {{ has_odd_space(column) }}
            then {{ spaces_collapsed }}
        {%- else %}
        when contains({{ column }}, '  ')
            or {{ regex_matches(column, "'[" ~ odd_space ~ "]|^\\s|\\s$'") }}
            then nullif(trim({{ spaces_collapsed }}), '')
        {%- endif %}
        else nullif({{ column }}, '')
    end
{%- endmacro %}

{#
    The ends of a collapsed description: one leading and one trailing space
    or line break go (collapse_whitespace leaves no more; text it did not
    touch has none); empty text becomes NULL. prefix/suffix test bytes and
    slicing cuts one character: no scan of the text. Other columns were
    trimmed by collapse_whitespace already.
#}
{% macro trim_whitespace(column, keep_newlines=false) -%}
    {%- if keep_newlines -%}
    {%- set starts_blank = "(" ~ text_starts_with(column, "' '") ~ " or " ~ text_starts_with(column, "chr(10)") ~ ")" -%}
    {%- set ends_blank = "(" ~ text_ends_with(column, "' '") ~ " or " ~ text_ends_with(column, "chr(10)") ~ ")" -%}
    case
        when {{ starts_blank }} and {{ ends_blank }}
            then nullif({{ text_trimmed_by(column, 1, 1) }}, '')
        when {{ starts_blank }} then nullif({{ text_trimmed_by(column, 1, 0) }}, '')
        when {{ ends_blank }} then nullif({{ text_trimmed_by(column, 0, 1) }}, '')
        else {{ column }}
    end
    {%- else -%}
    {{ column }}
    {%- endif -%}
{%- endmacro %}
