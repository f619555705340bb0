"""Shared pytest fixtures: the project root and a dbt runner.

dbt runs in a subprocess, with its own warehouse file, target and log
folders per test session, so tests never touch the user's warehouse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT = str(Path(sys.executable).with_name("dbt"))
# `dbt build` without the dbt unit tests: they do not read the build's input
# (each brings its own rows) and take about half of a small build, so the
# fixtures that build the whole project once more (another input, another
# run) leave them to the warehouse fixtures of tests/functional/conftest.py.
BUILD_WITHOUT_UNIT_TESTS = ["build", "--exclude-resource-type", "unit_test"]


@dataclass
class DbtResult:
    """What a dbt invocation returned."""

    returncode: int
    stdout: str
    stderr: str = ""


def run_dbt(
    args: list[str],
    db_path: Path,
    work_dir: Path,
    dbt_vars: dict | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> DbtResult:
    """Run `dbt <args>` against db_path, keeping target/ and logs/ in work_dir.

    dbt runs in db_path's folder and is given the warehouse by its file name:
    dbt parses the whole project again (~10 s) when the profile's connection
    settings differ from those of its saved parse, and the warehouse path is
    one of them, so a run on a copy of a warehouse (the same file name in
    another folder, see warehouse_copy) can reuse the parse copied with it.
    """
    command = [
        DBT,
        *args,
        "--profiles-dir",
        str(PROJECT_ROOT / "profiles"),
        "--project-dir",
        str(PROJECT_ROOT),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    # the tests check whole tables, not only the latest load (var data_tests_all_rows)
    command += ["--vars", json.dumps({"data_tests_all_rows": True, **(dbt_vars or {})})]
    # LLM settings never leak in from the caller's shell: a test that wants the LLM
    # passes the fake server's address in `env`; no test may reach a real provider.
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SALARY_INSIGHTS_LLM_"))
    }
    full_env = {
        **inherited,
        "SALARY_INSIGHTS_DB": db_path.name,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(env or {}),
    }
    db_path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        command, cwd=db_path.parent, env=full_env, capture_output=True, text=True, check=False
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}"
        )
    return DbtResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


# Figures that tests want shown after the run (e.g. accuracy and coverage per
# field), whether the tests pass or fail. Tests and fixtures append lines; each
# line travels on the report of the test phase that appended it, so the summary
# also shows them when pytest-xdist runs the tests in worker processes.
REPORTED_FIGURES: list[str] = []
_FIGURE_PROPERTY = "reported_figure"
_figures_sent = 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    global _figures_sent
    outcome = yield
    report = outcome.get_result()
    for line in REPORTED_FIGURES[_figures_sent:]:
        report.user_properties.append((_FIGURE_PROPERTY, line))
    _figures_sent = len(REPORTED_FIGURES)


def pytest_terminal_summary(terminalreporter) -> None:
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == _FIGURE_PROPERTY
    ]
    if lines:
        terminalreporter.section("reported figures")
        for line in lines:
            terminalreporter.write_line(line)
