"""Train the local job-family / seniority model from the warehouse's rule labels.

Usage::

    python -m python_udfs.model.train --db data/salary_insights.duckdb --out artifacts/models

Reads the rule-labeled canonical postings (read-only), holds out a 10% validation
split grouped by title + company, fits the features and one logistic regression per
field on (a sample of at most ``--max-rows`` of) the rest, prints the validation scores
and writes ``<out>/<version>/`` (model.joblib + metadata.json), then points
``<out>/current`` at it. :mod:`python_udfs.model.retrain` is the guarded variant that
keeps the current model when a candidate scores lower.

Why a default cap of 300k training rows: the learning curve on a 1M-posting warehouse
(``bench/model_benchmark.py --learning-curve``) gains about half a point of seniority
validation accuracy per tripling (0.924 at 50k, 0.928 at 100k, 0.934 at 300k rows;
job_family is at 0.9998 from 50k on) while the fit time triples; at 300k the command
took 76 s on a million labeled rows with its 2 cores shared (load average 4.5-5.6),
within the 2-minute budget. ``--max-rows 0`` trains on every row.

Why 30% of the training rows have their title blanked (``TITLE_DROPOUT``): the model
is applied to the postings the rules leave undecided, whose titles carry no family or
seniority keyword. Trained on full titles only, it leans on the title keywords (they
decide every training label) and is confidently wrong without them; with some titles
blanked it also learns the description's evidence. On a 100k generated warehouse,
against the generator's truth on the rule-undecided postings: job_family accuracy 0.83
-> 1.00 (ECE 0.068 -> 0.026), seniority 0.38 -> 0.44 (ECE 0.16 -> 0.08; 98% right at
confidence >= 0.9), with validation scores unchanged.

Why seniority learns from both rule bases (title keywords *and* years of experience):
on the same warehouse, training on title-basis rows only lowers the seniority accuracy
against the generator's truth from 0.86 to 0.81 on the validation postings and from
0.44 to 0.40 on the rule-undecided ones (ECE 0.08 -> 0.19 there).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sklearn

from python_udfs import progress
from python_udfs.model.artifacts import new_version, set_current, write_artifact
from python_udfs.model.classifier import FIELDS, FieldModel, JobClassifier, SolverSettings
from python_udfs.model.data import SENIORITY_BASES, LabeledData, load_labeled
from python_udfs.model.features import FeatureSettings, TextFeatures
from python_udfs.model.metrics import field_scores, format_scores
from python_udfs.model.real_validation import validate as validate_on_real_postings

DEFAULT_MAX_ROWS = 300_000
VALIDATION_SHARE = 0.1
TITLE_DROPOUT = 0.3


@dataclass
class TrainResult:
    """What a training run produced (``train`` returns only the directory)."""

    artifact_dir: Path
    metadata: dict[str, Any]
    data: LabeledData
    classifier: JobClassifier


def fit_classifier(
    training: pa.Table,
    features: FeatureSettings,
    solver: SolverSettings,
    title_dropout: float = TITLE_DROPOUT,
    step: progress.Step = progress.no_step,
) -> JobClassifier:
    """Fit the feature map on the training rows, then one model per field.

    ``title_dropout``: the share of training rows whose title is blanked for the model
    fit (seeded), so it also learns what descriptions alone say; see the module doc.
    ``step``: marks the features and each field as a step of a progress bar
    (:func:`python_udfs.progress.steps`, ``FIT_STEPS`` of them); by default nothing.
    """
    titles, descriptions = training.column("title"), training.column("description")
    with step("fitting features"):
        text = TextFeatures(features).fit(titles, descriptions)
        if title_dropout > 0:
            blank = np.random.default_rng(solver.seed).random(len(titles)) < title_dropout
            titles = pc.if_else(pa.array(blank), pa.scalar("", pa.string()), titles)
        X = text.matrix(titles, descriptions)
    classifier = JobClassifier(text)
    for name in FIELDS:
        with step(f"fitting {name}"):
            labels = training.column(name)
            known = pc.is_valid(labels).to_numpy(zero_copy_only=False)
            y = np.asarray(labels.filter(pc.is_valid(labels)).to_pylist(), dtype=object)
            if len(set(y)) < 2:
                raise ValueError(f"{name}: need at least two classes to learn, got {set(y)}")
            classifier.fields[name] = FieldModel.fit(name, X[known], y, solver)
    return classifier


FIT_STEPS = 1 + len(FIELDS)  # the steps fit_classifier marks: features, then each field


def score(classifier: JobClassifier, rows: pa.Table) -> dict[str, dict[str, Any]]:
    """Per-field scores of ``classifier`` on rows with title, description and labels."""
    logits = classifier.logits(rows.column("title"), rows.column("description"))
    decided = classifier.decide(logits)
    out = {}
    for name, (predicted, confidence) in decided.items():
        truth = np.asarray(rows.column(name).to_pylist(), dtype=object)
        out[name] = field_scores(truth, predicted, confidence)
    return out


def label_counts(rows: pa.Table) -> dict[str, dict[str, int]]:
    out = {}
    for name in FIELDS:
        counts = pc.value_counts(rows.column(name).drop_null()).to_pylist()
        out[name] = {c["values"]: c["counts"] for c in sorted(counts, key=lambda c: c["values"])}
    return out


def train_candidate(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    seed: int = 0,
    features: FeatureSettings | None = None,
    seniority_bases: tuple[str, ...] = SENIORITY_BASES,
    activate: bool = True,
) -> TrainResult:
    """Train, validate and write an artifact; point ``current`` at it if ``activate``."""
    started = time.perf_counter()
    features = features or FeatureSettings()
    solver = SolverSettings(seed=seed)
    # a bar on a terminal (python_udfs.progress): load, fit, validate take ~1-2 minutes
    with progress.steps("train", total=3 + FIT_STEPS) as step:
        with step("loading rule labels"):
            data = load_labeled(
                db_path, max_rows=max_rows or None, validation_share=VALIDATION_SHARE,
                seed=seed, description_chars=features.description_chars,
                seniority_bases=seniority_bases,
            )  # fmt: skip
        loaded = time.perf_counter()
        classifier = fit_classifier(data.training, features, solver, TITLE_DROPOUT, step)
        fitted = time.perf_counter()
        with step("validating"):
            validation = score(classifier, data.validation)
        # the confidence to trust per field, on hand-labelled real postings (when present)
        with step("validating on real postings"):
            real_validation = validate_on_real_postings(classifier)
    now = datetime.now(timezone.utc)
    metadata = {
        "version": None,  # set by write_artifact
        "created_at": now.isoformat(timespec="seconds"),
        "source_db": str(db_path),
        "data_hash": data.data_hash,
        "labeled_rows": data.labeled_rows,
        "training_rows": data.training.num_rows,
        "validation_rows": data.validation.num_rows,
        "max_rows": max_rows or None,
        "seed": seed,
        "seniority_bases": list(seniority_bases),
        "label_counts": {
            "training": label_counts(data.training),
            "validation": label_counts(data.validation),
        },
        "validation": validation,
        "real_validation": real_validation,
        "features": features.as_dict(),
        "title_dropout": TITLE_DROPOUT,
        "solver": solver.as_dict(),
        "n_features": classifier.features.n_title_features
        + classifier.features.description.n_features,
        "sklearn_version": sklearn.__version__,
        "seconds": {
            "load": round(loaded - started, 2),
            "fit": round(fitted - loaded, 2),
            "validate": round(time.perf_counter() - fitted, 2),
        },
    }
    out_dir = Path(out_dir)
    artifact = write_artifact(out_dir, new_version(data.data_hash, now), classifier, metadata)
    metadata["version"] = artifact.name
    if activate:
        set_current(out_dir, artifact.name)
    return TrainResult(artifact, metadata, data, classifier)


def train(
    db_path: str | Path,
    out_dir: str | Path,
    *,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    seed: int = 0,
) -> Path:
    """Train on the warehouse's rule labels; write and activate the artifact; return it.

    ``max_rows`` caps the (stratified-sampled) training rows; None or 0 means all.
    """
    return train_candidate(db_path, out_dir, max_rows=max_rows, seed=seed).artifact_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/salary_insights.duckdb", help="warehouse file")
    parser.add_argument("--out", default="artifacts/models", help="models directory")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS,
                        help="cap on training rows (stratified sample); 0 = all")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = train_candidate(args.db, args.out, max_rows=args.max_rows, seed=args.seed)
    m = result.metadata
    print(
        f"trained {m['version']} on {m['training_rows']} rows "
        f"({m['labeled_rows']} rule-labeled, data hash {m['data_hash'][:8]}) "
        f"in {sum(m['seconds'].values()):.1f} s"
    )
    print(f"validation ({m['validation_rows']} rows):")
    print(format_scores(m["validation"]))
    real = m["real_validation"]
    if real is None:
        print(
            "no real postings found: the cascade trusts the model at 0.9 (var model_min_confidence)"
        )
    else:
        print(f"on {real['postings']} hand-labelled real postings (target precision "
              f"{real['target_precision']:.0%}), the cascade trusts the model:")  # fmt: skip
        for name in ("job_family", "seniority"):
            field = real[name]
            if field["threshold"] > 1:
                print(f"  {name}: never (best precision {field['best_precision']} "
                      f"at {field['best_at']})")  # fmt: skip
            else:
                print(f"  {name}: at confidence >= {field['threshold']} "
                      f"({field['correct']}/{field['decided']} right)")  # fmt: skip
    print(f"written to {result.artifact_dir}; {Path(args.out) / 'current'} -> {m['version']}")


if __name__ == "__main__":
    main()
