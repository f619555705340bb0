{#
    Text functions whose name or arguments differ between DuckDB and Spark
    (docs/spark.md). default__ is the SQL the models always had (DuckDB);
    spark__ the Spark 4 equivalent. Models call these, never the engine's
    function, where the two differ.
#}

{#- the SQL type of text: varchar (DuckDB), string (Spark needs a length for varchar) -#}
{% macro text_type() -%}
    {{ return(adapter.dispatch('text_type', 'salary_insights')()) }}
{%- endmacro %}
{% macro default__text_type() -%}varchar{%- endmacro %}
{% macro spark__text_type() -%}string{%- endmacro %}

{#- does the text contain a match of the regex (a partial match) -#}
{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'salary_insights')(expression, pattern)) }}
{%- endmacro %}
{% macro default__regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}
{% macro spark__regex_matches(expression, pattern) -%}
    regexp_like({{ expression }}, {{ pattern }})
{%- endmacro %}

{#- every match of the regex replaced (DuckDB's flag 'g'; 'gi' also ignores case) -#}
{% macro regex_replace_all(expression, pattern, replacement, ignore_case=false) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'salary_insights')(
        expression, pattern, replacement, ignore_case)) }}
{%- endmacro %}
{% macro default__regex_replace_all(expression, pattern, replacement, ignore_case=false) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }}, '{{ 'gi' if ignore_case else 'g' }}')
{%- endmacro %}
{% macro spark__regex_replace_all(expression, pattern, replacement, ignore_case=false) -%}
    {#- Spark replaces every match; (?i) as the pattern's first flag; a
        group in the replacement is $1, not \1 -#}
    regexp_replace({{ expression }}, {{ "concat('(?i)', " ~ pattern ~ ")" if ignore_case else pattern }}, {{ modules.re.sub('\\\\(\\d)', '$\\1', replacement) }})
{%- endmacro %}

{#- the byte length of UTF-8 text (DuckDB strlen) -#}
{% macro byte_length(expression) -%}
    {{ return(adapter.dispatch('byte_length', 'salary_insights')(expression)) }}
{%- endmacro %}
{% macro default__byte_length(expression) -%}strlen({{ expression }}){%- endmacro %}
{% macro spark__byte_length(expression) -%}octet_length({{ expression }}){%- endmacro %}

{#- Unicode NFC. Spark has no normalisation function: the text is kept as
    it is (decomposed accents stay decomposed; docs/spark.md) -#}
{% macro unicode_nfc(expression) -%}
    {{ return(adapter.dispatch('unicode_nfc', 'salary_insights')(expression)) }}
{%- endmacro %}
{% macro default__unicode_nfc(expression) -%}nfc_normalize({{ expression }}){%- endmacro %}
{% macro spark__unicode_nfc(expression) -%}{{ expression }}{%- endmacro %}

{#- accents removed (DuckDB strip_accents); on Spark a translate() of the
    accented Latin letters of the five languages and the countries' names -#}
{% macro accents_stripped(expression) -%}
    {{ return(adapter.dispatch('accents_stripped', 'salary_insights')(expression)) }}
{%- endmacro %}
{% macro default__accents_stripped(expression) -%}strip_accents({{ expression }}){%- endmacro %}
{% macro spark__accents_stripped(expression) -%}
    translate(
        {{ expression }},
        'àáâãäåāçćčèéêëēęìíîïīłñńòóôõöøōśšùúûüūýÿźżžÀÁÂÃÄÅĀÇĆČÈÉÊËĒĘÌÍÎÏĪŁÑŃÒÓÔÕÖØŌŚŠÙÚÛÜŪÝŸŹŻŽ',
        'aaaaaaacccceeeeeeiiiiilnnoooooooossuuuuuyyzzzAAAAAAACCCEEEEEEIIIIILNNOOOOOOOSSUUUUUYYZZZ'
    )
{%- endmacro %}

{#- does the text start / end with the given text (DuckDB prefix / suffix) -#}
{% macro text_starts_with(expression, text) -%}
    {{ return(adapter.dispatch('text_starts_with', 'salary_insights')(expression, text)) }}
{%- endmacro %}
{% macro default__text_starts_with(expression, text) -%}prefix({{ expression }}, {{ text }}){%- endmacro %}
{% macro spark__text_starts_with(expression, text) -%}startswith({{ expression }}, {{ text }}){%- endmacro %}

{% macro text_ends_with(expression, text) -%}
    {{ return(adapter.dispatch('text_ends_with', 'salary_insights')(expression, text)) }}
{%- endmacro %}
{% macro default__text_ends_with(expression, text) -%}suffix({{ expression }}, {{ text }}){%- endmacro %}
{% macro spark__text_ends_with(expression, text) -%}endswith({{ expression }}, {{ text }}){%- endmacro %}

{#- the text without its first `head` and last `tail` characters (DuckDB
    slicing: text[2:-2] drops one of each) -#}
{% macro text_trimmed_by(expression, head, tail) -%}
    {{ return(adapter.dispatch('text_trimmed_by', 'salary_insights')(expression, head, tail)) }}
{%- endmacro %}
{% macro default__text_trimmed_by(expression, head, tail) -%}
    {{ expression }}[{{ head + 1 if head else '' }}:{{ -(tail + 1) if tail else '' }}]
{%- endmacro %}
{% macro spark__text_trimmed_by(expression, head, tail) -%}
    substr({{ expression }}, {{ head + 1 }}, char_length({{ expression }}) - {{ head + tail }})
{%- endmacro %}

{#- the apostrophe as a SQL expression: '''' on DuckDB; Spark reads '''' as
    two empty literals side by side (an empty string), so chr(39) -#}
{% macro apostrophe() -%}
    {{ return(adapter.dispatch('apostrophe', 'salary_insights')()) }}
{%- endmacro %}
{% macro default__apostrophe() -%}''''{%- endmacro %}
{% macro spark__apostrophe() -%}chr(39){%- endmacro %}

{#- the first match of the regex, whole (DuckDB regexp_extract(x, p): group
    0; Spark's two-argument form returns group 1) -#}
{% macro regex_extract(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract', 'salary_insights')(expression, pattern)) }}
{%- endmacro %}
{% macro default__regex_extract(expression, pattern) -%}
    regexp_extract({{ expression }}, {{ pattern }})
{%- endmacro %}
{% macro spark__regex_extract(expression, pattern) -%}
    regexp_extract({{ expression }}, {{ pattern }}, 0)
{%- endmacro %}

{#- every match of the regex, whole (DuckDB regexp_extract_all(x, p);
    Spark's two-argument form returns group 1) -#}
{% macro regex_extract_all(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract_all', 'salary_insights')(expression, pattern)) }}
{%- endmacro %}
{% macro default__regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }})
{%- endmacro %}
{% macro spark__regex_extract_all(expression, pattern) -%}
    regexp_extract_all({{ expression }}, {{ pattern }}, 0)
{%- endmacro %}

{#- the text from character `start` (1-based) to its end (DuckDB text[start:]) -#}
{% macro text_from(expression, start) -%}
    {{ return(adapter.dispatch('text_from', 'salary_insights')(expression, start)) }}
{%- endmacro %}
{% macro default__text_from(expression, start) -%}
    {{ expression }}[
                {{ start }}:
            ]
{%- endmacro %}
{% macro spark__text_from(expression, start) -%}
    substr({{ expression }}, {{ start }})
{%- endmacro %}

{#- the character of a Unicode code point (DuckDB chr(n); Spark's chr takes
    n modulo 256, so the character's UTF-8 bytes, decoded) -#}
{% macro unicode_char(code) -%}
    {{ return(adapter.dispatch('unicode_char', 'salary_insights')(code)) }}
{%- endmacro %}
{% macro default__unicode_char(code) -%}chr({{ code }}){%- endmacro %}
{% macro spark__unicode_char(code) -%}
    {%- if code < 128 -%}
    chr({{ code }})
    {%- else -%}
    {%- if code < 2048 -%}
        {%- set bytes = [192 + code // 64, 128 + code % 64] -%}
    {%- else -%}
        {%- set bytes = [224 + code // 4096, 128 + (code // 64) % 64, 128 + code % 64] -%}
    {%- endif -%}
    decode(unhex('{% for b in bytes %}{{ '%02X' | format(b) }}{% endfor %}'), 'UTF-8')
    {%- endif -%}
{%- endmacro %}

{#- the regex's capture groups as a struct of the given field names, empty
    text for a group that did not match (DuckDB regexp_extract(x, p, [names]);
    Spark: named_struct of one regexp_extract per group) -#}
{% macro regex_extract_groups(expression, pattern, names) -%}
    {{ return(adapter.dispatch('regex_extract_groups', 'salary_insights')(expression, pattern, names)) }}
{%- endmacro %}
{% macro default__regex_extract_groups(expression, pattern, names) -%}
    regexp_extract(
                {{ expression }}, {{ pattern }},
                [{{ "'" ~ names | join("', '") ~ "'" }}]
            )
{%- endmacro %}
{% macro spark__regex_extract_groups(expression, pattern, names) -%}
    named_struct(
        {%- for name in names %}
        '{{ name }}', regexp_extract({{ expression }}, {{ pattern }}, {{ loop.index }}){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
