"""Apply the local model: in Python (``load_model``) and in SQL (``model_classify_job``,
``model_skill_weight``).

In SQL, on any DuckDB connection::

    import duckdb
    from python_udfs.model.predict import register_model_udfs

    con = duckdb.connect("data/salary_insights.duckdb")
    register_model_udfs(con)  # artifacts/models/current, or $SALARY_INSIGHTS_MODEL_DIR
    con.sql("select model_classify_job(title, description).* from fct_postings")

``model_classify_job(title VARCHAR, description VARCHAR)`` returns
``STRUCT(job_family, job_family_confidence, seniority, seniority_confidence,
model_version)``; it is NULL for a row without title and description, and for every
row when no model has been trained yet — so a fresh clone builds before any training.
``model_skill_weight(skill VARCHAR, job_family VARCHAR)`` returns the DOUBLE evidence the
model learned that a posting naming the skill belongs to the family (a centred log-odds
contribution; NULL likewise), see :mod:`python_udfs.model.skill_weights`.

Why it is fast enough for a million rows a minute: it is an Arrow UDF (one call per
DuckDB vector of rows), the description features are Arrow kernels, and the title half
of the logits is computed once per distinct title and cached across calls (titles
repeat: ~12k distinct per million postings). It is deterministic, so it is declared
without side effects.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from python_udfs.model.artifacts import MODEL_FILE, read_metadata, resolve_artifact
from python_udfs.udf_registration import register_udf

if TYPE_CHECKING:
    from python_udfs.model.classifier import JobClassifier

# scikit-learn, scipy and joblib (~2 s to import) are imported when a model is loaded,
# not with this module: dbt imports it through the plugin on every invocation, also
# when no model is trained.

log = logging.getLogger(__name__)

UDF_NAME = "model_classify_job"
SKILL_WEIGHT_UDF_NAME = "model_skill_weight"
MIN_CONFIDENCE_UDF_NAME = "model_min_confidence"
RESULT_FIELDS = (
    ("job_family", "VARCHAR", pa.string()),
    ("job_family_confidence", "DOUBLE", pa.float64()),
    ("seniority", "VARCHAR", pa.string()),
    ("seniority_confidence", "DOUBLE", pa.float64()),
    ("model_version", "VARCHAR", pa.string()),
)
RESULT_SQL = "STRUCT(" + ", ".join(f"{n} {t}" for n, t, _ in RESULT_FIELDS) + ")"
RESULT_ARROW = pa.struct([(n, a) for n, _, a in RESULT_FIELDS])
TITLE_CACHE_LIMIT = 500_000  # distinct titles kept (7 floats each); cleared when full
BATCH_ROWS = 131_072


class LocalModel:
    """A loaded artifact: the classifier, its metadata, a per-title logit cache and the
    skill weights (``skills.weigh(skills, families)``, cached per skill text)."""

    def __init__(self, classifier: JobClassifier, metadata: dict[str, Any], path: Path) -> None:
        self.classifier = classifier
        self.metadata = metadata
        self.path = path
        self.version: str = metadata["version"]
        self._title_logits: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        from python_udfs.model.skill_weights import SkillWeights

        self.skills = SkillWeights(classifier)

    def _titles_part(self, unique: list[str]) -> np.ndarray:
        """Title logits of each distinct title, from the cache or computed (then cached)."""
        cache = self._title_logits
        missing = [t for t in unique if t not in cache]
        if missing:
            computed = dict(zip(missing, self.classifier.title_logits(missing)))
            with self._lock:
                if len(cache) + len(computed) > TITLE_CACHE_LIMIT:
                    cache.clear()
                cache.update(computed)
            return np.stack([computed[t] if t in computed else cache[t] for t in unique])
        return np.stack([cache[t] for t in unique])

    def _predict_batch(self, titles: pa.Array, descriptions: pa.Array) -> dict[str, np.ndarray]:
        from python_udfs.model.features import distinct_titles

        unique, inverse = distinct_titles(titles)
        logits = self._titles_part(unique)[inverse]
        logits += self.classifier.description_logits(descriptions)
        out: dict[str, np.ndarray] = {}
        for name, (labels, confidence) in self.classifier.decide(logits).items():
            out[name] = labels
            out[f"{name}_confidence"] = confidence
        return out

    def predict(self, titles: Any, descriptions: Any) -> dict[str, np.ndarray]:
        """Labels and confidences per row (arrays or lists of str/None, equal length).

        Returns numpy arrays keyed job_family, job_family_confidence, seniority,
        seniority_confidence, model_version. Works in batches of ``BATCH_ROWS`` so
        memory stays flat on millions of rows.
        """
        from python_udfs.model.text import _as_strings

        titles, descriptions = _as_strings(titles), _as_strings(descriptions)
        if len(titles) != len(descriptions):
            raise ValueError("titles and descriptions must have the same length")
        n = len(titles)
        parts = [
            self._predict_batch(
                titles.slice(start, BATCH_ROWS), descriptions.slice(start, BATCH_ROWS)
            )
            for start in range(0, n, BATCH_ROWS)
        ]
        out = {
            name: np.concatenate([p[name] for p in parts]) if parts else np.array([], dtype)
            for name, dtype in (
                ("job_family", object), ("job_family_confidence", np.float64),
                ("seniority", object), ("seniority_confidence", np.float64),
            )
        }  # fmt: skip
        out["model_version"] = np.full(n, self.version, dtype=object)
        return out


def load_model(artifact_dir: str | Path | None = None) -> LocalModel:
    """Load an artifact (directory, models directory or ``current`` file; see resolve)."""
    path = resolve_artifact(artifact_dir)
    if path is None:
        raise FileNotFoundError(f"no model artifact at {artifact_dir or 'the default location'}")
    metadata = read_metadata(path)  # checks the format before unpickling
    import joblib

    return LocalModel(joblib.load(path / MODEL_FILE), metadata, path)


_LOADED: dict[Path, LocalModel] = {}


def _shared_model(path: Path) -> LocalModel:
    """One LocalModel per artifact per process: dbt opens several connections, and they
    share the load and the title cache. Safe because an artifact never changes in place
    (a new training writes a new version directory)."""
    key = path.resolve()
    if key not in _LOADED:
        _LOADED[key] = load_model(key)
    return _LOADED[key]


def _udf(model: LocalModel | None):
    """The Arrow UDF: a struct per row; NULL without model or without any text."""

    def model_classify_job(title: pa.Array, description: pa.Array) -> pa.Array:
        n = len(title)
        if model is None:
            return pa.nulls(n, RESULT_ARROW)
        result = model.predict(title, description)
        no_text = pc.and_(pc.is_null(title), pc.is_null(description))
        children = [pa.array(result[name], type=arrow) for name, _, arrow in RESULT_FIELDS]
        return pa.StructArray.from_arrays(
            children, fields=list(RESULT_ARROW), mask=_combine(no_text)
        )

    return model_classify_job


def _skill_weight_udf(model: LocalModel | None):
    """The Arrow UDF: a DOUBLE per row; NULL without model, skill text or known family."""

    def model_skill_weight(skill: pa.Array, job_family: pa.Array) -> pa.Array:
        if model is None:
            return pa.nulls(len(skill), pa.float64())
        return model.skills.weigh(skill, job_family)

    return model_skill_weight


def _combine(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _min_confidence_udf(model: LocalModel | None):
    """``model_min_confidence(field)``: the confidence validated on real postings, or NULL.

    NULL when no model is trained or the artifact was trained without the real postings
    (the cascade then falls back to 0.9); above 1 when the field's precision never reached
    the target (the cascade never takes that field from the model).
    """
    validated = (model.metadata.get("real_validation") or {}) if model is not None else {}

    def model_min_confidence(field: pa.Array) -> pa.Array:
        values = [
            (validated.get(name) or {}).get("threshold") if name is not None else None
            for name in _combine(field).to_pylist()
        ]
        return pa.array(values, pa.float64())

    return model_min_confidence


def _register(
    con: duckdb.DuckDBPyConnection, name: str, function: Any, return_sql: str, arity: int = 2
) -> None:
    """(Re)register one deterministic VARCHAR-argument Arrow UDF on ``con``."""
    register_udf(
        con, name, function, ["VARCHAR"] * arity, return_sql,
        type="arrow", null_handling="special", side_effects=False,
    )  # fmt: skip


def register_model_udfs(
    con: duckdb.DuckDBPyConnection, artifact_dir: str | Path | None = None
) -> LocalModel | None:
    """Register ``model_classify_job``, ``model_skill_weight`` and ``model_min_confidence``
    on ``con``; return the model (None if untrained: the UDFs then return NULL).

    ``artifact_dir``, else env ``SALARY_INSIGHTS_MODEL_DIR``, else
    ``artifacts/models/current``. Safe to call again on the same connection (it
    replaces the functions, e.g. after a retrain).
    """
    path = resolve_artifact(artifact_dir)
    model = _shared_model(path) if path is not None else None
    if model is None:
        log.warning(
            "no local model found; %s and %s return NULL until one is trained",
            UDF_NAME, SKILL_WEIGHT_UDF_NAME,
        )  # fmt: skip
    _register(con, UDF_NAME, _udf(model), RESULT_SQL)
    _register(con, SKILL_WEIGHT_UDF_NAME, _skill_weight_udf(model), "DOUBLE")
    _register(con, MIN_CONFIDENCE_UDF_NAME, _min_confidence_udf(model), "DOUBLE", arity=1)
    return model
