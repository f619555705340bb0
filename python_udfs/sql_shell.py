"""A small SQL shell on a warehouse, read-only by default (``salary-insights sql``).

Why not the ``duckdb`` CLI: the CLI on PyPI (``duckdb-cli``) trails the library. Its newest
release, 1.5.6, refuses the warehouses our duckdb 2.0 writes ("database file with version
number 69, but we can only read versions between 64 and 68"). The python duckdb that built
the warehouse can always read it, so the shell is a few lines over it: statements end with
``;`` (one may span lines), results are printed the way duckdb prints a relation, ``\\q``
quits. Fed from a pipe it prints no prompts and stops at the first failing statement (exit
1), so a script never runs on after an error.

Read-only is the default because a warehouse is dbt's to write: a read-only connection
also never takes the write lock a running ``dbt build`` needs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import duckdb

PROMPT, CONTINUATION = "D ", "· "
QUIT = frozenset({"\\q", ".quit", ".exit"})


class ShellError(Exception):
    """A warehouse the shell cannot open, said in words a user can act on."""


def connect(db: Path, write: bool = False) -> duckdb.DuckDBPyConnection:
    """The warehouse's connection: read-only unless ``write``; clear errors otherwise."""
    if not db.is_file():
        raise ShellError(
            f"no warehouse at {db}: build one first (salary-insights build) or pass --db"
        )
    try:
        return duckdb.connect(str(db), read_only=not write)
    except duckdb.Error as exc:  # e.g. locked by a dbt run writing it, or not a database
        raise ShellError(f"cannot open {db}: {exc}") from None


def is_complete(text: str) -> bool:
    """True when ``text`` ends with a ``;`` outside quotes and comments: it can be run."""
    quote: str | None = None
    i, last = 0, ""
    while i < len(text):
        char, pair = text[i], text[i : i + 2]
        if quote is not None:  # inside '...' or "..." ('' doubles a quote: two toggles)
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif pair == "--":  # a line comment: skip to its end
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif pair == "/*":
            end = text.find("*/", i + 2)
            if end < 0:
                return False
            i = end + 2
            continue
        if quote is None and not char.isspace():
            last = char
        i += 1
    return quote is None and last == ";"


def run(con: duckdb.DuckDBPyConnection, sql: str, out: TextIO, err: TextIO) -> bool:
    """Run every statement of ``sql`` and print each result; False at the first error."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        err.write(f"Error: {exc}\n")
        return False
    for statement in statements:
        try:
            result = con.sql(statement.query)
            if result is not None:  # a query is run here, when its rows are rendered
                out.write(f"{result}\n")
        except duckdb.Error as exc:
            err.write(f"Error: {exc}\n")
            return False
    out.flush()
    return True


def _lines(source: TextIO, interactive: bool, pending: list[str]) -> Iterable[str]:
    """The input's lines; with a person at the terminal, asked for with a prompt."""
    if not interactive:
        yield from source
        return
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:  # pragma: no cover - not on every platform
        pass
    while True:
        try:
            yield input(CONTINUATION if pending else PROMPT) + "\n"
        except EOFError:
            print()
            return
        except KeyboardInterrupt:  # drop the statement being typed, as shells do
            print()
            pending.clear()


def repl(
    con: duckdb.DuckDBPyConnection,
    source: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Read statements until EOF or ``\\q``; exit code 1 if a piped script failed."""
    interactive = source.isatty()
    pending: list[str] = []
    for line in _lines(source, interactive, pending):
        if not pending and line.strip() in QUIT:
            return 0
        if not pending and not line.strip():
            continue  # a blank line between statements
        pending.append(line)
        text = "".join(pending)
        if not is_complete(text):
            continue
        pending.clear()
        if not run(con, text, out, err) and not interactive:
            return 1
    rest = "".join(pending)
    if rest.strip() and not interactive:  # a script's last statement, without its ';'
        return 0 if run(con, rest, out, err) else 1
    return 0
