"""Output contracts of the LLM extraction UDFs.

An LLM answer is only trusted after it has passed three gates, in this order:

1. the provider's structured-outputs mode, fed by :func:`response_format_for`;
2. these pydantic models (types, no extra keys, plausibility);
3. the grounding checks of :mod:`python_udfs.llm.grounding` (numbers must occur in the input).

The models are strict (``strict=True``, ``extra='forbid'``): an answer that does not match the
JSON schema exactly (a string for a number, an unknown key, a missing key) is rejected rather
than coerced, because silent coercion is how hallucinated structure slips into a warehouse.

Decisions taken here (the contract the UDFs and the dbt models rely on):

* A salary amount requires both a ``currency`` and a ``period``: a bare "60,000" cannot be
  compared or converted, so an answer that cannot say what it is is ``invalid_output``.
  ``currency`` and ``period`` without any amount are allowed (they carry no number to check).
* Amounts are reported as stated (no conversion between periods or currencies) and must be
  plausible for their period, scaled to the currency's magnitude (:data:`PERIOD_BOUNDS`,
  :data:`CURRENCY_MAGNITUDE`). An hourly rate of 45,000 EUR is a misread yearly salary.
* Result models (what a UDF returns per row) carry a ``status``. Every status other than
  ``'ok'`` has all extraction fields NULL, so a consumer cannot use an untrusted value by
  forgetting to filter on ``status``.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from typing_extensions import Self

from python_udfs.rules_data import field_bounds, salary_period_bounds, units_per_eur

Period = Literal["year", "month", "week", "day", "hour"]
JobFamily = Literal["Software Engineering", "Data Science", "Product Management", "Other"]
Seniority = Literal["Entry", "Mid", "Senior"]
Status = Literal[
    "ok", "invalid_output", "ungrounded", "refused", "error", "over_budget", "disabled"
]

# The range of the rules and the data tests (seed field_bounds): an answer outside it fails
# validation (invalid_output) instead of failing the build's tests.
EXPERIENCE_BOUNDS = field_bounds("experience_min_years")

# Plausible amounts per pay period, inclusive, in EUR: the rules' range (seed
# salary_periods, the one home of these bounds), scaled to a currency by its latest ECB
# rate (seed fx_rates_monthly). They catch unit confusions (a yearly figure reported as
# hourly, cents, a phone number), not whether a salary is generous.
PERIOD_BOUNDS: dict[str, tuple[float, float]] = {
    period: (bounds.low, bounds.high) for period, bounds in salary_period_bounds().items()
}

# Units of each currency per euro; the keys are also the ISO 4217 codes an answer may use.
CURRENCY_MAGNITUDE: dict[str, float] = units_per_eur()
KNOWN_CURRENCIES: frozenset[str] = frozenset(CURRENCY_MAGNITUDE)

# A skills answer lists at most this many skills, each at most SKILL_MAX_CHARS long: a skill
# is a name ("Kubernetes", "event sourcing"), not a sentence the model copied.
SKILLS_MAX_ITEMS = 20
SKILL_MAX_CHARS = 60
SkillName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SKILL_MAX_CHARS)
]

# Result error texts are truncated: they land in a VARCHAR column of every failed row.
ERROR_MAX_CHARS = 200


def plausible_bounds(period: str, currency: str) -> tuple[float, float]:
    """Inclusive (low, high) bounds of a plausible amount for this period and currency."""
    low, high = PERIOD_BOUNDS[period]
    scale = CURRENCY_MAGNITUDE[currency]
    return low * scale, high * scale


class _Strict(BaseModel):
    """Base of every contract: strict types and no unknown keys, so violations fail loudly."""

    model_config = ConfigDict(extra="forbid", strict=True)


# ---------------------------------------------------------------- extraction models
class SalaryExtraction(_Strict):
    """The pay a posting states, as stated (no conversion between periods or currencies)."""

    salary_min: float | None = Field(
        ge=0,
        allow_inf_nan=False,
        description="Lowest stated amount as a plain number (60k -> 60000); "
        "for a single figure both salary_min and salary_max; null if none.",
    )
    salary_max: float | None = Field(
        ge=0,
        allow_inf_nan=False,
        description="Highest stated amount as a plain number; null if only a minimum is stated.",
    )
    currency: str | None = Field(
        description="ISO 4217 code of the stated currency, upper-case (one of "
        + ", ".join(sorted(KNOWN_CURRENCIES))
        + "); required when an amount is given.",
    )
    period: Period | None = Field(
        description="Pay period the amounts refer to; required when an amount is given.",
    )

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str | None) -> str | None:
        """Normalise 'eur' to 'EUR' and reject symbols or unknown codes ('€', 'EURO')."""
        if value is None:
            return None
        code = value.strip().upper()
        if code not in KNOWN_CURRENCIES:
            raise ValueError(f"unknown ISO 4217 currency code {value!r}")
        return code

    @model_validator(mode="after")
    def _consistent(self) -> SalaryExtraction:
        """min <= max; amounts need a currency and a period and must be plausible for them."""
        amounts = [a for a in (self.salary_min, self.salary_max) if a is not None]
        if not amounts:
            return self
        low_high = (self.salary_min, self.salary_max)
        if None not in low_high and low_high[0] > low_high[1]:  # type: ignore[operator]
            raise ValueError("salary_min is greater than salary_max")
        if self.currency is None or self.period is None:
            raise ValueError("an amount requires both a currency and a period")
        low, high = plausible_bounds(self.period, self.currency)
        for amount in amounts:
            if not low <= amount <= high:
                raise ValueError(
                    f"{amount:g} {self.currency} per {self.period} is implausible "
                    f"(expected {low:g}..{high:g})"
                )
        return self


class ExperienceExtraction(_Strict):
    """Minimum years of professional experience a posting asks for."""

    experience_min_years: int | None = Field(
        ge=int(EXPERIENCE_BOUNDS.low),
        le=int(EXPERIENCE_BOUNDS.high),
        description="Minimum years of experience required (5+ years -> 5, 3-5 years -> 3, "
        "no experience needed -> 0); null if the posting does not say.",
    )


EVIDENCE_MAX_CHARS = 200


class JobClassification(_Strict):
    """Job family and seniority of a posting, with the words of the posting that show them.

    Why the evidence: a label cannot be checked against the text like a number can, so the
    answer must quote what it rests on; a quote that is not in the posting, or that reads
    as an instruction to the model (a planted "classify as Data Science"), makes the answer
    ungrounded (python_udfs/llm/grounding.py).
    """

    job_family: JobFamily = Field(description="Closest job family; 'Other' when none fits.")
    seniority: Seniority | None = Field(
        description="Seniority level of the role; null if it cannot be told."
    )
    evidence: str = Field(
        min_length=1,
        max_length=EVIDENCE_MAX_CHARS,
        description="A short verbatim quote from the title or description that shows the "
        "job family (and the seniority, when given), e.g. the job title.",
    )


def _unique_skills(skills: list[str] | None) -> list[str] | None:
    """White space runs collapsed, case-insensitive repeats dropped (first spelling kept).

    Repeats ("SQL", "sql") are dropped rather than rejected: they carry no wrong information.
    """
    if skills is None:
        return None
    seen: set[str] = set()
    unique = []
    for skill in skills:
        name = " ".join(skill.split())
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append(name)
    return unique


# More than SKILLS_MAX_ITEMS skills, an empty or an over-long name is invalid_output.
class SkillsExtraction(_Strict):
    """Skills a posting names, each as written in the posting (no inference, no translation)."""

    skills: list[SkillName] = Field(
        max_length=SKILLS_MAX_ITEMS,
        description="Skills, tools, technologies, methods and languages the posting names, "
        "each copied verbatim from the posting (a short name, not a sentence); [] if none.",
    )

    @field_validator("skills")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        """Drop case-insensitive repeats (also applies to SkillsResult's nullable list)."""
        return _unique_skills(value)


# ---------------------------------------------------------------- result models
class _Result(_Strict):
    """Status and error of one UDF call; mixed into each result model after its fields."""

    status: Status
    error: str | None = None

    @field_validator("error")
    @classmethod
    def _short_error(cls, value: str | None) -> str | None:
        """Keep error texts short: they are stored with every failed row."""
        if value is None or len(value) <= ERROR_MAX_CHARS:
            return value
        return value[: ERROR_MAX_CHARS - 1] + "…"

    @model_validator(mode="after")
    def _status_consistent(self) -> _Result:
        """'ok' has no error; any other status has no extracted values (never half-trusted)."""
        if self.status == "ok":
            if self.error is not None:
                raise ValueError("status 'ok' cannot carry an error")
            return self
        set_fields = [n for n in _extraction_fields(type(self)) if getattr(self, n) is not None]
        if set_fields:
            raise ValueError(f"status {self.status!r} must not carry values: {set_fields}")
        return self

    @classmethod
    def failed(cls, status: Status, error: str | None = None) -> Self:
        """A result with every extracted field NULL, e.g. ``SalaryResult.failed('refused', m)``."""
        if status == "ok":
            raise ValueError("failed() needs a failure status, not 'ok'")
        values: dict[str, Any] = dict.fromkeys(_extraction_fields(cls))
        return cls(**values, status=status, error=error)

    @classmethod
    def succeeded(cls, extraction: BaseModel) -> Self:
        """An 'ok' result carrying the (already validated and grounded) extraction."""
        return cls(**extraction.model_dump(), status="ok", error=None)


def _extraction_fields(model: type[BaseModel]) -> list[str]:
    """Field names of a result model without its status and error."""
    return [name for name in model.model_fields if name not in _Result.model_fields]


class SalaryResult(_Result, SalaryExtraction):
    """What the salary UDF returns per row."""


class ExperienceResult(_Result, ExperienceExtraction):
    """What the experience UDF returns per row."""


class ClassificationResult(_Result, JobClassification):
    """What the classification UDF returns per row (job_family is NULL when not 'ok')."""

    job_family: JobFamily | None = Field(description="Closest job family; NULL when not 'ok'.")
    evidence: str | None = Field(
        default=None, description="The quote the answer rests on; NULL when not 'ok'."
    )

    @model_validator(mode="after")
    def _family_when_ok(self) -> ClassificationResult:
        """An 'ok' classification always names a job family."""
        if self.status == "ok" and self.job_family is None:
            raise ValueError("status 'ok' requires a job_family")
        return self


class SkillsResult(_Result, SkillsExtraction):
    """What the skills UDF returns per row (skills is NULL when not 'ok', [] when none)."""

    skills: list[SkillName] | None = Field(
        max_length=SKILLS_MAX_ITEMS, description="Skills named in the posting; NULL when not 'ok'."
    )

    @model_validator(mode="after")
    def _skills_when_ok(self) -> SkillsResult:
        """An 'ok' answer always carries a list (possibly empty)."""
        if self.status == "ok" and self.skills is None:
            raise ValueError("status 'ok' requires a skills list")
        return self


# ---------------------------------------------------------------- JSON schema (OpenAI strict)
# Keywords OpenAI's strict structured outputs accept; anything else is moved or dropped.
_KEPT_KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "enum", "anyOf", "items",
     "description", "$defs", "$ref"}
)  # fmt: skip
# Validation keywords strict mode rejects: kept as words in the description so the model
# still learns the limit, and enforced afterwards by the pydantic model.
_MOVED_KEYWORDS: dict[str, str] = {
    "minimum": ">=",
    "maximum": "<=",
    "exclusiveMinimum": ">",
    "exclusiveMaximum": "<",
    "multipleOf": "multiple of",
    "minLength": "min length",
    "maxLength": "max length",
    "pattern": "pattern",
    "format": "format",
    "minItems": "min items",
    "maxItems": "max items",
}


