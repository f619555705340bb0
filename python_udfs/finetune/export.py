"""Export OpenAI chat fine-tuning JSONL for the LLM tasks from the warehouse.

Training targets are the fields the SQL rules decided (``*_method = 'rule'`` in
``fct_postings``): the rules are precise where they fire, and the LLM is asked exactly
where they do not, so a model fine-tuned on them learns the project's reading of a posting.
Evaluation postings (``posting_id`` starting with ``eval-``) are never exported.

Each task's input is built in SQL the way ``int_postings__llm_requests`` builds it (the
description cut at ``llm_max_input_chars``, the salary text prepended to it for salary), and
sent through the UDFs' own prompt and user-message code (:mod:`.examples`). A target that
the task's pydantic contract or its grounding check would reject is skipped and counted:
training on answers the UDF would throw away teaches nothing useful.

Usage::

    python -m python_udfs.finetune.export --db data/salary_insights.duckdb \
        --out artifacts/finetune [--tasks classification salary] [--max-rows 2000]

writes ``<task>_train.jsonl``, ``<task>_validation.jsonl`` and ``manifest.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, ValidationError

from python_udfs import progress
from python_udfs.finetune.examples import (
    approx_tokens,
    build_example,
    example_line,
    prompts_dir,
)
from python_udfs.finetune.split import (
    check_no_leakage,
    group_ids,
    near_duplicate_keys,
    stratified_group_split,
)
from python_udfs.llm.schemas import EVIDENCE_MAX_CHARS
from python_udfs.llm.tasks import TASKS, input_hash, load_prompt

log = logging.getLogger(__name__)

ALL_TASKS = ("classification", "salary", "experience")
# Mirrors var llm_max_input_chars of dbt_project.yml: what the UDFs are sent at most.
MAX_INPUT_CHARS = 6000

_POSTINGS_SQL = """
select
    facts.posting_id,
    facts.job_family,
    facts.seniority,
    facts.experience_min_years,
    facts.salary_min,
    facts.salary_max,
    facts.salary_currency,
    facts.salary_period,
    cast(postings.dedup_key as varchar) as dedup_key,
    postings.company,
    postings.title,
    left(postings.description, $max_chars) as description,
    left(concat_ws(chr(10), postings.salary_text, left(postings.description, $max_chars)),
         $max_chars) as salary_input
from fct_postings as facts
inner join int_postings__deduplicated as postings using (posting_id)
where facts.posting_id not like 'eval-%'
    and {condition}
