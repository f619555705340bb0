{#
    The RE2 alternation of every currency term of seeds/currency_terms.csv,
    so that adding a row to the seed is enough to recognise a new currency.
    Letter codes must stand as whole words (eur, not the start of europe);
    terms ending in a dot or a non-ASCII letter (kr., zł) only need a word
    start; symbols (€, £, $) stand anywhere. Symbols come first, then
    whole words, then the rest, so "kr." reads as the word kr.
#}
{% macro currency_pattern(seed_name='currency_terms') -%}
    {%- set symbols, words, prefixed = [], [], [] -%}
    {%- for term in seed_rows(seed_name, ['term']) | map(attribute='term') -%}
        {%- set escaped = term | replace('\\', '\\\\') | replace('$', '\\$') | replace('.', '\\.') -%}
        {%- if not modules.re.match('[a-z]', term) -%}
            {%- do symbols.append(escaped) -%}
        {%- elif modules.re.fullmatch('[a-z]+', term) -%}
            {%- do words.append(escaped) -%}
        {%- else -%}
            {%- do prefixed.append(escaped) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set parts = [] -%}
    {%- if symbols %}{% do parts.append(symbols | join('|')) %}{% endif -%}
    {%- if words %}{% do parts.append('\\b(?:' ~ (words | join('|')) ~ ')\\b') %}{% endif -%}
    {%- if prefixed %}{% do parts.append('\\b(?:' ~ (prefixed | join('|')) ~ ')') %}{% endif -%}
    {{- parts | join('|') if parts else 'a^' -}}
{%- endmacro %}
