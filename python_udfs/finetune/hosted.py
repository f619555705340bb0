"""Run a hosted fine-tuning job on exported data and register the model it produces.

:func:`start_job` checks both JSONL files again (a hand-edited file is refused before it is
paid for), uploads them (``purpose='fine-tune'``), creates the job, and polls it, logging
its status changes and events, until it succeeds, fails or is cancelled. Only a succeeded
job is recorded in the registry (:mod:`.registry`), with the hash of its training data, the
prompt version the examples carry and its validation scores: the job's own metrics (its
result file or metrics events) and, optionally, the exact-match rate of the new model on
the first rows of the validation file, asked through the UDFs' own client. A failed job
raises :class:`FineTuneJobError` with the job's error and records nothing.

Usage (the key and endpoint come from OPENAI_API_KEY / OPENAI_BASE_URL)::

    python -m python_udfs.finetune.hosted \
        --train artifacts/finetune/classification_train.jsonl \
        --validation artifacts/finetune/classification_validation.jsonl \
        --base-model gpt-4o-mini-2024-07-18 --name classification-v1

A job that outlives ``--timeout-s`` keeps running on the provider's side: attach to it
again with ``--resume <job id>`` (same files and name).

The API key is never logged or stored: it only reaches the SDK, and every error text is
cleaned of it before it is raised.
"""

from __future__ import annotations

import argparse
import base64
import csv
import dataclasses
import io
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import openai

from python_udfs.finetune.examples import check_jsonl, prompts_dir
from python_udfs.finetune.export import sha256_file
from python_udfs.llm.client import LLMCallError, LLMClient
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.registry import (
    RegistryEntry,
    check_name,
    load_registry,
    register,
    registry_path,
    resolve_model,
)
from python_udfs.llm.tasks import TASKS

log = logging.getLogger(__name__)

TERMINAL = ("succeeded", "failed", "cancelled")
MIN_TRAIN_EXAMPLES = 10  # OpenAI's minimum for a chat fine-tuning job
DEFAULT_EVAL_ROWS = 50  # rows scored when the job reports no validation metrics
# Columns of the job's result file (the last row that has them wins), most telling first.
_SCORE_COLUMNS = ("full_valid_loss", "full_valid_mean_token_accuracy", "valid_loss",
                  "valid_mean_token_accuracy", "train_loss", "train_accuracy")  # fmt: skip


class FineTuneError(RuntimeError):
    """The fine-tuning flow could not go on (API error, bad input, timeout)."""


class FineTuneJobError(FineTuneError):
    """The job ended in ``failed`` or ``cancelled``; the message carries the job's error."""

    def __init__(self, message: str, job_id: str, status: str) -> None:
        super().__init__(message)
        self.job_id, self.status = job_id, status


def _cleaner(config: LLMConfig) -> Callable[[str], str]:
    """Removes the API key and bearer tokens from a text before it is raised or logged."""

    def clean(text: str) -> str:
        if config.api_key:
            text = text.replace(config.api_key, "***")
        return re.sub(r"(?i)bearer\s+\S+", "Bearer ***", text)

    return clean


def _task_of(train_path: Path, task: str | None) -> str:
    """The task named, or the one in an exported file's name (``<task>_train.jsonl``)."""
    task = task or train_path.name.rsplit("_", 1)[0]
    if task not in TASKS:
        raise ValueError(f"cannot tell the task of {train_path.name}; pass task= / --task")
    return task


def _prompt_version(train_path: Path, task: str) -> str | None:
    """The prompt file whose text is the examples' system message (None if none matches)."""
    with open(train_path, encoding="utf-8") as lines:
        system = json.loads(lines.readline())["messages"][0]["content"]
    for path in sorted(prompts_dir().glob(f"{task}_v*.md")):
        if path.read_text(encoding="utf-8").strip() == system:
            return path.stem
    return None


def _manifest_entry(train_path: Path, task: str, data_hash: str) -> dict[str, Any] | None:
    """The export manifest's entry for this task, if it describes this very training file."""
    manifest = train_path.with_name("manifest.json")
    if not manifest.is_file():
        return None
    entry = json.loads(manifest.read_text(encoding="utf-8")).get("tasks", {}).get(task)
    if entry is None or entry.get("data_hash") != data_hash:
        log.warning("%s does not describe %s (other data hash): ignored", manifest, train_path)
        return None
    return entry


def _upload(client: openai.OpenAI, path: Path) -> str:
    with open(path, "rb") as data:
        uploaded = client.files.create(file=(path.name, data), purpose="fine-tune")
    log.info("uploaded %s as %s (%d bytes)", path.name, uploaded.id, uploaded.bytes)
    return uploaded.id


