"""Bad files and bad rows: the warehouse keeps working and says why.

One build over a folder that holds, beside good files, every kind of file a hostile or
careless upload brings: a bad byte among good UTF-8 rows, a ragged row, an unterminated
quote, a line over 2 MB, a 0-byte file, binary junk named .csv, a CSV without the country
column, a data column named `filename`, an NDJSON line that is not JSON, a semicolon CSV,
and post dates of 1800, 9999 and after as_of_date. Asserted: the build passes, each good
row loads, each bad row is rejected with its reason, each unreadable file is in
rejected_files with its reason, the log says so and shows no posting text, and a file
that arrives later still loads while the bad ones stay where they are.
(LLM faults: tests/unit/test_llm_udfs.py and tests/functional/test_llm_enrichment.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, run_dbt

HEADER = "posting_id,source,title,company,description,country,city,post_date,salary_text"
SECRET_TEXT = "PLANTED-POSTING-TEXT-7731"  # must never reach the log
AS_OF = "2026-06-01"


def row(posting_id: str, description: str = "Backend developer with 3+ years of Go.",
        country: str = "DE", post_date: str = "2026-05-02") -> str:  # fmt: skip
    return f"{posting_id},board,Software Engineer,Acme,{description},{country},Berlin,{post_date},"


def write_files(folder: Path) -> dict[str, int]:
    """The files of the matrix; returns the good rows each readable file holds."""
    folder.mkdir(parents=True)
    good = {}
    lines = [HEADER] + [row(f"u{i}", f"Entwickler für Zürich und Köln {i}") for i in range(20)]
    data = "\n".join(lines).encode() + (
        f"\nbad1,board,Dev,Acme,{SECRET_TEXT} \xff byte,DE,Berlin,2026-05-02,\n".encode("latin-1")
        + (row("u20") + "\n").encode()
    )
    (folder / "a_one_bad_byte.csv").write_bytes(data)
    good["a_one_bad_byte.csv"] = 21
    (folder / "b_ragged.csv").write_text(
        "\n".join([HEADER, row("r1"), f"r2,board,{SECRET_TEXT}", row("r3")]) + "\n"
    )
    good["b_ragged.csv"] = 2
    (folder / "c_unterminated.csv").write_text(
        "\n".join(
            [
                HEADER,
                row("q1"),
                f'q2,board,Dev,Acme,"{SECRET_TEXT} never closed,DE,x,2026-05-02,',
                row("q3"),
            ]
        )
        + "\n"
    )
    good["c_unterminated.csv"] = 1  # q3 is swallowed into q2's open quote, as CSV says
    long_text = "x" * 2_500_000
    (folder / "d_long_line.csv").write_text(
        "\n".join([HEADER, row("l1", long_text), row("l2")]) + "\n"
    )
    good["d_long_line.csv"] = 2
    (folder / "e_empty.csv").write_bytes(b"")
    (folder / "f_binary.csv").write_bytes(bytes(range(256)) * 40)
    (folder / "g_no_country.csv").write_text("posting_id,title,post_date\nn1,Dev,2026-05-02\n")
    (folder / "h_filename_column.csv").write_text(
        HEADER + ",filename\n" + row("fn1") + ",some.csv\n"
    )
    good["h_filename_column.csv"] = 1
    (folder / "i_lines.ndjson").write_text(
        json.dumps(
            {
                "posting_id": "j1",
                "title": "Data Engineer",
                "description": "SQL",
                "country": "NL",
                "post_date": "2026-05-03",
            }
        )
        + "\n"
        + f"{{not json {SECRET_TEXT}\n"
        + json.dumps(
            {
                "posting_id": "j2",
                "title": "QA",
                "description": "tests",
                "country": "FR",
                "post_date": "2026-05-04",
            }
        )
        + "\n"
    )
    good["i_lines.ndjson"] = 2
    (folder / "j_semicolon.csv").write_text(
        "posting_id;title;description;country;post_date\ns1;Dev;Go;ES;2026-05-02\n"
    )
    good["j_semicolon.csv"] = 1
    (folder / "k_dates.csv").write_text("\n".join(
        [HEADER, row("d1", post_date="1800-01-01"), row("d2", post_date="9999-12-31"),
         row("d3", post_date="2026-07-01"), row("d4")]) + "\n")  # fmt: skip
    good["k_dates.csv"] = 1
    return good


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("faults")
    folder = work / "incoming"
    good = write_files(folder)
    dbt_vars = {"raw_postings_path": str(folder / "*.*"), "as_of_date": AS_OF}
    first = run_dbt(BUILD_WITHOUT_UNIT_TESTS, work / "warehouse.duckdb", work, dbt_vars)
    # a good file arrives later: it loads, the bad ones stay as they were
    (folder / "z_later.csv").write_text("\n".join([HEADER, row("z1"), row("z2")]) + "\n")
    second = run_dbt(BUILD_WITHOUT_UNIT_TESTS, work / "warehouse.duckdb", work, dbt_vars)
    return {"db": work / "warehouse.duckdb", "good": good, "first": first, "second": second}


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_good_rows_of_every_readable_file_load(faulty: dict) -> None:
    accepted = dict(query(faulty["db"], """
        select parse_filename(source_file), count(*) from int_postings__validated
        where reject_reason is null group by 1"""))  # fmt: skip
    expected = {**faulty["good"], "z_later.csv": 2}
    assert accepted == expected


def test_unreadable_files_are_listed_with_their_reason(faulty: dict) -> None:
    files = dict(query(faulty["db"],
                       "select parse_filename(file_name), unreadable_reason from rejected_files"))  # fmt: skip
    assert set(files) == {"e_empty.csv", "f_binary.csv", "g_no_country.csv"}
    assert "empty" in files["e_empty.csv"]
    assert "missing required columns: country" in files["g_no_country.csv"]
    assert "cannot be read" in faulty["first"].stdout and "rejected_files" in faulty["first"].stdout


def test_bad_rows_are_rejected_with_their_reason(faulty: dict) -> None:
    reasons = query(faulty["db"], """
        select parse_filename(source_file), reject_reason, read_error is not null
        from rejected_postings order by 1, 2""")  # fmt: skip
    assert ("a_one_bad_byte.csv", "unreadable_row", True) in reasons
    assert ("b_ragged.csv", "unreadable_row", True) in reasons
    assert ("i_lines.ndjson", "unreadable_row", True) in reasons
    assert ("k_dates.csv", "post_date_too_early", False) in reasons
    assert ("k_dates.csv", "post_date_in_future", False) in reasons
    assert [r for r in reasons if r[0] == "k_dates.csv"].count(
        ("k_dates.csv", "post_date_in_future", False)
    ) == 2  # 9999 and after as_of_date


def test_the_log_says_what_happened_and_shows_no_posting_text(faulty: dict) -> None:
    for result in (faulty["first"], faulty["second"]):
        assert SECRET_TEXT not in result.stdout + result.stderr
    assert (
        "Intake: " in faulty["first"].stdout and "rejected unreadable_row" in faulty["first"].stdout
    )
    assert "Intake: 2 rows read this run from 1 file" in faulty["second"].stdout
