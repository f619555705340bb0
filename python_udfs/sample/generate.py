"""Deterministic generator of multilingual job postings with gold labels.

Why it exists: the dbt models need a realistic bundled sample, and the tests need ground
truth to score the cleaning/classification rules against. Realism matters more than
volume: titles that defeat naive LIKE rules, salaries written a dozen ways, numbers that
are *not* salaries, reposts on other boards and a thin layer of broken rows.

Usage::

    python -m python_udfs.sample.generate --rows N --seed S --out DIR \
        [--as-of YYYY-MM-DD] [--format parquet|csv|ndjson] [--workers W]

Writes ``DIR/postings.<ext>`` (raw postings) and ``DIR/gold.parquet`` (one gold row per
raw row, same order). Output depends only on (rows, seed, as-of): rows are produced in
chunks of ``CHUNK_ROWS`` seeded from (seed, chunk index), so the worker count only
changes the speed. Duplicates and bad rows live inside a chunk; the gold labels of a
repost are those of its canonical posting (the entity), even if the repost dropped the
salary. Salary fields left without a period in a board's salary field are yearly, and a
figure without a currency is in the country's currency.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import os
import random
import sys
from bisect import bisect, bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from itertools import accumulate, groupby
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from python_udfs import progress
from python_udfs.sample import vocabulary as V

CHUNK_ROWS = 25_000
DATE_SPAN_DAYS = 450
FORMATS = {"parquet": "parquet", "csv": "csv", "ndjson": "ndjson"}

P_DUPLICATED = 0.08  # share of canonical postings reposted on other boards
P_BAD = 0.008  # share of single postings turned into a bad row (~0.6% of all rows)
P_AMBIGUOUS = 0.06  # of roles that allow it -> ~4% of all rows
P_TITLE_MARKER = 0.55
P_NUMERIC_TRAPS = 0.40
P_FAMILY_TRAP = 0.03
P_SAME_SENTENCE_TRAP = 0.04  # of description salaries -> ~2% of stated salaries
P_HTML = 0.35
P_REPOST_DROPS_SALARY = 0.25  # reposts of a board-field salary that leave the field empty
SALARY_SHARES = (0.55, 0.12, 0.12)  # stated, negotiable, competitive; rest missing

RAW_SCHEMA = pa.schema(
    [
        (name, pa.string())
        for name in (
            "posting_id",
            "source",
            "title",
            "company",
            "description",
            "country",
            "city",
            "post_date",
            "salary_text",
        )
    ]
)
GOLD_SCHEMA = pa.schema(
    [
        ("posting_id", pa.string()),
        ("canonical_posting_id", pa.string()),
        ("language", pa.string()),
        ("country_code", pa.string()),
        ("job_family", pa.string()),
        ("seniority", pa.string()),
        ("experience_min_years", pa.int32()),
        ("salary_min", pa.float64()),
        ("salary_max", pa.float64()),
        ("salary_currency", pa.string()),
        ("salary_period", pa.string()),
        ("salary_is_stated", pa.bool_()),
        ("salary_form", pa.string()),
        ("experience_form", pa.string()),
        ("title_has_family_marker", pa.bool_()),
        ("title_has_seniority_marker", pa.bool_()),
        ("reject_reason", pa.string()),
    ]
)

T = TypeVar("T")


class Weighted(Generic[T]):
    """Weighted choice with precomputed cumulative weights (random.choices is slower)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        items, weights = zip(*pairs)
        self.items: tuple[T, ...] = items
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.total)]


def _ch(rng: random.Random, seq: Sequence[T]) -> T:
    """Uniform choice; ~4x faster than random.choice (no getrandbits rejection loop)."""
    return seq[int(rng.random() * len(seq))]


def _below(rng: random.Random, n: int) -> int:
    """Uniform int in [0, n) from one random() call (randrange is several calls)."""
    return int(rng.random() * n)


def _between(rng: random.Random, low: int, high: int) -> int:
    """Uniform int in [low, high], like randint but cheaper."""
    return low + int(rng.random() * (high - low + 1))


def _sample(rng: random.Random, seq: Sequence[T], k: int) -> list[T]:
    """k distinct items (partial Fisher-Yates on a copy)."""
    pool = list(seq)
    n = len(pool)
    for i in range(k):
        j = i + int(rng.random() * (n - i))
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:k]


BAD_REASONS: Weighted[str] = Weighted(
    [
        ("missing_posting_id", 0.25),
        ("missing_title_and_description", 0.2),
        ("unparseable_post_date", 0.25),
        ("unknown_country", 0.18),
        ("duplicate_posting_id", 0.12),
    ]
)
COUNTRY_PICK = Weighted((c, c.weight) for c in V.COUNTRIES)
LANG_PICK = {c.code: Weighted(c.languages) for c in V.COUNTRIES}
SOURCE_PICK = {c.code: Weighted(c.sources) for c in V.COUNTRIES}
FAMILY_PICK = Weighted(V.FAMILIES)
SENIORITY_PICK = Weighted(V.SENIORITIES)
ROLE_PICK = {
    fam: Weighted((r, r.weight) for r in V.ROLES if r.family == fam) for fam, _ in V.FAMILIES
}
EXP_FORM_PICK = Weighted(
    [
        ("plus_years", 0.22),
        ("at_least", 0.2),
        ("minimum", 0.1),
        ("range", 0.15),
        ("plain_years", 0.13),
        ("spelled_out", 0.1),
    ]
)
SENIOR_YEARS = Weighted([(6, 0.3), (7, 0.2), (8, 0.25), (10, 0.2), (12, 0.05)])
COUNTRY_TEXT = Weighted(
    [("name", 0.5), ("lower", 0.12), ("upper", 0.08), ("code", 0.2), ("code_lower", 0.1)]
)

# ---------------------------------------------------------------- number & money format
SPACE_SEPS = (" ", "\u00a0", "\u202f")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEP_PICK: dict[str, Weighted[str]] = {
    "en": Weighted([(",", 0.8), ("", 0.2)]),
    "en_nordic": Weighted([(",", 0.4), (" ", 0.3), ("\u00a0", 0.1), ("", 0.2)]),
    "en_ch": Weighted([("'", 0.4), (",", 0.4), ("", 0.2)]),
    "de": Weighted([(".", 0.85), ("", 0.15)]),
    "de_ch": Weighted([("'", 0.55), (".", 0.3), ("", 0.15)]),
    "fr": Weighted([(" ", 0.45), ("\u202f", 0.25), ("\u00a0", 0.2), ("", 0.1)]),
    "fr_ch": Weighted([("'", 0.4), (" ", 0.4), ("", 0.2)]),
    "nl": Weighted([(".", 0.85), ("", 0.15)]),
    "es": Weighted([(".", 0.85), ("", 0.15)]),
}
NORDIC = frozenset({"PL", "SE", "DK", "NO"})
Style = tuple[str, str, str]  # (currency token, 'pre'|'post', space between)
_EUR_STYLES: dict[str, Weighted[Style]] = {
    "en": Weighted(
        [(("€", "pre", ""), 0.6), (("EUR", "post", " "), 0.2), (("EUR", "pre", " "), 0.2)]
    ),
    "de": Weighted(
        [(("€", "post", " "), 0.75), (("EUR", "post", " "), 0.15), (("€", "pre", ""), 0.1)]
    ),
    "fr": Weighted([(("€", "post", " "), 0.8), (("EUR", "post", " "), 0.2)]),
    "nl": Weighted(
        [(("€", "pre", " "), 0.6), (("€", "pre", ""), 0.25), (("EUR", "pre", " "), 0.15)]
    ),
}
_EUR_STYLES["es"] = _EUR_STYLES["de"]


