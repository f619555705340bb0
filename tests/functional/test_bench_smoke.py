"""Smoke run of the build benchmark on a few thousand postings.

Not a timing test: it checks that the benchmark runs end to end, that its
floor (the compiled SQL run through the duckdb API) builds the same
fct_postings as dbt and times each model dbt ran, that the builds run the data tests, and
that the unchanged build adds nothing and the incremental one the new postings.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_benchmark_smoke_run(tmp_path):
    proc = subprocess.run(
        [sys.executable, "bench/build_benchmark.py", "--rows", "3000", "--cache", str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    summary = lines[-1]
    models = {line["model"] for line in lines if line.get("phase") == "model"}
    floor_models = {line["model"] for line in lines if line.get("phase") == "floor_model"}
    phases = {line["phase"]: line for line in lines if "phase" in line}
    incremental = phases["dbt_build_incremental"]
    assert summary["summary"] and summary["rows"] == 3000
    assert summary["floor_same_result"] is True
    assert summary["full_build_seconds"] > 0 and summary["floor_seconds"] > 0
    assert summary["peak_rss_mb"] > 50
    assert {"stg_job_postings__postings", "fct_postings", "salary_insights"} <= models
    # the floor times every model dbt ran, each on its own line
    assert floor_models == models
    assert incremental["new_rows"] == 30
    # the users' command: every build runs the data tests beside the models
    for phase in ("dbt_build_full", "dbt_build_unchanged", "dbt_build_incremental"):
        assert phases[phase]["inside_dbt"]["test"] > 0, phase
        assert phases[phase]["inside_dbt"]["model"] > 0, phase
    assert 0 < summary["unchanged_share"] and 0 < summary["incremental_share"]
    assert summary["tests_seconds"] > 0 and summary["models_seconds"] > 0
