"""The HTML sections of the report: plain tables around the charts.

Why plain tables beside the charts: a chart is read by eye, a table is read by
screen readers, copied into a spreadsheet and checked by a test. Each value
cell carries its mart column (`data-column`) and its raw value (`data-value`,
Python's exact repr, empty for NULL) next to the formatted text.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from python_udfs.reports.report_charts import METHODS
from python_udfs.reports.report_queries import METHOD_FIELDS, Row

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; }
.note { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.85rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td { white-space: nowrap; }
.scroll { overflow-x: auto; }
tr[data-reportable="false"] td { color: #888; }
.chart { margin: 0.5rem 0; }
"""

KEY_COLUMNS = (
    ("job_family", "Job family", "text"),
    ("country", "Country", "text"),
    ("seniority", "Seniority", "text"),
    ("postings", "Postings", "int"),
    ("salaried_postings", "Salaried postings", "int"),
    ("salary_min_eur_annual_p25", "Min p25", "eur"),
    ("salary_min_eur_annual_median", "Min median", "eur"),
    ("salary_min_eur_annual_p75", "Min p75", "eur"),
    ("salary_max_eur_annual_p25", "Max p25", "eur"),
    ("salary_max_eur_annual_median", "Max median", "eur"),
    ("salary_max_eur_annual_p75", "Max p75", "eur"),
)


def raw(value: Any) -> str:
    """The exact value for data-value: repr for floats, '' for NULL."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value) if isinstance(value, float) else str(value)


def shown(value: Any, kind: str = "text") -> str:
    """The value as a reader sees it; a NULL salary figure reads "suppressed"."""
    if value is None:
        return "suppressed" if kind == "eur" else "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if kind == "eur":
        return f"€{value:,.0f}"
    if kind == "int":
        return f"{value:,}"
    if kind == "share":
        return f"{value:.1%}"
    if kind == "usd":
        return f"${value:,.4f}" if abs(value) < 1 else f"${value:,.2f}"
    return str(value)


def td(column: str, value: Any, kind: str = "text") -> str:
    """A value cell: formatted text for the reader, column and raw value for a test."""
    css = ' class="num"' if kind != "text" else ""
    return (
        f'<td data-column="{column}" data-value="{escape(raw(value))}"{css}>'
        f"{escape(shown(value, kind))}</td>"
    )


def table(table_id: str, caption: str, headers: list[str], rows: list[str]) -> str:
    """A captioned table that scrolls sideways on a narrow screen instead of squeezing."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<div class="scroll"><table id="{table_id}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def _cell_row(cell: Row, columns: tuple[tuple[str, str, str], ...]) -> str:
    keys = (
        f'data-country-code="{escape(cell["country_code"])}" '
        f'data-job-family="{escape(cell["job_family"])}" '
        f'data-seniority="{escape(cell["seniority"])}" '
        f'data-reportable="{raw(cell["is_reportable"])}"'
    )
    tds = "".join(td(name, cell[name], kind) for name, _, kind in columns)
    return f"<tr {keys}>{tds}</tr>"


def key_numbers_table(cells: list[Row]) -> str:
    """One row per salary_insights cell: the numbers behind the range chart."""
    rows = [_cell_row(cell, KEY_COLUMNS) for cell in cells]
    caption = (
        "Key numbers of the chart: salary_insights, one row per cell, EUR per year; "
        "p25 / median / p75 of the postings' salary minimum (min) and maximum (max)"
    )
    return table("key-numbers", caption, [h for _, h, _ in KEY_COLUMNS], rows)


def suppressed_section(cells: list[Row]) -> str:
    """Cells under min_cell_size salaried postings: counts kept, figures NULL."""
    hidden = [cell for cell in cells if not cell["is_reportable"]]
    columns = KEY_COLUMNS[:5]
    body = (
        table(
            "suppressed-cells",
            f"{len(hidden)} suppressed cells (is_reportable false)",
            [h for _, h, _ in columns],
            [_cell_row(cell, columns) for cell in hidden],
        )
        if hidden
        else '<p id="suppressed-none">No cell is suppressed: every cell has at least '
        "min_cell_size salaried postings.</p>"
    )
    return (
        '<section id="suppressed"><h2>Suppressed cells</h2>\n<p class="note">Fewer salaried '
        "postings than the build's min_cell_size (default 10): salary_insights keeps the "
        f"counts and shows no figures.</p>\n{body}\n</section>"
    )


def method_table(shares: list[Row]) -> str:
    """Fields as rows, methods as columns: postings and share, and the field's coverage."""
    by_field = {(r["field"], r["method"]): r for r in shares}
    rows = []
    for field in METHOD_FIELDS:
        coverage = next((r["coverage"] for r in shares if r["field"] == field), None)
        tds = [td("field", field), td("coverage", coverage, "share")]
        for method in METHODS:
            row = by_field.get((field, method), {"postings": 0, "share": 0.0})
            text = f"{row['postings']:,} ({row['share']:.1%})"
            tds.append(
                f'<td data-column="{escape(method)}" data-value="{row["postings"]}" '
                f'class="num">{escape(text)}</td>'
            )
        rows.append(f'<tr data-field="{field}">{"".join(tds)}</tr>')
    caption = "Postings by method per field (fct_postings *_method); coverage: decided share"
    return table("method-shares", caption, ["Field", "Coverage", *METHODS], rows)


def freshness_section(fresh: Row) -> str:
    """How recent and how large the inputs are; the as-of date is not kept in any mart."""
    items = [
        ("postings", "Postings (fct_postings rows)", fresh["postings"], "int"),
        ("first_post_date", "First post_date", fresh["first_post_date"], "text"),
        ("last_post_date", "Last post_date", fresh["last_post_date"], "text"),
        ("latest_loaded_at", "Latest load (max loaded_at)", fresh["latest_loaded_at"], "text"),
        ("cell_postings", "Postings in salary cells", fresh["cell_postings"], "int"),
        ("cell_salaried_postings", "… with a salary", fresh["cell_salaried_postings"], "int"),
        ("cells", "Cells (country × family × seniority)", fresh["cells"], "int"),
        ("suppressed_cells", "Suppressed cells", fresh["suppressed_cells"], "int"),
        ("latest_week_start", "Latest monitoring week", fresh["latest_week_start"], "text"),
    ]
    rows = [f"<tr><th>{escape(label)}</th>{td(k, v, kind)}</tr>" for k, label, v, kind in items]
    return (
        '<section id="data-freshness"><h2>Data freshness</h2>\n'
        + table("freshness", "Inputs behind this report", ["", "Value"], rows)
        + '\n<p class="note">As-of date: not stored in the marts. salary_insights covers the '
        "insights_window_months (default 12) up to the build's as_of_date var (default: "
        "the day of the build); salary cells leave out postings with undecided family or "
        "seniority.</p>\n</section>"
    )
