"""Print the "when each approach wins" table (mart eval_methods_comparison).

`make eval` builds a warehouse from the hand-labeled postings of
seeds/eval/eval_postings.csv and prints this table; on a warehouse built with
var gold_labels_path (e.g. `make run`'s sample) it shows the generated gold too.
"""

from __future__ import annotations

import argparse

import duckdb

from python_udfs.report import warehouse_path


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(warehouse_path()), help="warehouse file")
    args = parser.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    try:
        print(comparison_markdown(con))
    finally:
        con.close()


if __name__ == "__main__":
    main()
