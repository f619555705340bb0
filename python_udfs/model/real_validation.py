"""Which confidence of the local model to trust, per field, validated on real postings.

Why: the model learns from rule labels of the warehouse it is trained on (often generated
postings), and its calibration there says little about real ads: trained on the synthetic
sample it called "Care Home Manager" Entry at 0.93. So every trained artifact is scored on
the hand-labelled real postings (``seeds/eval/real_labels.csv``, the files of
``../shared/real-postings``), and per field the lowest confidence at which its precision
reaches the target is recorded in the artifact's metadata (``real_validation``). The
cascade uses the model's answer only at or above that confidence (var
``model_min_confidence: validated``); a field whose precision never reaches the target is
never taken from the model (threshold above 1).

Precision counts a prediction for a posting labelled "no clue" (empty seniority) as wrong,
as the evaluation marts do: the cascade would fill that field with a guess.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from python_udfs.model.classifier import FIELDS, JobClassifier
from python_udfs.rules_data import read_seed

TARGET_PRECISION = 0.95
MIN_DECIDED = 10  # a threshold is validated on at least this many predictions
THRESHOLDS = tuple(round(0.50 + 0.01 * i, 2) for i in range(50))  # 0.50 .. 0.99
NEVER = 1.01  # above any confidence: the model's answer for the field is not used


def real_labelled_postings(source_dir: Path | None = None) -> pa.Table | None:
    """Title, description and hand labels of the labelled real postings; None if absent."""
    from python_udfs.sample.real_postings import SOURCE_FILES, convert_file, default_source_dir

    source_dir = source_dir or default_source_dir()
    if not source_dir.is_dir():
        return None
    labels = {row["posting_id"]: row for row in read_seed("eval/real_labels")}
    rows = []
    for spec in SOURCE_FILES:
        if not (source_dir / spec.name).is_file():
            continue
        for posting in convert_file(spec, source_dir):
            label = labels.get(posting["posting_id"])
            if label is not None:
                rows.append({
                    "posting_id": posting["posting_id"],
                    "title": posting["title"],
                    "description": posting["description"],
                    "job_family": label["job_family"] or None,
                    "seniority": label["seniority"] or None,
                })  # fmt: skip
    if not rows:
        return None
    # one row per posting id (a board may repeat an id; the labels are per id)
    unique = {row["posting_id"]: row for row in rows}
    return pa.Table.from_pylist(list(unique.values()))


def threshold_for(
    truth: np.ndarray, predicted: np.ndarray, confidence: np.ndarray,
    target: float = TARGET_PRECISION,
) -> dict[str, Any]:  # fmt: skip
    """The lowest threshold whose precision reaches ``target`` (NEVER when none does)."""
    curve = []
    for threshold in THRESHOLDS:
        used = confidence >= threshold
        decided = int(used.sum())
        correct = int((predicted[used] == truth[used]).sum())
        curve.append((threshold, decided, correct))
    for threshold, decided, correct in curve:
        if decided >= MIN_DECIDED and correct / decided >= target:
            return {"threshold": threshold, "decided": decided, "correct": correct,
                    "precision": round(correct / decided, 4)}  # fmt: skip
    best = max(curve, key=lambda c: (c[2] / c[1] if c[1] else 0, c[1]))
    return {"threshold": NEVER, "decided": 0, "correct": 0, "precision": None,
            "best_precision": round(best[2] / best[1], 4) if best[1] else None,
            "best_at": best[0]}  # fmt: skip


def validate(classifier: JobClassifier, source_dir: Path | None = None) -> dict[str, Any] | None:
    """Per field: the validated threshold and what it rests on; None without real postings."""
    table = real_labelled_postings(source_dir)
    if table is None:
        return None
    logits = classifier.logits(table.column("title"), table.column("description"))
    decided = classifier.decide(logits)
    out: dict[str, Any] = {"target_precision": TARGET_PRECISION, "postings": table.num_rows}
    for name in FIELDS:
        predicted, confidence = decided[name]
        truth = np.array([t if t else "" for t in table.column(name).to_pylist()], dtype=object)
        labelled = int((truth != "").sum())
        out[name] = {**threshold_for(truth, np.asarray(predicted, dtype=object),
                                     np.asarray(confidence, dtype=float)),
                     "labelled": labelled}  # fmt: skip
    return out
