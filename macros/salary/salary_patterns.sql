{#
    The RE2 patterns of the salary rules (int_postings__salary_extracted),
    built once when the model runs and returned as a dict for the three
    stages (salary_mentions, salary_parsed, salary_decided). Every word is
    read from seed salary_context_terms (by kind) or currency_terms; what
    stays here is structure: digits, separators, white space, how an amount
    and a range are written.

    Keys: currency, number, thousands, sentence_chars, single_amount,
    money_parts, money, words_before, words_after, white_space,
    amount_parts, bound_tail, currency_range, millions_cue, trap_word_cue,
    millions_trap, trap_word_traps, pay_mention (with a `{within}` to
    replace by a repetition), and the word alternations salary_word,
    trap_word, max_prefix, min_prefix, estimate_marker, not_amount,
    min_word, min_suffix, total_pay_marker.
#}
{% macro salary_patterns() -%}
    {%- set p = {} -%}
    {%- set currency = currency_pattern() -%}
    {%- set number = "\\d{1,3}(?:[.,'' ’]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?" -%}
    {%- set thousands = salary_terms('thousands_word') -%}
    {#- a sentence runs to . ! ? ; or a line break, except a mark followed by a
        non-space (60.000, p.a.) or ending a known abbreviation (Tsd., ca.) -#}
    {%- set sentence_chars -%}
(?:[^.!?;\n]|[.!?;]\S|\b(?:{{ salary_terms('abbreviation') }})\.\s)
    {%- endset -%}
    {#- "60.000,-" / "8'500.–": a dash for zero cents -#}
    {%- set cents_dash = "(?:[.,][-–]{1,2})?" -%}
    {#- range words; the weak ones ("70 and 85k", "between £60,000 and 69,000")
        only join a second amount that carries a currency or a k or has four
        digits or more, so that "28.000 € en 14 pagas" stays one amount.
        Shortest first ("to" before "tot", "bis" before "bis zu"), the
        priority these words have always had: RE2 takes the longer one when
        the shorter is not followed by an amount -#}
    {%- set range_word = salary_terms('range_word', 'shortest_first') -%}
    {%- set weak_range_word = salary_terms('weak_range_word') -%}
    {%- for kind in [
        'salary_word', 'trap_word', 'max_prefix', 'min_prefix', 'estimate_marker',
        'not_amount', 'min_word', 'min_suffix', 'total_pay_marker'
    ] -%}
        {%- do p.update({kind: salary_terms(kind)}) -%}
    {%- endfor -%}
    {%- set salary_word = p['salary_word'] -%}
    {%- set trap_word = p['trap_word'] -%}
    {%- set single_amount -%}
(?:{{ currency }})?\s?(?:{{ number }}){{ cents_dash }}\s?(?:{{ thousands }})?\s?(?:{{ currency }})?
    {%- endset -%}
    {%- set marked_amount -%}
(?:{{ currency }})\s?(?:{{ number }}){{ cents_dash }}\s?(?:{{ thousands }})?\s?(?:{{ currency }})?|(?:{{ number }}){{ cents_dash }}\s?(?:(?:{{ thousands }})\s?(?:{{ currency }})?|(?:{{ currency }}))|(?:\d{1,3}(?:[.,'' ’]\d{3})+|\d{4,})(?:[.,]\d{1,2})?{{ cents_dash }}
    {%- endset -%}
    {#- one amount expression: first amount, then a range word and a second
        amount (strong range word) or a weak one and a marked second amount -#}
    {%- set money_parts -%}
({{ single_amount }})(?:\s*({{ range_word }})\s*({{ single_amount }})|\s*({{ weak_range_word }})\s+({{ marked_amount }}))?
    {%- endset -%}
    {#- the same without capture groups, to find the amounts: with groups, RE2
        works out every group of every match (~10x slower) -#}
    {%- set money = modules.re.sub('(?<!\\\\)\\((?!\\?)', '(?:', money_parts) -%}
    {#- up to three words before an amount and four after it (period words,
        "up to", "from"); written so that RE2 has one way to split them. No
        capture groups: RE2 finds a whole match with its fast automaton, while
        groups cost ~20x more per amount; the white space (and the "%" after an
        amount) at the match's edges is cut off by string functions instead. -#}
    {%- set words_before = "(?:[\\pL/.'':]+\\s+){0,2}[\\pL/.'':]+\\s*$" -%}
    {%- set words_after = "^\\s*%?(?:(?:/\\pL*|[\\pL.'']+)(?:\\s*/\\pL*|\\s+[\\pL.'']+){0,3})?" -%}
    {#- RE2's \s -#}
    {%- set white_space = "chr(9) || chr(10) || chr(12) || chr(13) || ' '" -%}
    {%- set amount_parts -%}
^({{ currency }})?\s?({{ number }}){{ cents_dash }}\s?({{ thousands }})?\s?({{ currency }})?$
    {%- endset -%}
    {#- "up to", "maximum salary of", "ab": what may follow the bound word -#}
    {%- set bound_tail = "(?:\\s+(?:" ~ salary_word ~ "))?(?:\\s+(?:" ~ salary_terms('bound_joiner') ~ "))?\\s*" -%}
    {%- set amount = "(?:" ~ currency ~ ")?\\s?\\d[\\d.,'' ’]*\\s?(?:k\\b)?\\s?(?:" ~ currency ~ ")?" -%}
    {#- "£45,000 - £50,000": a range with a currency on both amounts is salary
        context by itself, even in a sentence with a trap word ("plus bonuses") -#}
    {%- set currency_amount = "(?:(?:" ~ currency ~ ")\\s?\\d[\\d.,'' ’]*\\s?(?:k\\b)?|\\d[\\d.,'' ’]*\\s?(?:k\\b)?\\s?(?:" ~ currency ~ "))" -%}
    {%- set currency_range = currency_amount ~ "\\s*(?:" ~ range_word ~ ")\\s*" ~ currency_amount -%}
    {#- traps: amounts in millions, and amounts right after or before a trap
        word. Each needs a cue in the sentence: a digit before m(illion) or
        b(illion), or a trap word's stem (the word without its letter runs \pL*).
        RE2 runs the three traps in one pattern ~20x slower than any two, so a
        sentence gets only the traps it has cues for: same matches, since a
        trap without its cue cannot match anywhere in the sentence. -#}
    {%- set millions_cue = '\\d\\s?[mb]' -%}
    {%- set trap_stems = [] -%}
    {%- for term in seed_rows('salary_context_terms', ['term'], "kind = 'trap_word'") | map(attribute='term') -%}
        {%- do trap_stems.append(modules.re.sub('^(\\\\pL\\*)+|(\\\\pL\\*)+$', '', term)) -%}
    {%- endfor -%}
    {%- set trap_word_cue = trap_stems | join('|') if trap_stems else 'a^' -%}
    {#- shortest first: "m" before "mn", "millions?" before "million\pL*" -#}
    {%- set millions_trap -%}
(?:{{ currency }})?\s?\d+(?:[.,]\d+)?\s?(?:{{ salary_terms('millions_word', 'shortest_first') }})\b(?:\s?(?:de\s|d.)?(?:{{ currency }}))?
    {%- endset -%}
    {#- the words allowed between a trap word and its amount ("bonus of",
        "prime annuelle de", "Zulage in Höhe von"); shortest first: "an?"
        before "annual", "un" before "une" -#}
    {%- set trap_word_traps -%}
(?:^|[^\pL])(?:{{ trap_word }})(?:\s+\pL+)?(?:\s*(?:{{ salary_terms('trap_joiner', 'shortest_first') }}))*\s*{{ amount }}(?:\s*(?:{{ range_word }})\s*{{ amount }})?|{{ amount }}\s*(?:{{ trap_word }})(?:[^\pL]|$)
    {%- endset -%}
    {#- a pay word with a figure (or a number word) after it, or a number
        word with a currency word: `{within}` is the repetition allowed
        between the pay word and the figure. Before a currency word the
        number words drop their trailing \b ("mil euros") -#}
    {%- set pay_number_words = seed_rows(
        'salary_context_terms', ['term'], "kind = 'pay_number_word'"
    ) | map(attribute='term') | list -%}
    {%- set pay_number_word = pay_number_words | join('|') if pay_number_words else 'a^' -%}
    {%- set pay_number_stem = pay_number_words | map('replace', '\\b', '') | join('|')
        if pay_number_words else 'a^' -%}
    {%- set pay_mention -%}
(?:^|[^\pL])(?:{{ salary_word }})(?:[^\pL]|$)[^.\n]{within}(?:\d|{{ pay_number_word }})|(?:{{ pay_number_stem }})\s*(?:{{ salary_terms('pay_currency_word') }})
    {%- endset -%}
    {%- do p.update({
        'currency': currency, 'number': number, 'thousands': thousands,
        'sentence_chars': sentence_chars, 'single_amount': single_amount,
        'money_parts': money_parts, 'money': money,
        'words_before': words_before, 'words_after': words_after,
        'white_space': white_space, 'amount_parts': amount_parts,
        'bound_tail': bound_tail, 'currency_range': currency_range,
        'millions_cue': millions_cue, 'trap_word_cue': trap_word_cue,
        'millions_trap': millions_trap, 'trap_word_traps': trap_word_traps,
        'pay_mention': pay_mention
    }) -%}
    {{ return(p) }}
{%- endmacro %}

{# An RE2 alternation of the salary vocabulary of one kind (seed salary_context_terms). #}
{% macro salary_terms(kind, order='alphabetical') -%}
    {{- seed_alternation('salary_context_terms', 'term', "kind = '" ~ kind ~ "'", order) -}}
{%- endmacro %}
