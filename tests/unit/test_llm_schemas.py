"""Tests of the LLM output contracts: validation, strict JSON schema, result and DuckDB types.

The JSON schema is checked with a small hand-written validator (the subset of JSON Schema
that OpenAI strict mode uses) so the project does not need the jsonschema package.
"""

from __future__ import annotations

import json
import re
import typing
from typing import Any

import duckdb
import pytest
from pydantic import BaseModel, Field, ValidationError

from python_udfs.llm import schemas as S
from python_udfs.llm.schemas import (
    ClassificationResult,
    ExperienceExtraction,
    ExperienceResult,
    JobClassification,
    SalaryExtraction,
    SalaryResult,
)
from python_udfs.rules_data import read_seed

EXTRACTIONS = (SalaryExtraction, ExperienceExtraction, JobClassification)
RESULTS = (SalaryResult, ExperienceResult, ClassificationResult)
SALARY_OK = {"salary_min": 60000, "salary_max": 70000, "currency": "EUR", "period": "year"}
NOT_IN_STRICT_MODE = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "title",
                      "default", "pattern", "format", "minLength", "maxLength", "const"}  # fmt: skip


def salary(**changes: Any) -> SalaryExtraction:
    """Validate a salary answer: SALARY_OK with some keys changed."""
    return SalaryExtraction.model_validate({**SALARY_OK, **changes})


# ---------------------------------------------------------------- salary validation
def test_valid_salary_answer_from_json() -> None:
    got = SalaryExtraction.model_validate_json(json.dumps(SALARY_OK))
    assert (got.salary_min, got.salary_max, got.currency, got.period) == (
        60000.0, 70000.0, "EUR", "year"
    )  # fmt: skip


def test_lower_case_currency_is_normalised() -> None:
    assert salary(currency="chf").currency == "CHF"
    assert salary(currency=" gbp ").currency == "GBP"


def test_single_figure_and_open_ranges_are_valid() -> None:
    assert salary(salary_max=60000).salary_max == 60000
    assert salary(salary_max=None).salary_min == 60000
    assert salary(salary_min=None).salary_max == 70000


