"""The project's rule seeds, read from Python: one home for bounds the SQL and the UDFs share.

Why: a bound written once in SQL and again in Python drifts (the experience answer schema
allowed 50 years while the data tests allowed 30). The seeds under ``seeds/`` are the home;
the dbt models read them as tables, and the LLM answer schemas read the same CSV files here.

Where the seeds are: ``$SALARY_INSIGHTS_SEEDS_DIR``; else, inside a dbt invocation, the
project's own ``seeds/`` (dbt's ``--project-dir``); else ``seeds/`` of the checkout this
package lives in (an editable install); else ``./seeds`` of the working directory.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS_DIR_ENV_VAR = "SALARY_INSIGHTS_SEEDS_DIR"


def _dbt_project_dir() -> Path | None:
    """The project dir of the running dbt invocation, when this process is one."""
    try:
        from dbt.flags import get_flags
    except ImportError:  # pragma: no cover - dbt is a dependency
        return None
    project_dir = getattr(get_flags(), "PROJECT_DIR", None)
    return Path(project_dir) if project_dir else None


def seeds_dir() -> Path:
    """The folder holding the project's seed CSV files (see the module docstring)."""
    candidates = []
    if os.environ.get(SEEDS_DIR_ENV_VAR):
        candidates.append(Path(os.environ[SEEDS_DIR_ENV_VAR]))
    project_dir = _dbt_project_dir()
    if project_dir is not None:
        candidates.append(project_dir / "seeds")
    candidates += [Path(__file__).resolve().parents[1] / "seeds", Path.cwd() / "seeds"]
    for candidate in candidates:
        if (candidate / "field_bounds.csv").is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"the project's seeds (field_bounds.csv) were not found in {searched}; "
        f"run from the project folder or set {SEEDS_DIR_ENV_VAR}"
    )


def read_seed(name: str) -> list[dict[str, str]]:
    """The rows of ``seeds/<name>.csv`` as dicts of text."""
    with open(seeds_dir() / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Bounds:
    """An inclusive plausible range of a numeric field."""

    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@cache
def field_bounds(field: str) -> Bounds:
    """The range of ``field`` in seed ``field_bounds`` (the one every model and schema uses)."""
    for row in read_seed("field_bounds"):
        if row["field"] == field:
            return Bounds(float(row["min_value"]), float(row["max_value"]))
    raise KeyError(f"seed field_bounds has no row for field {field!r}")


@cache
def salary_period_bounds() -> dict[str, Bounds]:
    """Per pay period, the plausible EUR amount of one period (seed salary_periods)."""
    return {
        row["salary_period"]: Bounds(float(row["min_eur"]), float(row["max_eur"]))
        for row in read_seed("salary_periods")
    }


@cache
def units_per_eur() -> dict[str, float]:
    """Per currency, units of it per EUR at the latest month of seed fx_rates_monthly."""
    latest: dict[str, tuple[str, float]] = {}
    for row in read_seed("fx_rates_monthly"):
        code, month = row["currency_code"], row["rate_month"]
        if code not in latest or month > latest[code][0]:
            latest[code] = (month, 1.0 / float(row["eur_per_unit"]))
    return {code: units for code, (_, units) in latest.items()}
