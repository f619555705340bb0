"""Smoke run of the LLM benchmark's udf mode on a few hundred rows.

Not a timing test: it checks that the benchmark runs end to end against the
fake LLM server, that every row costs exactly one call and is answered 'ok',
and that each JSON line carries the figures the LLM issue asks to report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

ROWS = 200
RESULT_FIELDS = {
    "rows",
    "latency_s",
    "max_concurrency",
    "wall_s",
    "calls",
    "calls_per_s",
    "bound_calls_per_s",
    "share_of_bound",
    "bound_s",
    "overhead_s",
    "passes",
    "statuses",
    "cpus",
    "python",
    "duckdb",
}


def test_llm_benchmark_udf_mode_smoke_run():
    # settings of the caller's shell must not reach the benchmark
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SALARY_"))}
    proc = subprocess.run(
        [sys.executable, "bench/llm_benchmark.py", "--rows", str(ROWS), "--latency", "0.05"]
        + ["--concurrency", "8", "--mode", "udf"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    udf, summary = lines[0], lines[-1]
    assert len(lines) == 2
    assert RESULT_FIELDS <= set(udf), RESULT_FIELDS - set(udf)
    assert udf["mode"] == "udf" and udf["rows"] == ROWS
    assert udf["calls"] == ROWS
    assert udf["statuses"] == {"ok": ROWS}
    assert udf["bound_calls_per_s"] == 160.0
    assert udf["peak_in_flight"] <= 8
    assert udf["checks_ok"] is True
    assert summary["summary"] is True and summary["checks_ok"] is True
