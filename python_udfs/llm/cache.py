"""A persistent response cache, written the moment each answer arrives.

The warehouse keeps LLM answers in incremental models, but those are written only when
a model finishes. A run killed half-way through a batch of 5,000 paid calls would lose
them all; this cache, a SQLite file next to the warehouse, keeps each answer as soon as
it is judged, so the next run finds it and pays nothing.

Only final answers are kept (ok, invalid_output, ungrounded, refused: asking again with
the same prompt at temperature 0 would buy the same answer). Errors, over_budget and
disabled are not answers and are asked again next run. The key is (task, prompt
version, model, input hash), so a new prompt version or model re-asks what it must.
Nothing secret is stored: the key, the judged result and the call's token counts.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FINAL_STATUSES = frozenset({"ok", "invalid_output", "ungrounded", "refused"})

_SCHEMA = """
create table if not exists llm_responses (
    task text not null,
    prompt_version text not null,
    model text not null,
    input_hash text not null,
    result_json text not null,
    prompt_tokens integer not null,
    completion_tokens integer not null,
    latency_ms real not null,
    created_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    primary key (task, prompt_version, model, input_hash)
)
"""


@dataclass(frozen=True)
class CachedResponse:
    """A judged answer as stored: the result fields and what the original call cost."""

    result: dict[str, Any]
    prompt_tokens: int
    completion_tokens: int
    latency_ms: float


class ResponseCache:
    """Thread-safe SQLite cache; every put is committed at once (WAL, synchronous=NORMAL)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._lock:
            self._db.execute("pragma journal_mode=wal")
            self._db.execute("pragma synchronous=normal")
            self._db.execute(_SCHEMA)
            self._db.commit()

    def get_many(
        self, task: str, prompt_version: str, model: str, hashes: list[str]
    ) -> dict[str, CachedResponse]:
        """Cached responses for these input hashes (absent ones are missing from the dict)."""
        found: dict[str, CachedResponse] = {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "select input_hash, result_json, prompt_tokens, completion_tokens, latency_ms "
                    "from llm_responses where task = ? and prompt_version = ? and model = ? "
                    f"and input_hash in ({marks})",
                    [task, prompt_version, model, *chunk],
                ).fetchall()
                for key, result, prompt_tokens, completion_tokens, latency in rows:
                    found[key] = CachedResponse(
                        json.loads(result), prompt_tokens, completion_tokens, latency
                    )
        return found

    def put(
        self, task: str, prompt_version: str, model: str, input_hash: str, response: CachedResponse
    ) -> None:
        """Store a final answer and commit, so a killed run keeps it."""
        if response.result.get("status") not in FINAL_STATUSES:
            return
        with self._lock:
            self._db.execute(
                "insert or replace into llm_responses (task, prompt_version, model, input_hash, "
                "result_json, prompt_tokens, completion_tokens, latency_ms) "
                "values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    task,
                    prompt_version,
                    model,
                    input_hash,
                    json.dumps(response.result),
                    response.prompt_tokens,
                    response.completion_tokens,
                    response.latency_ms,
                ],
            )
            self._db.commit()

    def count(self) -> int:
        with self._lock:
            return self._db.execute("select count(*) from llm_responses").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
