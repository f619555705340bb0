"""An incremental run gives the same warehouse as a full rebuild.

The generated postings are split in two files: the first run sees one, the
second run (incremental) both. Reposts of jobs from the first file arrive in
the second, so groups must be recomputed and canonical rows may change. The
result is compared with a --full-refresh build of both files.
"""

from __future__ import annotations

from datetime import date

import duckdb

from python_udfs.generate import generate
from tests.conftest import run_dbt

AS_OF = date(2026, 11, 1)
COMPARED = {
    "fct_postings": "* exclude (loaded_at)",
    "rejected_postings": "*",
    "salary_insights": "*",
}


def _split(postings: str, first_dir, second_dir, first_share: float) -> None:
    con = duckdb.connect()
    con.execute(
        f"create table p as select *, row_number() over () as n from read_parquet('{postings}')"
    )
    total = con.execute("select count(*) from p").fetchone()[0]
    cut = int(total * first_share)
    con.execute(
        f"copy (select * exclude (n) from p where n <= {cut}) to '{first_dir}/part1.parquet'"
    )
    con.execute(
        f"copy (select * exclude (n) from p where n > {cut}) to '{second_dir}/part2.parquet'"
    )


def test_incremental_run_equals_full_refresh(tmp_path):
    generated = generate(rows=4_000, seed=21, out_dir=tmp_path / "gen", as_of=AS_OF)
    raw_dir, later_dir = tmp_path / "raw", tmp_path / "later"
    raw_dir.mkdir()
    later_dir.mkdir()
    _split(generated["postings_path"], raw_dir, later_dir, first_share=0.9)
    dbt_vars = {"raw_postings_path": str(raw_dir / "*.parquet"), "as_of_date": AS_OF.isoformat()}

    incremental_db = tmp_path / "incremental.duckdb"
    run_dbt(["build"], incremental_db, tmp_path / "w1", dbt_vars)
    (raw_dir / "part2.parquet").write_bytes((later_dir / "part2.parquet").read_bytes())
    run_dbt(["build"], incremental_db, tmp_path / "w1", dbt_vars)

    full_db = tmp_path / "full.duckdb"
    run_dbt(["build", "--full-refresh"], full_db, tmp_path / "w2", dbt_vars)

    con = duckdb.connect()
    con.execute(f"attach '{incremental_db}' as inc (read_only)")
    con.execute(f"attach '{full_db}' as full_ (read_only)")
    # ids that repeat across the two files: kept by load order incrementally,
    # by date in a full build (documented), so left out of the comparison
    con.execute(
        "create temp table repeated_ids as select posting_id from full_.rejected_postings "
        "where reject_reason = 'duplicate_posting_id'"
    )
    for table, columns in COMPARED.items():
        id_filter = (
            "where posting_id is null or posting_id not in (select posting_id from repeated_ids)"
            if table != "salary_insights"
            else ""
        )
        left = f"select {columns} from inc.{table} {id_filter}"
        right = f"select {columns} from full_.{table} {id_filter}"
        only_inc = con.execute(f"{left} except all {right}").fetchall()
        only_full = con.execute(f"{right} except all {left}").fetchall()
        assert not only_inc and not only_full, (table, only_inc[:3], only_full[:3])
    multi = con.execute("select count(*) from inc.fct_postings where source_count > 1").fetchone()[
        0
    ]
    assert multi > 0
    # the second run really was incremental: first-run rows were not rewritten
    load_times = con.execute(
        "select count(distinct loaded_at) from inc.stg_job_postings__postings"
    ).fetchone()[0]
    assert load_times == 2