def _kr_styles(code: str) -> Weighted[Style]:
    return Weighted(
        [(("kr", "post", " "), 0.5), ((code, "pre", " "), 0.25), ((code, "post", " "), 0.25)]
    )


CURRENCY_STYLES: dict[str, Weighted[Style]] = {
    "GBP": Weighted([(("£", "pre", ""), 0.85), (("GBP", "post", " "), 0.15)]),
    "CHF": Weighted([(("CHF", "pre", " "), 0.6), (("CHF", "post", " "), 0.4)]),
    "PLN": Weighted([(("zł", "post", " "), 0.5), (("PLN", "post", " "), 0.5)]),
    "SEK": _kr_styles("SEK"),
    "DKK": _kr_styles("DKK"),
    "NOK": _kr_styles("NOK"),
    "USD": Weighted([(("$", "pre", ""), 0.7), (("USD", "pre", " "), 0.3)]),
}
# Day rates are contractor rates: ~1.8x the employee day cost, hence 120 not 215.
PERIOD_DIVISOR = {"year": 1, "month": 12, "week": 52, "day": 120, "hour": 1720}


def _fmt(value: float, sep: str, dec: str, cents: bool = False) -> str:
    """Format an amount with a thousands separator; cents only when present or forced."""
    whole = int(value)
    frac = round((value - whole) * 100)
    text = f"{whole:,}"
    if sep != ",":
        text = text.replace(",", sep)
    if frac or cents:
        text = f"{text}{dec}{frac:02d}"
    return text


def _money(num: str, style: Style) -> str:
    token, pos, space = style
    if not token:
        return num
    return f"{token}{space}{num}" if pos == "pre" else f"{num}{space}{token}"


def _style(rng: random.Random, currency: str, lang: str) -> Style:
    """How this posting writes its currency: symbol or ISO code, before or after."""
    if currency == "EUR":
        return _EUR_STYLES[lang].pick(rng)
    return CURRENCY_STYLES[currency].pick(rng)


def _default_style(currency: str, lang: str) -> Style:
    """The most common way to write a currency: used for non-salary money (bonus, budget)."""
    table = _EUR_STYLES[lang] if currency == "EUR" else CURRENCY_STYLES[currency]
    return table.items[0]


def _decimal_mark(lang: str, code: str) -> str:
    """English and Swiss postings use a decimal point, the others a decimal comma."""
    return "." if lang == "en" or code == "CH" else ","


def _sep_key(lang: str, code: str) -> str:
    """Which thousands-separator habits apply (Swiss and Nordic English differ)."""
    if code == "CH" and lang in ("en", "de", "fr"):
        return f"{lang}_ch"
    if lang == "en" and code in NORDIC:
        return "en_nordic"
    return lang


@lru_cache(maxsize=4096)
def _local_money(amount: float, currency: str, lang: str, code: str) -> str:
    """Money written the usual local way; cached because amounts repeat a lot."""
    sep = SEP_PICK[_sep_key(lang, code)].items[0]
    return _money(_fmt(amount, sep, _decimal_mark(lang, code)), _default_style(currency, lang))


def _round(value: float, step: float) -> float:
    """Round to a recruiter-friendly step (never to zero)."""
    return max(step, round(value / step) * step)


