"""Grounding of skills answers: every skill the LLM names must be written in the posting.

The skills prompt asks for skills verbatim, so a skill the posting does not contain is one
the model inferred ("Python" for a data-science posting that never says it), translated,
recalled from other postings, or was told to add by an injected instruction. Such an
answer is ``ungrounded`` as a whole, like a salary with an invented number: a model that
invents one skill may have invented others that happen to occur in the text.

A skill occurs in the text when, after both are normalised the same way (HTML entities
decoded, NFKC, lower case, every run of white space and hyphens read as one space), it is
found as a whole word or phrase: no letter or digit right before it when it starts with
one, none right after it when it ends with one. So "machine learning" is found in
"Machine-Learning-Modelle" and "C++" in "C++17", but "Java" not in "JavaScript".
"""

from __future__ import annotations

import re
from functools import lru_cache

from python_udfs.llm.grounding import _normalise
from python_udfs.llm.schemas import SkillsExtraction

# White space and the hyphens postings use between words (ASCII, U+2010, U+2011).
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
# How many missing skills an error names (errors are short; the rest are counted).
_ERROR_NAMES = 3


def normalise_skill_text(text: str) -> str:
    """Lower case, entities decoded, NFKC, white space and hyphen runs as one space."""
    return _SEPARATORS.sub(" ", _normalise(text)).strip()


@lru_cache(maxsize=512)
def _normalised(text: str) -> str:
    """The normalised text (cached: every skill of one answer is looked up in it)."""
    return normalise_skill_text(text)


def occurs_in(skill: str, text: str) -> bool:
    """Whether the skill is written in the text as a whole word or phrase (see module doc)."""
    needle = normalise_skill_text(skill)
    if not needle:
        return False
    start = r"(?<![^\W_])" if re.match(r"[^\W_]", needle) else ""
    end = r"(?![^\W_])" if re.search(r"[^\W_]$", needle) else ""
    return re.search(f"{start}{re.escape(needle)}{end}", _normalised(text)) is not None


def check_skills_grounded(extraction: SkillsExtraction, text: str) -> str | None:
    """None when every skill occurs in the text, else an error naming the missing ones."""
    missing = [skill for skill in extraction.skills if not occurs_in(skill, text)]
    if not missing:
        return None
    named = ", ".join(repr(skill) for skill in missing[:_ERROR_NAMES])
    more = f" and {len(missing) - _ERROR_NAMES} more" if len(missing) > _ERROR_NAMES else ""
    return f"not in the text: skills {named}{more}"
