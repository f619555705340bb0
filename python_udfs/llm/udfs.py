"""The LLM UDFs on a DuckDB connection: ``register_llm_udfs(con)`` for any connection.

The dbt-duckdb plugin (:mod:`python_udfs.dbt_plugin`) calls it for dbt; an analyst calls
it on a plain ``duckdb`` connection::

    import duckdb
    from python_udfs.llm.udfs import register_llm_udfs

    con = duckdb.connect("data/salary_insights.duckdb")
    register_llm_udfs(con)  # reads OPENAI_API_KEY / OPENAI_BASE_URL / SALARY_INSIGHTS_LLM_*
    con.sql("select llm_extract_salary('60-70k EUR per year').salary_min")
    con.sql("select llm_extract_skills('Terraform and dbt on AWS').skills")

Every LLM UDF is an Arrow (vectorised) UDF, so a whole batch of rows reaches Python at
once and is answered concurrently; it is declared with ``side_effects=True`` so DuckDB
never folds, caches or re-uses a call. The functions never query the connection that
calls them (that would deadlock); their state lives in the :class:`Enricher`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from python_udfs.llm.config import LLMConfig
from python_udfs.llm.runner import Enricher
from python_udfs.llm.schemas import _duckdb_type
from python_udfs.llm.tasks import TASKS
from python_udfs.udf_registration import register_udf

# How each row's answer was obtained (extends the contract fields; see README).
CALL_FIELDS: dict[str, str] = {
    "source": "VARCHAR",
    "attempts": "INTEGER",
    "retries": "INTEGER",
    "prompt_tokens": "INTEGER",
    "completion_tokens": "INTEGER",
    "latency_ms": "DOUBLE",
}
SETTINGS_TYPE = (
    "STRUCT(task VARCHAR, prompt_version VARCHAR, model VARCHAR, enabled BOOLEAN, "
    "max_error_ratio DOUBLE, max_llm_calls BIGINT)"
)
_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "BOOLEAN": pa.bool_(),
    "BIGINT": pa.int64(),
}
# UDF name -> (task, SQL parameter names)
UDFS: dict[str, tuple[str, tuple[str, ...]]] = {
    "llm_extract_salary": ("salary", ("text",)),
    "llm_extract_experience": ("experience", ("text",)),
    "llm_classify_job": ("classification", ("title", "description")),
    "llm_extract_skills": ("skills", ("description",)),
}


def result_fields(result_model: type[BaseModel]) -> list[tuple[str, str]]:
    """(name, DuckDB type) of a UDF's output: contract fields, prompt_version, model, call."""
    fields = [
        (name, _duckdb_type(info.annotation)) for name, info in result_model.model_fields.items()
    ]
    call = ", ".join(f"{name} {kind}" for name, kind in CALL_FIELDS.items())
    return [
        *fields,
        ("prompt_version", "VARCHAR"),
        ("model", "VARCHAR"),
        ("call", f"STRUCT({call})"),
    ]


def _arrow_type(fields: list[tuple[str, str]]) -> pa.StructType:
    def one(kind: str) -> pa.DataType:
        if kind.startswith("STRUCT("):
            inner = [part.strip().split(" ", 1) for part in kind[7:-1].split(",")]
            return pa.struct([(name, one(k)) for name, k in inner])
        if kind.endswith("[]"):  # a list: skills VARCHAR[]
            return pa.list_(one(kind[:-2]))
        return _ARROW[kind]

    return pa.struct([(name, one(kind)) for name, kind in fields])


def struct_sql(fields: list[tuple[str, str]]) -> str:
    return "STRUCT(" + ", ".join(f"{name} {kind}" for name, kind in fields) + ")"


def _batch_udf(
    enricher: Enricher, task: str, arrow_type: pa.StructType, arity: int
) -> Callable[..., pa.Array]:
    """An Arrow UDF of ``arity`` parameters (DuckDB reads the arity from the signature)."""

    def answer(*columns: pa.Array) -> pa.Array:
        if not enricher.enabled:
            return _unanswered(enricher, task, arrow_type, columns)
        rows = list(zip(*(column.to_pylist() for column in columns), strict=True))
        return pa.array(enricher.run(task, rows), type=arrow_type)

    if arity == 1:
        return lambda text: answer(text)
    if arity == 2:
        return lambda title, description: answer(title, description)
    raise ValueError(f"no UDF shape for {arity} parameters")


def _unanswered(
    enricher: Enricher, task: str, arrow_type: pa.StructType, columns: Sequence[pa.Array]
) -> pa.Array:
    """A batch's results with the LLM off, in Arrow: 'disabled', or 'invalid_output' for a
    row whose inputs are all NULL or blank — what Enricher.run answers, row for row.

    Without a key every flagged row of every build passes through here (hundreds of
    thousands at 1M postings): this path converts no text to Python and hashes nothing.
    """
    has_text: pa.Array | None = None
    for column in columns:
        present = pc.fill_null(
            pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(column)), 0), False
        )
        has_text = present if has_text is None else pc.or_(has_text, present)
    assert has_text is not None
    disabled, empty = enricher.unanswered_rows(task)
    with_text = pc.sum(has_text).as_py() or 0
    statuses = Counter({disabled["status"]: with_text, empty["status"]: len(has_text) - with_text})
    enricher.count_rows(task, +statuses)  # + drops a status no row has
    indices = pc.if_else(has_text, 0, 1)
    if isinstance(indices, pa.ChunkedArray):
        indices = indices.combine_chunks()
    return pa.array([disabled, empty], type=arrow_type).take(indices)


def register_llm_udfs(
    con: duckdb.DuckDBPyConnection, enricher: Enricher | None = None, **overrides: Any
) -> Enricher:
    """Register the LLM UDFs of :data:`UDFS` (llm_extract_salary ... llm_extract_skills).

    Also registers ``llm_settings(task)``. Without ``enricher`` one is built from the environment (``LLMConfig.from_env``) and
    ``overrides`` (e.g. ``max_llm_calls=100``, ``cache_path='llm_cache.sqlite'``).
    Returns the enricher, whose ``stats`` count calls, cache hits and retries.
    """
    enricher = enricher or Enricher(LLMConfig.from_env(**overrides))
    for name, (task, params) in UDFS.items():
        fields = result_fields(TASKS[task].result)
        register_udf(
            con,
            name,
            _batch_udf(enricher, task, _arrow_type(fields), len(params)),
            ["VARCHAR"] * len(params),
            struct_sql(fields),
            type="arrow",
            side_effects=True,
            null_handling="special",
        )

    def settings(task: str) -> dict[str, Any]:
        if task not in TASKS:
            raise ValueError(f"unknown LLM task {task!r}; expected one of {sorted(TASKS)}")
        return enricher.settings(task)

    register_udf(con, "llm_settings", settings, ["VARCHAR"], SETTINGS_TYPE)
    return enricher


__all__ = ["UDFS", "register_llm_udfs", "result_fields"]
