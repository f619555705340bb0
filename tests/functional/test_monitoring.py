"""The drift tests of monitoring_weekly fire on a drifting fixture, and stay quiet otherwise.

Only the data tests of the model run (dbt test), against a monitoring_weekly table
written here: five steady weeks and, depending on the case, a sixth week whose share of
`Other` jumps. The tests are declared with severity warn, so dbt succeeds and reports
the drift as a warning. In every case the last week's share of postings sent to the LLM
for skills jumps too (share_needing_llm_skills, 0.1 -> 0.9): it has a range test but no
drift test (more skills requests are not drift of the fields needing the LLM), so it
must add no warning.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_dbt
from tests.functional.conftest import warehouse_copy

SHARE_COLUMNS = (
    "share_family_by_rule", "share_family_by_model", "share_family_by_llm",
    "share_family_undecided", "share_seniority_by_rule", "share_seniority_by_model",
    "share_seniority_by_llm", "share_seniority_undecided", "share_needing_llm",
    "llm_error_rate", "llm_ungrounded_rate", "share_software_engineering",
    "share_data_science", "share_product_management", "share_other",
    "share_needing_llm_skills",
)  # fmt: skip


def write_monitoring(db: Path, other_shares: list[float], postings: int = 100) -> None:
    con = duckdb.connect(str(db))
    columns = ", ".join(f"{c} double" for c in SHARE_COLUMNS)
    con.execute(f"create or replace table main.monitoring_weekly (week_start date, "
                f"country varchar, postings bigint, {columns})")  # fmt: skip
    start = date(2026, 9, 7)
    for i, other in enumerate(other_shares):
        values = dict.fromkeys(SHARE_COLUMNS, 0.1)
        values["share_other"] = other
        if i == len(other_shares) - 1:
            values["share_needing_llm_skills"] = 0.9
        con.execute(
            f"insert into main.monitoring_weekly values (?, 'Germany', ?, "
            f"{', '.join('?' * len(SHARE_COLUMNS))})",
            [start + timedelta(weeks=i), postings, *values.values()],
        )
    con.close()


def warnings_of(output: str) -> int:
    return int(re.search(r"WARN=(\d+)", output).group(1))


@pytest.fixture(scope="module")
def parsed_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty warehouse beside the project's dbt parse, which every case copies.

    Each case then skips parsing the project again (~10 s).
    """
    work_dir = tmp_path_factory.mktemp("parsed")
    db = work_dir / "warehouse.duckdb"
    run_dbt(["parse"], db, work_dir)
    duckdb.connect(str(db)).close()
    return db


@pytest.mark.parametrize(
    ("other_shares", "postings", "warned"),
    [
        ([0.2, 0.2, 0.2, 0.2, 0.2, 0.31], 100, 1),  # 0.31 >= 1.5 x 0.2: drift
        ([0.2, 0.2, 0.2, 0.2, 0.2, 0.29], 100, 0),  # below the factor
        ([0.2, 0.2, 0.2, 0.5], 100, 0),  # no full 4-week history yet
        ([0.2, 0.2, 0.2, 0.2, 0.2, 0.6], 10, 0),  # too few postings to alarm
    ],
)
def test_drift_warns_only_on_real_drift(
    tmp_path: Path, parsed_warehouse: Path, other_shares: list[float], postings: int, warned: int
) -> None:
    db = warehouse_copy(parsed_warehouse, tmp_path)
    write_monitoring(db, other_shares, postings)
    result = run_dbt(["test", "--select", "monitoring_weekly,test_type:data"], db, tmp_path)
    assert warnings_of(result.stdout) == warned
    # the new column's range test ran and passed (within [0, 1])
    assert re.search(
        r"PASS \S*value_between_monitoring_weekly_share_needing_llm_skills", result.stdout
    )
    if warned:
        assert "drift_vs_trailing_average_monitoring_weekly_share_other" in result.stdout
