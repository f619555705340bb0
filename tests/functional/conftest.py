"""Warehouses built end to end from generated data, shared by the tests.

One 100k-row warehouse (the accuracy bar of the foundation issue) is built
once per session, also when pytest-xdist runs the session on several
workers; smaller ones are built where a test needs its own input.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from python_udfs.sample.generate import generate
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, run_dbt

AS_OF = date(2026, 11, 1)
ACCURACY_ROWS = 100_000


@dataclass
class Warehouse:
    """A built warehouse and the generated data behind it."""

    db_path: Path
    postings_path: Path
    gold_path: Path
    as_of: date
    build_output: str

    def connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(str(self.db_path), read_only=True)
        con.execute(
            f"create or replace temp view gold as select * from read_parquet('{self.gold_path}')"
        )
        return con


def build_warehouse(
    work_dir: Path,
    rows: int,
    seed: int,
    fmt: str = "parquet",
    extra_vars: dict | None = None,
    unit_tests: bool = True,
) -> Warehouse:
    """Generate `rows` postings and run a full `dbt build` on them (dbt unit tests optional)."""
    data_dir = work_dir / "data"
    generated = generate(rows=rows, seed=seed, out_dir=data_dir, as_of=AS_OF, fmt=fmt)
    db_path = work_dir / "warehouse.duckdb"
    dbt_vars = {
        "raw_postings_path": str(generated["postings_path"]),
        "as_of_date": AS_OF.isoformat(),
        **(extra_vars or {}),
    }
    if unit_tests:
        # the users' build leaves the dbt unit tests out (var dbt_unit_tests)
        dbt_vars["dbt_unit_tests"] = True
    command = ["build"] if unit_tests else BUILD_WITHOUT_UNIT_TESTS
    result = run_dbt(command, db_path, work_dir, dbt_vars)
    return Warehouse(
        db_path=db_path,
        postings_path=Path(generated["postings_path"]),
        gold_path=Path(generated["gold_path"]),
        as_of=AS_OF,
        build_output=result.stdout,
    )


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Warehouse]
) -> Warehouse:
    """The warehouse `build` makes in a folder, built once per pytest session.

    Under pytest-xdist each worker has its own session fixtures, and the test
    modules that read the warehouse may run on different workers (a module
    stays on one, `--dist loadfile`). The workers of one run share the parent
    of their temp folders: the first to take the lock there builds, the others
    wait and read the same files (read-only: no test writes to it). A build
    that fails leaves no record, so a waiting worker tries again and fails
    the same way.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    record = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.exists():
            fields = json.loads(record.read_text())
            return Warehouse(
                **{k: Path(v) for k, v in fields.items() if k.endswith("path")},
                as_of=date.fromisoformat(fields["as_of"]),
                build_output=fields["build_output"],
            )
        work_dir = shared / name
        shutil.rmtree(work_dir, ignore_errors=True)
        work_dir.mkdir()
        warehouse = build(work_dir)
        record.write_text(json.dumps(asdict(warehouse), default=str))
        return warehouse


@pytest.fixture(scope="session")
def warehouse_100k(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return built_once(
        tmp_path_factory,
        "wh100k",
        lambda work_dir: build_warehouse(work_dir, ACCURACY_ROWS, seed=7),
    )


@pytest.fixture(scope="session")
def warehouse_small(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    # the dbt unit tests run once, in warehouse_100k
    return build_warehouse(tmp_path_factory.mktemp("wh5k"), 5_000, seed=11, unit_tests=False)


def warehouse_copy(built_db: Path, work_dir: Path) -> Path:
    """A private copy of a built warehouse in work_dir, for a test to run dbt on.

    The build's dbt parse (target/partial_parse.msgpack, beside built_db) comes
    along when there is one: dbt reuses it instead of parsing the project again
    (~10 s a run), as run_dbt names the warehouse by its file name (the copy's
    folder is no change to dbt); it re-parses by itself when vars or env vars
    changed.
    """
    db = work_dir / built_db.name
    work_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(built_db, db)
    parse = built_db.parent / "target" / "partial_parse.msgpack"
    if parse.exists():
        (work_dir / "target").mkdir(exist_ok=True)
        shutil.copy(parse, work_dir / "target")
    return db
