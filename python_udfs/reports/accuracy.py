"""Precision and coverage of the warehouse's fields against gold labels.

The generator writes the truth of every posting it makes; this module joins
fct_postings to it and reports, per field and per method, how many
canonical postings the method decided (coverage) and how many of those it
got right (precision). Tests assert the bars on these numbers and README's
figures come from `python -m python_udfs.reports.accuracy`.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

# Per field: SQL that is true when the warehouse value is right, the column
# holding its provenance, and the gold condition of "the posting states it"
# (the coverage denominator).
FIELDS: dict[str, tuple[str, str, str]] = {
    "job_family": ("f.job_family = g.job_family", "job_family_method", "true"),
    "seniority": ("f.seniority = g.seniority", "seniority_method", "true"),
    "experience_min_years": (
        "f.experience_min_years = g.experience_min_years",
        "experience_method",
        "g.experience_min_years is not null",
    ),
    "salary_min": (
        "f.salary_min is not distinct from g.salary_min",
        "salary_method",
        "g.salary_is_stated",
    ),
    "salary_max": (
        "f.salary_max is not distinct from g.salary_max",
        "salary_method",
        "g.salary_is_stated",
    ),
    "salary_currency": (
        "f.salary_currency = g.salary_currency",
        "salary_method",
        "g.salary_is_stated",
    ),
    "salary_period": (
        "f.salary_period = g.salary_period",
        "salary_method",
        "g.salary_is_stated",
    ),
}


@dataclass
class FieldScore:
    """How one method did on one field."""

    field: str
    method: str
    postings: int
    stated: int
    decided: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.decided if self.decided else 1.0

    @property
    def coverage(self) -> float:
        """Decided rows among the postings whose text states the field."""
        return self.decided / self.stated if self.stated else 1.0

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "precision": round(self.precision, 5),
            "coverage": round(self.coverage, 5),
        }


def score_fields(con: duckdb.DuckDBPyConnection, gold_path: str | Path) -> list[FieldScore]:
    """Score every field of fct_postings against the gold file, per method."""
    scores = []
    for field, (is_correct, method_col, is_stated) in FIELDS.items():
        rows = con.execute(
            f"""
            with gold as (
                select * from read_parquet('{gold_path}') where reject_reason is null
            )
            select
                coalesce(f.{method_col}, 'none') as method,
                count(*) as postings,
                count(*) filter (where {is_stated}) as stated,
                count(*) filter (where f.{method_col} is not null) as decided,
                count(*) filter (where f.{method_col} is not null and ({is_correct})) as correct
            from fct_postings as f
            inner join gold as g using (posting_id)
            group by all
            """
        ).fetchall()
        total = sum(r[1] for r in rows)
        stated = sum(r[2] for r in rows)
        for method, _, _, decided, correct in rows:
            if method != "none":
                scores.append(FieldScore(field, method, total, stated, decided, correct))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=os.environ.get("SALARY_INSIGHTS_DB", "data/salary_insights.duckdb")
    )
    parser.add_argument("--gold", default="data/sample/gold.parquet")
    args = parser.parse_args()
    with duckdb.connect(args.db, read_only=True) as con:
        for score in score_fields(con, args.gold):
            print(json.dumps(score.as_dict()))


if __name__ == "__main__":
    main()
