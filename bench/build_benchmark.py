"""Benchmark of the users' command, `dbt build`: full, unchanged, +1% new postings.

Prints JSON lines: one per phase (dbt parse, a build that selects nothing, the full
build of a fresh warehouse, the floor, a build with no new file, a build with 1% new
postings), one per model (seconds inside dbt; and the wall and CPU seconds of its SQL
alone in the floor, where no other model runs beside it), then a summary with the
ratios the issues ask for:

- unchanged_share: the wall time of `dbt build` when no file is new / the full build's;
- incremental_share: the same for a build that adds 1% new postings;
- ratio_vs_floor: the full build's models (dbt's seconds per model, summed) / the floor,
  where the floor executes the same compiled SQL of the same models directly through the
  duckdb Python API in one connection (what dbt and the model layout cost on top of
  the SQL); data tests and seeds are reported apart (tests_seconds, seeds_seconds).

Every build runs the project's data tests as users get them (those of incremental
models read the latest load, macros/tests/latest_load_only.sql; dbt unit tests are
off unless var dbt_unit_tests). The machine may be shared: the summary also gives the
load average and the CPU seconds of each run (user + system, DuckDB's threads
included), which vary less with other load than wall seconds; build_nothing_seconds is
dbt's fixed cost per invocation (start-up, manifest, hooks, exit).

The generated postings are cached in bench/.cache/ so repeated runs skip generation.
Usage: python bench/build_benchmark.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_udfs.dbt_plugin import register_warehouse_udfs
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.sample.generate import generate

AS_OF = date(2026, 11, 1)
DBT = str(Path(sys.executable).with_name("dbt"))


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


def cached_postings(rows: int, seed: int, share: float, cache: Path) -> tuple[Path, Path]:
    """Base postings (rows) and an increment (share of rows), generated once."""
    folder = cache / f"postings_{rows}_{seed}"
    base, increment = folder / "base.parquet", folder / "increment.parquet"
    if base.exists() and increment.exists():
        return base, increment
    folder.mkdir(parents=True, exist_ok=True)
    extra = max(1, int(rows * share))
    started = time.perf_counter()
    generated = generate(rows=rows + extra, seed=seed, out_dir=folder / "all", as_of=AS_OF)
    con = duckdb.connect()
    con.execute(
        "create table p as select *, row_number() over () as n "
        f"from read_parquet('{generated['postings_path']}')"
    )
    con.execute(f"copy (select * exclude (n) from p where n <= {rows}) to '{base}'")
    con.execute(f"copy (select * exclude (n) from p where n > {rows}) to '{increment}'")
    emit(phase="generate", rows=rows + extra, seconds=round(time.perf_counter() - started, 2))
    return base, increment


@dataclass
class DbtRun:
    """What one dbt invocation cost."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the dbt process (DuckDB's threads included)
    peak_rss_mb: float


