"""The LLM usage section of the report: llm_usage rows with the columns the mart has.

Why a module of its own: llm_usage grows (cost columns are added as prices
are known), so this section takes its columns from the rows report_queries
read at run time and labels what it knows; a money column is shown, with its
total, as soon as the mart has one, and tokens alone when it has none.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from python_udfs.reports.report_page import raw, shown, table, td
from python_udfs.reports.report_queries import Row, is_cost

# headers and formats of the llm_usage columns report_queries selects (LLM_COLUMNS);
# a cost column (report_queries.is_cost) is headed by its own name, numbers in USD
LLM_HEADERS = {
    "run_started_at": ("Run started", "text"),
    "task": ("Task", "text"),
    "model": ("Model", "text"),
    "llm_enabled": ("LLM on", "text"),
    "rows_asked": ("Rows asked", "int"),
    "calls": ("API calls", "int"),
    "cache_hits": ("Cache hits", "int"),
    "prompt_tokens": ("Prompt tokens", "int"),
    "completion_tokens": ("Completion tokens", "int"),
    "tokens_saved_by_dedup": ("Saved by dedup", "int"),
    "tokens_saved_by_cache": ("Saved by cache", "int"),
}


def is_money(column: str, runs: list[Row]) -> bool:
    """A cost column whose values are numbers (not a note or a date): shown as USD."""
    numbers = (int, float, Decimal)
    return is_cost(column) and all(
        r[column] is None or (isinstance(r[column], numbers) and not isinstance(r[column], bool))
        for r in runs
    )


def llm_header(column: str, runs: list[Row]) -> tuple[str, str]:
    """Header and format of a column; one this module does not know is shown as text."""
    if column in LLM_HEADERS:
        return LLM_HEADERS[column]
    header = column.replace("_", " ").capitalize()
    return header, "usd" if is_money(column, runs) else "text"


def llm_totals(runs: list[Row], columns: list[str]) -> str:
    """One sentence over the rows shown: tokens paid for and, if recorded, money.

    A NULL cost (a model without a price) is left out of the sum and said so,
    rather than read as free.
    """
    tokens = sum((r.get("prompt_tokens") or 0) + (r.get("completion_tokens") or 0) for r in runs)
    parts = [f'<span data-column="total_tokens" data-value="{tokens}">{tokens:,} tokens</span>']
    for column in (c for c in columns if is_money(c, runs)):
        total = float(sum(r[column] or 0 for r in runs))
        unpriced = sum(r[column] is None for r in runs)
        gap = f" (without {unpriced} rows that have no price)" if unpriced else ""
        parts.append(
            f'<span data-column="total_{escape(column)}" data-value="{raw(total)}">'
            f"{escape(llm_header(column, runs)[0].lower())} {escape(shown(total, 'usd'))}"
            f"{escape(gap)}</span>"
        )
    return f'<p id="llm-totals">The runs shown: {", ".join(parts)}.</p>'


def llm_section(runs: list[Row]) -> str:
    """Calls, tokens and, where llm_usage records it, cost of recent runs.

    The columns are those of the rows (report_queries reads them from the mart
    at run time), so a cost column appears here as soon as the mart has one.
    """
    columns = list(runs[0]) if runs else []
    has_cost = any(is_money(c, runs) for c in columns)
    formats = {c: llm_header(c, runs)[1] for c in columns}
    rows = ["<tr>" + "".join(td(c, r[c], formats[c]) for c in columns) + "</tr>" for r in runs]
    caption = "llm_usage, latest runs first (tokens saved: by de-duplication, by stored answers)"
    body = (
        table("llm-usage", caption, [llm_header(c, runs)[0] for c in columns], rows)
        + "\n"
        + llm_totals(runs, columns)
        if runs
        else '<p id="llm-usage-none">No LLM run is recorded in llm_usage.</p>'
    )
    title = "calls, tokens and cost" if has_cost else "calls and tokens"
    note = (
        "Cost as llm_usage estimates it: the tokens at the model's list price; "
        "empty where no price is known."
        if has_cost
        else "It records calls and tokens, not money: multiply tokens by your provider's price."
    )
    return (
        f'<section id="llm"><h2>LLM usage of recent runs: {title}</h2>\n'
        '<p class="note">From the mart llm_usage (one row per dbt run and task). '
        f"{escape(note)}</p>\n{body}\n</section>"
    )
