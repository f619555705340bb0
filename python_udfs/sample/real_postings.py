"""Convert the real job postings of ``../shared/real-postings/`` to the raw-postings input contract.

Why it exists: rules written together with the generator that tests them prove little, so the
warehouse is also built and scored on real ads. Those files come from many boards, each with its
own columns, delimiter, encoding and date format; this module is the one place that knows them.
It writes one Parquet file per source file (``OUT/<file stem>.parquet``) with the contract's
columns (README "Input contract"), all text:

- ``posting_id`` is ``<file stem>:<row id>``, where the row id is the file's own id column where it
  has one, else the 1-based data row number. Hand labels (``seeds/eval/real_labels.csv``) are keyed
  by the same two parts, never by text: most of these files carry no licence, so no sentence of
  them is copied into the project.
- ``source`` is the file stem; ``country`` the board's country (one per file).
- ``salary_text`` is the board's own salary field as given; structured pay fields (LinkedIn's
  ``min_salary``/``max_salary``/``pay_period``/``currency``, StepStone's and Adzuna's
  ``salary_min``/``salary_max``) are written as ``"<min> - <max> [<currency>] [per <period>]"``
  with only what the board states.
- ``post_date`` is the board's publication date as ``YYYY-MM-DD``; files with none get the date
  their rows were collected as far as it is known (``UNDATED`` below, documented per file).

Usage::

    python -m python_udfs.sample.real_postings [--src ../shared/real-postings] [--out data/real]
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

CONTRACT_COLUMNS = (
    "posting_id",
    "source",
    "title",
    "company",
    "description",
    "country",
    "city",
    "post_date",
    "salary_text",
)
_CHECKOUT = Path(__file__).resolve().parents[2]
if (_CHECKOUT / "dbt_project.yml").is_file():  # an editable install: beside the checkout
    DEFAULT_SRC = _CHECKOUT.parent / "shared" / "real-postings"
else:  # installed from a wheel (site-packages): beside the working directory's project
    DEFAULT_SRC = Path("..") / "shared" / "real-postings"
SRC_ENV_VAR = "SALARY_INSIGHTS_REAL_POSTINGS"

Record = dict[str, str]


def default_source_dir() -> Path:
    """``$SALARY_INSIGHTS_REAL_POSTINGS``, else ``../shared/real-postings`` beside the project."""
    return Path(os.environ.get(SRC_ENV_VAR) or DEFAULT_SRC)


def _text(value: object) -> str | None:
    """Strip a field; empty, ``nan`` and ``-1`` (Glassdoor's "unknown") are missing."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "nan", "None", "-1") else text


def _read_text(path: Path) -> str:
    """Decode UTF-8, else Windows-1252 (one LinkedIn pull has cp1252 apostrophes)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _rows(path: Path, delimiter: str) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize)
    yield from csv.DictReader(io.StringIO(_read_text(path), newline=""), delimiter=delimiter)


def _dict_field(value: str | None, key: str) -> str | None:
    """A value of a Python-dict text (France Travail's nested fields flattened by a scraper)."""
    if not value:
        return None
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return None
    return _text(parsed.get(key)) if isinstance(parsed, dict) else None


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp, ``dd/mm/yyyy`` or a Unix time in s or ms."""
    text = _text(value)
    if text is None:
        return None
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    if len(text) == 10 and text[2] == "/" and text[5] == "/":
        return datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    try:
        stamp = float(text)
    except ValueError:
        return None
    if stamp > 1e11:  # milliseconds
        stamp /= 1000
    return datetime.fromtimestamp(stamp, tz=timezone.utc).date().isoformat()


def _amount(value: str | None) -> str | None:
    """A board's numeric pay field as written, without a trailing ``.0``."""
    text = _text(value)
    if text is None:
        return None
    return text.removesuffix(".0")


def _structured_pay(
    low: str | None, high: str | None, currency: str | None = None, period: str | None = None
) -> str | None:
    """``"<min> - <max> [<currency>] [per <period>]"`` from a board's structured pay fields."""
    low, high = _amount(low), _amount(high)
    if low is None and high is None:
        return None
    figures = f"{low} - {high}" if low and high and low != high else (low or high)
    parts = [figures]
    if currency:
        parts.append(currency)
    if period:
        parts.append(f"per {period}")
    return " ".join(parts)


LINKEDIN_PERIODS = {
    "YEARLY": "year",
    "MONTHLY": "month",
    "WEEKLY": "week",
    "BIWEEKLY": None,
    "HOURLY": "hour",
}


@dataclass(frozen=True)
class SourceFile:
    """One file of the folder: how to read it and how its columns map to the contract."""

    name: str
    country: str
    read: Callable[[Path], Iterator[Record]]
    to_contract: Callable[[Record, int], Record]
    # the date its rows were collected, for boards that give no publication date (approximate;
    # from the file name or the source repository's history)
    undated: str | None = None

    @property
    def stem(self) -> str:
        return self.name.split(".")[0]


def _csv(delimiter: str) -> Callable[[Path], Iterator[Record]]:
    return lambda path: _rows(path, delimiter)


def _arbeitnow(path: Path) -> Iterator[Record]:
    yield from json.loads(_read_text(path))["data"]


def _france_travail_a(row: Record, number: int) -> Record:
    return {
        "row_id": row["id"],
        "title": row["intitule"],
        "description": row["description"],
        "company": _dict_field(row.get("entreprise"), "nom"),
        "city": _dict_field(row.get("lieuTravail"), "libelle"),
        "post_date": _iso_date(row.get("dateCreation")),
        "salary_text": _dict_field(row.get("salaire"), "libelle"),
    }


def _france_travail_b(row: Record, number: int) -> Record:
    return {
        "row_id": row["id"],
        "title": row["intitule"],
        "description": row["description"],
        "company": row.get("entreprise.nom"),
        "city": row.get("lieuTravail.libelle"),
        "post_date": _iso_date(row.get("dateCreation")),
        "salary_text": row.get("salaire.libelle"),
    }


def _at_indeed(row: Record, number: int) -> Record:
    company = _text(row.get("Company"))
    return {
        "row_id": str(number),
        "title": row["Title"],
        "description": row["Description"],
        "company": None if company == "Company not found" else company,
        "city": None,
        "post_date": _iso_date(row.get("Date Scraped")),
        "salary_text": None,
    }


def _de_arbeitnow(row: Record, number: int) -> Record:
    return {
        "row_id": str(number),
        "title": row["title"],
        "description": row["description"],
        "company": row.get("company_name"),
        "city": row.get("location"),
        "post_date": _iso_date(str(row.get("created_at") or "")),
        "salary_text": None,
    }


def _de_stepstone(row: Record, number: int) -> Record:
    return {
        "row_id": row["id"],
        "title": row["title"],
        "description": None,
        "company": row.get("company"),
        "city": row.get("city"),
        "post_date": None,
        "salary_text": _structured_pay(row.get("salary_min"), row.get("salary_max")),
    }


def _nl_adzuna(row: Record, number: int) -> Record:
    return {
        "row_id": str(number),
        "title": row["title"],
        "description": None,
        "company": row.get("company"),
        "city": row.get("location"),
        "post_date": _iso_date(row.get("created")),
        "salary_text": _structured_pay(row.get("salary_min"), row.get("salary_max")),
    }


def _es_ofertas(row: Record, number: int) -> Record:
    return {
        "row_id": _text(row.get("ID")) or f"n{number}",
        "title": row["Título"],
        "description": None,
        "company": None,
        "city": row.get("Localización"),
        "post_date": _iso_date(row.get("Fecha")),
        "salary_text": row.get("Salario"),
    }


def _es_infojobs(row: Record, number: int) -> Record:
    description = "\n".join(
        part for part in (_text(row.get("description")), _text(row.get("requirements"))) if part
    )
    return {
        "row_id": str(number),
        "title": row["title"],
        "description": description or None,
        "company": row.get("company"),
        "city": row.get("location"),
        "post_date": None,
        "salary_text": row.get("salary"),
    }


def _us_linkedin(row: Record, number: int) -> Record:
    period = LINKEDIN_PERIODS.get(_text(row.get("pay_period")) or "")
    low = row.get("min_salary") or row.get("med_salary")
    high = row.get("max_salary") or row.get("med_salary")
    return {
        "row_id": row["job_id"],
        "title": row["title"],
        "description": row["description"],
        "company": row.get("company_name"),
        "city": row.get("location"),
        "post_date": _iso_date(row.get("listed_time") or row.get("original_listed_time")),
        "salary_text": _structured_pay(low, high, _text(row.get("currency")), period),
    }


def _us_glassdoor(row: Record, number: int) -> Record:
    company = _text(row.get("Company Name"))
    return {
        "row_id": row[""],
        "title": row["Job Title"],
        "description": row["Job Description"],
        # the board appends the company's rating on a second line
        "company": company.split("\n")[0] if company else None,
        "city": row.get("Location"),
        "post_date": None,
        "salary_text": row.get("Salary Estimate"),
    }


SOURCE_FILES: tuple[SourceFile, ...] = (
    SourceFile("fr_france_travail_a.csv", "France", _csv(","), _france_travail_a),
    SourceFile("fr_france_travail_b.psv", "France", _csv("|"), _france_travail_b),
    SourceFile("at_indeed.csv", "Austria", _csv(","), _at_indeed),
    SourceFile("de_arbeitnow.json", "Germany", _arbeitnow, _de_arbeitnow),
    # the file name says May 2025
    SourceFile(
        "de_stepstone_titles.csv", "Germany", _csv(","), _de_stepstone, undated="2025-05-31"
    ),
    SourceFile("nl_adzuna_titles.csv", "Netherlands", _csv(","), _nl_adzuna),
    SourceFile("es_ofertas_titles.csv", "Spain", _csv(","), _es_ofertas),
    # the repository's results were committed in 2025
    SourceFile("es_infojobs.ssv", "Spain", _csv(";"), _es_infojobs, undated="2025-03-01"),
    SourceFile("us_linkedin_1000.csv", "United States", _csv(","), _us_linkedin),
    SourceFile("us_linkedin_165.csv", "United States", _csv(","), _us_linkedin),
    # Glassdoor's 2020 scrape of the ds_salary_proj repository
    SourceFile("us_glassdoor.csv", "United States", _csv(","), _us_glassdoor, undated="2020-04-01"),
)


def convert_file(spec: SourceFile, src: Path) -> list[Record]:
    """The contract rows of one source file, in file order."""
    rows = []
    for number, raw in enumerate(spec.read(src / spec.name), start=1):
        mapped = spec.to_contract(raw, number)
        row = {column: _text(mapped.get(column)) for column in CONTRACT_COLUMNS}
        row["posting_id"] = f"{spec.stem}:{mapped['row_id']}"
        row["source"] = spec.stem
        row["country"] = spec.country
        row["post_date"] = row["post_date"] or spec.undated
        rows.append(row)
    return rows


def write_parquet(rows: list[Record], path: Path) -> None:
    schema = pa.schema([(column, pa.string()) for column in CONTRACT_COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def convert_all(src: Path, out: Path) -> dict[str, int]:
    """Write ``OUT/<stem>.parquet`` for every known file of ``src``; rows per file."""
    missing = [spec.name for spec in SOURCE_FILES if not (src / spec.name).exists()]
    if missing:
        raise FileNotFoundError(f"{src}: missing {', '.join(missing)}")
    counts = {}
    for spec in SOURCE_FILES:
        rows = convert_file(spec, src)
        write_parquet(rows, out / f"{spec.stem}.parquet")
        counts[spec.stem] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=default_source_dir())
    parser.add_argument("--out", type=Path, default=Path("data/real"))
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        parser.error(f"no folder {args.src} (set --src or {SRC_ENV_VAR})")
    counts = convert_all(args.src, args.out)
    for stem, count in counts.items():
        print(f"{args.out / (stem + '.parquet')}: {count} rows")
    print(f"{sum(counts.values())} postings from {len(counts)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
