"""The figures of the HTML report, each read from a mart of a built warehouse.

Why a module of its own: the report must show what the warehouse says, not a
second computation of it. Every figure here is a plain select (at most a count
or a share) over salary_insights, fct_postings, llm_usage or monitoring_weekly,
so a reader can trace each number to one mart and column (docs/report.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

Row = dict[str, Any]

# salary_insights columns the report shows, in the order of its key-numbers table
CELL_COLUMNS = (
    "country_code",
    "country",
    "job_family",
    "seniority",
    "postings",
    "salaried_postings",
    "is_reportable",
    "salary_min_eur_annual_p25",
    "salary_min_eur_annual_median",
    "salary_min_eur_annual_p75",
    "salary_max_eur_annual_p25",
    "salary_max_eur_annual_median",
    "salary_max_eur_annual_p75",
    "salary_range_text",
)
# fct_postings fields with a `<field>_method` provenance column
METHOD_FIELDS = ("job_family", "seniority", "experience", "salary")
LLM_COLUMNS = (
    "run_started_at",
    "task",
    "model",
    "llm_enabled",
    "rows_asked",
    "calls",
    "cache_hits",
    "prompt_tokens",
    "completion_tokens",
    "tokens_saved_by_dedup",
    "tokens_saved_by_cache",
)


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows; rows are dicts keyed by mart column names."""

    cells: list[Row]
    method_shares: list[Row]
    llm_runs: list[Row]
    freshness: Row


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def salary_cells(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """salary_insights as it is, suppressed cells included (counts, NULL figures)."""
    return _rows(
        con,
        f"select {', '.join(CELL_COLUMNS)} from salary_insights "
        "order by job_family, country, seniority",
    )


def method_shares(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Per field, postings and share by `<field>_method`, and the field's coverage.

    A NULL method is split by `needs_<field>_enrichment`: `undecided` when the
    text holds a value no method could read, `not stated` when it holds none
    (most postings state no salary; that is not a failure of the rules).
    """
    parts = [
        f"""
        select
            '{field}' as field,
            coalesce(
                {field}_method,
                case when needs_{field}_enrichment then 'undecided' else 'not stated' end
            ) as method
        from fct_postings"""
        for field in METHOD_FIELDS
    ]
    return _rows(
        con,
        f"""
        select field, method, count(*) as postings,
            count(*) / sum(count(*)) over (partition by field) as share,
            sum(count(*) filter (where method in ('rule', 'model', 'llm')))
                over (partition by field)
                / sum(count(*)) over (partition by field) as coverage
        from ({" union all ".join(parts)})
        group by field, method
        order by field, method
        """,
    )


def llm_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The llm_usage columns to show: LLM_COLUMNS, then any cost column, as they exist.

    Read at run time because llm_usage grows (cost columns such as
    `estimated_cost_usd`, `cost_note`, `price_date` come with a price seed):
    the report shows money when the mart has it and tokens only when it does
    not, and an older warehouse without a column still gets its report.
    """
    present = [
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_name = 'llm_usage' order by ordinal_position"
        ).fetchall()
    ]
    return [c for c in LLM_COLUMNS if c in present] + [c for c in present if is_cost(c)]


def is_cost(column: str) -> bool:
    """A column about money (estimated_cost_usd, cost_note, price_date); report_llm
    shows the numeric ones as USD and the others as text."""
    return any(word in column.lower() for word in ("cost", "price"))


def recent_llm_runs(con: duckdb.DuckDBPyConnection, runs: int = 5) -> list[Row]:
    """llm_usage rows of the latest `runs` dbt runs, with the columns llm_columns finds."""
    columns = llm_columns(con)
    if "run_started_at" not in columns:  # no llm_usage mart in this warehouse
        return []
    return _rows(
        con,
        f"""
        select {", ".join(columns)} from llm_usage
        where run_id in (
            select run_id from llm_usage
            group by run_id order by max(run_started_at) desc limit {int(runs)}
        )
        order by run_started_at desc, task
        """,
    )


def freshness(con: duckdb.DuckDBPyConnection) -> Row:
    """Date range, latest load and counts of the inputs behind the report."""
    postings = _rows(
        con,
        """
        select min(post_date) as first_post_date, max(post_date) as last_post_date,
            max(loaded_at) as latest_loaded_at, count(*) as postings
        from fct_postings
        """,
    )[0]
    cells = _rows(
        con,
        """
        select sum(postings) as cell_postings, sum(salaried_postings) as cell_salaried_postings,
            count(*) as cells, count(*) filter (where not is_reportable) as suppressed_cells
        from salary_insights
        """,
    )[0]
    weeks = _rows(con, "select max(week_start) as latest_week_start from monitoring_weekly")[0]
    return {**postings, **cells, **weeks}


def load_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """All figures of the page, read in one read-only connection (one snapshot)."""
    return ReportData(
        cells=salary_cells(con),
        method_shares=method_shares(con),
        llm_runs=recent_llm_runs(con),
        freshness=freshness(con),
    )
