"""Real postings: the build holds on them and the rules' answers stay right.

The files of ../shared/real-postings (FR, AT/DE, NL, ES and US boards; see its README)
are converted to the input contract by python_udfs.sample.real_postings and built like
a user's own files. The checks:

- `dbt build` passes (every data test included) and every raw row is accepted or
  rejected;
- on the hand-labelled real postings (seeds/eval/real_labels.csv), the rules alone reach
  precision >= 98% on salary (min, max, currency and period all right) and on experience,
  and >= 95% on seniority, for both the dev split (read while the rules were revised) and
  the holdout split;
- coverage and precision per field and source are printed under "reported figures".

Skipped, with the reason, where ../shared/real-postings is absent.
"""

from __future__ import annotations

import duckdb
import pytest

from python_udfs.reports.eval_tables import by_source, by_source_markdown
from python_udfs.sample.real_postings import convert_all, default_source_dir
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, REPORTED_FIGURES, run_dbt

SOURCE_DIR = default_source_dir()
pytestmark = pytest.mark.skipif(
    not SOURCE_DIR.is_dir(),
    reason=f"real postings not found at {SOURCE_DIR} (set SALARY_INSIGHTS_REAL_POSTINGS)",
)

AS_OF = "2026-06-01"
BARS = {"salary": 0.98, "experience_min_years": 0.98, "seniority": 0.95}


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("real")
    counts = convert_all(SOURCE_DIR, work / "data")
    db = work / "warehouse.duckdb"
    dbt_vars = {
        "raw_postings_path": str(work / "data" / "*.parquet"),
        "as_of_date": AS_OF,
        "insights_window_months": 120,
    }
    # the dbt unit tests read no input: the warehouse fixtures of conftest.py run them
    result = run_dbt(BUILD_WITHOUT_UNIT_TESTS, db, work, dbt_vars)
    return {"db": db, "raw_rows": sum(counts.values()), "files": len(counts),
            "output": result.stdout}  # fmt: skip


def test_build_passes_and_every_raw_row_is_accounted_for(real_warehouse: dict) -> None:
    with duckdb.connect(str(real_warehouse["db"]), read_only=True) as con:
        accepted, rejected, files = con.execute(
            "select count(*) filter (where reject_reason is null),"
            " count(*) filter (where reject_reason is not null), count(distinct source_file)"
            " from int_postings__validated"
        ).fetchall()[0]
        canonical = con.execute("select count(*) from fct_postings").fetchall()[0][0]
    assert accepted + rejected == real_warehouse["raw_rows"]
    assert files == real_warehouse["files"]
    assert 0 < canonical <= accepted
    assert "Intake: " in real_warehouse["output"]


def precision(rows: list[dict], group: str) -> tuple[float, int]:
    decided = sum(r["decided"] for r in rows if r["field_group"] == group)
    correct = sum(r["correct"] for r in rows if r["field_group"] == group)
    return correct / decided, decided


@pytest.mark.parametrize("split", ["real_postings", "real_postings_holdout"])
def test_rules_are_precise_on_real_postings(real_warehouse: dict, split: str) -> None:
    with duckdb.connect(str(real_warehouse["db"]), read_only=True) as con:
        rows = by_source(con, label_source=split, method="rules")
    REPORTED_FIGURES.append(by_source_markdown(rows, split, "rules"))
    for group, bar in BARS.items():
        value, decided = precision(rows, group)
        REPORTED_FIGURES.append(f"{split} rules {group}: precision {value:.4f} of {decided}")
        assert decided >= 30, f"{split} {group}: the rules decided only {decided}"
        assert value >= bar, f"{split} {group}: precision {value:.4f} < {bar}"
