{#
    Parses a written amount into a number, whatever the locale:
    60,000 / 60.000 / 60 000 / 100'000 (thousands separators),
    4.200,50 / 4,200.50 / 11.00 / 45,5 (decimals). A separator followed by
    exactly three digits is a thousands separator; one followed by one or two
    digits at the end is the decimal mark. Anything else is NULL (unparsed),
    never a guess.
#}
{% macro parse_amount(text) -%}
    {%- set digits = "regexp_replace(" ~ text ~ ", '[ ''’]', '', 'g')" -%}
    case
        when regexp_matches({{ digits }}, '^\d+$')
            then cast({{ digits }} as double)
        when regexp_matches({{ digits }}, '^\d{1,3}(?:\.\d{3})+$')
            then cast(replace({{ digits }}, '.', '') as double)
        when regexp_matches({{ digits }}, '^\d{1,3}(?:,\d{3})+$')
            then cast(replace({{ digits }}, ',', '') as double)
        when regexp_matches({{ digits }}, '^\d{1,3}(?:\.\d{3})*,\d{1,2}$')
            then cast(replace(replace({{ digits }}, '.', ''), ',', '.') as double)
        when regexp_matches({{ digits }}, '^\d{1,3}(?:,\d{3})*\.\d{1,2}$')
            then cast(replace({{ digits }}, ',', '') as double)
        when regexp_matches({{ digits }}, '^\d+[.,]\d{1,2}$')
            then cast(replace({{ digits }}, ',', '.') as double)
    end
{%- endmacro %}
