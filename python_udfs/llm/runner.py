"""Answering a batch of rows for one task: dedup, cache, budget, concurrency, progress.

One :class:`Enricher` lives as long as its DuckDB connection (for dbt: one invocation,
i.e. one run). It owns what must be shared by every batch and every task of the run:

* one HTTP client, whose retries, rate limit and circuit breaker see all calls;
* one thread pool of ``2 * max_concurrency`` workers and the client's connection
  limit, so batches DuckDB evaluates in parallel never exceed the limit together;
* the ``max_llm_calls`` budget: rows beyond it are ``over_budget`` and asked next run;
* the persistent response cache (:mod:`python_udfs.llm.cache`).

A batch is answered in this order: identical inputs are collapsed (normalised hash),
cached answers are reused, the budget is reserved, and only then are calls sent.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from python_udfs import progress
from python_udfs.llm.cache import CachedResponse, ResponseCache
from python_udfs.llm.config import LLMConfig, redact_url
from python_udfs.llm.errors import CircuitOpenError, LLMCallError
from python_udfs.llm.registry import resolve_model
from python_udfs.llm.tasks import PROMPTS_DIR, TASKS, Prompt, Task, input_hash, load_prompt

if TYPE_CHECKING:
    from python_udfs.llm.client import LLMClient

log = logging.getLogger("salary_insights.llm")
# While calls are in flight, a thread whose answer arrived waits for the GIL up to the
# interpreter's switch interval (5 ms) when another thread is parsing its own answer: at
# 200 ms a call that is 2-3% of idle connection time. 0.5 ms keeps connections busy.
_IN_FLIGHT_SWITCH_INTERVAL_S = 0.0005
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.0


@contextlib.contextmanager
def _short_gil_slices() -> Iterator[None]:
    """Lower sys.setswitchinterval while any batch waits on calls; restore it after the last."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_saved, _IN_FLIGHT_SWITCH_INTERVAL_S))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


PROMPTS_DIR_ENV = "SALARY_INSIGHTS_LLM_PROMPTS_DIR"

# Set once the run is interrupted (Ctrl-C): no further request is sent, inputs not yet
# sent end as 'error' (asked next run); the few already on the wire finish or time out.
STOP = threading.Event()


def request_stop() -> None:
    """Stop sending (once): what is not on the wire yet ends as 'error', asked next run."""
    if not STOP.is_set():
        STOP.set()
        sys.stderr.write("Interrupted: no further LLM request is sent; answers so far are kept\n")
        sys.stderr.flush()


def interrupted() -> bool:
    """True once the run is being interrupted (request_stop, or dbt's main thread ended).

    dbt runs this code in its worker threads; on Ctrl-C its main thread cancels the open
    connections (the dbt plugin makes that call request_stop) and waits for the workers.
    """
    if not STOP.is_set() and not threading.main_thread().is_alive():
        request_stop()
    return STOP.is_set()


def _ensure_log_handler() -> None:
    """Progress must reach the terminal inside dbt too, which leaves Python logging unset."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s llm %(message)s", "%H:%M:%S"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


@dataclass
class CallInfo:
    """How one row's answer was obtained; returned beside the result as ``call``."""

    source: str  # 'api' (paid now), 'cache' (paid earlier), 'none' (not asked)
    attempts: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0


@dataclass
class TaskStats:
    """Counters of one task over the whole run (what progress lines report)."""

    rows: int = 0
    distinct: int = 0
    cache_hits: int = 0
    calls: int = 0
    retries: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


