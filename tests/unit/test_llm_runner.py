"""The Enricher's GIL switch interval: short while calls are in flight, restored after.

At the interpreter's default 5 ms, a worker whose answer has arrived can wait that long
for the GIL while another parses its own answer; the throughput benchmark measured it
(7.8 s of overhead at 5,000 calls instead of 3.2 s). The runner lowers the interval only
while a batch waits on calls, and must give the process its own setting back, also when
batches overlap and when a batch fails.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from python_udfs.llm import runner
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.testing.fake_llm import FakeLLMServer

SALARY = {"salary_min": 50000.0, "salary_max": 60000.0, "currency": "EUR", "period": "year"}


@pytest.fixture
def default_interval() -> Iterator[float]:
    """A known process setting (not the runner's), put back after the test."""
    saved = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    yield 0.004
    sys.setswitchinterval(saved)


def test_interval_is_short_during_calls_and_restored_after(default_interval: float) -> None:
    seen: list[float] = []

    def answer(request: dict) -> dict:
        seen.append(sys.getswitchinterval())  # the server runs in this process
        return SALARY

    with FakeLLMServer(answer) as server:
        config = LLMConfig.from_env(environ={}, base_url=server.base_url, api_key="k")
        enricher = Enricher(config)
        try:
            rows = [[f"Pay 50000 to 60000 EUR per year, role {i}"] for i in range(6)]
            results = enricher.run("salary", rows)
        finally:
            enricher.close()

    assert [r["status"] for r in results] == ["ok"] * 6
    assert len(seen) == 6
    assert max(seen) == pytest.approx(runner._IN_FLIGHT_SWITCH_INTERVAL_S)
    assert sys.getswitchinterval() == pytest.approx(default_interval)


def test_overlapping_batches_restore_only_after_the_last(default_interval: float) -> None:
    first_in, second_in, release = threading.Event(), threading.Event(), threading.Event()
    observed: dict[str, float] = {}

    def batch(entered: threading.Event) -> None:
        with runner._short_gil_slices():
            entered.set()
            release.wait(5)

    first = threading.Thread(target=batch, args=(first_in,))
    first.start()
    first_in.wait(5)
    second = threading.Thread(target=batch, args=(second_in,))
    second.start()
    second_in.wait(5)
    observed["both"] = sys.getswitchinterval()
    release.set()
    first.join(5)
    second.join(5)

    assert observed["both"] == pytest.approx(runner._IN_FLIGHT_SWITCH_INTERVAL_S)
    assert sys.getswitchinterval() == pytest.approx(default_interval)


def test_a_failing_batch_restores_the_interval(default_interval: float) -> None:
    with pytest.raises(RuntimeError), runner._short_gil_slices():
        raise RuntimeError("a bug in a batch")
    assert sys.getswitchinterval() == pytest.approx(default_interval)


def test_a_shorter_process_setting_is_kept(default_interval: float) -> None:
    sys.setswitchinterval(0.0001)
    with runner._short_gil_slices():
        assert sys.getswitchinterval() == pytest.approx(0.0001, abs=2e-6)


# ---------------------------------------------------------------- the LLM off
def test_disabled_batches_answer_like_the_row_path_without_converting_text() -> None:
    """With no key the UDF answers in Arrow; it must give what Enricher.run gives per row."""
    import duckdb

    from python_udfs.llm.udfs import register_llm_udfs

    texts = ["Pay 50k EUR", "  ", None, "\u00a0\t", "Pay 50k EUR", "Fünf Jahre Erfahrung"]
    row_path = Enricher(LLMConfig.from_env(environ={}))
    expected = row_path.run("salary", [[t] for t in texts])

    arrow_path = Enricher(LLMConfig.from_env(environ={}))
    con = duckdb.connect()
    register_llm_udfs(con, arrow_path)
    con.execute("create table t as select * from unnest(?) with ordinality as u(text, i)", [texts])
    got = con.execute("select llm_extract_salary(text) from t order by i").fetchall()
    classify = con.execute(
        "select llm_classify_job(text, null).status from t order by i"
    ).fetchall()
    row_path.close()
    arrow_path.close()

    assert [g[0] for g in got] == expected
    assert [g[0]["status"] for g in got] == [
        "disabled", "invalid_output", "invalid_output", "invalid_output", "disabled", "disabled"
    ]  # fmt: skip
    assert [c[0] for c in classify] == [g[0]["status"] for g in got]
    assert arrow_path.stats["salary"].rows == 6
    assert arrow_path.stats["salary"].statuses == {"disabled": 3, "invalid_output": 3}
