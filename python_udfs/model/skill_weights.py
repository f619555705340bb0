"""What the local model learned about skills: a weight per skill and job family.

``model_skill_weight(skill, job_family)`` (SQL, registered by
:func:`python_udfs.model.predict.register_model_udfs`) and :meth:`SkillWeights.weigh`
(Python) return, for a skill's text and a job family, the job-family logit that the
model's *description* half gives a description consisting of the skill's text alone,
minus the mean of those logits over all families::

    weight(skill, f) = d_f(skill) - mean_g d_g(skill)
    d(skill) = tfidf(skill) @ coef_description          # as in description_logits

``tfidf`` is the fitted description vectoriser (lower-cased words of the skill's name,
the row L2-normalised), so for a one-word skill ("pytorch") the weight is that word's
centred coefficient, and for a longer name ("stakeholder management") the idf-weighted
combination of its words' coefficients (and of their n-grams when the model has them).

Why this quantity: the model is linear, so a posting's family logits are a sum of
parts, and the softmax ignores any constant added to all families. The centred part is
therefore exactly the skill's additive contribution to the log-odds
``log p_f - mean_g log p_g`` of a posting whose description is the skill's name alone
(no title): positive = evidence for the family, 0 = none; comparable across the skills
of one family (the ranking ``top_skills.model_rank`` uses) and across the families of
one skill. In a real description the same words contribute the same direction scaled by
``||tfidf(skill words)|| / ||tfidf(description)||`` (for a one-word skill: its idf over
the description's norm): the description's norm is common to every skill it names, and
the idf is left out on purpose, so a skill ranks by what the model learned per unit of
its feature, not by how rare its word is. Why description features only: skills are
named in descriptions; the title half was learned on job titles, and its character
n-grams would give every string (even one the model never saw) some spurious evidence.

It is NULL for a NULL skill or family, for a family the model does not know (labels
are case-sensitive: ``'Data Science'``), for a skill none of whose words is in the
model's vocabulary (no learned evidence, rather than a misleading 0), and for every row
when no model is trained. Deterministic; computed once per distinct lower-cased skill
text and cached (canonical skill names are a few hundred).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from python_udfs.model.classifier import JobClassifier
from python_udfs.model.text import _as_strings

FAMILY_FIELD = "job_family"
CACHE_LIMIT = 100_000  # distinct skill texts kept; cleared when full (free text, not names)


def _array(values: pa.Array | pa.ChunkedArray | Sequence[str | None]) -> pa.Array:
    """One Arrow string array, nulls kept (``_as_strings`` would make them '')."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), pa.string())
    return values if pa.types.is_string(values.type) else values.cast(pa.string())


class SkillWeights:
    """Centred job-family description logits of skill texts, cached per distinct text."""

    def __init__(self, classifier: JobClassifier) -> None:
        field = classifier.fields[FAMILY_FIELD]
        self.families: list[str] = [str(label) for label in field.classes]
        self._family_set = pa.array(self.families, pa.string())
        n_title = classifier.features.n_title_features
        self._coef = field.coef[n_title:]  # description rows of the family coefficients
        self._vectoriser = classifier.features.description
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _compute(self, texts: list[str]) -> np.ndarray:
        """(texts x families) centred weights; a row of NaN for a text with no known word."""
        blocks, norms = self._vectoriser.transform_blocks(_as_strings(texts))
        scores = sum(np.asarray(block @ self._coef, np.float64) for block in blocks)
        scores = scores / norms[:, None]
        known = sum(block.getnnz(axis=1) for block in blocks) > 0
        centred = scores - scores.mean(axis=1, keepdims=True)
        centred[~known] = np.nan
        return centred

    def _rows(self, texts: list[str]) -> np.ndarray:
        """Weights of distinct lower-cased texts, from the cache or computed (then cached).

        Under one lock: DuckDB calls a UDF from several threads, and a few hundred skill
        names cost milliseconds, so computing once beats computing in parallel.
        """
        if not texts:
            return np.zeros((0, len(self.families)))
        with self._lock:
            cache = self._cache
            missing = [t for t in texts if t not in cache]
            if missing:
                if len(cache) + len(missing) > CACHE_LIMIT:
                    cache.clear()
                cache.update(zip(missing, self._compute(missing)))
            return np.stack([cache[t] for t in texts])

    def weigh(
        self,
        skills: pa.Array | pa.ChunkedArray | Sequence[str | None],
        families: pa.Array | pa.ChunkedArray | Sequence[str | None],
    ) -> pa.Array:
        """The weight of each (skill, family) row as float64, NULL where undefined."""
        skills, families = _array(skills), _array(families)
        if len(skills) != len(families):
            raise ValueError("skills and families must have the same length")
        encoded = pc.dictionary_encode(pc.utf8_lower(skills))
        table = self._rows(encoded.dictionary.to_pylist())
        skill_index = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64)
        family_index = pc.index_in(families, value_set=self._family_set)
        family_index = pc.fill_null(family_index, -1).to_numpy().astype(np.int64)
        values = np.full(len(skills), np.nan)
        both = (skill_index >= 0) & (family_index >= 0)
        values[both] = table[skill_index[both], family_index[both]]
        return pa.array(values, pa.float64(), mask=np.isnan(values))

    def by_family(self, skill: str) -> dict[str, float] | None:
        """All families' weights of one skill (None when none of its words is known)."""
        row = self._rows([skill.lower()])[0]
        if np.isnan(row).all():
            return None
        return {family: float(w) for family, w in zip(self.families, row)}
