"""Train/validation split that keeps near-duplicate postings together, stratified by label.

A validation score only means something for postings the model has not seen. The same job
is often posted several times (other boards, reposts, small edits), so postings are grouped
first: two postings are in one group when they share a ``dedup_key`` (one canonical job) or
the same company and title (case and white space ignored), and transitively so (union-find
over both keys). Whole groups then go to one side, chosen greedily so that each label's
share of validation rows stays close to ``validation_share``.

:func:`check_no_leakage` re-checks the result from the keys alone, independently of the
grouping code, and raises if any key is found on both sides.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence


class LeakageError(RuntimeError):
    """A near-duplicate key occurs in both the train and the validation split."""


def _normal(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def near_duplicate_keys(dedup_key: str | None, company: str | None, title: str | None) -> list[str]:
    """The keys that tie a posting to its near-duplicates: dedup_key and company + title.

    A missing company counts as the empty company (two untitled-company "Data Engineer"
    postings are kept together: the safe side for leakage); a posting without a title has
    no company + title key.
    """
    keys = [f"dedup:{dedup_key}"] if dedup_key is not None else []
    if _normal(title):
        keys.append(f"company_title:{_normal(company)}\x1f{_normal(title)}")
    return keys


class UnionFind:
    """Disjoint sets over hashable items, with path halving and union by size."""

    def __init__(self) -> None:
        self._parent: dict[Hashable, Hashable] = {}
        self._size: dict[Hashable, int] = {}

    def find(self, item: Hashable) -> Hashable:
        parent = self._parent.setdefault(item, item)
        self._size.setdefault(item, 1)
        while parent != item:
            grandparent = self._parent[parent]
            self._parent[item] = grandparent
            item, parent = grandparent, self._parent[grandparent]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if self._size[root_a] < self._size[root_b]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._size[root_a] += self._size[root_b]


def group_ids(keys_per_row: Sequence[Iterable[str]]) -> list[int]:
    """A group number per row: rows sharing any key, directly or through others, share one."""
    sets = UnionFind()
    for row, keys in enumerate(keys_per_row):
        sets.find(("row", row))
        for key in keys:
            sets.union(("row", row), ("key", key))
    numbers: dict[Hashable, int] = {}
    return [
        numbers.setdefault(sets.find(("row", row)), len(numbers))
        for row in range(len(keys_per_row))
    ]


def stratified_group_split(
    labels: Sequence[str], groups: Sequence[int], validation_share: float, seed: int = 0
) -> list[bool]:
    """True for the rows that go to validation; groups are never split.

    Greedy: groups are visited largest first (ties in a seeded random order) and a group
    goes to validation when that brings the validation count of its labels closer to
    ``validation_share`` of each label's total (sum of squared shortfalls). Both sides get
    at least one group when there are two or more.
    """
    if not 0.0 < validation_share < 1.0:
        raise ValueError(f"validation_share must be between 0 and 1, got {validation_share}")
    members: dict[int, list[int]] = defaultdict(list)
    for row, group in enumerate(groups):
        members[group].append(row)
    target = {label: validation_share * n for label, n in Counter(labels).items()}
    order = list(members)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -len(members[g]))  # stable: the shuffle breaks ties
    in_validation: Counter[str] = Counter()
    chosen: set[int] = set()
    for group in order:
        counts = Counter(labels[row] for row in members[group])
        # change of sum((val[l] - target[l])**2) when the group is added to validation
        delta = sum(
            (in_validation[label] + n - target[label]) ** 2
            - (in_validation[label] - target[label]) ** 2
            for label, n in counts.items()
        )
        if delta < 0:
            chosen.add(group)
            in_validation.update(counts)
    if len(members) >= 2 and not chosen:
        chosen.add(min(members, key=lambda g: (len(members[g]), g)))
    if len(members) >= 2 and len(chosen) == len(members):
        chosen.discard(max(members, key=lambda g: (len(members[g]), -g)))
    return [group in chosen for group in groups]


def check_no_leakage(keys_per_row: Sequence[Iterable[str]], is_validation: Sequence[bool]) -> None:
    """Raise LeakageError if any near-duplicate key has rows on both sides of the split."""
    sides: dict[str, set[bool]] = defaultdict(set)
    for keys, side in zip(keys_per_row, is_validation, strict=True):
        for key in keys:
            sides[key].add(side)
    crossing = sorted(key for key, seen in sides.items() if len(seen) > 1)
    if crossing:
        raise LeakageError(
            f"{len(crossing)} near-duplicate key(s) on both sides of the split, e.g. "
            f"{crossing[0]!r}"
        )
