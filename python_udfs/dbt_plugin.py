"""dbt-duckdb plugin: registers the intake, LLM and local-model UDFs on every connection.

Declared in ``profiles/profiles.yml`` under ``plugins:``, with its settings in its own
``config:`` block there (:data:`CONFIG_KEYS`, plus ``prompts_dir`` and ``model_dir``). dbt-duckdb
hands a plugin the profile's DuckDB ``settings:`` merged with that block; this plugin reads
only its own block (:func:`own_config`), and an unknown key there is a configuration error.
Empty values mean "not set" and fall back to the ``SALARY_INSIGHTS_LLM_*`` / ``OPENAI_*``
environment variables.

One :class:`~python_udfs.llm.runner.Enricher` is shared by every connection of the
invocation, so the call budget, the circuit breaker and the concurrency limit hold
for the whole run. The response cache defaults to a file next to the warehouse.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from python_udfs.intake import register_intake_udfs
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher, request_stop
from python_udfs.llm.udfs import register_llm_udfs
from python_udfs.model.predict import register_model_udfs

# LLMConfig fields a profile may set (besides prompts_dir); the API key is env-only.
CONFIG_KEYS = (
    "base_url", "model", "temperature", "timeout_s", "max_concurrency",
    "requests_per_minute", "max_retries", "max_llm_calls", "max_error_ratio", "cache_path",
    "progress_interval_s", "outage_threshold", "max_run_s",
)  # fmt: skip


OTHER_KEYS = ("prompts_dir", "model_dir")


def own_config(credentials: Any, name: str, merged: dict[str, Any]) -> dict[str, Any]:
    """This plugin's ``config:`` block of the profile (not the DuckDB settings merged in).

    Raises ValueError naming the valid keys when the block holds a key this plugin does
    not know (a misspelt setting would otherwise be silently ignored).
    """
    own: dict[str, Any] | None = None
    for plugin in getattr(credentials, "plugins", None) or []:
        if (plugin.alias or plugin.module) == name or plugin.module == __name__:
            own = dict(plugin.config or {})
            break
    if own is None:  # created outside a profile (tests, scripts): what was passed is ours
        own = dict(merged)
    unknown = sorted(set(own) - set(CONFIG_KEYS) - set(OTHER_KEYS))
    if unknown:
        raise ValueError(
            f"unknown setting(s) {', '.join(unknown)} in the config: block of plugin "
            f"{name!r} (profiles/profiles.yml); valid: {', '.join(CONFIG_KEYS + OTHER_KEYS)}"
        )
    return own


def register_warehouse_udfs(
    conn: DuckDBPyConnection, enricher: Enricher, model_dir: str | None = None
) -> None:
    """Every UDF the models call: the intake probe, the LLM tasks, the local model."""
    register_intake_udfs(conn)
    register_llm_udfs(conn, enricher=enricher)
    # the local model (cascade step 2): NULL predictions until one is trained
    register_model_udfs(conn, model_dir)


def default_cache_path(database_path: str | None) -> str | None:
    """``data/x.duckdb`` -> ``data/x.llm_cache.sqlite``; None for an in-memory warehouse."""
    if not database_path or database_path == ":memory:" or database_path.startswith("md:"):
        return None
    path = Path(database_path)
    return str(path.with_name(f"{path.stem}.llm_cache.sqlite"))


def _exit_quietly(code: int) -> None:
    """Exit now: dbt's worker threads would print a traceback each for a SystemExit.

    os._exit skips the interpreter's clean-up, so multiprocessing's resource tracker (a
    child process) would then warn about dbt's semaphores: it is stopped first.
    """
    try:
        import signal
        from multiprocessing import resource_tracker

        pid = getattr(resource_tracker._resource_tracker, "_pid", None)
        if pid:
            os.kill(pid, signal.SIGKILL)
    except Exception:  # noqa: BLE001, S110 - best effort: a warning line at worst
        pass
    os._exit(code)


def exit_if_locked(database_path: str | None) -> None:
    """Stop at once, with one line naming the holder, when another process holds the file.

    DuckDB allows one writing process per file; dbt would otherwise print ~200 lines of
    tracebacks from every thread that tries to open it.
    """
    if not database_path or database_path == ":memory:" or not Path(database_path).exists():
        return
    try:
        duckdb.connect(database_path).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        holder = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
        who = f"{holder.group(1)} (PID {holder.group(2)})" if holder else "another process"
        sys.stderr.write(
            f"salary_insights: the warehouse {database_path} is in use by {who}; "
            "wait for it to finish, or build into another file (SALARY_INSIGHTS_DB)\n"
        )
        sys.stderr.flush()
        _exit_quietly(2)


def stop_llm_calls_on_cancel() -> None:
    """Make dbt-duckdb's query cancel (dbt's answer to Ctrl-C) stop the LLM calls too.

    dbt catches the KeyboardInterrupt in its main thread, cancels every open connection
    and waits for its workers; a UDF in the middle of a batch would go on sending until
    its batch ended. Wrapping the local environment's cancel is the one hook dbt-duckdb
    offers at that moment (a signal handler cannot be installed from a worker thread).
    """
    try:
        from dbt.adapters.duckdb.environments import local
    except ImportError:  # pragma: no cover - another dbt-duckdb layout
        return
    original = local.LocalEnvironment.__dict__.get("cancel")
    if not isinstance(original, classmethod) or getattr(original.__func__, "stops_llm", False):
        return

    def cancel(cls: Any, connection: Any) -> None:
        request_stop()
        original.__func__(cls, connection)

    cancel.stops_llm = True  # type: ignore[attr-defined]
    local.LocalEnvironment.cancel = classmethod(cancel)


class Plugin(BasePlugin):
    """Registers the intake probe, the LLM UDFs and the local model's UDFs."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        exit_if_locked(getattr(self.creds, "path", None) if self.creds is not None else None)
        plugin_config = own_config(self.creds, self.name, plugin_config)
        overrides = {k: plugin_config.get(k) for k in CONFIG_KEYS}
        overrides = {k: v for k, v in overrides.items() if v not in (None, "")}
        config = LLMConfig.from_env(**overrides)
        if config.cache_path is None:
            database = getattr(self.creds, "path", None) if self.creds is not None else None
            cache_path = default_cache_path(database)
            if cache_path is not None:
                config = LLMConfig.from_env(**overrides, cache_path=cache_path)
        prompts_dir = plugin_config.get("prompts_dir") or None
        self.enricher = Enricher(config, prompts_dir=Path(prompts_dir) if prompts_dir else None)
        stop_llm_calls_on_cancel()
        self.model_dir = plugin_config.get("model_dir") or None

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_warehouse_udfs(conn, self.enricher, self.model_dir)