def run_dbt(args: list[str], db: Path, work: Path, raw_glob: str) -> DbtRun:
    """Run dbt in a subprocess with its own warehouse, target and log folders."""
    command = [
        DBT, *args, "--profiles-dir", str(ROOT / "profiles"), "--project-dir", str(ROOT),
        "--target-path", str(work / "target"), "--log-path", str(work / "logs"),
        "--vars", json.dumps({"raw_postings_path": raw_glob, "as_of_date": AS_OF.isoformat()}),
    ]  # fmt: skip
    # the benchmark measures the non-LLM work: LLM settings never leak in (no calls)
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("OPENAI_", "SALARY_INSIGHTS_LLM_"))}  # fmt: skip
    env = {**inherited, "SALARY_INSIGHTS_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"dbt {' '.join(args)} failed:\n{output[-4000:]}")
    return DbtRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def model_timings(work: Path) -> list[tuple[str, float]]:
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    return [
        (r["unique_id"].split(".")[-1], r["execution_time"])
        for r in results
        if r["unique_id"].startswith("model.")
    ]  # not the on-run-end hook


def profile_settings() -> dict[str, str]:
    """The `settings:` of the project's dbt profile (dev target)."""
    profile = yaml.safe_load((ROOT / "profiles" / "profiles.yml").read_text())
    outputs = profile["salary_insights"]["outputs"]
    return outputs[profile["salary_insights"]["target"]].get("settings") or {}


@dataclass
class Floor:
    seconds: float
    cpu: float
    same_result: bool
    # (model, wall seconds, CPU seconds): each model's SQL alone, so a
    # model's cost can be read without dbt around it
    models: list[tuple[str, float, float]]


def floor_run(built_db: Path, work: Path) -> Floor:
    """Run the compiled SQL of every model, in dbt's order, in one connection.

    Returns the wall and CPU seconds (in all and per model) and whether the
    floor's fct_postings equals dbt's (same rows), so the floor is known to
    do the same work.
    """
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    order = [r[0] for r in model_timings(work)]
    nodes = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    floor_dir = work / "floor"
    shutil.rmtree(floor_dir, ignore_errors=True)
    floor_dir.mkdir()
    floor_db = floor_dir / built_db.name  # same catalog name as the compiled SQL
    con = duckdb.connect(str(floor_db))
    # the same DuckDB settings as the dbt profile (e.g. how text is stored)
    for name, value in profile_settings().items():
        con.execute(f"set {name} = '{value}'")
    # the UDFs the dbt plugin registers (LLM disabled, as in the dbt run; the same model)
    register_warehouse_udfs(con, Enricher(LLMConfig.from_env(environ={})))
    con.execute(f"attach '{built_db}' as built (read_only)")
    for seed in (n for n in manifest["nodes"].values() if n["resource_type"] == "seed"):
        con.execute(
            f"create table main.{seed['alias']} as select * from built.main.{seed['alias']}"
        )
    con.execute("detach built")
    started, cpu_started = time.perf_counter(), time.process_time()
    models = []
    for name in order:
        node = nodes[name]
        sql = (
            work / "target" / "compiled" / node["package_name"] / node["original_file_path"]
        ).read_text()
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        model_started, model_cpu_started = time.perf_counter(), time.process_time()
        con.execute(f"create {kind} main.{node['alias']} as (\n{sql}\n)")
        models.append((name, time.perf_counter() - model_started,
                       time.process_time() - model_cpu_started))  # fmt: skip
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    con.execute(f"attach '{built_db}' as built (read_only)")
    columns = "* exclude (loaded_at)"
    differing = con.execute(
        f"select count(*) from (select {columns} from main.fct_postings "
        f"except all select {columns} from built.main.fct_postings)"
    ).fetchone()[0]
    return Floor(seconds, cpu, differing == 0, models)


def build_times(work: Path) -> dict[str, float]:
    """Seconds the last build spent per resource type (model, test, seed, ...)."""
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    totals: dict[str, float] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        totals[kind] = totals.get(kind, 0.0) + result["execution_time"]
    return totals


def emit_build(phase: str, run: DbtRun, work: Path, **extra) -> dict[str, float]:
    times = build_times(work)
    emit(phase=phase, **extra, seconds=round(run.wall, 2), cpu_seconds=round(run.cpu, 2),
         peak_rss_mb=round(run.peak_rss_mb),
         inside_dbt={k: round(v, 2) for k, v in sorted(times.items())})  # fmt: skip
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--incremental-share", type=float, default=0.01)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache")
    args = parser.parse_args()

    base, increment = cached_postings(args.rows, args.seed, args.incremental_share, args.cache)
    work = args.cache / "run"
    shutil.rmtree(work, ignore_errors=True)
    raw_dir = work / "raw"
    raw_dir.mkdir(parents=True)
    shutil.copy(base, raw_dir / "base.parquet")
    raw_glob = str(raw_dir / "*.parquet")
    db = work / "bench.duckdb"

    load_before = os.getloadavg()[0]
    parse = run_dbt(["parse"], db, work, raw_glob)
    emit(phase="dbt_parse", seconds=round(parse.wall, 2))
    # dbt's fixed cost per invocation (start-up, manifest, hooks, exit), no node
    noop = run_dbt(["build", "--select", "nothing_matches_this"], db, work, raw_glob)
    emit(phase="dbt_build_nothing", seconds=round(noop.wall, 2), cpu_seconds=round(noop.cpu, 2))
    full = run_dbt(["build"], db, work, raw_glob)
    full_times = emit_build("dbt_build_full", full, work, rows=args.rows)
    for name, seconds in model_timings(work):
        emit(phase="model", model=name, seconds=round(seconds, 2))
    floor = floor_run(db, work)
    emit(phase="floor_duckdb_api", seconds=round(floor.seconds, 2),
         cpu_seconds=round(floor.cpu, 2), same_fct_postings=floor.same_result)  # fmt: skip
    for name, seconds, cpu in floor.models:
        emit(phase="floor_model", model=name, seconds=round(seconds, 2), cpu_seconds=round(cpu, 2))

    unchanged = run_dbt(["build"], db, work, raw_glob)
    emit_build("dbt_build_unchanged", unchanged, work)

    shutil.copy(increment, raw_dir / "increment.parquet")
    incremental = run_dbt(["build"], db, work, raw_glob)
    new_rows = duckdb.connect().execute(f"select count(*) from '{increment}'").fetchone()[0]
    emit_build("dbt_build_incremental", incremental, work, new_rows=new_rows)
    for name, seconds in model_timings(work):
        emit(phase="model_incremental", model=name, seconds=round(seconds, 2))

    runs = (full, unchanged, incremental)
    emit(
        summary=True,
        rows=args.rows,
        cpus=os.cpu_count(),
        # 1-minute load average before and after: others' work on the machine
        load_avg=[round(load_before, 1), round(os.getloadavg()[0], 1)],
        full_build_seconds=round(full.wall, 2),
        unchanged_build_seconds=round(unchanged.wall, 2),
        unchanged_share=round(unchanged.wall / full.wall, 3),
        incremental_new_rows=new_rows,
        incremental_seconds=round(incremental.wall, 2),
        incremental_share=round(incremental.wall / full.wall, 3),
        peak_rss_mb=round(max(run.peak_rss_mb for run in runs)),
        build_nothing_seconds=round(noop.wall, 2),
        models_seconds=round(full_times.get("model", 0.0), 2),
        tests_seconds=round(full_times.get("test", 0.0), 2),
        seeds_seconds=round(full_times.get("seed", 0.0), 2),
        floor_seconds=round(floor.seconds, 2),
        ratio_vs_floor=round(full_times.get("model", 0.0) / floor.seconds, 2),
        floor_same_result=floor.same_result,
        # CPU seconds are less sensitive to other load than wall seconds
        full_build_cpu_seconds=round(full.cpu, 2),
        unchanged_cpu_share=round(unchanged.cpu / full.cpu, 3),
        incremental_cpu_share=round(incremental.cpu / full.cpu, 3),
        floor_cpu_seconds=round(floor.cpu, 2),
    )


if __name__ == "__main__":
    main()
