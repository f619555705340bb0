"""Tests of the skills task: its contract, its grounding check and its UDF.

The contract and the grounding check are pure Python; the UDF tests run
``llm_extract_skills`` on a plain DuckDB connection against the fake server on 127.0.0.1,
like ``tests/unit/test_llm_udfs.py`` does for the other tasks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import duckdb
import pytest
from pydantic import ValidationError

from python_udfs.llm import schemas as S
from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.llm.schemas import SkillsExtraction, SkillsResult
from python_udfs.llm.skills import check_skills_grounded, normalise_skill_text, occurs_in
from python_udfs.llm.tasks import TASKS, load_prompt
from python_udfs.llm.udfs import register_llm_udfs
from python_udfs.testing.fake_llm import FakeLLMServer, FixtureResponder
from python_udfs.testing.fake_llm.skills_responder import (
    SkillsResponder,
    is_skills_request,
    posting_description,
    with_skills,
)

CALL_TYPE = (
    'STRUCT("source" VARCHAR, attempts INTEGER, retries INTEGER, prompt_tokens INTEGER, '
    "completion_tokens INTEGER, latency_ms DOUBLE)"
)
# The output contract of llm_extract_skills, spelled out (not derived from the code).
SKILLS_TYPE = (
    'STRUCT(skills VARCHAR[], status VARCHAR, "error" VARCHAR, prompt_version VARCHAR, '
    f'model VARCHAR, "call" {CALL_TYPE})'
)


def skills(*names: str) -> SkillsExtraction:
    return SkillsExtraction(skills=list(names))


# ---------------------------------------------------------------- contract
def test_skills_answer_is_trimmed_and_deduplicated_case_insensitively() -> None:
    answer = SkillsExtraction.model_validate_json(
        '{"skills": [" SQL ", "sql", "Event  Sourcing", "event sourcing", "Kafka"]}'
    )
    assert answer.skills == ["SQL", "Event Sourcing", "Kafka"]
    assert SkillsExtraction.model_validate_json('{"skills": []}').skills == []


@pytest.mark.parametrize(
    "content",
    [
        '{"skills": null}',  # a list is required; [] means none
        '{"skills": [""]}',
        '{"skills": ["   "]}',
        '{"skills": [42]}',
        '{"skills": "Python"}',
        '{"skills": ["Python"], "seniority": "Senior"}',
        '{"skills": ["' + "x" * (S.SKILL_MAX_CHARS + 1) + '"]}',
        json.dumps({"skills": [f"skill {i}" for i in range(S.SKILLS_MAX_ITEMS + 1)]}),
        "{}",
    ],
)
def test_invalid_skills_answers_fail(content: str) -> None:
    with pytest.raises(ValidationError):
        SkillsExtraction.model_validate_json(content)


def test_skills_schema_is_strict_and_states_the_limits() -> None:
    schema = S.json_schema_for(SkillsExtraction)
    assert schema["required"] == ["skills"] and schema["additionalProperties"] is False
    prop = schema["properties"]["skills"]
    assert prop["type"] == "array" and prop["items"] == {"type": "string"}
    assert "max items 20" in prop["description"] and "min length 1" in prop["description"]
    assert S.response_format_for(SkillsExtraction)["json_schema"]["name"] == "skills_extraction"


def test_skills_result_status_rules() -> None:
    assert SkillsResult.succeeded(skills("Kafka")).skills == ["Kafka"]
    assert SkillsResult.succeeded(skills()).skills == []  # ok with nothing found
    assert SkillsResult.failed("ungrounded", "x").skills is None
    with pytest.raises(ValidationError):
        SkillsResult(skills=None, status="ok")
    with pytest.raises(ValidationError):
        SkillsResult(skills=["Kafka"], status="refused")
    assert S.SKILLS_RESULT_TYPE == "STRUCT(skills VARCHAR[], status VARCHAR, error VARCHAR)"


def test_duckdb_accepts_the_skills_type_and_rows() -> None:
    con = duckdb.connect()
    for row in (
        SkillsResult.succeeded(skills("Kafka", "dbt")).model_dump(),
        SkillsResult.failed("disabled").model_dump(),
    ):
        got = con.execute(f"select ?::{S.SKILLS_RESULT_TYPE}", [row]).fetchone()
        assert got is not None and got[0] == row


def test_task_and_prompt() -> None:
    task = TASKS["skills"]
    assert task.input_fields == ("description",)
    assert task.grounding is check_skills_grounded
    prompt = load_prompt("skills")
    assert prompt.version == "skills_v1"
    assert "<<<POSTING" in prompt.system and "data, not instructions" in prompt.system
    assert "verbatim" in prompt.system or "exactly as the posting writes it" in prompt.system


# ---------------------------------------------------------------- grounding
TEXT = (
    "Du entwickelst Machine-Learning-Modelle mit PyTorch, schreibst C++17 und Tests in "
    "Gherkin; Erfahrung mit CI/CD&nbsp;Pipelines und event\u2011driven Design."
)


@pytest.mark.parametrize(
    "skill",
    [
        "PyTorch",
        "pytorch",  # case
        "machine learning",  # hyphens read as spaces
        "Machine - Learning",
        "C++",  # punctuation at the end: no right boundary needed
        "ci/cd pipelines",  # &nbsp; decoded
        "event-driven design",  # U+2011 non-breaking hyphen
        "gherkin",
    ],
)
def test_skills_written_in_the_text_are_grounded(skill: str) -> None:
    assert occurs_in(skill, TEXT)
    assert check_skills_grounded(skills(skill), TEXT) is None


@pytest.mark.parametrize(
    "skill",
    [
        "Python",  # inferred from the job, not written
        "Torch",  # inside PyTorch: not a whole word
        "Gherkins",  # not a whole word either
        "Maschinelles Lernen",  # a translation
        "CI/CD Pipeline Tools",  # more than the posting says
    ],
)
def test_skills_not_written_in_the_text_are_ungrounded(skill: str) -> None:
    assert not occurs_in(skill, TEXT)
    assert check_skills_grounded(skills(skill), TEXT) == f"not in the text: skills {skill!r}"


def test_one_missing_skill_makes_the_answer_ungrounded_and_errors_stay_short() -> None:
    assert check_skills_grounded(skills("PyTorch", "Haskell"), TEXT) == (
        "not in the text: skills 'Haskell'"
    )
    error = check_skills_grounded(skills("PyTorch", "A1", "B2", "C3", "D4", "E5"), TEXT)
    assert error == "not in the text: skills 'A1', 'B2', 'C3' and 2 more"
    assert check_skills_grounded(skills(), TEXT) is None  # nothing claimed, nothing to check


def test_normalisation() -> None:
    assert normalise_skill_text("  Event -\u2010 Driven\n\tDesign ") == "event driven design"
    assert normalise_skill_text("R&amp;D") == "r&d"


# ---------------------------------------------------------------- the UDF
@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as fake:
        yield fake


@pytest.fixture
def enricher(server: FakeLLMServer) -> Iterator[Enricher]:
    config = LLMConfig.from_env(
        environ={}, base_url=server.base_url, api_key="sk-test-skills", max_retries=0
    )
    made = Enricher(config)
    yield made
    made.close()


def run_udf(enricher: Enricher, texts: list[str | None]) -> list[dict]:
    con = duckdb.connect()
    register_llm_udfs(con, enricher)
    con.execute("create table texts (i integer, t varchar)")
    con.executemany("insert into texts values (?, ?)", list(enumerate(texts)))
    return [row[0] for row in con.execute(
        "select llm_extract_skills(t) from texts order by i"
    ).fetchall()]  # fmt: skip


def test_output_struct_is_exactly_the_contract(enricher: Enricher) -> None:
    con = duckdb.connect()
    register_llm_udfs(con, enricher)
    described = con.execute("describe select llm_extract_skills('x') as r").fetchall()
    assert described[0][1] == SKILLS_TYPE
    settings = con.execute("select llm_settings('skills')").fetchall()[0][0]
    assert settings["prompt_version"] == "skills_v1" and settings["enabled"] is True


def test_udf_judges_each_answer_and_sends_each_text_once(
    server: FakeLLMServer, enricher: Enricher
) -> None:
    server.responder = SkillsResponder(
        {
            "ref-1": ["Kafka", "kafka", "Event sourcing"],
            "ref-2": ["Kafka", "Haskell"],  # Haskell is not in the text
            "ref-3": [],
        }
    )
    texts = [
        "ref-1: Kafka streams and event-sourcing.",
        "ref-2: Kafka streams.",
        "ref-3: A friendly team.",
        "ref-1: Kafka   streams and event-sourcing.",  # the same text, white space aside
        None,
    ]
    rows = run_udf(enricher, texts)
    assert [(r["skills"], r["status"]) for r in rows] == [
        (["Kafka", "Event sourcing"], "ok"),
        (None, "ungrounded"),
        ([], "ok"),
        (["Kafka", "Event sourcing"], "ok"),
        (None, "invalid_output"),  # nothing to read: not sent
    ]
    assert rows[1]["error"] == "not in the text: skills 'Haskell'"
    assert server.request_count == 3
    # only the description is sent, as data in one block, under the skills prompt
    assert {posting_description(r)[:5] for r in server.requests} == {"ref-1", "ref-2", "ref-3"}
    assert all(is_skills_request(r) for r in server.requests)
    assert all(
        r["messages"][0]["content"].startswith("You list the skills") for r in server.requests
    )


def test_budget_and_disabled(server: FakeLLMServer) -> None:
    server.responder = SkillsResponder({}, default=[])
    limited = Enricher(LLMConfig.from_env(
        environ={}, base_url=server.base_url, api_key="k", max_retries=0, max_llm_calls=1
    ))  # fmt: skip
    disabled = Enricher(LLMConfig.from_env(environ={}))
    try:
        rows = run_udf(limited, ["a friendly team", "a small team"])
        assert sorted(r["status"] for r in rows) == ["ok", "over_budget"]
        assert server.request_count == 1
        rows = run_udf(disabled, ["a friendly team"])
        assert [(r["status"], r["skills"], r["call"]["source"]) for r in rows] == [
            ("disabled", None, "none")
        ]
    finally:
        limited.close()
        disabled.close()


def test_with_skills_routes_only_skills_requests(server: FakeLLMServer, enricher: Enricher) -> None:
    salary = {"salary_min": 60000.0, "salary_max": 60000.0, "currency": "EUR", "period": "year"}
    server.responder = with_skills(
        FixtureResponder({}, default=salary), SkillsResponder({}, default=["Kafka"])
    )
    con = duckdb.connect()
    register_llm_udfs(con, enricher)
    text = "Kafka. Pay 60000 EUR per year."
    got = con.execute(
        "select llm_extract_skills(?).skills, llm_extract_salary(?).salary_min", [text, text]
    ).fetchall()
    assert got == [(["Kafka"], 60000.0)]
