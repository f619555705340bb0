"""The confidence threshold the cascade trusts, chosen on labelled real postings."""

from __future__ import annotations

import numpy as np

from python_udfs.model.real_validation import NEVER, threshold_for


def test_the_lowest_threshold_reaching_the_target_is_chosen() -> None:
    # 40 answers: above 0.8 every answer is right, below it half are
    confidence = np.array([0.95] * 20 + [0.7] * 20)
    truth = np.array(["A"] * 40, dtype=object)
    predicted = np.array(["A"] * 20 + ["A", "B"] * 10, dtype=object)
    chosen = threshold_for(truth, predicted, confidence, target=0.95)
    assert 0.7 < chosen["threshold"] <= 0.95
    assert (chosen["decided"], chosen["correct"], chosen["precision"]) == (20, 20, 1.0)
    # a lower target takes the lower confidences too
    assert threshold_for(truth, predicted, confidence, target=0.7)["threshold"] <= 0.7


def test_a_field_that_never_reaches_the_target_is_never_trusted() -> None:
    confidence = np.linspace(0.5, 0.99, 50)
    truth = np.array(["A"] * 50, dtype=object)
    predicted = np.array(["A", "B"] * 25, dtype=object)
    chosen = threshold_for(truth, predicted, confidence, target=0.95)
    assert chosen["threshold"] == NEVER > 1
    assert chosen["best_precision"] is not None and chosen["best_precision"] < 0.95


def test_a_guess_where_the_label_says_no_clue_counts_as_wrong() -> None:
    confidence = np.array([0.99] * 20)
    truth = np.array(["A"] * 10 + [""] * 10, dtype=object)
    predicted = np.array(["A"] * 20, dtype=object)
    assert threshold_for(truth, predicted, confidence, target=0.95)["threshold"] == NEVER
