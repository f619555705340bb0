{#
    The RE2 patterns of int_postings__experience_extracted, built once when
    the model runs and returned as a dict. Words come from seed
    experience_terms (experience_terms(kind)) and number words from seed
    number_words; what stays here is structure.

    Keys:
    - number_word: a number word as capture group 1 (for its value);
    - year_phrase: a number followed by a year word, with what may stand
      around it (a minimum word before, a "+", a range, an age word, an
      experience word, a minimum word after);
    - experience_context: the phrase has experience context (a minimum
      word, a "+", a range, an experience word);
    - non_range_context: the same without the range;
    - age_phrase / age_before: an age ("18 years old", "enfants de 6 à
      12 ans");
    - minimum_prefix / history_before: the company's history ("with over
      40 years of experience");
    - preferred_before / preferred_after: years only wished for;
    - alternative: years instead of a degree ("in lieu of");
    - sentence_before / sentence_after: the phrase's sentence around it;
    - none_needed, experience_word: the seed alternations.
#}
{% macro experience_patterns() -%}
    {%- set number_words = seed_alternation('number_words', 'word') -%}
    {%- set number = '\\d{1,2}|' ~ number_words -%}
    {%- set year_word = experience_terms('year_word') -%}
    {%- set minimum_before = experience_terms('minimum_before') -%}
    {%- set minimum_after = experience_terms('minimum_after') -%}
    {%- set experience_word = experience_terms('experience_word') -%}
    {%- set range_word = experience_terms('range_word') -%}
    {%- set age_after = experience_terms('age_after') -%}
    {#- the sentence around a phrase: up to 160 characters on either side, to
        the nearest sentence mark or line break (a mark followed by a non-space,
        as in "b.s." or "m.sc", does not end a sentence) -#}
    {%- set sentence_char = "(?:[^.!?;\n]|[.!?;]\S)" -%}
    {%- set year_phrase -%}
(?:(?:{{ minimum_before }})\s+)?(?:{{ number }})\s*(?:\+\s*)?(?:(?:{{ range_word }})\s*(?:{{ number }})\s*(?:\+\s*)?)?(?:{{ year_word }})\b[''’]?(?:\s+(?:{{ age_after }})\b)?(?:\s+(?:of\s+|de\s+|d.)?(?:\pL+\s+)?(?:d.)?(?:{{ experience_word }}))?(?:\s+(?:{{ minimum_after }}))?
    {%- endset -%}
    {%- set non_range_context -%}
^(?:{{ minimum_before }})\s|\+|(?:{{ experience_word }})$|\s(?:{{ minimum_after }})$
    {%- endset -%}
    {%- set experience_context -%}
^(?:{{ minimum_before }})\s|\+|^(?:{{ number }})\s*(?:{{ range_word }})\s*(?:{{ number }})\s|(?:{{ experience_word }})$|\s(?:{{ minimum_after }})$
    {%- endset -%}
    {{ return({
        'number_word': '(?:^|\\s)(' ~ number_words ~ ')(?:\\s|$)',
        'year_phrase': year_phrase,
        'experience_context': experience_context,
        'non_range_context': non_range_context,
        'age_phrase': '(?:' ~ year_word ~ ')\\s+(?:' ~ age_after ~ ')(?:\\s|$)',
        'age_before': '(?:^|[^\\pL])(?:' ~ experience_terms('age_before') ~ ')\\s*$',
        'minimum_prefix': '^(?:(?:' ~ minimum_before ~ ')\\s+)?',
        'history_before': '(?:^|[^\\pL])(?:' ~ experience_terms('history_before')
            ~ ')\\s+(?:(?:' ~ minimum_before ~ ')\\s+)?$',
        'preferred_before': '(?:^|[^\\pL])(?:' ~ experience_terms('preferred_before') ~ ')(?:[^\\pL]|$)',
        'preferred_after': '(?:^|[^\\pL])(?:' ~ experience_terms('preferred_after') ~ ')(?:[^\\pL]|$)',
        'alternative': '(?:^|[^\\pL])(?:' ~ experience_terms('alternative') ~ ')(?:[^\\pL]|$)',
        'sentence_before': sentence_char ~ '{0,160}$',
        'sentence_after': '^' ~ sentence_char ~ '{0,160}',
        'none_needed': experience_terms('none_needed'),
        'experience_word': experience_word
    }) }}
{%- endmacro %}