def _wait(
    client: openai.OpenAI, job_id: str, poll_s: float, timeout_s: float,
    sleep: Callable[[float], None],
) -> Any:  # fmt: skip
    """Poll until the job ends; log each status change and each new event, oldest first."""
    deadline = time.monotonic() + timeout_s
    seen: set[str] = set()
    status = None
    while True:
        job = client.fine_tuning.jobs.retrieve(job_id)
        events = client.fine_tuning.jobs.list_events(job_id, limit=50).data
        for event in reversed(events):  # the API lists newest first
            if event.id not in seen:
                seen.add(event.id)
                log.info("job %s: %s", job_id, event.message)
        if job.status != status:
            status = job.status
            log.info("job %s status: %s", job_id, status)
        if status in TERMINAL:
            return job
        if time.monotonic() >= deadline:
            raise FineTuneError(
                f"job {job_id} is still {status} after {timeout_s:g} s; it keeps running: "
                f"follow it again with --resume {job_id}"
            )
        sleep(poll_s)


def _result_scores(client: openai.OpenAI, job: Any) -> dict[str, float]:
    """The last value of each score column of the job's result file (CSV, maybe base64)."""
    scores: dict[str, float] = {}
    for file_id in job.result_files or []:
        data = client.files.content(file_id).read()
        if not data.lstrip().startswith(b"step"):
            try:
                data = base64.b64decode(data, validate=True)
            except ValueError:
                continue
        for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
            for column in _SCORE_COLUMNS:
                value = (row.get(column) or "").strip()
                if value:
                    scores[column] = float(value)
    return scores


def _event_scores(client: openai.OpenAI, job_id: str) -> dict[str, float]:
    """The newest metrics event's numbers (when the job attached no result file)."""
    for event in client.fine_tuning.jobs.list_events(job_id, limit=50).data:
        if event.type == "metrics" and isinstance(event.data, dict):
            return {
                k: float(v) for k, v in event.data.items()
                if isinstance(v, (int, float)) and k not in ("step", "total_steps")
            }  # fmt: skip
    return {}


def evaluate(
    validation_path: Path, task: str, model: str, config: LLMConfig, rows: int
) -> dict[str, Any]:
    """Exact-match rate of ``model`` on the first ``rows`` validation examples.

    Asked through :class:`LLMClient`, i.e. as the UDFs ask (same prompt, user message and
    structured output). A failed call or an answer that is not the contract counts as wrong.
    """
    client = LLMClient(dataclasses.replace(config, model=model))
    response_model = TASKS[task].extraction
    asked = exact = invalid = errors = 0
    with open(validation_path, encoding="utf-8") as lines:
        for line in lines:
            if asked >= rows:
                break
            system, user, answer = (m["content"] for m in json.loads(line)["messages"])
            asked += 1
            try:
                content = client.complete(system, user, response_model).content
            except LLMCallError:
                errors += 1
                continue
            try:
                got = response_model.model_validate_json(content or "")
            except ValueError:
                invalid += 1
                continue
            exact += got == response_model.model_validate_json(answer)
    return {"rows": asked, "exact_match": round(exact / asked, 4) if asked else None,
            "invalid_output": invalid, "errors": errors}  # fmt: skip


def _validation_scores(
    metrics: dict[str, float],
    manifest: dict[str, Any] | None,
    validation: Path,
    task: str,
    model: str,
    config: LLMConfig,
    eval_rows: int | None,
) -> dict[str, Any]:
    """The job's metrics, the validation label counts and, if asked for, an evaluation."""
    rows = eval_rows if eval_rows is not None else (0 if metrics else DEFAULT_EVAL_ROWS)
    source = "job_metrics" if metrics else "evaluation" if rows > 0 else None
    scores: dict[str, Any] = {"source": source, **metrics}
    if manifest is not None:
        scores["validation_labels"] = manifest["labels"]["validation"]
    if rows > 0:
        log.info("scoring %s on %d validation rows", model, rows)
        scores["evaluation"] = evaluate(validation, task, model, config, rows)
    return scores


