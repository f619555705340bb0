"""Versioned model artifacts on disk and the ``current`` pointer.

Layout (``out_dir`` defaults to ``artifacts/models``)::

    artifacts/models/
        current                                  # text file: the active version's name
        jobclf-20261101120000-82bb6fce/
            model.joblib                         # the fitted JobClassifier
            metadata.json                        # version, data hash, scores, settings

Why a text file and not a symlink: it works on every file system (Windows checkouts,
zip/tar copies, object stores) and is replaced atomically with ``os.replace``. An
artifact directory is written under a temporary name and renamed when complete, so a
reader never sees half an artifact. ``model.joblib`` is a pickle: load only artifacts
you produced (they are build outputs, like the warehouse file).
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

DEFAULT_MODELS_DIR = Path("artifacts") / "models"
MODEL_FILE, METADATA_FILE, CURRENT_FILE = "model.joblib", "metadata.json", "current"
ENV_MODEL_DIR = "SALARY_INSIGHTS_MODEL_DIR"
# Bumped when the pickled classes change shape: older artifacts are refused, not misread.
ARTIFACT_FORMAT = 1


class IncompatibleArtifact(ValueError):
    """The artifact was written by an incompatible version of this package."""


def new_version(data_hash: str, now: datetime) -> str:
    """``jobclf-<YYYYmmddHHMMSS>-<first 8 of the data hash>``: sortable by time."""
    return f"jobclf-{now:%Y%m%d%H%M%S}-{data_hash[:8]}"


def write_artifact(out_dir: Path, version: str, model: Any, metadata: dict[str, Any]) -> Path:
    """Write ``out_dir/<version>/`` (model + metadata) atomically; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / version
    suffix = 1
    while final.exists():  # two trainings in the same second on the same data
        suffix += 1
        final = out_dir / f"{version}-{suffix}"
    metadata = {**metadata, "version": final.name, "artifact_format": ARTIFACT_FORMAT}
    staging = out_dir / f".{final.name}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    import joblib  # lazily: readers of metadata need no joblib

    joblib.dump(model, staging / MODEL_FILE, compress=3)
    (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=False) + "\n")
    os.replace(staging, final)
    return final


def set_current(out_dir: Path, version: str) -> None:
    """Point ``out_dir/current`` at ``version`` (atomic replace)."""
    pointer = out_dir / CURRENT_FILE
    tmp = out_dir / f".{CURRENT_FILE}.tmp"
    tmp.write_text(version + "\n")
    os.replace(tmp, pointer)


def read_metadata(artifact_dir: Path) -> dict[str, Any]:
    """The artifact's metadata; IncompatibleArtifact if its format is not this code's."""
    metadata = json.loads((artifact_dir / METADATA_FILE).read_text())
    if metadata.get("artifact_format") != ARTIFACT_FORMAT:
        raise IncompatibleArtifact(
            f"{artifact_dir} has artifact format {metadata.get('artifact_format')}, this code "
            f"reads {ARTIFACT_FORMAT}: retrain (python -m python_udfs.model.train)"
        )
    return metadata


def resolve_artifact(location: str | Path | None = None) -> Path | None:
    """The artifact directory ``location`` designates, or None when there is none.

    ``location`` (else env ``SALARY_INSIGHTS_MODEL_DIR``, else
    ``artifacts/models/current``) may be an artifact directory, a models directory
    holding a ``current`` file, or a ``current`` file (or symlink) itself.
    """
    path = Path(location or os.environ.get(ENV_MODEL_DIR) or DEFAULT_MODELS_DIR / CURRENT_FILE)
    if path.is_dir() and (path / MODEL_FILE).is_file():
        return path
    if path.is_dir() and (path / CURRENT_FILE).is_file():
        path = path / CURRENT_FILE
    if path.is_file() and path.name == CURRENT_FILE:
        version = path.read_text().strip()
        target = path.parent / version
        return target if version and (target / MODEL_FILE).is_file() else None
    return None
