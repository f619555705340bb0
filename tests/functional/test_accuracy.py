"""Rule-decided fields against the generated gold labels on 100k postings.

Bars: precision >= 99% on rule-decided rows for every field (foundation and
extraction issues); salary coverage >= 90% of the postings that state one.
Precision and coverage of every field are shown in the "reported figures"
section at the end of the pytest output.
"""

from __future__ import annotations

import json

import pytest

from python_udfs.reports.accuracy import FieldScore, score_fields
from tests.conftest import REPORTED_FIGURES


@pytest.fixture(scope="module")
def rule_scores(warehouse_100k) -> dict[str, FieldScore]:
    with warehouse_100k.connect() as con:
        scores = score_fields(con, warehouse_100k.gold_path)
    for score in scores:
        REPORTED_FIGURES.append(json.dumps(score.as_dict()))
    return {s.field: s for s in scores if s.method == "rule"}


@pytest.mark.parametrize(
    "field",
    [
        "job_family",
        "seniority",
        "experience_min_years",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
    ],
)
def test_rule_precision_at_least_99_percent(rule_scores, field):
    score = rule_scores[field]
    assert score.decided > 1000, f"{field}: the rules decided almost nothing ({score.decided})"
    assert score.precision >= 0.99, f"{field}: precision {score.precision:.4f} < 0.99"


def test_job_family_and_seniority_coverage_reported(rule_scores):
    # Coverage is reported, and the rules must decide the clear majority.
    assert rule_scores["job_family"].coverage >= 0.85
    assert rule_scores["seniority"].coverage >= 0.70


def test_salary_coverage_at_least_90_percent_of_stated(rule_scores):
    assert rule_scores["salary_period"].coverage >= 0.90