def test_no_salary_is_valid_and_currency_without_amount_is_allowed() -> None:
    none = dict.fromkeys(SALARY_OK)
    assert SalaryExtraction.model_validate(none).salary_min is None
    assert SalaryExtraction.model_validate({**none, "currency": "EUR"}).currency == "EUR"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary_min": 80000}, "greater than salary_max"),
        ({"currency": "EURO"}, "currency"),
        ({"currency": "€"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"period": "annual"}, "period"),
        ({"period": "Year"}, "period"),
        ({"bonus": 5000}, "Extra inputs"),
        ({"salary_min": 45000, "salary_max": 45000, "period": "hour"}, "implausible"),
        ({"salary_min": 5, "salary_max": 6, "period": "year"}, "implausible"),
        ({"salary_min": 450000, "salary_max": 450000, "period": "month"}, "implausible"),
        ({"salary_min": -1}, "greater than or equal to 0"),
        ({"currency": None}, "currency and a period"),
        ({"period": None}, "currency and a period"),
        ({"salary_min": "60000"}, "salary_min"),  # strict: no string-to-number coercion
        ({"salary_min": float("nan")}, "salary_min"),
    ],
)
def test_invalid_salary_answers_fail(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        salary(**changes)


def test_missing_key_fails() -> None:
    with pytest.raises(ValidationError, match="period"):
        SalaryExtraction.model_validate({k: v for k, v in SALARY_OK.items() if k != "period"})


def test_plausibility_scales_with_the_currency_magnitude() -> None:
    assert salary(salary_min=45000, salary_max=52000, currency="SEK", period="month").currency
    # the rules' bounds (seed salary_periods), scaled by the latest ECB rate
    periods = {r["salary_period"]: r for r in read_seed("salary_periods")}
    hour = (float(periods["hour"]["min_eur"]), float(periods["hour"]["max_eur"]))
    assert S.plausible_bounds("hour", "EUR") == S.PERIOD_BOUNDS["hour"] == hour
    assert S.plausible_bounds("year", "HUF")[0] > 100 * S.plausible_bounds("year", "EUR")[0]
    assert set(S.PERIOD_BOUNDS) == set(typing.get_args(S.Period))
    required = {"EUR", "GBP", "CHF", "PLN", "SEK", "DKK", "NOK", "USD", "CZK", "HUF", "RON",
                "ISK", "JPY", "CAD", "AUD"}  # fmt: skip
    assert required <= S.KNOWN_CURRENCIES


def test_bounds_are_inclusive() -> None:
    low, high = S.PERIOD_BOUNDS["hour"]
    assert salary(salary_min=low, salary_max=high, period="hour").salary_max == high
    with pytest.raises(ValidationError):
        salary(salary_min=low, salary_max=high + 0.5, period="hour")


# ---------------------------------------------------------------- experience & classification
@pytest.mark.parametrize("years", [0, 5, 20])
def test_experience_in_range(years: int) -> None:
    assert ExperienceExtraction(experience_min_years=years).experience_min_years == years


def test_experience_bounds_are_the_seeds() -> None:
    """The schema keeps to seed field_bounds, the range of the rules and the data tests."""
    rows = {row["field"]: row for row in read_seed("field_bounds")}
    bounds = rows["experience_min_years"]
    schema = ExperienceExtraction.model_json_schema()["properties"]["experience_min_years"]
    integer = next(part for part in schema["anyOf"] if part.get("type") == "integer")
    assert (integer["minimum"], integer["maximum"]) == (
        int(bounds["min_value"]),
        int(bounds["max_value"]),
    )


@pytest.mark.parametrize("answer", [{"experience_min_years": 21}, {"experience_min_years": -1},
                                    {"experience_min_years": 5.5}, {"experience_min_years": "5"},
                                    {"experience_min_years": 3, "unit": "years"}, {}])  # fmt: skip
def test_invalid_experience_answers_fail(answer: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ExperienceExtraction.model_validate(answer)


def test_classification() -> None:
    ok = JobClassification.model_validate(
        {"job_family": "Data Science", "seniority": None, "evidence": "Data Scientist"}
    )
    assert (ok.job_family, ok.seniority, ok.evidence) == ("Data Science", None, "Data Scientist")
    for bad in ({"job_family": "Data Engineering", "seniority": "Mid", "evidence": "x"},
                {"job_family": "Other", "seniority": "Lead", "evidence": "x"},
                {"job_family": None, "seniority": "Mid", "evidence": "x"},
                {"job_family": "Other", "seniority": "Mid"},  # no evidence
                {"job_family": "Other", "seniority": "Mid", "evidence": ""},
                {"seniority": "Mid", "evidence": "x"}):  # fmt: skip
        with pytest.raises(ValidationError):
            JobClassification.model_validate(bad)


# ---------------------------------------------------------------- strict JSON schema
def conforms(value: Any, schema: dict[str, Any]) -> bool:
    """Minimal JSON Schema check for the keywords strict structured outputs use."""
    if "anyOf" in schema:
        return any(conforms(value, branch) for branch in schema["anyOf"])
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        checks = {
            "null": value is None,
            "string": isinstance(value, str),
            "boolean": isinstance(value, bool),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
            "object": isinstance(value, dict),
            "array": isinstance(value, list),
        }
        if not any(checks[name] for name in names):
            return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, dict):
        props = schema.get("properties", {})
        if set(schema.get("required", [])) - set(value):
            return False
        if schema.get("additionalProperties") is False and set(value) - set(props):
            return False
        return all(conforms(v, props[k]) for k, v in value.items() if k in props)
    if isinstance(value, list) and "items" in schema:
        return all(conforms(item, schema["items"]) for item in value)
    return True


def walk(node: Any) -> typing.Iterator[dict[str, Any]]:
    """Every dict node of a schema."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


@pytest.mark.parametrize("model", EXTRACTIONS)
def test_schema_has_the_strict_shape(model: type[BaseModel]) -> None:
    schema = S.json_schema_for(model)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == list(model.model_fields)
    assert schema["required"] == list(schema["properties"])
    for node in walk(schema):
        assert not NOT_IN_STRICT_MODE & set(node), node
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])


class _Inner(BaseModel):
    label: str = "x"


class _Loose(BaseModel):
    """Not strict, with defaults, bounds, a list and a nested model: json_schema_for fixes all."""

    count: int = Field(default=1, ge=1)
    tags: list[str] = Field(default_factory=list, max_length=3)
    inner: _Inner | None = None


def test_schema_of_a_loose_model_is_made_strict() -> None:
    schema = S.json_schema_for(_Loose)
    objects = [node for node in walk(schema) if node.get("type") == "object"]
    assert len(objects) == 2  # the model and its nested model
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])
    for node in walk(schema):
        assert not NOT_IN_STRICT_MODE & set(node) - {"title"}, node
    assert "max items 3" in schema["properties"]["tags"]["description"]
    assert conforms({"count": 2, "tags": ["a"], "inner": None}, schema)
    assert not conforms({"count": 2, "tags": ["a"]}, schema)
    assert not conforms({"count": 2, "tags": [1], "inner": None}, schema)


def test_nullable_fields_accept_null_and_required_ones_do_not() -> None:
    salary_schema = S.json_schema_for(SalaryExtraction)
    for name in SALARY_OK:
        assert conforms(None, salary_schema["properties"][name]), name
    family = S.json_schema_for(JobClassification)["properties"]["job_family"]
    assert not conforms(None, family)
    assert conforms("Other", family)


def test_constraints_move_into_the_description() -> None:
    prop = S.json_schema_for(ExperienceExtraction)["properties"]["experience_min_years"]
    assert prop["type"] == ["integer", "null"]
    assert ">= 0" in prop["description"]
    assert "<= 20" in prop["description"]


@pytest.mark.parametrize(
    ("model", "answer", "valid"),
    [
        (SalaryExtraction, SALARY_OK, True),
        (SalaryExtraction, dict.fromkeys(SALARY_OK), True),
        (SalaryExtraction, {**SALARY_OK, "period": "annual"}, False),
        (SalaryExtraction, {**SALARY_OK, "bonus": 1}, False),
        (SalaryExtraction, {k: v for k, v in SALARY_OK.items() if k != "currency"}, False),
        (SalaryExtraction, {**SALARY_OK, "salary_min": "60000"}, False),
        (ExperienceExtraction, {"experience_min_years": 3}, True),
        (ExperienceExtraction, {"experience_min_years": None}, True),
        (ExperienceExtraction, {"experience_min_years": 2.5}, False),
        (
            JobClassification,
            {"job_family": "Product Management", "seniority": "Senior", "evidence": "Senior PM"},
            True,
        ),
        (
            JobClassification,
            {"job_family": "Product Management", "seniority": "Lead", "evidence": "Lead PM"},
            False,
        ),
    ],
)
def test_schema_and_model_agree_on_sample_answers(
    model: type[BaseModel], answer: dict[str, Any], valid: bool
) -> None:
    assert conforms(answer, S.json_schema_for(model)) is valid
    try:
        model.model_validate(answer)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is valid


@pytest.mark.parametrize(
    ("model", "name"),
    [(SalaryExtraction, "salary_extraction"), (ExperienceExtraction, "experience_extraction"),
     (JobClassification, "job_classification")],
)  # fmt: skip
def test_response_format(model: type[BaseModel], name: str) -> None:
    fmt = S.response_format_for(model)
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == name
    assert re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", name)
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"] == S.json_schema_for(model)
    assert json.loads(json.dumps(fmt)) == fmt


# ---------------------------------------------------------------- result models
def test_status_values() -> None:
    assert typing.get_args(S.Status) == (
        "ok", "invalid_output", "ungrounded", "refused", "error", "over_budget", "disabled"
    )  # fmt: skip


@pytest.mark.parametrize(("result", "extraction"), list(zip(RESULTS, EXTRACTIONS)))
def test_result_fields_are_extraction_plus_status_and_error(
    result: type[BaseModel], extraction: type[BaseModel]
) -> None:
    assert list(result.model_fields) == [*extraction.model_fields, "status", "error"]


@pytest.mark.parametrize("result", RESULTS)
def test_failed_gives_all_none(result: type[S._Result]) -> None:
    failed = result.failed("ungrounded", "salary_min=123456 not in text")
    values = failed.model_dump()
    assert values.pop("status") == "ungrounded"
    assert values.pop("error") == "salary_min=123456 not in text"
    assert set(values.values()) == {None}


def test_result_status_rules() -> None:
    with pytest.raises(ValueError):
        SalaryResult.failed("ok", "no")
    with pytest.raises(ValidationError):
        SalaryResult(**SALARY_OK, status="ungrounded", error="x")  # values on a failure
    with pytest.raises(ValidationError):
        SalaryResult(**SALARY_OK, status="ok", error="x")  # error on success
    with pytest.raises(ValidationError):
        SalaryResult.failed("weird", "x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ClassificationResult(job_family=None, seniority=None, status="ok")
    assert len(SalaryResult.failed("error", "x" * 1000).error or "") == S.ERROR_MAX_CHARS


def test_succeeded_carries_the_extraction() -> None:
    ok = SalaryResult.succeeded(salary(currency="eur"))
    assert ok.model_dump() == {**SALARY_OK, "status": "ok", "error": None}
    classified = JobClassification(job_family="Other", seniority="Mid", evidence="Nurse")
    assert ClassificationResult.succeeded(classified).job_family == "Other"


# ---------------------------------------------------------------- DuckDB types
def test_duckdb_struct_types() -> None:
    assert S.duckdb_struct_type(SalaryResult) == (
        "STRUCT(salary_min DOUBLE, salary_max DOUBLE, currency VARCHAR, period VARCHAR, "
        "status VARCHAR, error VARCHAR)"
    )
    assert S.duckdb_struct_type(ExperienceResult) == (
        "STRUCT(experience_min_years INTEGER, status VARCHAR, error VARCHAR)"
    )
    assert S.CLASSIFICATION_RESULT_TYPE == (
        "STRUCT(job_family VARCHAR, seniority VARCHAR, evidence VARCHAR, status VARCHAR, "
        "error VARCHAR)"
    )


@pytest.mark.parametrize("result", RESULTS)
def test_duckdb_accepts_the_type_and_a_result_row(result: type[S._Result]) -> None:
    struct = S.duckdb_struct_type(result)
    row = result.failed("refused", "policy").model_dump()
    con = duckdb.connect()
    got = con.execute(f"SELECT ?::{struct} AS r", [row]).fetchone()
    assert got is not None and got[0] == row
