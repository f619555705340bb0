"""Retrain with a guard: a candidate replaces the current model only if it is not worse.

Usage::

    python -m python_udfs.model.retrain --db data/salary_insights.duckdb \\
        --out artifacts/models [--eval-csv eval_postings.csv]

Trains a candidate (written to ``<out>/<version>/`` but not activated), scores the
current model and the candidate on one evaluation set, prints both, and moves
``<out>/current`` to the candidate only when its score is >= the current model's.
Refusing is a normal outcome (exit code 0): the rejected artifact stays on disk for
inspection and ``current`` is untouched.

The score is the mean over job_family and seniority of the macro-F1 (classes are
unbalanced, so accuracy alone would reward dropping a small class); accuracy is
printed beside it. Equal scores accept the candidate (it learned from newer data).

The evaluation set: rows with title, description, job_family, seniority (a label may
be empty: that field is then not scored on the row) from ``eval_rows`` / ``--eval-csv``
(later the ``eval_postings`` seed). Without one, the candidate's own validation split
is used; the current model may have trained on some of those rows (another data
snapshot), which favours it — the guard then errs on the side of keeping it.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from python_udfs.model.artifacts import IncompatibleArtifact, resolve_artifact, set_current
from python_udfs.model.classifier import FIELDS
from python_udfs.model.metrics import format_scores
from python_udfs.model.predict import load_model
from python_udfs.model.train import DEFAULT_MAX_ROWS, score, train_candidate

log = logging.getLogger(__name__)

EVAL_COLUMNS = ("title", "description", *FIELDS)


@dataclass
class RetrainResult:
    """The decision and the numbers it rests on."""

    accepted: bool
    candidate_version: str
    current_version: str | None
    candidate_score: float
    current_score: float | None
    candidate_scores: dict[str, Any]
    current_scores: dict[str, Any] | None
    eval_source: str


def read_eval_csv(path: str | Path) -> pa.Table:
    """An evaluation CSV (header: title, description, job_family, seniority)."""
    types = {name: pa.string() for name in EVAL_COLUMNS}
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types))
    missing = set(EVAL_COLUMNS) - set(table.column_names)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return table.select(list(EVAL_COLUMNS))


def mean_macro_f1(scores: dict[str, dict[str, Any]]) -> float:
    """The guard's single number: mean macro-F1 over the fields the eval set labels."""
    scored = [s["macro_f1"] for s in scores.values() if s["rows"] > 0]
    return round(sum(scored) / len(scored), 4) if scored else 0.0


def retrain(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    eval_rows: pa.Table | None = None,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    seed: int = 0,
) -> RetrainResult:
    """Train a candidate; activate it only if it scores >= the current model."""
    out_dir = Path(out_dir)
    current_dir = resolve_artifact(out_dir)
    candidate = train_candidate(db_path, out_dir, max_rows=max_rows, seed=seed, activate=False)
    eval_source = "eval rows" if eval_rows is not None else "candidate validation split"
    if eval_rows is None:
        eval_rows = candidate.data.validation
    candidate_scores = score(candidate.classifier, eval_rows)
    candidate_score = mean_macro_f1(candidate_scores)
    current_scores = current_score = current_version = None
    if current_dir is not None:
        try:
            current = load_model(current_dir)
        except IncompatibleArtifact as exc:  # unusable anyway: the candidate replaces it
            log.warning("%s", exc)
            current_version = f"{current_dir.name} (incompatible format)"
        else:
            current_version = current.version
            current_scores = score(current.classifier, eval_rows)
            current_score = mean_macro_f1(current_scores)
    accepted = current_score is None or candidate_score >= current_score
    if accepted:
        set_current(out_dir, candidate.artifact_dir.name)
    return RetrainResult(
        accepted, candidate.artifact_dir.name, current_version, candidate_score, current_score,
        candidate_scores, current_scores, eval_source,
    )  # fmt: skip


def report(result: RetrainResult) -> str:
    """What the CLI prints: both models' scores and the decision, in plain words."""
    lines = [f"evaluation set: {result.eval_source}"]
    lines.append(f"candidate {result.candidate_version}: mean macro-F1 {result.candidate_score}")
    lines.append(format_scores(result.candidate_scores))
    if result.current_version is None:
        lines.append("current: none")
    elif result.current_scores is None:
        lines.append(f"current {result.current_version}: not scored")
    else:
        lines.append(f"current {result.current_version}: mean macro-F1 {result.current_score}")
        lines.append(format_scores(result.current_scores or {}))
    if result.accepted:
        lines.append(f"ACCEPTED: current -> {result.candidate_version}")
    else:
        lines.append(
            f"REFUSED: candidate scores lower ({result.candidate_score} < "
            f"{result.current_score}); current stays {result.current_version}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/salary_insights.duckdb", help="warehouse file")
    parser.add_argument("--out", default="artifacts/models", help="models directory")
    parser.add_argument("--eval-csv", type=Path, help="title,description,job_family,seniority")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS,
                        help="cap on training rows (stratified sample); 0 = all")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    eval_rows = read_eval_csv(args.eval_csv) if args.eval_csv else None
    result = retrain(args.db, args.out, eval_rows=eval_rows, max_rows=args.max_rows, seed=args.seed)
    print(report(result))


if __name__ == "__main__":
    main()