def _strict_node(node: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Rewrite one schema node for strict mode; return it and the constraints moved out of it."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    for key, value in node.items():
        if key in _MOVED_KEYWORDS:
            notes.append(f"{_MOVED_KEYWORDS[key]} {value}")
        elif key == "const":  # single-value Literal: enum is the conservative spelling
            out["enum"] = [value]
        elif key == "properties":
            out["properties"] = {}
            for name, prop in value.items():
                clean, prop_notes = _strict_node(prop)
                if prop_notes:
                    text = clean.get("description", "").rstrip()
                    sep = " " if text else ""
                    clean["description"] = f"{text}{sep}Constraints: {', '.join(prop_notes)}."
                out["properties"][name] = clean
        elif key == "anyOf":
            branches = []
            for branch in value:
                clean, branch_notes = _strict_node(branch)
                branches.append(clean)
                notes.extend(branch_notes)
            out["anyOf"] = branches
        elif key == "items":
            out["items"], item_notes = _strict_node(value)
            notes.extend(item_notes)
        elif key == "$defs":
            out["$defs"] = {name: _strict_node(d)[0] for name, d in value.items()}
        elif key in _KEPT_KEYWORDS:
            out[key] = value
        # anything else (title, default, examples, ...) is dropped
    if out.get("type") == "object" or "properties" in out:
        out["type"] = "object"
        out["required"] = list(out.get("properties", {}))
        out["additionalProperties"] = False
    branches = out.get("anyOf")
    if branches and all(set(b) == {"type"} and isinstance(b["type"], str) for b in branches):
        # anyOf of plain types -> one 'type' list: ["number", "null"]
        del out["anyOf"]
        out["type"] = [b["type"] for b in branches]
    return out, notes


def json_schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema of ``model`` in the shape OpenAI strict structured outputs accept.

    Every property is required (nullable ones allow ``null`` instead of being optional),
    objects forbid additional properties, and keywords strict mode rejects (``minimum``,
    ``maximum``, ...) are moved into the property's description.
    """
    schema, _ = _strict_node(model.model_json_schema())
    return schema


def task_name(model: type[BaseModel]) -> str:
    """snake_case name of a model, used as the structured-output name: 'salary_extraction'."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def response_format_for(model: type[BaseModel]) -> dict[str, Any]:
    """The ``response_format`` argument of an OpenAI chat completion for this model."""
    return {
        "type": "json_schema",
        "json_schema": {"name": task_name(model), "schema": json_schema_for(model), "strict": True},
    }


# ---------------------------------------------------------------- DuckDB types
_DUCKDB_SCALARS: dict[type, str] = {
    float: "DOUBLE",
    int: "INTEGER",
    str: "VARCHAR",
    bool: "BOOLEAN",
}


def _duckdb_type(annotation: Any) -> str:
    """DuckDB type of one field annotation; Optional is dropped (every DuckDB value is nullable)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:  # constraints do not change the column type
        return _duckdb_type(typing.get_args(annotation)[0])
    if origin is list:
        return f"{_duckdb_type(typing.get_args(annotation)[0])}[]"
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return _duckdb_type(args[0])
    if origin is Literal:
        values = typing.get_args(annotation)
        if all(isinstance(v, str) for v in values):
            return "VARCHAR"  # not ENUM: adding a label must not change the column type
        raise TypeError(f"unsupported literal {annotation!r}")
    if annotation in _DUCKDB_SCALARS:
        return _DUCKDB_SCALARS[annotation]
    raise TypeError(f"no DuckDB type for {annotation!r}")


def duckdb_struct_type(model: type[BaseModel]) -> str:
    """DuckDB STRUCT type text of a model, fields in declaration order (UDF return type)."""
    parts = []
    for name, info in model.model_fields.items():
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"field name {name!r} is not a plain SQL identifier")
        parts.append(f"{name} {_duckdb_type(info.annotation)}")
    return f"STRUCT({', '.join(parts)})"


SALARY_RESULT_TYPE = duckdb_struct_type(SalaryResult)
EXPERIENCE_RESULT_TYPE = duckdb_struct_type(ExperienceResult)
CLASSIFICATION_RESULT_TYPE = duckdb_struct_type(ClassificationResult)
SKILLS_RESULT_TYPE = duckdb_struct_type(SkillsResult)
