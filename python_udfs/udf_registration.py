"""Registering a Python UDF on a DuckDB connection: the one helper every UDF module uses.

Why one: dbt-duckdb may configure a connection more than once, and a function registered
by another connection of the same database cannot be replaced; both cases need the same
handling, and three copies of it had drifted apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb


def register_udf(
    con: duckdb.DuckDBPyConnection,
    name: str,
    function: Callable[..., Any],
    parameters: list[str],
    returns: str,
    **options: Any,
) -> None:
    """(Re)register ``function`` as ``name(parameters) -> returns`` on ``con``.

    ``parameters`` and ``returns`` are DuckDB type names; ``options`` go to
    ``create_function`` (``type='arrow'``, ``null_handling``, ``side_effects`` ...).
    """
    try:
        con.remove_function(name)
    except duckdb.InvalidInputException:  # not registered on this connection yet
        pass
    try:
        con.create_function(
            name,
            function,
            [duckdb.sqltype(p) for p in parameters],
            duckdb.sqltype(returns),
            **options,
        )
    except duckdb.CatalogException as exc:
        raise RuntimeError(
            f"{name} is already registered on this database by another connection of this "
            "process; register the UDFs once per database (on one connection, and use its "
            "cursors), or keep dbt-duckdb's connection open (keep_open: true)"
        ) from exc