@cache
def _pattern_slots(pattern: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """'+49 30 dddd' -> ('+49 30 {}', (('d', 4),)): a format string and its random runs."""
    template, slots = [], []
    for ch, run in groupby(pattern):
        n = len(list(run))
        if ch in "dA":
            template.append("{}")
            slots.append((ch, n))
        else:
            template.append(ch * n)
    return "".join(template), tuple(slots)


def _fill(rng: random.Random, pattern: str) -> str:
    """Fill a phone/postcode pattern: 'd' -> digit, 'A' -> capital letter."""
    rnd = rng.random
    template, slots = _pattern_slots(pattern)
    return template.format(
        *[
            str(int(rnd() * 10**n)).zfill(n)
            if ch == "d"
            else "".join([LETTERS[int(rnd() * 26)] for _ in range(n)])
            for ch, n in slots
        ]
    )


# ---------------------------------------------------------------- salary
@dataclass(slots=True)
class Salary:
    """How and where a posting states its pay, plus the gold values it encodes."""

    form: str
    snippet: str | None  # the figure as written; None when nothing is said
    in_text: bool  # True: the board's salary field; False: one description sentence
    minimum: float | None = None
    maximum: float | None = None
    currency: str | None = None
    period: str | None = None
    sentence: str | None = None  # description sentence (when not in_text)

    @property
    def stated(self) -> bool:
        return self.currency is not None


@dataclass(slots=True)
class SalaryCtx:
    """Everything a salary renderer needs; amounts are yearly in local currency."""

    lang: str
    country: V.Country
    period: str
    lo: float
    hi: float
    in_text: bool


def _period_band(rng: random.Random, ctx: SalaryCtx) -> tuple[float, float]:
    """Convert the yearly band to the posting's period and round like a recruiter would."""
    div = PERIOD_DIVISOR[ctx.period]
    step: float
    if ctx.period == "year":
        step = 1000 if rng.random() < 0.75 else 500
    elif ctx.period == "month":
        step = 100 if rng.random() < 0.7 else 50
    elif ctx.period == "day":
        step = 10 if rng.random() < 0.6 else 50
    elif ctx.period == "hour":
        step = 0.5
    else:
        step = 10
    lo = _round(ctx.lo / div, step)
    hi = _round(ctx.hi / div, step)
    return lo, hi if hi > lo else lo + step


def _period_phrase(rng: random.Random, lang: str, period: str, in_text: bool) -> str:
    """'per year', 'brutto monatlich', ...; board fields use short forms or none (yearly)."""
    if in_text:
        short = V.PERIOD_SHORT[lang].get(period)
        if short:
            return _ch(rng, short)
    return _ch(rng, V.PERIOD_WORDS[lang][period])


def _with_period(text: str, phrase: str) -> str:
    """Append a period phrase; '/Monat'-style phrases attach without a space."""
    if not phrase:
        return text
    return text + phrase if phrase[0] == "/" else f"{text} {phrase}"


def _range_text(rng: random.Random, lang: str, a: str, b: str, style: Style) -> str:
    """Write a range: dash or words, currency on both ends or only on one."""
    pos = style[1]
    both = rng.random() < 0.55
    if rng.random() < 0.7:
        tpl = "{a}" + _ch(rng, V.RANGE_DASHES) + "{b}"
    else:
        tpl = _ch(rng, V.RANGE_WORDS[lang])
    if both:
        return tpl.format(a=_money(a, style), b=_money(b, style))
    if pos == "pre":
        return tpl.format(a=_money(a, style), b=b)
    return tpl.format(a=a, b=_money(b, style))


def _figure_tag(kind: str, token: str, sep: str, currency: str) -> str:
    """Name the hardest feature of a full-figure salary (used for per-form accuracy)."""
    if currency == "USD":
        return "foreign_currency"
    if token == "kr":
        return "kr_local"
    if sep == "'":
        return "apostrophe_thousands"
    if sep in SPACE_SEPS:
        return "space_thousands"
    if sep == ".":
        return "dotted_thousands"
    if kind == "single":
        return "single"
    return "range_code" if token.isalpha() and token.isupper() else "range_symbol"


def _render_figures(rng: random.Random, ctx: SalaryCtx, kind: str) -> Salary:
    """Ranges, single figures, 'up to' and 'from' written with full numbers."""
    lang, currency = ctx.lang, ctx.country.currency
    if kind == "foreign_currency":
        currency = "USD"
        rate = V.EUR_RATE[ctx.country.currency] * 1.08
        ctx = SalaryCtx(lang, ctx.country, "year", ctx.lo * rate, ctx.hi * rate, ctx.in_text)
        kind = "range" if rng.random() < 0.75 else "single"
    lo, hi = _period_band(rng, ctx)
    sep = SEP_PICK[_sep_key(lang, ctx.country.code)].pick(rng)
    dec = _decimal_mark(lang, ctx.country.code)
    style = _style(rng, currency, lang)
    a, b = _fmt(lo, sep, dec), _fmt(hi, sep, dec)
    minimum: float | None = lo
    maximum: float | None = hi
    if kind == "range":
        text = _range_text(rng, lang, a, b, style)
    elif kind == "single":
        text = _money(a, style)
        maximum = lo
    elif kind == "up_to":
        text = _ch(rng, V.UP_TO[lang]).format(x=_money(b, style))
        minimum = None
    else:
        text = _ch(rng, V.FROM[lang]).format(x=_money(a, style))
        maximum = None
    text = _with_period(text, _period_phrase(rng, lang, ctx.period, ctx.in_text))
    tag = kind if kind in ("up_to", "from") else _figure_tag(kind, style[0], sep, currency)
    return Salary(tag, text, ctx.in_text, minimum, maximum, currency, ctx.period)


def _render_k(rng: random.Random, ctx: SalaryCtx, shared: bool) -> Salary:
    """'€60k-€70k', '45k-55k GBP', '60K', and shared-suffix '70 and 85k', '45-55 k€'."""
    lo = _round(ctx.lo / PERIOD_DIVISOR[ctx.period], 1000) // 1000
    hi = max(lo + 1, _round(ctx.hi / PERIOD_DIVISOR[ctx.period], 1000) // 1000)
    a, b = str(int(lo)), str(int(hi))
    k = "k" if rng.random() < 0.7 else "K"
    currency = ctx.country.currency
    style = _style(rng, currency, ctx.lang) if rng.random() < 0.85 else ("", "pre", "")
    if ctx.lang == "fr" and style[0] == "€":
        style = ("€", "post", _ch(rng, ("", " ")))
    if shared:
        tpl = _ch(rng, V.SHARED_SUFFIX[ctx.lang]).replace("k", k)
        if style[1] == "pre":
            text = tpl.format(a=_money(a, style), b=b)
        else:
            text = _money(tpl.format(a=a, b=b), style)
        minimum, maximum = lo * 1000, hi * 1000
    elif rng.random() < 0.25:
        text = _money(a + k, style)
        minimum = maximum = lo * 1000
    else:
        text = _money(a + k, style) + _ch(rng, V.RANGE_DASHES) + _money(b + k, style)
        minimum, maximum = lo * 1000, hi * 1000
    text = _with_period(text, _period_phrase(rng, ctx.lang, ctx.period, ctx.in_text))
    tag = "shared_suffix" if shared else "k_notation"
    return Salary(tag, text, ctx.in_text, minimum, maximum, currency, ctx.period)


def _render_prose(rng: random.Random, ctx: SalaryCtx) -> Salary:
    """'sixty to seventy thousand euros a year'; falls back to figures when not speakable."""
    div = PERIOD_DIVISOR[ctx.period]
    a = int(_round(ctx.lo / div, 5000)) // 1000
    b = max(a + 5, int(_round(ctx.hi / div, 5000)) // 1000)
    words = V.NUMBER_WORDS[ctx.lang]
    cur = V.CURRENCY_WORDS[ctx.lang].get(ctx.country.currency)
    speakable = ctx.period == "year" or (ctx.period == "month" and ctx.country.code in NORDIC)
    if b > 95 or cur is None or not speakable:
        return _render_figures(rng, ctx, "range")
    text = _ch(rng, V.PROSE[ctx.lang]).format(
        a=words[a], b=words[b], cur=cur, per=V.PROSE_PERIOD[ctx.lang][ctx.period]
    )
    currency = ctx.country.currency
    return Salary("prose", text, False, a * 1000.0, b * 1000.0, currency, ctx.period)


def _render_decimal(rng: random.Random, ctx: SalaryCtx) -> Salary:
    """Monthly pay with cents and a decimal comma: '€ 4.200,50 per maand'."""
    lo = _round(ctx.lo / 12, 50) + _ch(rng, (0.0, 0.5, 0.25, 0.75))
    hi = _round(ctx.hi / 12, 50) + _ch(rng, (0.0, 0.5))
    sep = SEP_PICK[_sep_key(ctx.lang, ctx.country.code)].pick(rng)
    style = _style(rng, ctx.country.currency, ctx.lang)
    a, b = _fmt(lo, sep, ",", True), _fmt(hi, sep, ",", True)
    if rng.random() < 0.7:
        text, maximum = _money(a, style), lo
    else:
        text, maximum = _range_text(rng, ctx.lang, a, b, style), hi
    text = _with_period(text, _period_phrase(rng, ctx.lang, "month", ctx.in_text))
    return Salary("decimal_comma", text, ctx.in_text, lo, maximum, ctx.country.currency, "month")


def _render_rate(rng: random.Random, ctx: SalaryCtx) -> Salary:
    """Hourly, daily and weekly pay, written with the idiom of each language."""
    lo, hi = _period_band(rng, ctx)
    dec = _decimal_mark(ctx.lang, ctx.country.code)
    style = _style(rng, ctx.country.currency, ctx.lang)
    a, b = _fmt(lo, "", dec), _fmt(hi, "", dec)
    if rng.random() < 0.6:
        x, maximum = _money(a, style), lo
    else:
        x, maximum = _money(a, style) + _ch(rng, V.RANGE_DASHES) + _money(b, style), hi
    if ctx.period == "hour":
        text, tag = _ch(rng, V.HOURLY[ctx.lang]).format(x=x), "hourly"
    elif ctx.period == "day":
        text, tag = _ch(rng, V.DAY_RATE[ctx.lang]).format(x=x), "day_rate"
    else:
        text, tag = _with_period(x, _ch(rng, V.PERIOD_WORDS[ctx.lang]["week"])), "weekly"
    return Salary(tag, text, ctx.in_text, lo, maximum, ctx.country.currency, ctx.period)


def _render_board_bare(rng: random.Random, ctx: SalaryCtx, hourly: bool) -> Salary:
    """UK board salary fields: '35000' (yearly GBP) or '11.00 p.hr' (hourly GBP)."""
    if hourly:
        value = _round(ctx.lo / 1720, 0.25)
        text = f"{value:.2f} p.hr"
        return Salary("salary_text_phr", text, True, value, value, "GBP", "hour")
    value = _round(ctx.lo, 500)
    text = _fmt(value, _ch(rng, ("", ",")), ".")
    return Salary("salary_text_bare", text, True, value, value, "GBP", "year")


_FORM_CACHE: dict[tuple[bool, str, str, str], Weighted[str]] = {}


def _form_table(in_text: bool, period: str, lang: str, code: str) -> Weighted[str]:
    """Which writing forms are plausible for this board field/period/language/country."""
    key = (in_text, period, lang, code)
    table = _FORM_CACHE.get(key)
    if table is None:
        w = [("range", 0.42), ("single", 0.10), ("up_to", 0.09), ("from", 0.07)]
        if period == "year" or code in NORDIC:
            w += [("k_notation", 0.10 if lang == "en" else 0.05), ("shared_suffix", 0.04)]
        if not in_text:
            w.append(("prose", 0.06))
        if period == "month" and lang != "en" and code != "CH":
            w.append(("decimal_comma", 0.25))
        if period == "year" and lang == "en" and not in_text:
            w.append(("foreign_currency", 0.025))
        if in_text and code == "GB" and period == "year":
            w.append(("salary_text_bare", 0.15))
        table = _FORM_CACHE[key] = Weighted(w)
    return table


def _pick_period(rng: random.Random, country: V.Country, role: V.Role) -> str:
    """Pay period: hourly for shift jobs, day rates for tech contractors, monthly in PL/Nordics."""
    other = role.family == V.OT
    r = rng.random()
    hourly = role.hourly if other else 0.01
    daily = 0.01 if other else 0.06
    if r < hourly:
        return "hour"
    if r < hourly + daily:
        return "day"
    if country.code == "GB" and role.hourly >= 0.3 and rng.random() < 0.08:
        return "week"
    return "month" if rng.random() < country.monthly_share else "year"


def _stated_salary(rng: random.Random, ctx: SalaryCtx) -> Salary:
    """Dispatch to the renderer of a writing form plausible in this context."""
    if ctx.period in ("hour", "day", "week"):
        uk_board_field = ctx.period == "hour" and ctx.in_text and ctx.country.code == "GB"
        if uk_board_field and rng.random() < 0.6:
            return _render_board_bare(rng, ctx, hourly=True)
        return _render_rate(rng, ctx)
    form = _form_table(ctx.in_text, ctx.period, ctx.lang, ctx.country.code).pick(rng)
    if form in ("k_notation", "shared_suffix"):
        return _render_k(rng, ctx, form == "shared_suffix")
    if form == "prose":
        return _render_prose(rng, ctx)
    if form == "decimal_comma":
        return _render_decimal(rng, ctx)
    if form == "salary_text_bare":
        return _render_board_bare(rng, ctx, hourly=False)
    return _render_figures(rng, ctx, form)


def plan_salary(
    rng: random.Random,
    country: V.Country,
    lang: str,
    role: V.Role,
    seniority: str,
    source: str,
) -> Salary:
    """Decide whether/where/how the posting states pay; return text plus gold values."""
    u = rng.random()
    in_text = rng.random() < V.BOARD_SALARY_FIELD.get(source, 0.04)
    stated, negotiable, competitive = SALARY_SHARES
    if u >= stated + negotiable + competitive:
        return Salary("missing", None, False)
    if u >= stated:
        form = "negotiable" if u < stated + negotiable else "competitive"
        if in_text:
            table = V.TEXT_NEGOTIABLE if form == "negotiable" else V.TEXT_COMPETITIVE
            return Salary(form, _ch(rng, table[lang]), True)
        table = V.DESC_NEGOTIABLE if form == "negotiable" else V.DESC_COMPETITIVE
        return Salary(form, None, False, sentence=_ch(rng, table[lang]))
    lo = country.annual_base * role.pay * V.SENIORITY_PAY[seniority] * rng.uniform(0.9, 1.05)
    lo = max(lo, country.min_annual * rng.uniform(1.0, 1.12))
    ctx = SalaryCtx(
        lang, country, _pick_period(rng, country, role), lo, lo * rng.uniform(1.12, 1.32), in_text
    )
    salary = _stated_salary(rng, ctx)
    if not salary.in_text:
        salary.sentence = _salary_sentence(rng, lang, salary, country)
    return salary


def _salary_sentence(rng: random.Random, lang: str, salary: Salary, country: V.Country) -> str:
    """Wrap a salary snippet in a sentence; rarely glue a bonus/equity figure onto it."""
    snippet = salary.snippet or ""
    if salary.form == "day_rate" and snippet[0].isalpha():
        return snippet[0].upper() + snippet[1:] + "."  # 'Tagessatz 700 €.', 'TJM : 600 €.'
    if rng.random() < P_SAME_SENTENCE_TRAP:
        bonus = _local_money(
            _round(5000 / V.EUR_RATE[country.currency], 1000), country.currency, lang, country.code
        )
        snippet = f"{snippet} {_ch(rng, V.SALARY_SAME_SENTENCE_TRAP[lang])}".format(money=bonus)
    sentence = _ch(rng, V.SALARY_WRAP[lang]).format(s=snippet)
    return sentence[:-1] if sentence.endswith("..") else sentence


# ---------------------------------------------------------------- title & experience
def make_title(
    rng: random.Random, lang: str, role: V.Role, seniority: str
) -> tuple[str, bool, bool]:
    """Return (title, has_family_marker, has_seniority_marker)."""
    ambiguous = bool(role.ambiguous) and rng.random() < P_AMBIGUOUS
    if ambiguous:
        base = _ch(rng, V.AMBIGUOUS_TITLES[_ch(rng, role.ambiguous)][lang])
    else:
        base = _ch(rng, role.titles[lang])
    gender = ""
    if lang in V.GENDER_TAGS and rng.random() < V.GENDER_TAG_SHARE[lang]:
        gender = " " + _ch(rng, V.GENDER_TAGS[lang])
    if rng.random() >= P_TITLE_MARKER:
        return base + gender, not ambiguous, False
    tech = role.family != V.OT
    markers = [m for m in V.MARKERS[lang][seniority] if tech or not m[2]]
    text, pos, _ = _ch(rng, markers)
    if pos == "pre":
        title = f"{text} {base}{gender}"
    elif pos == "post":
        title = f"{base} {text}{gender}"
    elif pos == "paren":
        title = f"{base} ({text}){gender}"
    elif pos == "leit":
        adjective = "Leitende" if base in V.DE_FEMININE else "Leitender"
        title = f"{adjective} {base}{gender}"
    else:
        title = f"{base}{gender} – {text}"
    return title, not ambiguous, True


def plan_experience(
    rng: random.Random, lang: str, seniority: str, has_marker: bool
) -> tuple[int | None, str]:
    """Pick stated minimum years (inside the seniority band) and the phrasing form."""
    stated, vague = (0.5, 0.1) if has_marker else (0.67, 0.06)
    r = rng.random()
    if r >= stated + vague or (r >= stated and seniority == "Entry"):
        return None, "absent"
    if r >= stated:
        return None, "vague"
    if seniority == "Entry" and rng.random() < 0.35:
        return 0, ("none_needed" if rng.random() < 0.65 else "graduate_programme")
    if seniority == "Entry":
        years = _ch(rng, (1, 2))
    elif seniority == "Mid":
        years = _ch(rng, (3, 3, 4, 5))
    else:
        years = SENIOR_YEARS.pick(rng)
    form = EXP_FORM_PICK.pick(rng)
    if form not in V.EXPERIENCE[lang]:
        form = "at_least"
    if form == "spelled_out":
        years = max(years, 2)
    return years, form


def experience_sentence(
    rng: random.Random, lang: str, seniority: str, years: int | None, form: str, skill: str
) -> str:
    """The requirements sentence; without stated years it still names a skill."""
    if form == "absent":
        return _ch(rng, V.REQUIREMENT_PLAIN[lang]).format(skill=skill)
    n = years or 0
    upper = n + (_ch(rng, (1, 2)) if seniority != "Senior" else _ch(rng, (2, 3, 4)))
    unit = V.YEAR_UNIT[lang][0 if n == 1 else 1]
    return _ch(rng, V.EXPERIENCE[lang][form]).format(
        n=n, m=upper, u=unit, w=V.NUMBER_WORDS[lang].get(n, str(n)), skill=skill
    )


# ---------------------------------------------------------------- description body
def _funding(rng: random.Random, lang: str, country: V.Country) -> str:
    """A funding round ('€25M'): money in the text that must not be read as salary."""
    currency = {"EUR": "EUR", "GBP": "GBP", "CHF": "CHF"}.get(country.currency, "USD")
    table = V.FUNDING[lang]
    tpl = table.get(currency) or table["USD"]
    return tpl.format(n=_ch(rng, (8, 12, 15, 20, 25, 30, 40, 60)))


def _budget(rng: random.Random, lang: str, country: V.Country) -> str:
    """'You will manage a budget of €2M': another money amount that is not pay."""
    cur = country.currency
    n = _ch(rng, (1, 2, 3, 5)) * (10 if cur in ("PLN", "SEK", "DKK", "NOK") else 1)
    sym = V.CURRENCY_SYMBOL.get(cur, cur)
    if lang == "en":
        money = f"{sym}{n}M" if sym in ("€", "£", "$") else f"{cur} {n}M"
    elif lang == "es":
        money = f"{n} millones de euros"
    else:
        money = V.BUDGET_MONEY[lang].format(n=n, sym=sym)
    return _ch(rng, V.BUDGET[lang]).format(money=money)


def _benefits(rng: random.Random, lang: str, country: V.Country, numeric: bool) -> str:
    """Benefits sentence; numeric ones carry holiday days, % bonuses and bonus amounts."""
    plain = list(V.BENEFIT_PLAIN[lang])
    if numeric:
        items = _sample(rng, V.BENEFIT_NUMERIC[lang], _ch(rng, (1, 2)))
        items += _sample(rng, plain, _ch(rng, (0, 1)))
    else:
        items = _sample(rng, plain, _ch(rng, (1, 2, 3)))
    joined = (
        items[0]
        if len(items) == 1
        else (f"{', '.join(items[:-1])} {V.CONJUNCTION[lang]} {items[-1]}")
    )
    if numeric:
        joined = joined.format(**_benefit_values(rng, joined, lang, country))
    return _ch(rng, V.BENEFIT_WRAP[lang]).format(items=joined)


BENEFIT_NUMBERS = {
    "hol": ("25", "26", "28", "30"),
    "remote": ("2", "3"),
    "prob": ("3", "6"),
    "bonus": ("5", "8", "10", "15"),
}


def _benefit_values(rng: random.Random, text: str, lang: str, country: V.Country) -> dict[str, str]:
    """Holiday days, remote days, probation, bonus %, equity %, local-money bonuses."""
    cur = country.currency
    scale = 1 / V.EUR_RATE[cur]
    values = {}
    for key, options in BENEFIT_NUMBERS.items():
        if "{" + key + "}" in text:
            values[key] = _ch(rng, options)
    if "{eq}" in text:
        values["eq"] = _ch(rng, ("0.1", "0.25", "0.5") if lang == "en" else ("0,1", "0,5"))
    if "{sign}" in text:
        amount = _round(_ch(rng, (2000, 3000, 5000)) * scale, 500)
        values["sign"] = _local_money(amount, cur, lang, country.code)
    if "{learn}" in text:
        amount = _round(_ch(rng, (1000, 1500, 2000)) * scale, 100)
        values["learn"] = _local_money(amount, cur, lang, country.code)
    return values


def _contacts(
    rng: random.Random, lang: str, country: V.Country, city: str, post_ord: int
) -> list[str]:
    """Address with postcode, phone number, application/start dates (number traps)."""
    out = []
    for tpl in _sample(rng, V.CONTACT_NUMERIC[lang], _ch(rng, (1, 1, 2))):
        if "{address}" in tpl:
            address = country.address.format(
                street=_ch(rng, country.streets),
                no=_between(rng, 1, 180),
                pc=_fill(rng, country.postcode),
                city=city,
            )
            out.append(tpl.format(address=address))
        elif "{phone}" in tpl:
            out.append(tpl.format(phone=_fill(rng, country.phone)))
        else:
            offset = _between(rng, 14, 60) if "{apply}" in tpl else _between(rng, 45, 120)
            day = date.fromordinal(post_ord + offset)
            when = _ch(rng, V.DATE_FORMATS[lang]).format(d=day.day, m=day.month, y=day.year)
            out.append(tpl.format(apply=when, start=when))
    return out


@dataclass(slots=True)
class Body:
    """Description sentences without the salary, and where salary/requirements go."""

    sentences: list[str]
    salary_at: int
    req_at: int


def make_body(rng: random.Random, p: Posting, exp_sentence: str, post_ord: int) -> Body:
    """Compose 3-8 on-family sentences with number traps in ~40% of postings."""
    lang, country, role = p.lang, p.country, p.role
    numeric = rng.random() < P_NUMERIC_TRAPS
    intro = _intro(rng, p, numeric and rng.random() < 0.6)
    duties = role.duties[lang]
    tech = _ch(rng, role.skills.get(lang) or role.skills["*"])
    sentences = [intro]
    sentences += [
        d.format(tech=tech) for d in _sample(rng, duties, min(len(duties), _ch(rng, (1, 2))))
    ]
    if numeric and rng.random() < 0.35:
        if role.budget and rng.random() < 0.5:
            sentences.append(_budget(rng, lang, country))
        else:
            sentences.append(_ch(rng, V.TEAM[lang]).format(k=_ch(rng, (4, 6, 8, 12, 15))))
    if rng.random() < P_FAMILY_TRAP:
        sentences.append(_ch(rng, _family_trap(rng, role.family)[lang]))
    req_at = len(sentences)
    sentences.append(exp_sentence)
    salary_at = len(sentences)
    if rng.random() < 0.7 or numeric:
        sentences.append(_benefits(rng, lang, country, numeric and rng.random() < 0.5))
    if numeric:
        sentences += _contacts(rng, lang, country, p.city, post_ord)
    elif rng.random() < 0.5:
        sentences.append(_ch(rng, V.CONTACT_PLAIN[lang]).format(city=p.city))
    return Body(sentences[:7], salary_at, req_at)


def _intro(rng: random.Random, p: Posting, numeric: bool) -> str:
    """Company intro; the numeric variants carry 'founded N years ago'-style traps."""
    tpl = _ch(rng, (V.INTRO_NUMERIC if numeric else V.INTRO_PLAIN)[p.lang])
    values = {"company": p.company, "city": p.city, "industry": _ch(rng, V.INDUSTRIES[p.lang])}
    if "{years}" in tpl:
        values["years"] = _ch(rng, ("5", "10", "12", "15", "20", "25", "30", "50"))
    if "{staff}" in tpl:
        values["staff"] = _ch(rng, ("45", "80", "120", "250", "400", "1200", "3500"))
    if "{funding}" in tpl:
        values["funding"] = _funding(rng, p.lang, p.country)
    return tpl.format(**values)


def _family_trap(rng: random.Random, family: str) -> dict[str, tuple[str, ...]]:
    """Non-SE postings that mention software developers; non-DS ones that mention ML."""
    if family == V.SE:
        return V.TRAP_ML
    if family == V.DS:
        return V.TRAP_SWDEV
    return V.TRAP_SWDEV if rng.random() < 0.5 else V.TRAP_ML


# ---------------------------------------------------------------- posting entity
@dataclass(slots=True)
class Posting:
    """A canonical posting: everything needed to render it on one or more boards."""

    country: V.Country
    lang: str
    role: V.Role
    seniority: str
    title: str
    family_marker: bool
    seniority_marker: bool
    company: str
    city: str
    source: str
    day_offset: int
    country_text: str
    html: bool
    salary: Salary
    exp_years: int | None = None
    exp_form: str = "absent"
    body: Body | None = None

    def labels(self) -> tuple[Any, ...]:
        """Gold labels in GOLD_SCHEMA order (after the two id columns, before reason)."""
        s = self.salary
        return (
            self.lang,
            self.country.code,
            self.role.family,
            self.seniority,
            self.exp_years,
            s.minimum,
            s.maximum,
            s.currency,
            s.period,
            s.stated,
            s.form,
            self.exp_form,
            self.family_marker,
            self.seniority_marker,
        )


def _company(rng: random.Random, code: str) -> str:
    """Invented company name with the country's legal form ('Nordlicht Software GmbH')."""
    if rng.random() < 0.08:
        names, tpl = V.SURNAMES[code]
        a, b = _sample(rng, names, 2)
        return tpl.format(a=a, b=b)
    first, second, form = V.COMPANY_PARTS[code]
    return f"{_ch(rng, first)} {_ch(rng, second)} {_ch(rng, form)}"


def _country_text(rng: random.Random, country: V.Country) -> str:
    """Country as boards write it: English name or ISO-2 code, in varying case."""
    how = COUNTRY_TEXT.pick(rng)
    if how == "name":
        return country.name
    if how == "lower":
        return country.name.lower()
    if how == "upper":
        return country.name.upper()
    return country.code if how == "code" else country.code.lower()


def make_posting(rng: random.Random, as_of_ord: int) -> Posting:
    """Draw one canonical posting with its gold labels fixed up front."""
    country = COUNTRY_PICK.pick(rng)
    lang = LANG_PICK[country.code].pick(rng)
    role = ROLE_PICK[FAMILY_PICK.pick(rng)].pick(rng)
    seniority = SENIORITY_PICK.pick(rng)
    title, fam_marker, sen_marker = make_title(rng, lang, role, seniority)
    source = SOURCE_PICK[country.code].pick(rng)
    cities = country.cities_fr if lang == "fr" and country.cities_fr else country.cities
    p = Posting(
        country,
        lang,
        role,
        seniority,
        title,
        fam_marker,
        sen_marker,
        _company(rng, country.code),
        _ch(rng, cities),
        source,
        _below(rng, DATE_SPAN_DAYS),
        _country_text(rng, country),
        rng.random() < P_HTML,
        plan_salary(rng, country, lang, role, seniority, source),
    )
    p.exp_years, p.exp_form = plan_experience(rng, lang, seniority, sen_marker)
    skill = _ch(rng, role.skills.get(lang) or role.skills["*"])
    exp = experience_sentence(rng, lang, seniority, p.exp_years, p.exp_form, skill)
    p.body = make_body(rng, p, exp, as_of_ord - p.day_offset)
    return p


# ---------------------------------------------------------------- rendering rows
def _escape_html(text: str) -> str:
    """Escape like an HTML board would (&amp;, &nbsp;)."""
    return text.replace("&", "&amp;").replace("\u00a0", "&nbsp;")


def _to_html(rng: random.Random, sentences: Sequence[str], req_at: int) -> str:
    """Board HTML: paragraphs, a bullet list, bold, <br> and &euro;/&nbsp; entities."""
    parts = []
    bold = _below(rng, len(sentences)) if rng.random() < 0.4 else -1
    for i, sentence in enumerate(sentences):
        s = _escape_html(sentence)
        if i == bold:
            s = f"<b>{s}</b>"
        parts.append(f"<ul><li>{s}</li></ul>" if i == req_at else f"<p>{s}</p>")
    text = _ch(rng, ("", "\n")).join(parts)
    if rng.random() < 0.3:
        text = text.replace("</p><p>", "<br>", 1)
    if rng.random() < 0.5:
        text = text.replace("€", "&euro;")
    if rng.random() < 0.3:
        text = text.replace(" &euro;", "&nbsp;&euro;").replace(" €", "&nbsp;€")
    return text


def _loosen(rng: random.Random, text: str) -> str:
    """Whitespace noise seen on reposts: doubled spaces, stray line breaks, padding."""
    r = rng.random()
    if r < 0.35:
        text = text.replace(". ", ".  ")
    elif r < 0.6:
        text = text.replace(". ", ".\n", 2)
    return _ch(rng, ("", " ", "\n")) + text + _ch(rng, ("", " ", "\n", "  "))


def render_description(
    rng: random.Random, body: Body, salary_sentence: str | None, html: bool, loose: bool
) -> str:
    """Join the sentences as plain text (varied line breaks) or board HTML."""
    sentences = list(body.sentences)
    if salary_sentence:
        sentences.insert(body.salary_at, salary_sentence)
    if html:
        text = _to_html(rng, sentences, body.req_at)
    else:
        text = _ch(rng, (" ", " ", "\n", "\n\n")).join(sentences)
    return _loosen(rng, text) if loose else text


def _title_variant(rng: random.Random, title: str) -> str:
    """Repost title: other letter case or stray spaces, never other words."""
    r = rng.random()
    if r < 0.2:
        return title.lower()
    if r < 0.35:
        return title.upper()
    if r < 0.5:
        return title.title()
    if r < 0.8:
        return " " + title.replace(" ", "  ", 1) + _ch(rng, ("", " "))
    return title


@dataclass(slots=True)
class Row:
    """One raw row before ids are assigned (ids depend on the shuffled position)."""

    group: int
    order: int
    day_offset: int
    source: str
    title: str | None
    description: str | None
    country: str | None
    city: str
    company: str
    salary_text: str | None
    labels: tuple[Any, ...]
    reason: str | None = None
    bad_date: str | None = None


def render_canonical(rng: random.Random, p: Posting, group: int, order: int) -> Row:
    """The original posting as published on its own board."""
    s, body = p.salary, p.body
    assert body is not None
    description = render_description(rng, body, s.sentence, p.html, loose=False)
    return Row(
        group,
        order,
        p.day_offset,
        p.source,
        p.title,
        description,
        p.country_text,
        p.city,
        p.company,
        s.snippet if s.in_text else None,
        p.labels(),
    )


def render_repost(rng: random.Random, p: Posting, group: int, order: int, used: list[str]) -> Row:
    """Same job on another board: cosmetic differences only, gold labels unchanged.

    A repost differs from its canonical only in markup and white space of the
    description, case/spacing of the title, how the country is written, id, source,
    date (0-7 days later) and possibly a dropped salary_text; the description's words
    and punctuation are identical, so the warehouse's dedup key merges them.
    """
    s, body = p.salary, p.body
    assert body is not None
    pool = [x for x, _ in p.country.sources] + list(V.EXTRA_SOURCES)
    source = _ch(rng, [x for x in pool if x not in used])
    used.append(source)
    # The description keeps its exact words (only markup and white space vary), so the
    # salary never moves between salary_text and the description; the board field may
    # only be dropped. Gold stays the canonical's, as for the entity.
    salary_text = s.snippet if s.in_text else None
    if s.in_text and rng.random() < P_REPOST_DROPS_SALARY:
        salary_text = None
    html = p.html != (rng.random() < 0.6)
    description = render_description(rng, body, s.sentence, html, loose=rng.random() < 0.6)
    country = p.country_text if rng.random() < 0.5 else _country_text(rng, p.country)
    offset = max(0, p.day_offset - _between(rng, 0, 7))
    return Row(
        group,
        order,
        offset,
        source,
        _title_variant(rng, p.title),
        description,
        country,
        p.city,
        p.company,
        salary_text,
        p.labels(),
    )


def make_bad(rng: random.Random, row: Row, p: Posting) -> None:
    """Turn a single (non-reposted) row into a bad row with exactly one reason."""
    reason = BAD_REASONS.pick(rng)
    row.reason = reason
    if reason == "missing_title_and_description":
        row.title = row.description = _ch(rng, (None, ""))
        labels = list(row.labels)
        labels[4], labels[11], labels[12], labels[13] = None, "absent", False, False
        if not p.salary.in_text:
            labels[5:11] = [None, None, None, None, False, "missing"]
        row.labels = tuple(labels)
    elif reason == "unparseable_post_date":
        row.bad_date = _ch(rng, V.BAD_DATES)
    elif reason == "unknown_country":
        row.country = _ch(rng, V.UNKNOWN_COUNTRIES)
        row.labels = row.labels[:1] + (None,) + row.labels[2:]


# ---------------------------------------------------------------- chunk assembly
def chunk_seed(seed: int, chunk: int) -> int:
    """Stable per-chunk seed (independent of PYTHONHASHSEED and of the worker count)."""
    digest = hashlib.sha256(f"postings:{seed}:{chunk}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def draft_rows(rng: random.Random, n_rows: int, as_of_ord: int) -> list[Row]:
    """Postings with their reposts (and some bad singles) until n_rows rows exist."""
    rows: list[Row] = []
    group = 0
    while len(rows) < n_rows:
        p = make_posting(rng, as_of_ord)
        canonical = render_canonical(rng, p, group, len(rows))
        members = [canonical]
        if rng.random() < P_DUPLICATED:
            used = [p.source]
            for _ in range(1 if rng.random() < 0.7 else 2):
                members.append(render_repost(rng, p, group, len(rows) + len(members), used))
        elif rng.random() < P_BAD:
            make_bad(rng, canonical, p)
        rows.extend(members)
        group += 1
    return rows[:n_rows]


def place_canonicals_first(rows: list[Row]) -> None:
    """After shuffling, order each repost group by (post date, creation) in file order."""
    positions: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        positions.setdefault(row.group, []).append(i)
    for slots in positions.values():
        if len(slots) > 1:
            members = sorted((rows[i] for i in slots), key=lambda r: (-r.day_offset, r.order))
            for i, member in zip(slots, members):
                rows[i] = member


def assign_ids(
    rng: random.Random, rows: list[Row], base: int
) -> tuple[list[str | None], list[str | None]]:
    """Return (posting_id, canonical_posting_id) per row, applying id-related bad rows."""
    ids: list[str | None] = [f"P{base + i:09d}-{r.source}" for i, r in enumerate(rows)]
    first_of_group: dict[int, str | None] = {}
    sizes = Counter(r.group for r in rows)
    good_singles: list[int] = []
    for i, row in enumerate(rows):
        if row.reason == "duplicate_posting_id":
            k = bisect_left(good_singles, i)
            if k == 0:
                row.reason = None
            else:
                ids[i] = ids[good_singles[_below(rng, k)]]
        elif row.reason == "missing_posting_id":
            ids[i] = _ch(rng, (None, ""))
        if row.reason is None and sizes[row.group] == 1:
            good_singles.append(i)
    canonical = []
    for i, row in enumerate(rows):
        canonical.append(first_of_group.setdefault(row.group, ids[i]))
    return ids, canonical


def build_chunk(seed: int, chunk: int, n_rows: int, as_of_ord: int) -> tuple[list, list]:
    """Generate one chunk: (raw rows, gold rows) as tuples in schema column order."""
    rng = random.Random(chunk_seed(seed, chunk))
    rows = draft_rows(rng, n_rows, as_of_ord)
    rng.shuffle(rows)
    place_canonicals_first(rows)
    ids, canonical = assign_ids(rng, rows, chunk * CHUNK_ROWS)
    dates = [date.fromordinal(as_of_ord - k).isoformat() for k in range(DATE_SPAN_DAYS)]
    raw, gold = [], []
    for row, pid, cid in zip(rows, ids, canonical):
        post_date = row.bad_date if row.bad_date is not None else dates[row.day_offset]
        raw.append(
            (
                pid,
                row.source,
                row.title,
                row.company,
                row.description,
                row.country,
                row.city,
                post_date,
                row.salary_text,
            )
        )
        gold.append((pid, cid, *row.labels, row.reason))
    return raw, gold


def _to_table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    """Row tuples to an Arrow table of the given schema."""
    columns = list(zip(*rows)) if rows else [[] for _ in schema]
    return pa.table([pa.array(col, type=f.type) for col, f in zip(columns, schema)], schema=schema)


def _serialize(raw: list[tuple], fmt: str) -> pa.Table | bytes:
    """Raw rows in the output format (CSV without header: the sink writes it once)."""
    if fmt == "parquet":
        return _to_table(raw, RAW_SCHEMA)
    if fmt == "csv":
        buf = io.BytesIO()
        pacsv.write_csv(_to_table(raw, RAW_SCHEMA), buf, pacsv.WriteOptions(include_header=False))
        return buf.getvalue()
    names = RAW_SCHEMA.names
    lines = [json.dumps(dict(zip(names, r)), ensure_ascii=False) for r in raw]
    return ("\n".join(lines) + "\n").encode() if lines else b""


def _chunk_job(task: tuple[int, int, int, int, str]) -> tuple[Any, pa.Table, Counter]:
    """Worker entry point: build and serialise one chunk; also count reasons/reposts."""
    seed, chunk, n_rows, as_of_ord, fmt = task
    # The chunk allocates ~10^5 acyclic objects; generational GC passes only cost time.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        raw, gold = build_chunk(seed, chunk, n_rows, as_of_ord)
    finally:
        if gc_was_enabled:
            gc.enable()
    stats: Counter = Counter(g[-1] for g in gold if g[-1] is not None)
    stats["_reposts"] = sum(1 for g in gold if g[0] != g[1] and g[-1] is None)
    return _serialize(raw, fmt), _to_table(gold, GOLD_SCHEMA), stats


# ---------------------------------------------------------------- writing
HIGH_CARDINALITY = frozenset(
    {"posting_id", "canonical_posting_id", "title", "description", "salary_text"}
)


class _Sink:
    """Append chunks to one output file in order, whatever the format."""

    def __init__(self, path: Path, fmt: str, schema: pa.Schema) -> None:
        self.path, self.fmt = path, fmt
        self.tmp = path.with_name(path.name + ".tmp")
        self.writer: pq.ParquetWriter | None = None
        self.handle: Any = None
        if fmt == "parquet":
            # Dictionary-encode only low-cardinality columns: trying it on descriptions
            # and ids costs time and falls back to plain encoding anyway.
            dictionary = [n for n in schema.names if n not in HIGH_CARDINALITY]
            self.writer = pq.ParquetWriter(
                self.tmp, schema, compression="zstd", use_dictionary=dictionary
            )
        else:
            self.handle = open(self.tmp, "wb")  # noqa: SIM115 - closed in close()
            if fmt == "csv":
                buf = io.BytesIO()
                pacsv.write_csv(schema.empty_table(), buf)
                self.handle.write(buf.getvalue())

    def write(self, payload: pa.Table | bytes) -> None:
        if self.writer is not None:
            self.writer.write_table(payload, row_group_size=CHUNK_ROWS)
        else:
            self.handle.write(payload)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        else:
            self.handle.close()
        os.replace(self.tmp, self.path)


def _chunk_sizes(rows: int) -> list[int]:
    """Chunk sizes: fixed, so the output never depends on the worker count."""
    full, rest = divmod(rows, CHUNK_ROWS)
    return [CHUNK_ROWS] * full + ([rest] if rest else [])


def _run(tasks: list[tuple], workers: int) -> Iterator[tuple[Any, pa.Table, Counter]]:
    """Yield chunk results in chunk order, in-process or from a process pool."""
    if workers <= 1 or len(tasks) <= 1:
        yield from map(_chunk_job, tasks)
        return
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    with get_context(method).Pool(min(workers, len(tasks))) as pool:
        yield from pool.imap(_chunk_job, tasks)


def generate(
    rows: int,
    seed: int,
    out_dir: Path,
    as_of: date,
    fmt: str = "parquet",
    workers: int | None = None,
) -> dict[str, Any]:
    """Write DIR/postings.<ext> and DIR/gold.parquet; return paths and counts."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    if rows < 0:
        raise ValueError("rows must be >= 0")
    workers = workers or min(2, os.cpu_count() or 1)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    postings_path = out_dir / f"postings.{FORMATS[fmt]}"
    gold_path = out_dir / "gold.parquet"
    tasks = [(seed, i, n, as_of.toordinal(), fmt) for i, n in enumerate(_chunk_sizes(rows))]
    raw_sink = _Sink(postings_path, fmt, RAW_SCHEMA)
    gold_sink = _Sink(gold_path, "parquet", GOLD_SCHEMA)
    totals: Counter = Counter()
    # a bar on a terminal (python_udfs.progress): 200k rows take ~20 s, chunk by chunk
    with progress.bar(rows, "sample", unit="row", unit_scale=True) as shown:
        for task, (payload, gold, stats) in zip(tasks, _run(tasks, workers), strict=True):
            raw_sink.write(payload)
            gold_sink.write(gold)
            totals.update(stats)
            shown.update(task[2])
    raw_sink.close()
    gold_sink.close()
    reposts = totals.pop("_reposts", 0)
    return {
        "postings_path": postings_path,
        "gold_path": gold_path,
        "rows": rows,
        "chunks": len(tasks),
        "format": fmt,
        "as_of": as_of.isoformat(),
        "seed": seed,
        "reposts": reposts,
        "rejects": dict(sorted(totals.items())),
    }


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.sample.generate",
        description="Generate multilingual job postings with gold labels.",
    )
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=datetime.now().astimezone().date()
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="parquet")
    parser.add_argument("--workers", type=int, default=None)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: generate and print the summary as JSON."""
    args = _parse_args(argv)
    result = generate(args.rows, args.seed, args.out, args.as_of, args.format, args.workers)
    print(json.dumps(result, default=str, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
