"""Print the Software Engineering salary table of a built warehouse.

The last step of `make run`: it reads the mart (read-only, so it never
competes with a running dbt) and prints it as a Markdown table, with the
posting counts behind each cell so a reader sees how much data stands there.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import duckdb

DEFAULT_DB = "data/salary_insights.duckdb"


def warehouse_path() -> Path:
    """The warehouse file, as the dbt profile resolves it."""
    return Path(os.environ.get("SALARY_INSIGHTS_DB", DEFAULT_DB))


def salary_table_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """The salary_table_software_engineering mart as a Markdown table."""
    rows = con.execute(
        """
        select
            t.country,
            coalesce(t.entry, '—'),
            coalesce(t.mid, '—'),
            coalesce(t.senior, '—'),
            coalesce(sum(i.salaried_postings), 0),
            coalesce(sum(i.postings), 0)
        from salary_table_software_engineering as t
        left join salary_insights as i
            on i.country = t.country and i.job_family = 'Software Engineering'
        group by all
        order by t.country
        """
    ).fetchall()
    lines = [
        "| Country | Entry | Mid | Senior | salaried / postings |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {c} | {e} | {m} | {s} | {n} / {p} |" for c, e, m, s, n, p in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=warehouse_path())
    args = parser.parse_args()
    with duckdb.connect(str(args.db), read_only=True) as con:
        print("Software Engineering salaries, EUR per year (median min - median max):")
        print(salary_table_markdown(con))


if __name__ == "__main__":
    main()
