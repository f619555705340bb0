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
from tests.llm_server import FakeLLMServer

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