def start_job(
    train_path: str | Path,
    validation_path: str | Path,
    base_model: str,
    config: LLMConfig,
    suffix: str | None = None,
    poll_s: float = 30.0,
    timeout_s: float = 6 * 3600.0,
    *,
    name: str | None = None,
    task: str | None = None,
    registry: str | Path | None = None,
    eval_rows: int | None = None,
    replace: bool = False,
    resume_job_id: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> RegistryEntry:
    """Upload, fine-tune, wait, score and register; return the registry entry.

    ``name`` defaults to ``<task>-<YYYYMMDD>``, ``suffix`` (part of the model id) to the
    name. ``eval_rows``: validation rows to score with the new model; None scores
    DEFAULT_EVAL_ROWS only when the job reports no validation metrics, 0 never.
    """
    clean = _cleaner(config)
    train, validation = Path(train_path), Path(validation_path)
    task = _task_of(train, task)
    name = check_name(name or f"{task}-{datetime.now(timezone.utc):%Y%m%d}")
    if name in load_registry(registry) and not replace:
        raise ValueError(f"{name!r} is already in {registry_path(registry)}; choose another name")
    if not config.enabled:
        raise FineTuneError("no endpoint to call: set OPENAI_API_KEY (or OPENAI_BASE_URL)")
    n_train, n_valid = check_jsonl(train, task), check_jsonl(validation, task)
    if n_train < MIN_TRAIN_EXAMPLES:
        raise FineTuneError(f"{train} has {n_train} examples; at least {MIN_TRAIN_EXAMPLES}")
    data_hash = sha256_file(train)
    log.info("%s: %d train / %d validation examples, data hash %s",
             task, n_train, n_valid, data_hash)  # fmt: skip
    client = openai.OpenAI(
        api_key=config.api_key or "not-needed", base_url=config.base_url,
        timeout=config.timeout_s, max_retries=config.max_retries,
    )  # fmt: skip
    try:
        if resume_job_id is None:
            training_file, validation_file = _upload(client, train), _upload(client, validation)
            created = client.fine_tuning.jobs.create(
                training_file=training_file, validation_file=validation_file,
                model=base_model, suffix=suffix or name,
            )  # fmt: skip
            log.info("started fine-tuning job %s on %s", created.id, base_model)
        job = _wait(client, resume_job_id or created.id, poll_s, timeout_s, sleep)
        if job.status != "succeeded":
            error = job.error
            detail = f"{error.code}: {error.message}" if error else "no error given"
            raise FineTuneJobError(clean(f"fine-tuning job {job.id} {job.status}: {detail}"),
                                   job.id, job.status)  # fmt: skip
        metrics = _result_scores(client, job) or _event_scores(client, job.id)
    except openai.APIError as exc:
        raise FineTuneError(clean(f"fine-tuning API call failed: {exc}")) from None
    scores = _validation_scores(
        metrics, _manifest_entry(train, task, data_hash), validation, task,
        job.fine_tuned_model, config, eval_rows,
    )  # fmt: skip
    entry = RegistryEntry(
        name=name, task=task, fine_tuned_model=job.fine_tuned_model, base_model=job.model,
        job_id=job.id, training_file_id=job.training_file,
        validation_file_id=job.validation_file, training_data_sha256=data_hash,
        validation_data_sha256=sha256_file(validation),
        prompt_version=_prompt_version(train, task), trained_tokens=job.trained_tokens,
        validation_scores=scores,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )  # fmt: skip
    path = register(entry, registry, replace=replace)
    log.info("registered %s -> %s in %s", name, entry.fine_tuned_model, path)
    return entry


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.finetune.hosted", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--train", required=True, help="<task>_train.jsonl of the export")
    parser.add_argument("--validation", required=True, help="<task>_validation.jsonl")
    parser.add_argument("--base-model", required=True, help="e.g. gpt-4o-mini-2024-07-18")
    parser.add_argument("--name", help="registry name (default <task>-<YYYYMMDD>)")
    parser.add_argument("--task", choices=sorted(TASKS), help="default: from the file name")
    parser.add_argument("--suffix", help="model id suffix (default: the name)")
    parser.add_argument("--poll-s", type=float, default=30.0)
    parser.add_argument("--timeout-s", type=float, default=6 * 3600.0)
    parser.add_argument("--eval-rows", type=int, default=None,
                        help=f"validation rows to score (default {DEFAULT_EVAL_ROWS} when the "
                        "job reports no metrics, else 0)")  # fmt: skip
    parser.add_argument("--registry", help="default $SALARY_INSIGHTS_FINETUNE_REGISTRY or "
                        "artifacts/finetune_registry.json")  # fmt: skip
    parser.add_argument("--replace", action="store_true", help="overwrite an existing name")
    parser.add_argument("--resume", metavar="JOB_ID", help="follow an already started job")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for noisy in ("httpx", "httpx2", "openai"):  # one line per poll request otherwise
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        entry = start_job(
            args.train, args.validation, args.base_model, LLMConfig.from_env(), args.suffix,
            args.poll_s, args.timeout_s, name=args.name, task=args.task,
            registry=args.registry, eval_rows=args.eval_rows, replace=args.replace,
            resume_job_id=args.resume,
        )  # fmt: skip
    except (FineTuneError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(entry.model_dump(), indent=2))
    return 0


__all__ = ["FineTuneError", "FineTuneJobError", "evaluate", "resolve_model", "start_job"]

if __name__ == "__main__":
    raise SystemExit(main())
