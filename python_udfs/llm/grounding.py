"""Grounding checks: an extracted number must occur in the text it was extracted from.

A language model can answer with a well-formed, plausible and wrong number: one it
computed (60k a year "converted" to 5,000 a month), one from its training data, or one a
prompt injection asked for. None of these occurs in the posting, so every number of an
answer is looked up in the set of numbers the text states, read the ways postings write
them (``60.000``, ``60 000``, ``100'000``, ``4.200,50``, ``60k``, ``45-55k``, ``sechzig- bis
siebzigtausend``, ...). An answer with a number outside that set is ``ungrounded``.

The set is deliberately permissive: an ambiguous figure yields every reading (``60.000``
is 60000 and 60.0), percentages, dates and phone numbers are included, the raw figure of
``55k`` (55) is kept next to 55000, and number words that double as articles (``een``,
``un``, ``ein``) count as 1. Extra numbers can only let a wrong answer through when the
wrong number happens to be in the text; a missing reading would reject right answers.
The check does not catch a number that is in the text but belongs elsewhere (a bonus read
as the salary) or an injected number written in the text: it proves presence, not meaning.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from pydantic import BaseModel

from python_udfs.llm.schemas import KNOWN_CURRENCIES, ExperienceExtraction, SalaryExtraction

# Float noise allowed when comparing an answer with a stated number (60000.0000001 == 60000).
ABS_TOL = 1e-6

# ---------------------------------------------------------------- figures written with digits
# One figure: thousands-grouped (60,000 / 60.000 / 60 000 / 100'000, optionally with
# decimals 4.200,50 / 4,200.50) or plain (60000, 11.00, 4,5). Runs on NFKC-normalised text,
# where U+00A0 and U+202F have become plain spaces; they stay in the class for safety.
_FIGURE = re.compile(
    r"""(?<![0-9])
    (?:
        (?P<grouped>[0-9]{1,3}(?P<sep>[.,'’\x20\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*)
        (?:(?!(?P=sep))[.,](?P<gdec>[0-9]+))?
      | (?P<plain>[0-9]+)(?:[.,](?P<pdec>[0-9]+))?
    )
    (?![0-9])""",
    re.VERBOSE,
)
_CODES = "|".join(sorted(c.lower() for c in KNOWN_CURRENCIES))
# A multiplier right after a figure: 60k, 60 K€, 60kEUR, 60 Tsd., 60 tausend, 60 mil, 1,2 Mio.
_MULTIPLIER = re.compile(
    rf"""\s?(?:
        k(?:(?![^\W\d_])|(?=(?:{_CODES})(?![^\W\d_])))
      | (?P<thousand>tsd\.?|tausend|thousand|duizend|mille|mil)(?![^\W\d_])
      | (?P<million>mio\.?|millions?|millionen|miljoen|millones|millón)(?![^\W\d_])
    )""",
    re.VERBOSE,
)
# What may stand between the two ends of a range whose multiplier is written once
# ("45-55k", "70 and 85k", "sechzig- bis siebzigtausend", "zestig- en zeventigduizend").
_RANGE_GAP = re.compile(
    r"[\s€£$]*(?:-\s*)?(?:[-–—/]|to|and|or|bis|und|oder|à|a|et|ou|tot|en|of|y|o|hasta)[\s€£$]*"
)
_GAP_CODES = re.compile(rf"\b(?:{_CODES})\b")


@dataclass(frozen=True, slots=True)
class _Num:
    """One number found in the text, with its span so neighbouring ranges can be paired."""

    start: int
    end: int
    value: Decimal
    raw: Decimal  # the figure without its multiplier: 55 for '55k'
    thousand: bool  # written with a thousand multiplier: a preceding range end shares it


def _figures(text: str) -> tuple[list[_Num], set[Decimal]]:
    """Digit figures with their multipliers, plus the alternative readings of ambiguous ones."""
    found: list[_Num] = []
    extra: set[Decimal] = set()
    for m in _FIGURE.finditer(text):
        if m["grouped"]:
            sep = m["sep"]
            value = Decimal(m["grouped"].replace(sep, "") + (f".{m['gdec']}" if m["gdec"] else ""))
            if sep in ".," and m["grouped"].count(sep) == 1 and not m["gdec"]:
                extra.add(Decimal(m["grouped"].replace(sep, ".")))  # 60.000 may be 60.0
            if sep not in ".,'’":  # '5 100' may be two numbers
                first, *rest = m["grouped"].split(sep)
                extra.add(Decimal(first))
                extra.update(Decimal(g) for g in rest if not g.startswith("0"))
        else:
            value = Decimal(m["plain"] + (f".{m['pdec']}" if m["pdec"] else ""))
        end, scale, thousand = m.end(), Decimal(1), False
        mult = _MULTIPLIER.match(text, end)
        if mult:
            end = mult.end()
            scale = Decimal(1_000_000) if mult["million"] else Decimal(1000)
            thousand = not mult["million"]
        found.append(_Num(m.start(), end, value * scale, value, thousand))
    return found, extra


# ---------------------------------------------------------------- figures written in words
# Morphemes of number words in en/de/fr/nl/es. Kinds: Z zero, U 1-9, S complete 10-29
# (teens, Spanish veinti-), X tens, H hundred (multiplier), V Spanish hundreds (200-900),
# K thousand (multiplier), C connector (fünf-und-zwanzig, vingt et un, treinta y cinco).
def _kind(kind: str, value: int, words: str) -> dict[str, tuple[str, int]]:
    return {w: (kind, value) for w in words.split()}


_LEXICON: dict[str, tuple[str, int]] = {
    **_kind("Z", 0, "zero zéro cero nul"),
    **_kind("U", 1, "one ein eins eine un une een één uno una"),
    **_kind("U", 2, "two zwei zwo deux twee dos"),
    **_kind("U", 3, "three drei trois drie tres"),
    **_kind("U", 4, "four vier quatre cuatro"),
    **_kind("U", 5, "five fünf fuenf cinq vijf cinco"),
    **_kind("U", 6, "six sechs zes seis"),
    **_kind("U", 7, "seven sieben sept zeven siete"),
    **_kind("U", 8, "eight acht huit ocho"),
    **_kind("U", 9, "nine neun neuf negen nueve"),
    **_kind("S", 10, "ten zehn dix tien diez"),
    **_kind("S", 11, "eleven elf onze once"),
    **_kind("S", 12, "twelve zwölf zwoelf douze twaalf doce"),
    **_kind("S", 13, "thirteen dreizehn treize dertien trece"),
    **_kind("S", 14, "fourteen vierzehn quatorze veertien catorce"),
    **_kind("S", 15, "fifteen fünfzehn fuenfzehn quinze vijftien quince"),
    **_kind("S", 16, "sixteen sechzehn seize zestien dieciséis dieciseis"),
    **_kind("S", 17, "seventeen siebzehn zeventien diecisiete"),
    **_kind("S", 18, "eighteen achtzehn achttien dieciocho"),
    **_kind("S", 19, "nineteen neunzehn negentien diecinueve"),
    **_kind("S", 21, "veintiuno veintiuna veintiún veintiun"),
    **_kind("S", 22, "veintidós veintidos"),
    **_kind("S", 23, "veintitrés veintitres"),
    **_kind("S", 24, "veinticuatro"),
    **_kind("S", 25, "veinticinco"),
    **_kind("S", 26, "veintiséis veintiseis"),
    **_kind("S", 27, "veintisiete"),
    **_kind("S", 28, "veintiocho"),
    **_kind("S", 29, "veintinueve"),
    **_kind("X", 20, "twenty zwanzig vingt vingts twintig veinte"),
    **_kind("X", 30, "thirty dreißig dreissig trente dertig treinta"),
    **_kind("X", 40, "forty vierzig quarante veertig cuarenta"),
    **_kind("X", 50, "fifty fünfzig fuenfzig cinquante vijftig cincuenta"),
    **_kind("X", 60, "sixty sechzig soixante zestig sesenta"),
    **_kind("X", 70, "seventy siebzig septante zeventig setenta"),
    **_kind("X", 80, "eighty achtzig huitante octante quatrevingt quatrevingts tachtig ochenta"),
    **_kind("X", 90, "ninety neunzig nonante negentig noventa"),
    **_kind("H", 100, "hundred hundert cent cents honderd cien ciento"),
    **_kind("V", 200, "doscientos doscientas"),
    **_kind("V", 300, "trescientos trescientas"),
    **_kind("V", 400, "cuatrocientos cuatrocientas"),
    **_kind("V", 500, "quinientos quinientas"),
    **_kind("V", 600, "seiscientos seiscientas"),
    **_kind("V", 700, "setecientos setecientas"),
    **_kind("V", 800, "ochocientos ochocientas"),
    **_kind("V", 900, "novecientos novecientas"),
    **_kind("K", 1000, "thousand tausend mille mil duizend tsd"),
    **_kind("C", 0, "and und et en ën y"),
}
_MAX_MORPHEME = max(map(len, _LEXICON))
_PREFIXES = frozenset(w[:2] for w in _LEXICON)
_WORD = re.compile(r"[^\W\d_]+")
_JOIN_GAP = re.compile(r"-|\s+")  # what may separate the words of one number


@dataclass(frozen=True, slots=True)
class _Morph:
    """One number morpheme, located in the text and in its word."""

    text: str
    kind: str
    value: int
    start: int
    end: int
    first: bool  # first morpheme of its word
    last: bool  # last morpheme of its word


@lru_cache(maxsize=8192)
def _segment(word: str) -> tuple[tuple[str, int], ...] | None:
    """Split a word into number morphemes (fünfundzwanzigtausend -> fünf|und|zwanzig|tausend).

    Returns (morpheme, offset) pairs of the segmentation with the fewest pieces, or None when
    the word is not made of number morphemes only.
    """
    if word[:2] not in _PREFIXES and word not in _LEXICON:
        return None
    n = len(word)
    best: list[tuple[tuple[str, int], ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        done = best[i]
        if done is None:
            continue
        for j in range(i + 1, min(n, i + _MAX_MORPHEME) + 1):
            piece = word[i:j]
            if piece in _LEXICON:
                candidate = (*done, (piece, i))
                current = best[j]
                if current is None or len(candidate) < len(current):
                    best[j] = candidate
    return best[n]


def _morphemes(text: str, covered: list[tuple[int, int]]) -> list[_Morph]:
    """Number morphemes of all words outside the spans already read as digit figures."""
    starts = [s for s, _ in covered]
    out: list[_Morph] = []
    for m in _WORD.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and covered[k][0] <= m.start() < covered[k][1]:
            continue  # the 'mil' of '60 mil' belongs to the figure
        pieces = _segment(m.group())
        if not pieces:
            continue
        for idx, (piece, offset) in enumerate(pieces):
            kind, value = _LEXICON[piece]
            start = m.start() + offset
            last = idx == len(pieces) - 1
            out.append(_Morph(piece, kind, value, start, start + len(piece), idx == 0, last))
    return out


class _WordParser:
    """Recursive-descent reader of spelled-out numbers up to 999,999 over a morpheme list."""

    def __init__(self, text: str, ms: list[_Morph]) -> None:
        self.text = text
        self.ms = ms

    def at(self, j: int, kinds: str, same_word: bool = False) -> _Morph | None:
        """Morpheme j if it is of one of ``kinds`` and may continue the number before it."""
        if j >= len(self.ms) or self.ms[j].kind not in kinds:
            return None
        prev, cur = self.ms[j - 1], self.ms[j]
        if prev.end == cur.start and not cur.first:
            return cur  # same word
        if same_word:
            return None
        return cur if _JOIN_GAP.fullmatch(self.text, prev.end, cur.start) else None

    def after_tens(self, tens: int, j: int) -> tuple[int, int]:
        """twenty-five, vingt et un, treinta y cinco; soixante-dix, quatre-vingt-dix-sept."""
        k = j
        conn = self.at(j, "C")
        if conn and conn.text in ("et", "y"):
            k = j + 1
        unit = self.at(k, "U")
        if unit:
            return tens + unit.value, k + 1
        if tens in (60, 80) and self.at(k, "S") and self.ms[k].value < 20:
            teen, end = self.below_100(k)
            return tens + teen, end
        return tens, j

    def below_100(self, i: int) -> tuple[int, int]:
        """A number below 100 starting with morpheme i (which is Z, U, S or X)."""
        m = self.ms[i]
        if m.kind == "U":
            conn, tens = self.at(i + 1, "C", True), self.at(i + 2, "X", True)
            if conn and tens and conn.text in ("und", "en", "ën"):  # fünfundzwanzig
                return m.value + tens.value, i + 3
            vingt = self.at(i + 1, "X")
            if m.value == 4 and vingt and vingt.value == 20:  # quatre-vingt(s)
                return self.after_tens(80, i + 2)
            return m.value, i + 1
        if m.kind == "S":
            unit = self.at(i + 1, "U")
            if m.value == 10 and unit and unit.value >= 7:  # dix-sept
                return 10 + unit.value, i + 2
            return m.value, i + 1
        if m.kind == "X":
            return self.after_tens(m.value, i + 1)
        return 0, i + 1  # Z

    def below_1000(self, i: int) -> tuple[int, int] | None:
        """A number below 1000: 'two hundred and five', 'zweihundert', 'doscientos veinte'."""
        m = self.ms[i]
        if m.kind in "VH":
            hundreds, j = m.value, i + 1
        elif m.kind in "ZUSX":
            value, j = self.below_100(i)
            if not (m.kind == "U" and j == i + 1 and self.at(j, "H")):
                return value, j
            hundreds, j = value * 100, j + 1
        else:
            return None
        k = j
        conn = self.at(j, "C")
        if conn and conn.text in ("and", "und", "en"):
            k = j + 1
        if self.at(k, "USX"):
            rest, end = self.below_100(k)
            return hundreds + rest, end
        return hundreds, j

    def number(self, i: int) -> tuple[int, int, int, bool] | None:
        """(value, end index, raw value, ends with 'thousand') of the number starting at i.

        The raw value is the part before 'thousand' when the number ends with it ('sixty' of
        'sixty thousand', kept like the 60 of '60k'), else the value itself.
        """
        m = self.ms[i]
        if m.kind == "K":
            head, j = 1, i
        else:
            parsed = self.below_1000(i)
            if parsed is None:
                return None
            head, j = parsed
            if m.kind == "Z" or not self.at(j, "K"):
                return head, j, head, False
        total, j = head * 1000, j + 1
        k = j
        conn = self.at(j, "C")
        if conn and conn.text in ("and", "und"):
            k = j + 1
        if self.at(k, "USXHV"):
            rest = self.below_1000(k)
            if rest:
                return total + rest[0], rest[1], total + rest[0], False
        return total, j, head, True


def _spelled(text: str, covered: list[tuple[int, int]]) -> list[_Num]:
    """Spelled-out numbers: a number starts and ends on word boundaries, else it is skipped."""
    ms = _morphemes(text, covered)
    parser = _WordParser(text, ms)
    found: list[_Num] = []
    i = 0
    while i < len(ms):
        parsed = parser.number(i) if ms[i].first and ms[i].kind != "C" else None
        if parsed and ms[parsed[1] - 1].last:
            value, j, head, thousand = parsed
            found.append(_Num(ms[i].start, ms[j - 1].end, Decimal(value), Decimal(head), thousand))
            i = j
        else:
            i += 1
    return found


def _normalise(text: str) -> str:
    """HTML entities decoded (postings are often HTML: 60&nbsp;000), NFKC, lower case.

    NFKC turns no-break and narrow no-break spaces into plain spaces and full-width digits
    into ASCII, so the figure patterns need only one spelling of each.
    """
    return unicodedata.normalize("NFKC", html.unescape(text)).lower()


@lru_cache(maxsize=512)
def _numbers(text: str) -> frozenset[float]:
    """All numbers of a text (cached: the checks of one row all read the same text)."""
    norm = _normalise(text)
    figures, values = _figures(norm)
    words = _spelled(norm, [(n.start, n.end) for n in figures])
    found = sorted(figures + words, key=lambda n: n.start)
    for n in found:
        values.update((n.value, n.raw))
    for a, b in pairwise(found):
        # '45-55k', 'sixty to seventy thousand': the multiplier also applies to the first end
        gap = _GAP_CODES.sub("", norm[a.end : b.start])
        if b.thousand and not a.thousand and a.value < 1000 and _RANGE_GAP.fullmatch(gap):
            values.add(a.value * 1000)
    return frozenset(float(v) for v in values)


def numbers_in_text(text: str) -> set[float]:
    """Every number the text states, in every plausible reading (see the module docstring)."""
    return set(_numbers(text))


def _matches(value: float, numbers: frozenset[float], rel_tol: float) -> bool:
    """True when value equals one of numbers, up to rel_tol and float noise."""
    if not math.isfinite(value):
        return False
    return any(math.isclose(value, n, rel_tol=rel_tol, abs_tol=ABS_TOL) for n in numbers)


def is_grounded(value: float, text: str, rel_tol: float = 0.0) -> bool:
    """Whether the text states this number (rel_tol > 0 would also accept near misses)."""
    return _matches(value, _numbers(text), rel_tol)


def check_salary_grounded(
    extraction: SalaryExtraction, text: str, rel_tol: float = 0.0
) -> str | None:
    """None when every stated amount occurs in the text, else an error naming the fields."""
    numbers = _numbers(text)
    bad = [
        f"{name}={value:g}"
        for name in ("salary_min", "salary_max")
        if (value := getattr(extraction, name)) is not None
        and not _matches(value, numbers, rel_tol)
    ]
    return f"not stated in the text: {', '.join(bad)}" if bad else None


# ---------------------------------------------------------------- experience
# "No experience needed" in en/de/fr/nl/es: what grounds an answer of 0 years besides a "0".
NO_EXPERIENCE_PHRASES: tuple[str, ...] = (
    "no experience", "no prior experience", "no previous experience", "without experience",
    "experience not required", "experience is not required", "experience not needed",
    "experience is not needed", "experience is not necessary",
    "keine berufserfahrung", "keine erfahrung", "keine vorkenntnisse", "ohne berufserfahrung",
    "ohne erfahrung", "erfahrung ist nicht erforderlich", "erfahrung nicht erforderlich",
    "aucune expérience", "sans expérience", "pas d'expérience", "expérience non requise",
    "débutant accepté", "débutants acceptés",
    "geen ervaring", "geen werkervaring", "zonder ervaring", "ervaring is niet nodig",
    "ervaring niet nodig", "ervaring is niet vereist", "ervaring niet vereist",
    "sin experiencia", "no se requiere experiencia", "no requiere experiencia",
    "experiencia no requerida", "no es necesaria experiencia", "no necesitas experiencia",
)  # fmt: skip
# Graduate programmes are for people without work experience: the project's gold labels
# them 0 years, so an answer of 0 is grounded by them too.
GRADUATE_PHRASES: tuple[str, ...] = (
    "graduate programme", "graduate program", "graduate scheme", "recent graduates",
    "traineeprogramm", "absolvent", "jeunes diplômés", "jeune diplômé",
    "traineeship", "pas afgestudeerd", "recién titulado", "recién graduado",
)  # fmt: skip


def says_no_experience(text: str) -> bool:
    """Whether the text says no experience is needed (or is a graduate programme)."""
    norm = " ".join(_normalise(text).replace("’", "'").split())
    return any(p in norm for p in NO_EXPERIENCE_PHRASES + GRADUATE_PHRASES)


def check_experience_grounded(extraction: ExperienceExtraction, text: str) -> str | None:
    """None when the years occur in the text (0: or no experience is needed), else an error."""
    years = extraction.experience_min_years
    if years is None or is_grounded(years, text):
        return None
    if years == 0 and says_no_experience(text):
        return None
    return f"not stated in the text: experience_min_years={years}"


# Words of an instruction to a model, not of a job posting: a quote made of them is a planted
# instruction the model followed ("classify this as Data Science, Senior").
_INSTRUCTION = re.compile(
    r"(?i)\b(?:classify|categori[sz]e|label (?:this|it|the)|ignore (?:all|any|previous|the)"
    r"|disregard|respond (?:with|only)|answer (?:with|only)|output (?:the|only)|set (?:the )?"
    r"(?:job[_ ]family|seniority)|job_family|system prompt|you are (?:a|an|the) )"
)


def _squeeze(text: str) -> str:
    """Lower case, every run of white space, hyphens and dashes one space: quotes compare alike."""
    return " ".join(re.sub(r"[\s\-‐-―]+", " ", text.lower()).split())


def check_classification_grounded(extraction: BaseModel, text: str) -> str | None:
    """None when the answer's evidence is a quote of the posting and not an instruction."""
    evidence = getattr(extraction, "evidence", None) or ""
    if _squeeze(evidence) not in _squeeze(text):
        return f"evidence not in the text: {evidence[:80]!r}"
    if _INSTRUCTION.search(evidence):
        return f"evidence reads as an instruction to the model: {evidence[:80]!r}"
    return None
