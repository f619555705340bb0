"""Tests of the fine-tuning export and the hosted fine-tuning flow (no dbt, no network).

The export runs on a small warehouse built here with only the columns it reads; the
hosted flow runs end to end against FakeFineTuneServer on 127.0.0.1 (files, jobs, events,
result files, chat completions), with a planted API key that must never surface.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from python_udfs.finetune import hosted
from python_udfs.finetune.examples import ExampleError, check_example
from python_udfs.finetune.export import export
from python_udfs.finetune.hosted import FineTuneError, FineTuneJobError, resolve_model, start_job
from python_udfs.finetune.split import (
    LeakageError,
    check_no_leakage,
    group_ids,
    stratified_group_split,
)
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.registry import REGISTRY_ENV, load_registry
from python_udfs.llm.runner import Enricher
from python_udfs.llm.schemas import ExperienceExtraction, JobClassification, SalaryExtraction
from python_udfs.llm.tasks import load_prompt
from python_udfs.llm.udfs import register_llm_udfs
from python_udfs.testing.fake_llm import last_user_text, null_answer
from python_udfs.testing.fake_llm.finetune import FakeFineTuneServer

PLANTED_KEY = "sk-test-PLANTED-FINETUNE-SECRET-77"
BASE_MODEL = "gpt-4o-mini-2024-07-18"
MODELS = {
    "classification": JobClassification,
    "salary": SalaryExtraction,
    "experience": ExperienceExtraction,
}
FAMILIES = ("Software Engineering", "Data Science", "Product Management", "Other")
TITLES = {
    "Software Engineering": "Backend Developer",
    "Data Science": "Data Scientist",
    "Product Management": "Product Owner",
    "Other": "Accountant",
}
SENIORITIES = ("Entry", "Mid", "Senior")
PERIODS = {"year": (52000, 61000), "month": (4200, 5100), "hour": (38, 45)}
LONG_FILLER = "We value clear writing and careful reviews. " * 200  # ~8,800 characters


# ---------------------------------------------------------------- a tiny warehouse
def _postings() -> list[dict[str, Any]]:
    """144 postings: 12 per (family, seniority), with planted near-duplicate clusters."""
    rows = []
    for i in range(144):
        family, seniority = FAMILIES[i % 4], SENIORITIES[(i // 4) % 3]
        period = list(PERIODS)[i % 3]
        low, high = PERIODS[period]
        low, high = low + i, high + i
        years = 1 + i % 8
        rows.append({
            "posting_id": f"p{i:04d}", "dedup_key": 1000 + i, "company": f"Firma {i // 3}",
            "title": f"{seniority} {TITLES[family]}",
            "description": f"Ref P{i:04d}. You need at least {years} years of experience.",
            "salary_text": f"{low} - {high} EUR per {period}" if i % 2 else None,
            "job_family": family, "job_family_method": "rule",
            "seniority": seniority, "seniority_method": "rule",
            "experience_min_years": years, "experience_method": "rule",
            "salary_min": float(low), "salary_max": float(high), "salary_currency": "EUR",
            "salary_period": period, "salary_method": "rule",
        })  # fmt: skip
        if i % 2 == 0:  # the amount is in the description only
            rows[-1]["description"] += f" Salary {low} to {high} EUR per {period}."
    # reposts: same company and title in other spellings, other dedup keys
    for i, (company, title) in enumerate(
        [("Acme GmbH", "Senior Data Scientist"), ("ACME GmbH ", "senior  data scientist"),
         ("acme gmbh", "Senior Data Scientist")]
    ):  # fmt: skip
        rows[10 + i].update(company=company, title=title)
    # a chain: 20 and 21 share a dedup key, 21 and 22 share company + title
    rows[21]["dedup_key"] = rows[20]["dedup_key"]
    rows[22].update(company=rows[21]["company"], title=rows[21]["title"].upper())
    # a long description: the inputs are cut at 6,000 characters as the UDFs are sent them
    rows[30]["description"] += " " + LONG_FILLER
    # not training targets: decided by the LLM or the local model, or evaluation postings
    rows[40].update(job_family_method="llm", salary_method="llm", experience_method="llm")
    rows[41].update(seniority_method="model")
    rows[42]["posting_id"] = "eval-0042"
    # targets the contracts reject: an amount not in the text, an hourly rate of 45,000
    rows[43].update(salary_min=77777.0, salary_max=88888.0, salary_period="year")
    rows[44].update(salary_min=45000.0, salary_max=45000.0, salary_period="hour",
                    salary_text="45000 EUR per hour")  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("finetune") / "w.duckdb"
    rows = _postings()
    with duckdb.connect(str(path)) as con:
        con.execute("""
            create table int_postings__deduplicated (
                posting_id varchar, dedup_key uhugeint, title varchar, company varchar,
                description varchar, salary_text varchar);
            create table fct_postings (
                posting_id varchar, dedup_key uhugeint, title varchar, company varchar,
                job_family varchar, job_family_method varchar, seniority varchar,
                seniority_method varchar, experience_min_years integer,
                experience_method varchar, salary_min double, salary_max double,
                salary_currency varchar, salary_period varchar, salary_method varchar);
        """)
        for table in ("int_postings__deduplicated", "fct_postings"):
            columns = [c[0] for c in con.execute(f"describe {table}").fetchall()]
            con.executemany(
                f"insert into {table} values ({', '.join('?' * len(columns))})",
                [[row[c] for c in columns] for row in rows],
            )
    return path


@pytest.fixture(scope="module")
def exported(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("export")
    manifest = export(warehouse, out, validation_share=0.25, seed=3)
    return {"out": out, "manifest": manifest}


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ref_of(example: dict[str, Any]) -> str:
    """The posting id planted in each description ('Ref P0001.')."""
    user = example["messages"][1]["content"]
    return "p" + user.split("Ref P", 1)[1][:4]


def splits(out: Path, task: str) -> dict[str, list[dict[str, Any]]]:
    return {s: read_lines(out / f"{task}_{s}.jsonl") for s in ("train", "validation")}


# ---------------------------------------------------------------- JSONL format
@pytest.mark.parametrize("task", list(MODELS))
def test_every_line_is_a_valid_chat_example(exported: dict[str, Any], task: str) -> None:
    prompt = load_prompt(task)
    for split, lines in splits(exported["out"], task).items():
        assert lines, f"{task} {split} is empty"
        for example in lines:
            assert [m["role"] for m in example["messages"]] == ["system", "user", "assistant"]
            assert all(m["content"].strip() for m in example["messages"])
            assert example["messages"][0]["content"] == prompt.system
            answer = MODELS[task].model_validate_json(example["messages"][2]["content"])
            assert answer.model_dump_json() == example["messages"][2]["content"]
            check_example(example, task)


def test_only_rule_decided_targets_are_exported(exported: dict[str, Any]) -> None:
    out, manifest = exported["out"], exported["manifest"]
    for task in MODELS:
        refs = {ref_of(e) for lines in splits(out, task).values() for e in lines}
        assert "p0040" not in refs and "p0042" not in refs  # llm-decided, evaluation posting
        assert ("p0041" in refs) == (task != "classification")  # seniority by the model
    salary_refs = {ref_of(e) for lines in splits(out, "salary").values() for e in lines}
    assert {"p0043", "p0044"}.isdisjoint(salary_refs)
    assert manifest["tasks"]["salary"]["skipped"] == {"invalid_target": 1, "ungrounded": 1}


def test_targets_are_the_rule_values(exported: dict[str, Any]) -> None:
    rows = {r["posting_id"]: r for r in _postings()}
    for example in splits(exported["out"], "salary")["train"]:
        row = rows[ref_of(example)]
        assert json.loads(example["messages"][2]["content"]) == {
            "salary_min": row["salary_min"], "salary_max": row["salary_max"],
            "currency": "EUR", "period": row["salary_period"],
        }  # fmt: skip
    for example in splits(exported["out"], "classification")["validation"]:
        row = rows[ref_of(example)]
        assert json.loads(example["messages"][2]["content"]) == {
            "job_family": row["job_family"], "seniority": row["seniority"],
            "evidence": row["title"]}  # fmt: skip


@pytest.fixture
def fake() -> Iterator[FakeFineTuneServer]:
    with FakeFineTuneServer() as server:
        yield server


def test_user_messages_are_what_the_udfs_send(
    exported: dict[str, Any], warehouse: Path, fake: FakeFineTuneServer
) -> None:
    """Call the UDFs as int_postings__llm_requests feeds them; compare the requests."""
    refs = ["p0001", "p0002", "p0030", "p0031"]  # with and without salary_text, long text
    exported_pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for task in MODELS:
        for lines in splits(exported["out"], task).values():
            for example in lines:
                if ref_of(example) in refs:
                    messages = example["messages"]
                    exported_pairs[task].add((messages[0]["content"], messages[1]["content"]))
    queries = {
        "salary": "llm_extract_salary(left(concat_ws(chr(10), salary_text, "
        "left(description, 6000)), 6000))",
        "experience": "llm_extract_experience(left(description, 6000))",
        "classification": "llm_classify_job(title, left(description, 6000))",
    }
    enricher = Enricher(LLMConfig(api_key="test-key", base_url=fake.base_url))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        register_llm_udfs(con, enricher)
        for task, call in queries.items():
            fake.reset()
            con.execute(
                f"select {call} from int_postings__deduplicated where posting_id in "
                f"({', '.join(repr(r) for r in refs)})"
            ).fetchall()
            sent = {(m[0]["content"], m[1]["content"]) for m in
                    (r["messages"] for r in fake.requests)}  # fmt: skip
            assert len(sent) == len(refs) == len(exported_pairs[task])
            assert sent == exported_pairs[task], task
    enricher.close()


def test_inputs_are_cut_like_the_requests_model(exported: dict[str, Any]) -> None:
    lines = splits(exported["out"], "experience")
    example = next(e for e in lines["train"] + lines["validation"] if ref_of(e) == "p0030")
    text = json.loads(example["messages"][1]["content"].split("\n")[1])["text"]
    assert len(text) == 6000 and text.startswith("Ref P0030.")


# ---------------------------------------------------------------- split
def _keys(row: dict[str, Any]) -> list[tuple[str, Any]]:
    normal = " ".join(f"{row['company']}\x1f{row['title']}".lower().split())
    return [("dedup", row["dedup_key"]), ("company_title", normal)]


@pytest.mark.parametrize("task", list(MODELS))
def test_near_duplicates_never_cross_the_split(exported: dict[str, Any], task: str) -> None:
    rows = {r["posting_id"]: r for r in _postings()}
    sides: dict[tuple[str, Any], set[str]] = defaultdict(set)
    for split, lines in splits(exported["out"], task).items():
        for example in lines:
            for key in _keys(rows[ref_of(example)]):
                sides[key].add(split)
    crossing = [key for key, seen in sides.items() if len(seen) > 1]
    assert not crossing
    # the planted clusters are each on one side
    for cluster in (["p0010", "p0011", "p0012"], ["p0020", "p0021", "p0022"]):
        where = {s for s, lines in splits(exported["out"], task).items()
                 for e in lines if ref_of(e) in cluster}  # fmt: skip
        assert len(where) == 1, cluster


def test_grouping_is_transitive() -> None:
    keys = [["a"], ["a", "b"], ["b"], ["c"], ["d", "c"], ["e"]]
    groups = group_ids(keys)
    assert groups[0] == groups[1] == groups[2] != groups[3] == groups[4] != groups[5]


def test_split_keeps_groups_and_label_shares() -> None:
    rng = random.Random(7)
    labels, keys = [], []
    for i in range(600):
        labels.append(rng.choice("AAAAABBBC"))
        keys.append([f"group{i // rng.choice([1, 1, 2, 3])}", f"ct{rng.randrange(500)}"])
    groups = group_ids(keys)
    for seed in range(5):
        is_validation = stratified_group_split(labels, groups, 0.2, seed)
        check_no_leakage(keys, is_validation)
        assert 0.15 <= sum(is_validation) / len(labels) <= 0.25
        totals, in_validation = Counter(labels), Counter(
            label for label, v in zip(labels, is_validation, strict=True) if v)  # fmt: skip
        for label, total in totals.items():
            assert abs(in_validation[label] / total - 0.2) < 0.05, (seed, label)


def test_leakage_is_detected() -> None:
    with pytest.raises(LeakageError, match="both sides"):
        check_no_leakage([["x"], ["x", "y"], ["z"]], [False, True, False])


def test_manifest_counts(exported: dict[str, Any]) -> None:
    out, manifest = exported["out"], exported["manifest"]
    assert json.loads((out / "manifest.json").read_text()) == manifest
    for task, entry in manifest["tasks"].items():
        assert entry["prompt_version"] == load_prompt(task).version
        for split, lines in splits(out, task).items():
            labels = Counter(json.loads(e["messages"][2]["content"]).get("period") for e in lines)
            assert entry["rows"][split] == len(lines) == sum(entry["labels"][split].values())
            assert entry["sha256"][split] == hashlib.sha256(
                (out / entry["files"][split]).read_bytes()).hexdigest()  # fmt: skip
            if task == "salary":
                assert entry["labels"][split] == {k: v for k, v in labels.items() if k}
        assert entry["data_hash"] == entry["sha256"]["train"]
    classification = manifest["tasks"]["classification"]
    assert set(classification["labels"]["train"]) == {
        f"{f} / {s}" for f in FAMILIES for s in SENIORITIES}  # fmt: skip
    share = classification["rows"]["validation"] / sum(classification["rows"].values())
    assert 0.18 <= share <= 0.32
    for label, n_valid in classification["labels"]["validation"].items():
        total = n_valid + classification["labels"]["train"][label]
        assert abs(n_valid - 0.25 * total) <= 2, label


def test_export_is_deterministic(warehouse: Path, exported: dict[str, Any], tmp_path: Path) -> None:
    again = export(warehouse, tmp_path, validation_share=0.25, seed=3)
    for task, entry in again["tasks"].items():
        assert entry["sha256"] == exported["manifest"]["tasks"][task]["sha256"]


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda e: e["messages"].pop(0), "3 messages"),
        (lambda e: e["messages"][0].update(role="developer"), "role"),
        (lambda e: e["messages"][1].update(content="  "), "empty"),
        (lambda e: e["messages"][2].update(content='{"job_family": "Chef"}'), "valid"),
        (
            lambda e: e["messages"][1].update(
                content="<<<POSTING\n" + "x " * 30000 + "\nPOSTING>>>"
            ),
            "tokens",
        ),
    ],
)
def test_bad_examples_are_refused(exported: dict[str, Any], mutate, problem: str) -> None:
    example = splits(exported["out"], "classification")["train"][0]
    mutate(example)
    with pytest.raises(ExampleError, match=problem):
        check_example(example, "classification")


# ---------------------------------------------------------------- hosted flow
def perfect_responder(validation: Path):
    """Answers each validation question with its expected answer, as a perfect model would."""
    answers = {
        e["messages"][1]["content"]: json.loads(e["messages"][2]["content"])
        for e in read_lines(validation)
    }
    return lambda request: answers.get(last_user_text(request)) or null_answer(request)


@pytest.fixture
def hosted_env(
    exported: dict[str, Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> Iterator[dict[str, Any]]:
    out = exported["out"]
    caplog.set_level(logging.DEBUG)
    with FakeFineTuneServer(perfect_responder(out / "classification_validation.jsonl")) as fake:
        fake.required_api_key = PLANTED_KEY
        fake.known_models = {BASE_MODEL}
        yield {
            "fake": fake,
            "train": out / "classification_train.jsonl",
            "validation": out / "classification_validation.jsonl",
            "registry": tmp_path / "registry.json",
            "config": LLMConfig(api_key=PLANTED_KEY, base_url=fake.base_url, max_retries=0),
        }


def assert_no_key(env: dict[str, Any], caplog: pytest.LogCaptureFixture, *texts: str) -> None:
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    recorded = json.dumps([env["fake"].api_requests, env["fake"].request_headers])
    registry = env["registry"].read_text() if env["registry"].exists() else ""
    for text in (logged, recorded, registry, *texts):
        assert PLANTED_KEY not in text


def test_hosted_job_end_to_end(
    hosted_env: dict[str, Any], caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    env, fake = hosted_env, hosted_env["fake"]
    entry = start_job(
        env["train"], env["validation"], BASE_MODEL, env["config"], suffix="cls",
        poll_s=0.0, timeout_s=10.0, name="classification-v1", registry=env["registry"],
        eval_rows=5,
    )  # fmt: skip
    # uploads: both files, byte for byte, for fine-tuning
    uploads = [f for f in fake.files.values() if f["purpose"] == "fine-tune"]
    assert sorted(f["content"] for f in uploads) == sorted(
        p.read_bytes() for p in (env["train"], env["validation"]))  # fmt: skip
    (job_state,) = fake.jobs.values()
    job = job_state["job"]
    assert job["status"] == "succeeded" and job["model"] == BASE_MODEL
    assert entry.fine_tuned_model == job["fine_tuned_model"]
    assert entry.fine_tuned_model.startswith(f"ft:{BASE_MODEL}:salary-insights:cls:")
    # progress was logged: status changes and events
    messages = [r.getMessage() for r in caplog.records if r.name == hosted.__name__]
    assert any("status: running" in m for m in messages)
    assert any("status: succeeded" in m for m in messages)
    assert any("Step 2/2" in m for m in messages)
    # the registry entry
    registry = json.loads(env["registry"].read_text())
    assert registry["format_version"] == 1
    recorded = registry["models"]["classification-v1"]
    assert recorded == entry.model_dump()
    data_hash = hashlib.sha256(env["train"].read_bytes()).hexdigest()
    manifest = json.loads(env["train"].with_name("manifest.json").read_text())
    assert recorded["training_data_sha256"] == data_hash
    assert data_hash == manifest["tasks"]["classification"]["data_hash"]
    assert recorded["job_id"] == job["id"] and recorded["base_model"] == BASE_MODEL
    assert recorded["prompt_version"] == load_prompt("classification").version
    scores = recorded["validation_scores"]
    assert scores["source"] == "job_metrics"
    assert scores["full_valid_loss"] == pytest.approx(0.4)
    assert scores["validation_labels"] == manifest["tasks"]["classification"]["labels"][
        "validation"]  # fmt: skip
    # the evaluation asked the new model through the UDF client: chat accepted it
    assert scores["evaluation"] == {
        "rows": 5, "exact_match": 1.0, "invalid_output": 0, "errors": 0}  # fmt: skip
    assert {r.get("model") for r in fake.requests} == {entry.fine_tuned_model}
    # model selection by name
    assert resolve_model("classification-v1", env["registry"]) == entry.fine_tuned_model
    assert resolve_model("gpt-4o-mini", env["registry"]) == "gpt-4o-mini"
    monkeypatch.setenv(REGISTRY_ENV, str(env["registry"]))
    assert resolve_model("classification-v1") == entry.fine_tuned_model
    assert_no_key(env, caplog)


def test_failed_job_raises_and_records_nothing(
    hosted_env: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    env = hosted_env
    env["fake"].fail_next_job("Training file has 3 examples with an invalid assistant message.")
    with pytest.raises(FineTuneJobError, match="invalid assistant message") as caught:
        start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                  timeout_s=10.0, name="classification-v1", registry=env["registry"])  # fmt: skip
    assert caught.value.status == "failed"
    assert caught.value.job_id in str(caught.value)
    assert not env["registry"].exists()
    assert load_registry(env["registry"]) == {}
    assert resolve_model("classification-v1", env["registry"]) == "classification-v1"
    assert not env["fake"].requests  # no evaluation of a model that does not exist
    assert_no_key(env, caplog, str(caught.value))


def test_wrong_key_fails_cleanly(hosted_env: dict[str, Any], caplog) -> None:
    env = hosted_env
    env["fake"].required_api_key = "sk-other"
    with pytest.raises(FineTuneError, match="401") as caught:
        start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                  name="classification-v1", registry=env["registry"])  # fmt: skip
    assert not env["registry"].exists()
    assert_no_key(env, caplog, str(caught.value))


def test_timeout_then_resume(hosted_env: dict[str, Any], caplog) -> None:
    env = hosted_env
    env["fake"].running_polls = 1000
    with pytest.raises(FineTuneError, match="--resume ftjob-") as caught:
        start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                  timeout_s=0.0, name="classification-v1", registry=env["registry"])  # fmt: skip
    assert not env["registry"].exists()
    (job_id,) = env["fake"].jobs
    env["fake"].running_polls = 2
    env["fake"].result_files_base64 = False  # a plain CSV result file is read as well
    entry = start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                      name="classification-v1", registry=env["registry"],
                      resume_job_id=job_id)  # fmt: skip
    assert entry.job_id == job_id and len(env["fake"].jobs) == 1
    assert entry.validation_scores["full_valid_mean_token_accuracy"] == pytest.approx(0.9)
    assert resolve_model("classification-v1", env["registry"]) == entry.fine_tuned_model
    assert_no_key(env, caplog, str(caught.value))


def test_a_broken_file_is_refused_before_upload(hosted_env: dict[str, Any], tmp_path: Path) -> None:
    env = hosted_env
    broken = tmp_path / "classification_train.jsonl"
    lines = env["train"].read_text().splitlines()
    example = json.loads(lines[3])
    example["messages"][2]["content"] = '{"job_family": "Software Engineering"}'
    lines[3] = json.dumps(example)
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(ExampleError, match="line 4"):
        start_job(broken, env["validation"], BASE_MODEL, env["config"],
                  name="classification-v1", registry=env["registry"])  # fmt: skip
    assert not env["fake"].api_requests


def test_an_existing_name_is_refused_before_upload(hosted_env: dict[str, Any]) -> None:
    env = hosted_env
    start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
              name="classification-v1", registry=env["registry"], eval_rows=0)  # fmt: skip
    calls = len(env["fake"].api_requests)
    with pytest.raises(ValueError, match="already in"):
        start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                  name="classification-v1", registry=env["registry"])  # fmt: skip
    assert len(env["fake"].api_requests) == calls


def test_without_job_metrics_the_model_is_scored(hosted_env: dict[str, Any], monkeypatch) -> None:
    env = hosted_env
    monkeypatch.setattr(hosted, "_result_scores", lambda client, job: {})
    monkeypatch.setattr(hosted, "_event_scores", lambda client, job_id: {})
    monkeypatch.setattr(hosted, "DEFAULT_EVAL_ROWS", 7)
    entry = start_job(env["train"], env["validation"], BASE_MODEL, env["config"], poll_s=0.0,
                      name="classification-v1", registry=env["registry"])  # fmt: skip
    scores = entry.validation_scores
    assert scores["source"] == "evaluation"
    assert scores["evaluation"]["rows"] == 7 and scores["evaluation"]["exact_match"] == 1.0
    assert sum(scores["validation_labels"].values()) == len(read_lines(env["validation"]))


@pytest.fixture
def restore_log_levels() -> Iterator[None]:
    """main() quietens the HTTP loggers of the process; undo that after the test."""
    loggers = [logging.getLogger(name) for name in ("httpx", "httpx2", "openai")]
    levels = [logger.level for logger in loggers]
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.usefixtures("restore_log_levels")
def test_hosted_cli(
    hosted_env: dict[str, Any], monkeypatch, capsys, caplog: pytest.LogCaptureFixture
) -> None:
    env = hosted_env
    monkeypatch.setenv("OPENAI_API_KEY", PLANTED_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", env["fake"].base_url)
    monkeypatch.setenv(REGISTRY_ENV, str(env["registry"]))
    argv = ["--train", str(env["train"]), "--validation", str(env["validation"]),
            "--base-model", BASE_MODEL, "--name", "classification-v1", "--poll-s", "0"]  # fmt: skip
    assert hosted.main(argv) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed)["fine_tuned_model"] == resolve_model("classification-v1")
    env["fake"].fail_next_job("quota exceeded")
    assert hosted.main([*argv[:-3], "classification-v2", "--poll-s", "0"]) == 1
    err = capsys.readouterr().err
    assert "quota exceeded" in err
    assert set(load_registry()) == {"classification-v1"}
    assert_no_key(env, caplog, printed, err)


def test_udfs_select_a_fine_tuned_model_by_registry_name(tmp_path, monkeypatch) -> None:
    """SALARY_INSIGHTS_LLM_MODEL may name a registry entry: requests and keys use its id."""
    from python_udfs.llm.config import LLMConfig
    from python_udfs.llm.registry import RegistryEntry, register
    from python_udfs.llm.runner import Enricher

    registry = tmp_path / "registry.json"
    monkeypatch.setenv("SALARY_INSIGHTS_FINETUNE_REGISTRY", str(registry))
    register(RegistryEntry(
        name="classification-v1", task="classification",
        fine_tuned_model="ft:gpt-4o-mini:salary-insights:classification-v1:abc",
        base_model="gpt-4o-mini", job_id="ftjob-1", training_file_id="file-1",
        validation_file_id=None, training_data_sha256="0" * 64, validation_data_sha256=None,
        prompt_version="classification_v1", trained_tokens=None, validation_scores={},
        created_at="2026-11-25T00:00:00Z",
    ))  # fmt: skip
    enricher = Enricher(LLMConfig.from_env(environ={}, model="classification-v1"))
    try:
        assert enricher.settings("classification")["model"] == (
            "ft:gpt-4o-mini:salary-insights:classification-v1:abc"
        )
    finally:
        enricher.close()
    plain = Enricher(LLMConfig.from_env(environ={}, model="gpt-4o-mini"))
    try:
        assert plain.settings("salary")["model"] == "gpt-4o-mini"
    finally:
        plain.close()
