"""Throughput of the LLM UDFs against the fake LLM server: how close to the bound?

With ``max_concurrency`` calls in flight and a server that answers each in
``latency`` seconds, no client can exceed ``max_concurrency / latency`` calls
per second (the bound). The LLM issue asks, on 5,000 flagged rows at 200 ms
latency and concurrency 8, for at least 80% of that bound and at most 5 s of
overhead beyond ``rows / bound``. Two measurements:

- udf: ``create table answers as select llm_extract_salary(text) ...`` on a
  plain DuckDB connection over ``rows`` distinct posting texts (salary field
  and description of generated postings, as int_postings__llm_requests sends);
- dbt: ``dbt run --select int_llm__salary_answers`` on a fresh warehouse whose
  int_postings__llm_requests table holds those texts as salary requests; the
  LLM phase is the model's execution_time in run_results.json. As in
  production, the plugin writes every answer to the response cache (a new
  SQLite file next to the fresh warehouse, so nothing is answered from it).

The server runs in its own process by default, as a real endpoint would: in
this process it would share the GIL with the client and bill its own CPU to
the client (``--in-process-server`` shows that). Prints one JSON line per
mode and a summary line; exits 1 when a check fails (calls != rows, or a row
whose status is not 'ok'), never because of timing.

Usage: python bench/llm_benchmark.py [--rows 5000] [--latency 0.2]
[--concurrency 8] [--mode udf|dbt|both]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import openai
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.llm.tasks import input_hash
from python_udfs.llm.udfs import register_llm_udfs
from python_udfs.sample.generate import generate
from python_udfs.testing.fake_llm import FakeLLMServer

DBT = str(Path(sys.executable).with_name("dbt"))
MODEL = "int_llm__salary_answers"
API_KEY = "bench-key"
MIN_SHARE, MAX_OVERHEAD_S = 0.8, 5.0
# as int_postings__llm_requests builds a salary request (var llm_max_input_chars)
MAX_INPUT_CHARS = 6000
AS_OF = date(2026, 11, 1)


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


# ---------------------------------------------------------------- the server
class CountingServer(FakeLLMServer):
    """The test server, plus how many requests it held at once (peak and mean)."""

    def __init__(self, latency_s: float) -> None:
        super().__init__(latency_s=latency_s)
        self._flight_lock = threading.Lock()
        self.in_flight = self.peak_in_flight = 0
        self.busy_s = 0.0  # summed over requests: time from arrival to answer
        self.first_arrival: float | None = None  # epoch seconds, comparable across processes
        self.last_answer: float | None = None

    def handle(
        self, path: str, headers: dict[str, str], raw: bytes, received: float | None = None
    ) -> Any:
        started = time.perf_counter()
        with self._flight_lock:
            self.first_arrival = self.first_arrival or time.time()
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            return super().handle(path, headers, raw, received)
        finally:
            with self._flight_lock:
                self.in_flight -= 1
                self.busy_s += time.perf_counter() - started
                self.last_answer = time.time()

    def stats(self) -> dict[str, Any]:
        with self._flight_lock:
            return {
                "calls": self.request_count,
                "http_statuses": {str(k): v for k, v in self.status_counts.items()},
                "peak_in_flight": self.peak_in_flight,
                "busy_s": self.busy_s,
                "first_arrival": self.first_arrival,
                "last_answer": self.last_answer,
            }


def serve(latency_s: float) -> None:
    """``--serve``: print the base URL, then one stats line per line read from stdin."""
    with CountingServer(latency_s) as server:
        emit(base_url=server.base_url)
        for _ in sys.stdin:
            emit(**server.stats())


class ServerProcess:
    """A CountingServer in a child process, with the same base_url / stats() interface."""

    def __init__(self, latency_s: float) -> None:
        command = [sys.executable, __file__, "--serve", "--latency", str(latency_s)]
        self._proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        self.base_url = json.loads(self._readline())["base_url"]

    def _readline(self) -> str:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the fake LLM server process exited")
        return line

    def stats(self) -> dict[str, Any]:
        assert self._proc.stdin is not None
        self._proc.stdin.write("stats\n")
        self._proc.stdin.flush()
        return json.loads(self._readline())

    def __enter__(self) -> ServerProcess:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def start_server(args: argparse.Namespace) -> Any:
    if args.in_process_server:
        return CountingServer(args.latency).start()
    return ServerProcess(args.latency)


# ---------------------------------------------------------------- inputs
def posting_texts(rows: int, seed: int, work: Path) -> list[str]:
    """``rows`` salary inputs of generated postings, distinct after white space is collapsed.

    Distinct both for SQL (the input_hash of int_postings__llm_requests, which
    collapses ASCII white space) and for the runner's own de-duplication
    (tasks.input_hash, which also collapses Unicode spaces such as U+00A0), so
    every row costs exactly one call.
    """
    generated_rows = rows + rows // 4 + 100
    for attempt in range(5):
        out_dir = work / f"postings_{attempt}"
        generated = generate(rows=generated_rows, seed=seed, out_dir=out_dir, as_of=AS_OF)
        candidates = duckdb.execute(
            f"""
            with texts as (
                select
                    left(concat_ws(chr(10), salary_text, description), {MAX_INPUT_CHARS})
                        as text,
                    row_number() over () as n
                from read_parquet('{generated["postings_path"]}')
            )
            select arg_min(text, n)
            from texts
            where nullif(trim(text), '') is not null
            group by regexp_replace(trim(text), '\\s+', ' ', 'g')
            order by min(n)
            """
        ).fetchall()
        texts = list({input_hash((text,)): text for (text,) in reversed(candidates)}.values())
        texts.reverse()
        if len(texts) >= rows:
            return texts[:rows]
        generated_rows *= 2
    raise RuntimeError(f"could not generate {rows} distinct posting texts")


# ---------------------------------------------------------------- measurements
def result(
    args: argparse.Namespace,
    mode: str,
    wall_s: float,
    span: tuple[float, float],
    server: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    """One JSON line; ``span`` is the measured phase's (start, end) in epoch seconds."""
    bound = args.concurrency / args.latency
    calls = server["calls"]
    share = calls / wall_s / bound
    bound_s = args.rows / bound
    return {
        "mode": mode,
        "rows": args.rows,
        "latency_s": args.latency,
        "max_concurrency": args.concurrency,
        "wall_s": round(wall_s, 2),
        "calls": calls,
        "calls_per_s": round(calls / wall_s, 2),
        "bound_calls_per_s": round(bound, 2),
        "share_of_bound": round(share, 3),
        "bound_s": round(bound_s, 2),
        "overhead_s": round(wall_s - bound_s, 2),
        "passes": share >= MIN_SHARE and wall_s - bound_s <= MAX_OVERHEAD_S,
        "peak_in_flight": server["peak_in_flight"],
        "mean_in_flight": round(server["busy_s"] / wall_s, 2),
        # before the first request reached the server / after the last answer left it
        "first_call_after_s": _seconds(span[0], server["first_arrival"]),
        "after_last_answer_s": _seconds(server["last_answer"], span[1]),
        "http_statuses": server["http_statuses"],
        **extra,
        **machine(),
    }


