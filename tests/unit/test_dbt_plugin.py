"""The dbt plugin reads its own config: block of the profile, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from python_udfs.dbt_plugin import CONFIG_KEYS, own_config


@dataclass
class PluginDef:
    module: str
    alias: str | None = None
    config: dict[str, Any] | None = None


@dataclass
class Credentials:
    plugins: list[PluginDef] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def test_the_own_block_is_read_not_the_merged_duckdb_settings() -> None:
    creds = Credentials(
        plugins=[PluginDef("python_udfs.dbt_plugin", "llm", {"max_concurrency": "4"})],
        settings={"force_compression": "zstd", "threads": 2},
    )
    merged = {**creds.settings, "max_concurrency": "4"}  # what dbt-duckdb hands over
    assert own_config(creds, "llm", merged) == {"max_concurrency": "4"}


def test_an_unknown_key_of_the_block_is_a_clear_configuration_error() -> None:
    creds = Credentials(plugins=[PluginDef("python_udfs.dbt_plugin", "llm", {"max_concurency": 4})])
    with pytest.raises(ValueError, match="max_concurency") as caught:
        own_config(creds, "llm", {})
    assert all(key in str(caught.value) for key in CONFIG_KEYS)


def test_the_profile_declares_the_block() -> None:
    import yaml

    from tests.conftest import PROJECT_ROOT

    profile = yaml.safe_load((PROJECT_ROOT / "profiles" / "profiles.yml").read_text())
    plugins = profile["salary_insights"]["outputs"]["dev"]["plugins"]
    ours = [p for p in plugins if p["module"] == "python_udfs.dbt_plugin"]
    assert ours and isinstance(ours[0].get("config"), dict)
