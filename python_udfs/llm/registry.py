"""A small JSON registry of fine-tuned models, so the LLM UDFs can select one by name.

A hosted fine-tuned model has an unreadable id (``ft:gpt-4o-mini-2024-07-18:org::AbC12``);
a run selects it by a name (``classification-v1``) through :func:`resolve_model`, and the
registry keeps what that name stands for: the model id, its base model and job, the hash
of the data it was trained on, the prompt version it was trained with and its validation
scores. Anything not in the registry (``gpt-4o-mini``, a raw ``ft:`` id) resolves to
itself, so one setting takes either form.

The file (default ``artifacts/finetune_registry.json`` in the project — the checkout of an
editable install, else the working directory — or the path in
``SALARY_INSIGHTS_FINETUNE_REGISTRY``)::

    {"format_version": 1,
     "models": {"classification-v1": {"name": "classification-v1",
                                      "fine_tuned_model": "ft:...", ...}}}

It is rewritten whole through a temporary file and a rename, so a reader never sees half a
file. It holds no secret.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

REGISTRY_ENV = "SALARY_INSIGHTS_FINETUNE_REGISTRY"
# the checkout this package lives in (an editable install); installed from a wheel the
# package sits in site-packages, and the registry is the project's of the working directory
_CHECKOUT = Path(__file__).resolve().parents[2]
PROJECT_ROOT = _CHECKOUT if (_CHECKOUT / "dbt_project.yml").is_file() else Path()
DEFAULT_REGISTRY = PROJECT_ROOT / "artifacts" / "finetune_registry.json"
FORMAT_VERSION = 1
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class RegistryEntry(BaseModel):
    """One fine-tuned model, as recorded when its job succeeded."""

    model_config = ConfigDict(extra="forbid")

    name: str
    task: str
    fine_tuned_model: str
    base_model: str
    job_id: str
    training_file_id: str
    validation_file_id: str | None
    training_data_sha256: str  # sha256 of the training JSONL (the manifest's data_hash)
    validation_data_sha256: str | None
    prompt_version: str | None  # the system prompt the examples were built with
    trained_tokens: int | None
    validation_scores: dict[str, Any]
    created_at: str  # ISO 8601, UTC


def registry_path(path: str | Path | None = None) -> Path:
    """``path``, else $SALARY_INSIGHTS_FINETUNE_REGISTRY, else the project default."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(REGISTRY_ENV) or DEFAULT_REGISTRY)


def check_name(name: str) -> str:
    """A registry name: 1-64 of letters, digits, '.', '_', '-'; never a model id ('ft:...')."""
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"invalid registry name {name!r}: use 1-64 letters, digits, '.', '_' or '-'"
        )
    return name


def load_registry(path: str | Path | None = None) -> dict[str, RegistryEntry]:
    """Every entry by name; an absent file is an empty registry."""
    file = registry_path(path)
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        models = data["models"]
        return {name: RegistryEntry.model_validate(entry) for name, entry in models.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"fine-tuning registry {file} is not valid: {exc}") from None


def lookup(name: str, path: str | Path | None = None) -> RegistryEntry | None:
    """The entry registered under ``name``, or None."""
    return load_registry(path).get(name.strip())


def register(entry: RegistryEntry, path: str | Path | None = None, replace: bool = False) -> Path:
    """Add (or, with ``replace``, overwrite) an entry; return the registry file."""
    check_name(entry.name)
    file = registry_path(path)
    models = load_registry(file)
    if entry.name in models and not replace:
        raise ValueError(f"{entry.name!r} is already in {file}; choose another name")
    models[entry.name] = entry
    data = {
        "format_version": FORMAT_VERSION,
        "models": {name: models[name].model_dump() for name in sorted(models)},
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f".{file.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    partial.replace(file)
    return file


def resolve_model(name_or_id: str, registry_path: str | Path | None = None) -> str:
    """The model id to send: a registry name's fine_tuned_model, anything else unchanged."""
    entry = lookup(name_or_id, registry_path)
    return entry.fine_tuned_model if entry is not None else name_or_id