def bench_udf(args: argparse.Namespace, texts: list[str]) -> dict[str, Any]:
    """llm_extract_salary over a table of texts, on a plain DuckDB connection."""
    with start_server(args) as server:
        config = LLMConfig.from_env(
            environ={}, base_url=server.base_url, api_key=API_KEY,
            max_concurrency=args.concurrency, cache_path=None,
        )  # fmt: skip
        enricher = Enricher(config)
        batches: list[int] = []
        run = enricher.run

        def counted_run(task: str, rows: Any) -> Any:
            batches.append(len(rows))
            return run(task, rows)

        enricher.run = counted_run  # type: ignore[method-assign]
        con = duckdb.connect()
        try:
            register_llm_udfs(con, enricher=enricher)
            con.register("texts_arrow", pa.table({"text": texts}))
            con.execute("create table texts as select text from texts_arrow")
            cpu_before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
            start_epoch = time.time()
            con.execute("create table answers as select llm_extract_salary(text) as a from texts")
            wall_s, end_epoch = time.perf_counter() - started, time.time()
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            statuses = dict(
                con.execute("select a.status, count(*) from answers group by all").fetchall()
            )
        finally:
            con.close()
            enricher.close()
        return result(
            args, "udf", wall_s, (start_epoch, end_epoch), server.stats(),
            wall_of="create table answers as select llm_extract_salary(text) ...",
            statuses=statuses,
            # how DuckDB hands the rows to the Arrow UDF: number and sizes of batches
            udf_batches=len(batches),
            udf_batch_rows=dict(sorted(Counter(batches).items())),
            process_cpu_s=round(cpu_after.ru_utime + cpu_after.ru_stime
                                - cpu_before.ru_utime - cpu_before.ru_stime, 2),
        )  # fmt: skip