order by facts.posting_id
"""


@dataclass(frozen=True)
class _TaskQuery:
    """Which rows are training examples for a task, and how a row becomes input and target."""

    condition: str  # SQL over fct_postings: the rules decided the target
    inputs: tuple[str, ...]  # columns, in the order of Task.input_fields

    def target(self, task: str, row: dict[str, Any]) -> BaseModel:
        model = TASKS[task].extraction
        if task == "classification":
            # the title is the quote the rules decided from (and always in the posting)
            evidence = (row["title"] or row["description"] or "")[:EVIDENCE_MAX_CHARS]
            return model(
                job_family=row["job_family"], seniority=row["seniority"], evidence=evidence
            )
        if task == "salary":
            return model(
                salary_min=_float(row["salary_min"]),
                salary_max=_float(row["salary_max"]),
                currency=row["salary_currency"],
                period=row["salary_period"],
            )
        return model(experience_min_years=row["experience_min_years"])


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


_QUERIES: dict[str, _TaskQuery] = {
    # both fields of the answer must be rule-decided: a NULL seniority from the rules means
    # "undecided", not "the posting gives no clue", and must not be taught as an answer
    "classification": _TaskQuery(
        "facts.job_family_method = 'rule' and facts.seniority_method = 'rule'",
        ("title", "description"),
    ),
    "salary": _TaskQuery("facts.salary_method = 'rule'", ("salary_input",)),
    "experience": _TaskQuery("facts.experience_method = 'rule'", ("description",)),
}


def label_of(task: str, target: BaseModel) -> str:
    """The label a task is stratified and counted by."""
    if task == "classification":
        return f"{target.job_family} / {target.seniority}"  # type: ignore[attr-defined]
    if task == "salary":
        return str(target.period)  # type: ignore[attr-defined]
    return str(target.experience_min_years)  # type: ignore[attr-defined]


def _label_order(label: str) -> tuple[bool, int, str]:
    """Numbers numerically (2 before 10), then text alphabetically."""
    return (not label.isdigit(), int(label) if label.isdigit() else 0, label)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _rows(con: duckdb.DuckDBPyConnection, task: str, max_chars: int) -> list[dict[str, Any]]:
    cursor = con.execute(
        _POSTINGS_SQL.format(condition=_QUERIES[task].condition), {"max_chars": max_chars}
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _examples(
    task: str, rows: list[dict[str, Any]], prompt_version: str | None
) -> tuple[list[dict[str, Any]], Counter[str], str]:
    """(kept rows with 'example', 'label' and 'keys', skip counts, prompt version)."""
    prompt = load_prompt(task, prompts_dir(), prompt_version)
    spec, grounding = _QUERIES[task], TASKS[task].grounding
    kept, skipped = [], Counter()
    # a bar on a terminal (python_udfs.progress): every row is built and checked here
    for row in progress.iterate(rows, f"export {task}", unit="row"):
        values = [row[column] for column in spec.inputs]
        if not any(v and v.strip() for v in values):
            skipped["empty_input"] += 1
            continue
        try:
            target = spec.target(task, row)
        except ValidationError:
            skipped["invalid_target"] += 1
            continue
        if grounding is not None and grounding(target, "\n".join(v for v in values if v)):
            skipped["ungrounded"] += 1
            continue
        keys = near_duplicate_keys(row["dedup_key"], row["company"], row["title"])
        keys.append(f"input:{input_hash(values)}")  # identical inputs: one group as well
        kept.append(
            {
                "posting_id": row["posting_id"],
                "example": build_example(task, prompt, values, target),
                "label": label_of(task, target),
                "keys": keys,
            }
        )
    return kept, skipped, prompt.version


def _write(path: Path, task: str, rows: list[dict[str, Any]]) -> int:
    """Check every line, then write the JSONL file; return its token estimate.

    Nothing is written unless every line passes :func:`check_example`.
    """
    lines = [example_line(row["example"], task) for row in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    return sum(approx_tokens(m["content"]) for row in rows for m in row["example"]["messages"])


def _export_task(
    con: duckdb.DuckDBPyConnection,
    task: str,
    out_dir: Path,
    validation_share: float,
    seed: int,
    max_rows: int | None,
    max_chars: int,
    prompt_version: str | None,
) -> dict[str, Any]:
    rows, skipped, prompt_version = _examples(task, _rows(con, task, max_chars), prompt_version)
    if max_rows is not None and len(rows) > max_rows:
        rows = random.Random(seed).sample(rows, max_rows)
        rows.sort(key=lambda r: r["posting_id"])
    keys = [row["keys"] for row in rows]
    groups = group_ids(keys)
    labels = [row["label"] for row in rows]
    is_validation = stratified_group_split(labels, groups, validation_share, seed)
    check_no_leakage(keys, is_validation)
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)  # files in no particular order: nothing to learn from it
    entry: dict[str, Any] = {
        "prompt_version": prompt_version,
        "response_model": TASKS[task].extraction.__name__,
        "files": {},
        "rows": {},
        "groups": {},
        "labels": {},
        "approx_tokens": {},
        "sha256": {},
        "skipped": dict(sorted(skipped.items())),
    }
    for split, wanted in (("train", False), ("validation", True)):
        chosen = [rows[i] for i in order if is_validation[i] == wanted]
        path = out_dir / f"{task}_{split}.jsonl"
        entry["approx_tokens"][split] = _write(path, task, chosen)
        entry["files"][split] = path.name
        entry["rows"][split] = len(chosen)
        entry["groups"][split] = len({groups[i] for i in order if is_validation[i] == wanted})
        counts = Counter(r["label"] for r in chosen)
        entry["labels"][split] = {
            label: counts[label] for label in sorted(counts, key=_label_order)
        }
        entry["sha256"][split] = sha256_file(path)
    entry["data_hash"] = entry["sha256"]["train"]
    return entry


def export(
    db_path: str | Path,
    out_dir: str | Path,
    tasks: Sequence[str] = ALL_TASKS,
    validation_share: float = 0.1,
    seed: int = 0,
    max_rows_per_task: int | None = None,
    max_input_chars: int = MAX_INPUT_CHARS,
    prompt_versions: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Write the train/validation JSONL of each task and ``manifest.json``; return the manifest.

    Prompts are the UDFs' (``$SALARY_INSIGHTS_LLM_PROMPTS_DIR`` is honoured): each task's
    newest version, or the one ``prompt_versions`` names (``{'salary': 'salary_v1'}``).
    Reads the warehouse read-only. Deterministic for a given warehouse, seed and prompts.
    """
    unknown = sorted(set(tasks) - set(TASKS))
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; expected some of {sorted(TASKS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source_db": str(db_path),
        "validation_share": validation_share,
        "seed": seed,
        "max_rows_per_task": max_rows_per_task,
        "max_input_chars": max_input_chars,
        "tasks": {},
    }
    with duckdb.connect(str(db_path), read_only=True) as con:
        for task in tasks:
            entry = _export_task(
                con, task, out, validation_share, seed, max_rows_per_task, max_input_chars,
                (prompt_versions or {}).get(task),
            )  # fmt: skip
            manifest["tasks"][task] = entry
            log.info(
                "%s: %d train / %d validation examples (%s), skipped %s",
                task, entry["rows"]["train"], entry["rows"]["validation"],
                entry["prompt_version"], entry["skipped"] or "none",
            )  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def format_counts(manifest: dict[str, Any]) -> str:
    """A plain-text table of examples per label and split, one block per task."""
    lines = []
    for task, entry in manifest["tasks"].items():
        train, validation = entry["labels"]["train"], entry["labels"]["validation"]
        lines.append(f"{task} ({entry['prompt_version']}, data hash {entry['data_hash'][:12]})")
        lines.append(f"  {'label':<34} {'train':>7} {'valid':>7} {'valid %':>8}")
        for label in sorted(set(train) | set(validation), key=_label_order):
            n_train, n_valid = train.get(label, 0), validation.get(label, 0)
            share = 100.0 * n_valid / (n_train + n_valid)
            lines.append(f"  {label:<34} {n_train:>7} {n_valid:>7} {share:>7.1f}%")
        rows = entry["rows"]
        lines.append(f"  {'total':<34} {rows['train']:>7} {rows['validation']:>7}")
        if entry["skipped"]:
            lines.append(f"  skipped: {entry['skipped']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.finetune.export", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--db", required=True, help="the warehouse DuckDB file (read-only)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--tasks", nargs="+", default=list(ALL_TASKS), choices=ALL_TASKS)
    parser.add_argument("--validation-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-rows", type=int, default=None, help="per task, sampled")
    parser.add_argument("--max-input-chars", type=int, default=MAX_INPUT_CHARS,
                        help="keep equal to dbt var llm_max_input_chars")  # fmt: skip
    parser.add_argument("--prompt-version", action="append", default=[], metavar="TASK=VERSION",
                        help="pin a prompt, e.g. salary=salary_v1 (default: the newest)")  # fmt: skip
    args = parser.parse_args(argv)
    pins = dict(pin.split("=", 1) for pin in args.prompt_version)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    manifest = export(
        args.db, args.out, args.tasks, args.validation_share, args.seed, args.max_rows,
        args.max_input_chars, pins,
    )  # fmt: skip
    print(format_counts(manifest))
    print(f"wrote {Path(args.out) / 'manifest.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