class Enricher:
    """Answers batches of rows for the LLM tasks under one configuration."""

    def __init__(
        self,
        config: LLMConfig,
        prompts_dir: Path | None = None,
        prompt_versions: dict[str, str] | None = None,
    ) -> None:
        # a fine-tuned model may be named by its registry name (python_udfs.finetune):
        # the real model id goes into every request, cache key and answer row
        config = dataclasses.replace(config, model=resolve_model(config.model))
        self.config = config
        # SALARY_INSIGHTS_LLM_PROMPTS_DIR: try a prompt of your own without editing the package
        self.prompts_dir = Path(prompts_dir or os.environ.get(PROMPTS_DIR_ENV) or PROMPTS_DIR)
        self.prompt_versions = dict(prompt_versions or {})
        self.client: LLMClient | None = None
        if config.enabled:  # the SDK is imported only when calls can be made
            from python_udfs.llm.client import LLMClient

            self.client = LLMClient(config)
        self.cache = ResponseCache(config.cache_path) if config.cache_path else None
        # Twice as many workers as requests in flight: the HTTP client's connection limit
        # (client._http_client) holds the requests on the wire to max_concurrency, and the
        # other workers build requests and judge answers meanwhile, so no slot waits on them.
        self._pool = ThreadPoolExecutor(
            max_workers=2 * config.max_concurrency, thread_name_prefix="llm-call"
        )
        self._lock = threading.Lock()
        self._calls_reserved = 0
        self._prompts: dict[str, Prompt] = {}  # loaded once per run: one version per task
        self.stats: dict[str, TaskStats] = {name: TaskStats() for name in TASKS}
        self._first_call_at: float | None = None  # the run's time budget counts from here
        _ensure_log_handler()

    # ------------------------------------------------------------ settings
    def prompt(self, task: str) -> Prompt:
        """The task's prompt for this run, read on first use (a file added later waits)."""
        with self._lock:
            if task not in self._prompts:
                self._prompts[task] = load_prompt(
                    task, self.prompts_dir, self.prompt_versions.get(task)
                )
            return self._prompts[task]

    def settings(self, task: str) -> dict[str, Any]:
        """What SQL needs to know before calling: the cache key parts and the limits."""
        return {
            "task": task,
            "prompt_version": self.prompt(task).version,
            "model": self.config.model,
            "enabled": self.config.enabled,
            "max_error_ratio": self.config.max_error_ratio,
            "max_llm_calls": self.config.max_llm_calls,
        }

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.cache is not None:
            self.cache.close()

    # ------------------------------------------------------------ budget
    def _reserve(self, wanted: int) -> int:
        """Reserve up to ``wanted`` calls of the run's budget; return how many were granted."""
        with self._lock:
            limit = self.config.max_llm_calls
            granted = wanted if limit is None else max(0, min(wanted, limit - self._calls_reserved))
            self._calls_reserved += granted
            return granted

    # ------------------------------------------------------------ batches
    def run(self, task_name: str, rows: Sequence[Sequence[str | None]]) -> list[dict[str, Any]]:
        """One result dict per input row (result fields, prompt_version, model, call)."""
        task, prompt = TASKS[task_name], self.prompt(task_name)
        hashes = [input_hash(r) if any(v and v.strip() for v in r) else None for r in rows]
        distinct: dict[str, Sequence[str | None]] = {}
        for key, values in zip(hashes, rows, strict=True):
            if key is not None:
                distinct.setdefault(key, values)
        answers = self._answer(task, prompt, distinct)
        empty = (self._empty_input(task), CallInfo("none"))
        out = []
        for key in hashes:
            result, call = answers[key] if key is not None else empty
            out.append(self._output_row(prompt, result, call))
        self.count_rows(task_name, Counter(out_row["status"] for out_row in out), len(distinct))
        return out

    @property
    def enabled(self) -> bool:
        """False without OPENAI_API_KEY / OPENAI_BASE_URL: every row is answered 'disabled'."""
        return self.client is not None

    def unanswered_rows(self, task_name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The output rows of a disabled LLM and of an empty input, as :meth:`run` gives them.

        With the LLM off these are the only two answers there are, so a UDF can hand them
        out per row without hashing or converting its inputs (python_udfs.llm.udfs).
        """
        task, prompt = TASKS[task_name], self.prompt(task_name)
        none = CallInfo("none")
        return (
            self._output_row(prompt, self._disabled(task), none),
            self._output_row(prompt, self._empty_input(task), none),
        )

    def count_rows(self, task_name: str, statuses: Counter[str], distinct: int = 0) -> None:
        """Add a batch's rows (by status) and distinct inputs to the task's stats."""
        stats = self.stats[task_name]
        with self._lock:
            stats.rows += sum(statuses.values())
            stats.distinct += distinct
            stats.statuses.update(statuses)

    def _output_row(self, prompt: Prompt, result: dict[str, Any], call: CallInfo) -> dict[str, Any]:
        return {
            **result,
            "prompt_version": prompt.version,
            "model": self.config.model,
            "call": call.__dict__,
        }

    @staticmethod
    def _empty_input(task: Task) -> dict[str, Any]:
        return task.result.failed(
            "invalid_output", "empty input: nothing to extract from"
        ).model_dump()

    @staticmethod
    def _disabled(task: Task) -> dict[str, Any]:
        return task.result.failed(
            "disabled", "LLM enrichment is off: set OPENAI_API_KEY or OPENAI_BASE_URL"
        ).model_dump()

    def _answer(
        self, task: Task, prompt: Prompt, distinct: dict[str, Sequence[str | None]]
    ) -> dict[str, tuple[dict[str, Any], CallInfo]]:
        if self.client is None:
            disabled = self._disabled(task)
            return {key: (disabled, CallInfo("none")) for key in distinct}
        answers: dict[str, tuple[dict[str, Any], CallInfo]] = {}
        todo = list(distinct)
        if self.cache is not None and todo:
            cached = self.cache.get_many(task.name, prompt.version, self.config.model, todo)
            for key, hit in cached.items():
                answers[key] = (
                    hit.result,
                    CallInfo(
                        "cache", 0, 0, hit.prompt_tokens, hit.completion_tokens, hit.latency_ms
                    ),
                )
            todo = [key for key in todo if key not in cached]
            with self._lock:
                self.stats[task.name].cache_hits += len(cached)
        granted = self._reserve(len(todo))
        over = task.result.failed(
            "over_budget", f"max_llm_calls={self.config.max_llm_calls} reached; asked next run"
        ).model_dump()
        for key in todo[granted:]:
            answers[key] = (over, CallInfo("none"))
        answers.update(self._call_all(task, prompt, {k: distinct[k] for k in todo[:granted]}))
        return answers

    def _call_all(
        self, task: Task, prompt: Prompt, inputs: dict[str, Sequence[str | None]]
    ) -> dict[str, tuple[dict[str, Any], CallInfo]]:
        """Send every input through the shared pool; log progress while waiting."""
        if not inputs:
            return {}
        with _short_gil_slices():
            return self._send_and_wait(task, prompt, inputs)

    def _send_and_wait(
        self, task: Task, prompt: Prompt, inputs: dict[str, Sequence[str | None]]
    ) -> dict[str, tuple[dict[str, Any], CallInfo]]:
        futures: dict[Future, str] = {
            self._pool.submit(self._call_one, task, prompt, key, values): key
            for key, values in inputs.items()
        }
        stats, started, pending = self.stats[task.name], time.monotonic(), set(futures)
        answers: dict[str, tuple[dict[str, Any], CallInfo]] = {}
        outcomes: Counter[str] = Counter()
        last_progress = started
        # a bar on a terminal only (python_udfs.progress), on stderr, drawn only for a batch
        # that lasts (delay) and erased when it ends (leave): dbt's own lines stay intact
        shown = progress.bar(len(futures), f"llm {task.name}", unit="call", leave=False, delay=1)
        while pending:
            done, pending = wait(
                pending,
                timeout=min(self.config.progress_interval_s, 0.5),
                return_when=FIRST_EXCEPTION,
            )
            if interrupted():  # Ctrl-C: what has not started is never sent
                for other in pending:
                    other.cancel()
            for future in done:
                if future.cancelled():
                    stopped = task.result.failed("error", "interrupted (Ctrl-C): asked next run")
                    answers[futures[future]] = (stopped.model_dump(), CallInfo("none"))
                    continue
                error = future.exception()
                if isinstance(error, CircuitOpenError):
                    for other in pending:
                        other.cancel()
                    shown.close()
                    raise error
                if error is not None:  # a bug, not an LLM failure: fail loudly
                    shown.close()
                    raise error
                answers[futures[future]] = future.result()
                outcomes[answers[futures[future]][0]["status"]] += 1
            shown.update(len(done))
            if pending and time.monotonic() - last_progress >= self.config.progress_interval_s:
                last_progress = time.monotonic()
                elapsed = last_progress - started
                shown.clear()  # the log line goes where the bar was, not after it
                log.info(
                    "%s: %d/%d inputs done in this batch (%s), %.1f calls/s, %d retries, "
                    "%d calls sent this run",
                    task.name,
                    len(answers),
                    len(futures),
                    ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items())),
                    len(answers) / max(elapsed, 1e-9),
                    stats.retries,
                    stats.calls,
                )
                shown.refresh()
        shown.close()
        return answers

    def _out_of_time(self) -> bool:
        """True once the LLM stage has used max_run_s (the run-level time budget)."""
        budget = self.config.max_run_s
        with self._lock:
            if self._first_call_at is None:
                self._first_call_at = time.monotonic()
            return budget is not None and time.monotonic() - self._first_call_at > budget

    def _call_one(
        self, task: Task, prompt: Prompt, key: str, values: Sequence[str | None]
    ) -> tuple[dict[str, Any], CallInfo]:
        stats = self.stats[task.name]
        assert self.client is not None
        if interrupted():
            result = task.result.failed("error", "interrupted (Ctrl-C): asked next run")
            return result.model_dump(), CallInfo("none")
        if self._out_of_time():
            result = task.result.failed(
                "over_budget",
                f"the LLM stage's time budget ({self.config.max_run_s:g} s, "
                "SALARY_INSIGHTS_LLM_MAX_RUN_S) was used up; asked next run",
            ).model_dump()
            return result, CallInfo("none")
        try:
            completion = self.client.complete(
                prompt.system, task.user_message(values), task.extraction
            )
        except CircuitOpenError as exc:
            if exc.kind != "outage":
                raise  # a setting to fix (key, model, URL path): the query stops
            # the endpoint is down: this input is not sent and stays pending (status error
            # is asked again next run)
            result = task.result.failed("error", exc.message).model_dump()
            return result, CallInfo("none")
        except LLMCallError as exc:
            with self._lock:
                stats.calls += 1
                stats.retries += exc.retries
            result = task.result.failed("error", str(exc)).model_dump()
            return result, CallInfo("api", exc.retries + 1, exc.retries)
        except Exception as exc:  # noqa: BLE001 - whatever a call ends in is a row status
            # an answer the client could not make sense of (a library or server quirk):
            # the row is an error with what happened, asked again next run; never a crash
            log.warning("LLM call for %s failed unexpectedly: %s", task.name, type(exc).__name__)
            reason = redact_url(f"LLM call failed ({type(exc).__name__}): {exc}")
            if self.config.api_key:
                reason = reason.replace(self.config.api_key, "***")
            reason = reason[:200]
            result = task.result.failed("error", reason).model_dump()
            return result, CallInfo("api", 1, 0)
        result = task.judge(completion.content, completion.refusal, values).model_dump()
        call = CallInfo(
            "api",
            completion.retries + 1,
            completion.retries,
            completion.prompt_tokens,
            completion.completion_tokens,
            round(completion.latency_s * 1000, 1),
        )
        if self.cache is not None:
            self.cache.put(
                task.name,
                prompt.version,
                self.config.model,
                key,
                CachedResponse(result, call.prompt_tokens, call.completion_tokens, call.latency_ms),
            )
        with self._lock:
            stats.calls += 1
            stats.retries += completion.retries
        return result, call
