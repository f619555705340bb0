"""Validation scores of a field: accuracy, macro-F1, per-class P/R/F1, calibration.

Why macro-F1 next to accuracy: the classes are unbalanced ("Other" is ~40% of job
families), so a model can gain accuracy by sacrificing a small class; macro-F1 weighs
every class equally. ``ece`` (expected calibration error, 10 equal-width confidence
bins) says how far the reported confidence is from the observed accuracy: a caller
thresholding ``*_confidence`` relies on it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 10
) -> float:
    """Row-weighted mean |accuracy - mean confidence| over equal-width confidence bins."""
    if len(confidence) == 0:
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    counts = np.bincount(which, minlength=bins)
    hits = np.bincount(which, weights=correct.astype(float), minlength=bins)
    conf = np.bincount(which, weights=confidence, minlength=bins)
    used = counts > 0
    gap = np.abs(hits[used] - conf[used]) / counts[used]
    return float((gap * counts[used]).sum() / counts.sum())


def field_scores(
    truth: np.ndarray, predicted: np.ndarray, confidence: np.ndarray
) -> dict[str, Any]:
    """Scores on the rows whose truth is known (None/'' truths are skipped)."""
    known = np.array([t is not None and t != "" for t in truth], bool)
    truth, predicted = truth[known].astype(str), predicted[known].astype(str)
    confidence = confidence[known]
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    present = support > 0  # macro-F1 over the classes that occur in the truth
    correct = truth == predicted
    return {
        "rows": int(known.sum()),
        "accuracy": round(float(correct.mean()), 4) if len(truth) else 0.0,
        "macro_f1": round(float(f1[present].mean()), 4) if present.any() else 0.0,
        "ece": round(expected_calibration_error(confidence, correct), 4),
        "per_class": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
    }


def format_scores(scores: dict[str, dict[str, Any]]) -> str:
    """A small text table: per field accuracy/macro-F1/ECE, then per class P/R/F1."""
    lines = []
    for name, s in scores.items():
        lines.append(
            f"{name}: rows={s['rows']} accuracy={s['accuracy']:.4f} "
            f"macro_f1={s['macro_f1']:.4f} ece={s['ece']:.4f}"
        )
        for label, c in s["per_class"].items():
            lines.append(
                f"    {label:<22} precision={c['precision']:.4f} recall={c['recall']:.4f} "
                f"f1={c['f1']:.4f} support={c['support']}"
            )
    return "\n".join(lines)
