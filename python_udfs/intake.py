"""What a raw postings file holds, before the warehouse reads it: the intake probe.

Why: one bad file (a 0-byte upload, a truncated Parquet, a CSV whose quoting the sniffer
cannot guess, an unexpected delimiter, a header without ``country``) made DuckDB's scan of
the whole glob fail, and nothing loaded. The probe looks at each file alone, in its own
in-memory DuckDB connection (a UDF must never query the connection that calls it), and
says how to read it: its format, its delimiter, its columns, or why it cannot be read. The
staging model then reads every readable file with explicit options, so a bad row is a
rejected row and a bad file is a ``rejected_files`` row, and the rest flows on.

The SQL side calls it as the UDF ``raw_file_probe(path)`` (registered by the dbt plugin);
the result never contains a posting's text, only names, counts and reasons.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from python_udfs.udf_registration import register_udf

REQUIRED_COLUMNS = ("posting_id", "country", "post_date")
TEXT_COLUMNS = ("title", "description")  # at least one of them
CONTRACT_COLUMNS = (
    "posting_id", "source", "title", "company", "description", "country", "city",
    "post_date", "salary_text",
)  # fmt: skip
HEADER_BYTES = 1 << 20  # enough for any header line
DELIMITERS = ",;|\t"
FORMATS = {".csv": "csv", ".csv.gz": "csv", ".tsv": "csv", ".psv": "csv", ".ssv": "csv",
           ".parquet": "parquet", ".json": "ndjson", ".ndjson": "ndjson",
           ".jsonl": "ndjson"}  # fmt: skip

PROBE_FIELDS = [
    ("file_format", pa.string()),
    ("is_readable", pa.bool_()),
    ("unreadable_reason", pa.string()),
    ("delimiter", pa.string()),
    ("encoding", pa.string()),
    ("columns", pa.list_(pa.string())),
    ("missing_columns", pa.list_(pa.string())),
]
PROBE_TYPE = pa.struct(PROBE_FIELDS)
PROBE_SQL = (
    "STRUCT(file_format VARCHAR, is_readable BOOLEAN, unreadable_reason VARCHAR, "
    "delimiter VARCHAR, encoding VARCHAR, columns VARCHAR[], missing_columns VARCHAR[])"
)


@dataclass
class Probe:
    """How to read one file, or why it cannot be read."""

    file_format: str | None = None
    is_readable: bool = False
    unreadable_reason: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)


def file_format(path: str) -> str | None:
    """csv, parquet or ndjson by extension (as the input contract says); None otherwise."""
    name = path.lower()
    for suffix, kind in sorted(FORMATS.items(), key=lambda item: -len(item[0])):
        if name.endswith(suffix):
            return kind
    return None


def _head(path: Path) -> bytes:
    """The file's first HEADER_BYTES (decompressed for .gz)."""
    if str(path).endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as handle:
            return handle.read(HEADER_BYTES)
    with open(path, "rb") as handle:
        return handle.read(HEADER_BYTES)


def _encoding(head: bytes) -> str:
    """utf-8, or latin-1 when most non-ASCII bytes of the head are not UTF-8.

    A UTF-8 file with a few bad bytes stays UTF-8 (those rows are rejected); a file
    written in Windows-1252 / Latin-1 would lose every row with an accent otherwise.
    """
    non_ascii = sum(1 for byte in head if byte >= 0x80)
    if not non_ascii:
        return "utf-8"
    bad = head.decode("utf-8", errors="replace").count("\ufffd")
    return "latin-1" if bad > non_ascii / 2 else "utf-8"


def _csv_header(path: Path) -> tuple[str, str, list[str]]:
    """The delimiter, encoding and column names of a CSV file's first line."""
    head = _head(path)
    encoding = _encoding(head)
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        line = first.decode("utf-8-sig" if encoding == "utf-8" else "latin-1")
    except UnicodeDecodeError as exc:
        raise ValueError("the header line is not UTF-8 text") from exc
    counts = {d: line.count(d) for d in DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    names = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    return delimiter, encoding, [name.strip() for name in names]


def _parquet_columns(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return list(pq.read_schema(path).names)


def _ndjson_columns(path: Path) -> list[str]:
    """Keys of the first lines that parse as JSON objects (a bad line is a rejected row)."""
    keys: dict[str, None] = {}
    with open(path, "rb") as handle:
        for _, raw in zip(range(100), handle):
            try:
                value = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(value, dict):
                keys.update(dict.fromkeys(value))
    return list(keys)


def probe(path: str) -> Probe:
    """Probe one file; never raises (a file that cannot be read says why)."""
    result = Probe(file_format=file_format(path))
    file = Path(path)
    try:
        if result.file_format is None:
            raise ValueError("not a .parquet, .csv or .json/.ndjson/.jsonl file")
        if file.stat().st_size == 0:
            raise ValueError("the file is empty (0 bytes)")
        if result.file_format == "csv":
            result.delimiter, result.encoding, result.columns = _csv_header(file)
        elif result.file_format == "parquet":
            result.columns = _parquet_columns(file)
        else:
            result.columns = _ndjson_columns(file)
    except Exception as exc:  # noqa: BLE001 - any failure is a reason, never a crash
        result.unreadable_reason = _reason(exc)
        return result
    # names only: a header that is not one (binary junk, a data line) is not kept
    result.columns = [name for name in result.columns if name.isprintable() and 0 < len(name) <= 64]
    present = {name.strip().lower() for name in result.columns}
    result.missing_columns = [name for name in REQUIRED_COLUMNS if name not in present]
    if not present & set(TEXT_COLUMNS):
        result.missing_columns.append(" or ".join(TEXT_COLUMNS))
    if not result.columns:
        result.unreadable_reason = "no columns found"
    elif result.missing_columns:
        result.unreadable_reason = "missing required columns: " + ", ".join(result.missing_columns)
    else:
        result.is_readable = True
    return result


def _reason(exc: Exception) -> str:
    """A short reason for a failed probe, without any of the file's content."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def probe_udf(paths: pa.Array) -> pa.Array:
    """Arrow UDF body: one probe struct per path (NULL for a NULL path)."""
    values = paths.to_pylist()
    return pa.array([asdict(probe(p)) if p is not None else None for p in values], PROBE_TYPE)


def register_intake_udfs(con: duckdb.DuckDBPyConnection) -> None:
    """Register ``raw_file_probe(path)`` on ``con`` (replacing an earlier registration)."""
    register_udf(
        con, "raw_file_probe", probe_udf, ["VARCHAR"], PROBE_SQL,
        type="arrow", null_handling="special", side_effects=True,
    )  # fmt: skip
