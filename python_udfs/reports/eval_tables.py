"""Print the "when each approach wins" table (mart eval_methods_comparison).

`make eval` builds a warehouse from the hand-labeled postings of
seeds/eval/eval_postings.csv and prints this table; on a warehouse built with
var gold_labels_path (e.g. `make run`'s sample) it shows the generated gold too.
"""

from __future__ import annotations

import argparse

import duckdb

from python_udfs.reports.salary_table import warehouse_path


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def comparison_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """eval_methods_comparison as one Markdown table per label source."""
    rows = con.execute(
        """
        select label_source, field_group, method, postings, labeled_rows, decided_rows,
            precision, coverage, llm_calls_per_1k_postings, llm_tokens_per_1k_postings
        from eval_methods_comparison
        order by label_source,
            list_position(['job_family', 'seniority', 'experience_min_years', 'salary'],
                          field_group),
            list_position(['rules', 'model', 'llm', 'cascade'], method)
        """
    ).fetchall()
    lines: list[str] = []
    source = None
    for label_source, group, method, postings, labeled, decided, precision, coverage, calls, \
            tokens in rows:  # fmt: skip
        if label_source != source:
            source = label_source
            lines += ["", f"{label_source} ({postings} postings)", "",
                      ("| field | method | precision | coverage | decided / labeled "
                      "| LLM calls per 1k | LLM tokens per 1k |"),
                      "|---|---|---|---|---|---|---|"]  # fmt: skip
        token_text = "—" if tokens is None else f"{tokens:,.0f}"
        lines.append(f"| {group} | {method} | {_percent(precision)} | {_percent(coverage)} "
                     f"| {decided} / {labeled} | {calls:,.0f} | {token_text} |")  # fmt: skip
    return "\n".join(lines).strip()


FIELD_GROUPS = {
    "job_family": "job_family",
    "seniority": "seniority",
    "experience_min_years": "experience_min_years",
    "salary_min": "salary",
    "salary_max": "salary",
    "salary_currency": "salary",
    "salary_period": "salary",
}


def by_source(
    con: duckdb.DuckDBPyConnection, label_source: str = "real_postings", method: str = "rules"
) -> list[dict]:
    """Precision and coverage of one method per posting source and field group.

    A salary counts as right when min, max, currency and period all are (as in
    eval_methods_comparison); coverage is decided / stated.
    """
    groups = ", ".join(f"('{field}', '{group}')" for field, group in FIELD_GROUPS.items())
    rows = con.execute(
        f"""
        with field_groups (field, field_group) as (values {groups}),
        scored as (
            select
                labels.source,
                field_groups.field_group,
                labels.posting_id,
                bool_or(labels.stated) as stated,
                bool_or(predictions.posting_id is not null) as decided,
                bool_and(predictions.predicted is not distinct from labels.expected) as correct
            from int_eval__labels as labels
            inner join field_groups using (field)
            left join int_eval__predictions as predictions
                on predictions.posting_id = labels.posting_id
                and predictions.field = labels.field
                and predictions.method = ?
            where labels.label_source = ?
            group by all
        )
        select
            source,
            field_group,
            count_if(stated) as stated,
            count_if(decided) as decided,
            count_if(decided and correct) as correct
        from scored
        group by all
        order by source, field_group
        """,
        [method, label_source],
    ).fetchall()
    return [
        {"source": source, "field_group": group, "stated": stated, "decided": decided,
         "correct": correct}
        for source, group, stated, decided, correct in rows
    ]  # fmt: skip


def by_source_markdown(rows: list[dict], label_source: str, method: str) -> str:
    """by_source() as a Markdown table: one row per source, precision / coverage per field."""
    order = ["salary", "experience_min_years", "seniority", "job_family"]
    cells: dict[str, dict[str, str]] = {}
    for row in rows:
        precision = row["correct"] / row["decided"] if row["decided"] else None
        coverage = min(row["decided"], row["stated"]) / row["stated"] if row["stated"] else None
        cells.setdefault(row["source"], {})[row["field_group"]] = (
            f"{_percent(precision)} / {_percent(coverage)} ({row['decided']}/{row['stated']})"
        )
    lines = [
        f"{label_source}, method {method}: precision / coverage (decided / stated) per source",
        "",
        "| source | " + " | ".join(order) + " |",
        "|---|" + "---|" * len(order),
    ]
    for source in sorted(cells):
        lines.append(f"| {source} | " + " | ".join(cells[source].get(g, "—") for g in order) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(warehouse_path()), help="warehouse file")
    args = parser.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    try:
        print(comparison_markdown(con))
        rows = by_source(con)
        if rows:
            print()
            print(by_source_markdown(rows, "real_postings", "rules"))
    finally:
        con.close()


if __name__ == "__main__":
    main()