def bench_dbt(args: argparse.Namespace, texts: list[str], work: Path) -> dict[str, Any]:
    """dbt run of the salary answers model over a hand-made int_postings__llm_requests."""
    work.mkdir(parents=True)
    db = work / "bench.duckdb"  # fresh: the answers model is never fully refreshed
    with duckdb.connect(str(db)) as con:
        con.register("texts_arrow", pa.table({"text": texts}))
        con.execute(
            """
            create table main.int_postings__llm_requests as
            select
                'bench-' || n as posting_id,
                cast(n as uhugeint) as dedup_key,
                'salary' as task,
                text as input_text,
                cast(null as varchar) as input_description,
                md5(concat_ws(chr(31),
                    regexp_replace(trim(text), '\\s+', ' ', 'g'), ''
                )) as input_hash
            from (select text, row_number() over () as n from texts_arrow)
            """
        )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OPENAI_", "SALARY_INSIGHTS_"))
    }
    with start_server(args) as server:
        env.update(
            OPENAI_BASE_URL=server.base_url,
            OPENAI_API_KEY=API_KEY,
            SALARY_INSIGHTS_LLM_MAX_CONCURRENCY=str(args.concurrency),
            SALARY_INSIGHTS_DB=str(db),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )
        command = [
            DBT, "run", "--select", MODEL, "--profiles-dir", str(ROOT / "profiles"),
            "--project-dir", str(ROOT), "--target-path", str(work / "target"),
            "--log-path", str(work / "logs"),
        ]  # fmt: skip
        started = time.perf_counter()
        proc = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        dbt_wall_s = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"dbt run failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
        stats = server.stats()
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    model = next(r for r in run_results["results"] if r["unique_id"].endswith(f".{MODEL}"))
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = dict(
            con.execute(f"select status, count(*) from {MODEL} group by all").fetchall()
        )
    phases = {
        t["name"]: (_epoch(t["started_at"]), _epoch(t["completed_at"])) for t in model["timing"]
    }
    span = (min(p[0] for p in phases.values()), max(p[1] for p in phases.values()))
    return result(
        args, "dbt", model["execution_time"], span, stats,
        wall_of=f"{MODEL} execution_time (run_results.json)",
        statuses=statuses,
        dbt_wall_s=round(dbt_wall_s, 2),
        dbt_phases_s={name: round(end - start, 2) for name, (start, end) in phases.items()},
    )  # fmt: skip


def _seconds(start: float | None, end: float | None) -> float | None:
    return None if start is None or end is None else round(end - start, 2)


def _epoch(timestamp: str) -> float:
    """Epoch seconds of a run_results.json timestamp (UTC, ISO 8601, 'Z' suffix)."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "openai": openai.__version__,
        # other work on the machine skews the figures: 1, 5 and 15 minute load averages
        "load_avg": [round(load, 2) for load in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.2, help="server latency, seconds")
    parser.add_argument("--concurrency", type=int, default=8, help="max_concurrency")
    parser.add_argument("--mode", choices=("udf", "dbt", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--in-process-server", action="store_true",
                        help="run the fake server in this process (shares the GIL)")  # fmt: skip
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.latency)
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="llm_bench_") as tmp:
        texts = posting_texts(args.rows, args.seed, Path(tmp))
        for mode in ("udf", "dbt") if args.mode == "both" else (args.mode,):
            line = (
                bench_udf(args, texts)
                if mode == "udf"
                else bench_dbt(args, texts, Path(tmp) / "dbt")
            )
            line["checks_ok"] = line["calls"] == args.rows and line["statuses"] == {"ok": args.rows}
            emit(**line)
            results.append(line)
    emit(
        summary=True,
        rows=args.rows,
        bound_calls_per_s=results[0]["bound_calls_per_s"],
        bar=f"share_of_bound >= {MIN_SHARE} and overhead_s <= {MAX_OVERHEAD_S}",
        **{f"{r['mode']}_share_of_bound": r["share_of_bound"] for r in results},
        **{f"{r['mode']}_overhead_s": r["overhead_s"] for r in results},
        passes=all(r["passes"] for r in results),
        checks_ok=all(r["checks_ok"] for r in results),
    )
    if not all(r["checks_ok"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
