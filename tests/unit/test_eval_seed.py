"""Tests of the hand-labeled evaluation set seeds/eval/eval_postings.csv.

The set is the yardstick for every accuracy figure measured on it, so its labels must be
valid, self-consistent and backed by the posting they describe: every labelled salary
amount and experience figure has to occur in the posting's own text (title, description,
board salary field), read with the same grounding checks the LLM answers go through.
A failure here is a labeling mistake in the seed, not a bug to work around in a rule.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from python_udfs.llm.grounding import check_experience_grounded, is_grounded
from python_udfs.llm.schemas import ExperienceExtraction, SalaryExtraction

EVAL_CSV = Path(__file__).resolve().parents[2] / "seeds" / "eval" / "eval_postings.csv"

COLUMNS = [
    "posting_id", "language", "source", "title", "company", "description", "country", "city",
    "post_date", "salary_text", "job_family", "seniority", "experience_min_years",
    "salary_min", "salary_max", "salary_currency", "salary_period",
]  # fmt: skip
LANGUAGES = {"en", "de", "fr", "nl", "es"}
COUNTRIES = {
    "Germany", "France", "Netherlands", "Spain", "United Kingdom", "Switzerland",
    "Poland", "Sweden", "Denmark", "Norway",
}  # fmt: skip
FAMILIES = {"Software Engineering", "Data Science", "Product Management", "Other"}
SENIORITIES = {"Entry", "Mid", "Senior"}
CURRENCIES = {"EUR", "GBP", "CHF", "PLN", "SEK", "DKK", "NOK", "USD"}
PERIODS = {"year", "month", "week", "day", "hour"}
FIRST_DATE, LAST_DATE = date(2026, 6, 1), date(2026, 10, 31)


def _amount(value: str) -> float | None:
    return float(value) if value else None


def _text(row: dict[str, str]) -> str:
    """What a labeler (or a model) reads: title, description and the board salary field."""
    return "\n".join((row["title"], row["description"], row["salary_text"]))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with EVAL_CSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _failures(rows: list[dict[str, str]], check) -> list[str]:
    """Ids and messages of the rows for which check(row) returns a message."""
    return [f"{r['posting_id']}: {msg}" for r in rows if (msg := check(r))]


def test_size_and_language_spread(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 300
    per_language = Counter(r["language"] for r in rows)
    assert set(per_language) == LANGUAGES
    assert min(per_language.values()) >= 50, per_language


def test_ids_unique_and_well_formed(rows: list[dict[str, str]]) -> None:
    ids = [r["posting_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("eval-") and i[5:].isdigit() and len(i) == 9 for i in ids)


def test_raw_columns_valid(rows: list[dict[str, str]]) -> None:
    def check(r: dict[str, str]) -> str | None:
        if r["language"] not in LANGUAGES:
            return f"language {r['language']!r}"
        if r["country"] not in COUNTRIES:
            return f"country {r['country']!r}"
        if not (r["source"] and r["title"] and r["description"] and r["city"]):
            return "empty source, title, description or city"
        if not FIRST_DATE <= date.fromisoformat(r["post_date"]) <= LAST_DATE:
            return f"post_date {r['post_date']}"
        return None

    assert _failures(rows, check) == []


def test_label_values_valid(rows: list[dict[str, str]]) -> None:
    def check(r: dict[str, str]) -> str | None:
        if r["job_family"] not in FAMILIES:
            return f"job_family {r['job_family']!r}"
        if r["seniority"] and r["seniority"] not in SENIORITIES:
            return f"seniority {r['seniority']!r}"
        years = r["experience_min_years"]
        if years and not (years.isdigit() and 0 <= int(years) <= 50):
            return f"experience_min_years {years!r}"
        if r["salary_currency"] and r["salary_currency"] not in CURRENCIES:
            return f"salary_currency {r['salary_currency']!r}"
        if r["salary_period"] and r["salary_period"] not in PERIODS:
            return f"salary_period {r['salary_period']!r}"
        return None

    assert _failures(rows, check) == []


# labelled as stated, below the plausible range on purpose (seeds/eval/README.md: an
# internship's 600 EUR a month): no method may fill it, the row is a coverage miss
BELOW_THE_BOUNDS = frozenset({"eval-0229"})


def test_salary_labels_consistent(rows: list[dict[str, str]]) -> None:
    """min <= max; currency and period set exactly when an amount is; amounts plausible."""

    def check(r: dict[str, str]) -> str | None:
        lo, hi = _amount(r["salary_min"]), _amount(r["salary_max"])
        has_amount = lo is not None or hi is not None
        if lo is not None and hi is not None and lo > hi:
            return f"salary_min {lo} > salary_max {hi}"
        if bool(r["salary_currency"]) != has_amount:
            return "currency without amount or amount without currency"
        if bool(r["salary_period"]) != has_amount:
            return "period without amount or amount without period"
        if r["posting_id"] in BELOW_THE_BOUNDS:
            return None
        try:  # the same contract an LLM answer must meet (plausible for period and currency)
            SalaryExtraction(
                salary_min=lo,
                salary_max=hi,
                currency=r["salary_currency"] or None,
                period=r["salary_period"] or None,
            )
        except ValueError as exc:
            return str(exc).splitlines()[-1]
        return None

    assert _failures(rows, check) == []


def test_class_sizes(rows: list[dict[str, str]]) -> None:
    families = Counter(r["job_family"] for r in rows)
    assert set(families) == FAMILIES
    assert min(families.values()) >= 40, families
    seniorities = Counter(r["seniority"] for r in rows if r["seniority"])
    assert set(seniorities) == SENIORITIES
    assert min(seniorities.values()) >= 40, seniorities
    with_salary = [r for r in rows if r["salary_min"] or r["salary_max"]]
    assert len(with_salary) >= 150
    assert len([r for r in rows if r["experience_min_years"]]) >= 100
    # every period and every currency the set claims to cover is really there
    assert {r["salary_period"] for r in with_salary} == PERIODS
    assert {r["salary_currency"] for r in with_salary} == CURRENCIES


def test_salary_amounts_grounded_in_text(rows: list[dict[str, str]]) -> None:
    def check(r: dict[str, str]) -> str | None:
        bad = [
            f"{name}={r[name]}"
            for name in ("salary_min", "salary_max")
            if r[name] and not is_grounded(float(r[name]), _text(r))
        ]
        return f"not in the text: {', '.join(bad)}" if bad else None

    assert _failures(rows, check) == []


def test_experience_grounded_in_text(rows: list[dict[str, str]]) -> None:
    def check(r: dict[str, str]) -> str | None:
        if not r["experience_min_years"]:
            return None
        answer = ExperienceExtraction(experience_min_years=int(r["experience_min_years"]))
        return check_experience_grounded(answer, _text(r))

    assert _failures(rows, check) == []
