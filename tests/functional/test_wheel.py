"""The package as a user installs it: a wheel, non-editable, in a fresh environment.

Why: an editable install reads everything from the checkout, so a file the package needs
at run time but the wheel leaves out (the LLM prompts once: "no prompt file
salary_v<N>.md") only fails for people who ``pip install .``. Here the wheel is built from
a copy of the sources, installed with ``--no-deps`` into a new venv, and run from a folder
outside the checkout. Third-party dependencies are not installed again (offline, fast):
a ``.pth`` file appends this environment's site-packages *after* the new venv's own, so
``python_udfs`` itself can only come from the wheel (the checkout's editable hook is a
``.pth`` of that folder, which a path added this way does not run).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT

SOURCES = ("pyproject.toml", "README.md")
SUBCOMMANDS = ("run", "build", "train", "table", "report", "eval", "dry-run", "own-files", "sql")


def build_wheel(work: Path) -> Path:
    """The wheel of a copy of the sources (the checkout gets no build/ or egg-info)."""
    src = work / "src"
    src.mkdir()
    for name in SOURCES:
        shutil.copy2(PROJECT_ROOT / name, src / name)
    shutil.copytree(
        PROJECT_ROOT / "python_udfs",
        src / "python_udfs",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    command = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w"]
    # without build isolation (offline, fast) where this environment's setuptools can
    # build a wheel (bdist_wheel: setuptools >= 70.1, or the wheel package); else pip
    # builds in isolation with setuptools from its index or cache
    if any(importlib.util.find_spec(name) for name in ("setuptools.command.bdist_wheel", "wheel")):
        command.insert(5, "--no-build-isolation")
    subprocess.run([*command, str(work / "dist")], check=True, timeout=120)
    (wheel,) = (work / "dist").glob("salary_insights-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fresh venv with the wheel installed; its paths, and where to run commands."""
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(work)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        check=True, timeout=120,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # the dependencies: this environment's site-packages, after the venv's own
    (Path(site) / "_salary_insights_deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    outside = work / "elsewhere"  # not the checkout: nothing to import from the cwd
    outside.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("SALARY_INSIGHTS_")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return {"wheel": wheel, "venv": venv, "python": python, "site": Path(site),
            "cwd": outside, "env": env, "work": work}  # fmt: skip


def run(installed: dict, *argv: str, timeout: float = 60, **env: str):
    return subprocess.run(
        [str(a) for a in argv],
        check=False,
        cwd=installed["cwd"],
        env={**installed["env"], **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_wheel_carries_every_file_the_package_reads(installed: dict) -> None:
    """Every non-Python file under python_udfs/ (prompts today) is in the wheel."""
    source = PROJECT_ROOT / "python_udfs"
    data_files = {
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in source.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert any(name.endswith(".md") for name in data_files)  # the prompts, at least
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
    assert data_files <= names, sorted(data_files - names)
    entry_points = zipfile.ZipFile(installed["wheel"]).read(
        f"{installed['wheel'].name.split('-py3')[0]}.dist-info/entry_points.txt"
    )
    assert b"salary-insights = python_udfs.cli:main" in entry_points


def test_the_console_script_and_its_help(installed: dict) -> None:
    script = installed["venv"] / "bin" / "salary-insights"
    assert script.is_file()
    result = run(installed, "salary-insights", "--help")
    assert result.returncode == 0, result.stderr
    assert all(f"\n    {name}" in result.stdout for name in SUBCOMMANDS)
    for name in ("sql", "dry-run"):
        sub = run(installed, "salary-insights", name, "--help")
        assert sub.returncode == 0 and sub.stdout.startswith(f"usage: salary-insights {name} ")


def test_the_installed_package_finds_its_prompts(installed: dict) -> None:
    """python_udfs comes from the venv, not the checkout, and loads every task's prompt."""
    code = (
        "import json, python_udfs\n"
        "from python_udfs.llm.tasks import PROMPTS_DIR, TASKS, load_prompt\n"
        "prompts = {task: load_prompt(task).version for task in TASKS}\n"
        "print(json.dumps({'package': python_udfs.__file__, 'prompts_dir': str(PROMPTS_DIR),"
        " 'prompts': prompts, 'chars': min(len(load_prompt(t).system) for t in TASKS)}))\n"
    )
    # the tasks' answer schemas read the project's rule seeds (python_udfs.rules_data):
    # outside a project they are found through this variable
    seeds = str(PROJECT_ROOT / "seeds")
    result = run(installed, installed["python"], "-c", code, SALARY_INSIGHTS_SEEDS_DIR=seeds)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(installed["site"])
    assert not Path(found["package"]).is_relative_to(PROJECT_ROOT)
    assert Path(found["prompts_dir"]).is_relative_to(installed["site"])
    newest = {
        p.stem.rsplit("_v", 1)[0] for p in (PROJECT_ROOT / "python_udfs/llm/prompts").glob("*.md")
    }
    assert set(found["prompts"]) <= newest and found["prompts"]
    assert found["chars"] > 100


def test_outside_a_project_the_cli_says_where_to_run(installed: dict) -> None:
    result = run(installed, "salary-insights", "build")
    assert result.returncode == 2
    assert "has no dbt_project.yml" in result.stderr and "--project-dir" in result.stderr


def test_the_sql_shell_opens_a_warehouse(installed: dict) -> None:
    db = installed["work"] / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table jobs as select 42 as answer")
    result = run(installed, "salary-insights", "sql", "--db", db, "-c", "select * from jobs;")
    assert result.returncode == 0, result.stderr
    assert "│     42 │" in result.stdout


WAREHOUSE = PROJECT_ROOT / "data" / "salary_insights.duckdb"


@pytest.mark.skipif(not WAREHOUSE.is_file(), reason="no warehouse built here (make run)")
def test_dry_run_through_dbt_with_the_installed_plugin(installed: dict) -> None:
    """dbt loads the installed package as its plugin (UDFs, prompts) and runs the dry run."""
    db = installed["work"] / "copy.duckdb"  # never the project's own warehouse
    shutil.copy(WAREHOUSE, db)
    result = run(
        installed, "salary-insights", "dry-run", "--project-dir", PROJECT_ROOT, "--db", db,
        timeout=120, DBT_TARGET_PATH=str(installed["work"] / "target"),
        DBT_LOG_PATH=str(installed["work"] / "logs"),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "llm_dry_run total:" in result.stdout
    # the cost in money, or why there is none (a warehouse built before seed llm_prices)
    assert "at list prices" in result.stdout or "llm_prices not loaded" in result.stdout
