"""dbt-duckdb plugin: registers the LLM and local-model UDFs on every connection dbt opens.

Declared in ``profiles/profiles.yml`` under ``plugins:``. dbt-duckdb merges the
profile's ``settings:`` into every plugin's config, so only this plugin's own keys
(:data:`CONFIG_KEYS`) are read; empty values mean "not set" and fall back to the
``SALARY_INSIGHTS_LLM_*`` / ``OPENAI_*`` environment variables.

One :class:`~python_udfs.llm.runner.Enricher` is shared by every connection of the
invocation, so the call budget, the circuit breaker and the concurrency limit hold
for the whole run. The response cache defaults to a file next to the warehouse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from python_udfs.intake import register_intake_udfs
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.llm.udfs import register_llm_udfs
from python_udfs.model.predict import register_model_udfs

# LLMConfig fields a profile may set (besides prompts_dir); the API key is env-only.
CONFIG_KEYS = (
    "base_url", "model", "temperature", "timeout_s", "max_concurrency",
    "requests_per_minute", "max_retries", "max_llm_calls", "max_error_ratio", "cache_path",
    "progress_interval_s",
)  # fmt: skip


def default_cache_path(database_path: str | None) -> str | None:
    """``data/x.duckdb`` -> ``data/x.llm_cache.sqlite``; None for an in-memory warehouse."""
    if not database_path or database_path == ":memory:" or database_path.startswith("md:"):
        return None
    path = Path(database_path)
    return str(path.with_name(f"{path.stem}.llm_cache.sqlite"))


class Plugin(BasePlugin):
    """Registers the intake probe, the LLM UDFs and the local model's UDFs."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
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
        self.model_dir = plugin_config.get("model_dir") or None

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_intake_udfs(conn)
        register_llm_udfs(conn, enricher=self.enricher)
        # the local model (cascade step 2): NULL predictions until one is trained
        register_model_udfs(conn, self.model_dir)
