"""Tests of the ``salary-insights`` command and its SQL shell (no dbt run here).

What each subcommand runs is checked against the Makefile's commands (the argv it builds,
not the text it prints); the SQL shell is run as a user runs it, in a subprocess with
its stdin a pipe; progress bars are checked on a real pseudo-terminal and off one.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import duckdb
import pytest

from python_udfs import cli, progress
from python_udfs.sql_shell import is_complete

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SUBCOMMANDS = ("run", "build", "train", "table", "report", "eval", "dry-run", "own-files", "sql")
SAMPLE_VARS = {"gold_labels_path": "data/sample/gold.parquet", "model_score_all": True}


def salary_insights(*args: str, stdin: str | None = None, cwd: Path | None = None):
    """The command as a user runs it (python -m: the same main as the console script)."""
    env = {k: v for k, v in os.environ.items() if k != "SALARY_INSIGHTS_DB"}
    return subprocess.run(
        [sys.executable, "-m", "python_udfs.cli", *args],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or PROJECT_ROOT,
        env=env,
        timeout=120,
    )


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A small warehouse file with a table of three rows."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create table jobs as select * from (values (1, 'a'), (2, 'b'), (3, 'c')) t(id, name)"
        )
    return path


def steps_of(*argv: str) -> list[cli.Step]:
    args, extra = cli.build_parser().parse_known_args(list(argv))
    if extra and extra[0] == "--":
        extra = extra[1:]
    return args.builder(args, extra)


def dbt_args(step: cli.Step) -> list[str]:
    """The arguments after the dbt executable (or `python -m dbt.cli.main`)."""
    argv = step.argv
    return argv[3:] if argv[1:3] == ["-m", "dbt.cli.main"] else argv[1:]


# ---------------------------------------------------------------- help and usage errors
@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: salary-insights {command} ")
    assert "--project-dir" in out


def test_top_level_help_lists_every_subcommand(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(f"\n    {name}" in out for name in SUBCOMMANDS)


def test_outside_the_project_is_a_clear_error(tmp_path: Path) -> None:
    for args in (["build"], ["train", "--project-dir", str(tmp_path)], ["sql", "-c", "select 1"]):
        result = salary_insights(*args, cwd=tmp_path)
        assert result.returncode == 2, result
        assert f"{tmp_path.resolve()} has no dbt_project.yml" in result.stderr
        assert "run from the project folder or pass --project-dir" in result.stderr
        assert result.stdout == ""


def test_an_unknown_option_of_a_command_without_dbt_args_is_refused(
    capsys: pytest.CaptureFixture,
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["train", "--select", "x"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --select x" in capsys.readouterr().err


def test_own_files_refuses_an_unquoted_glob(capsys: pytest.CaptureFixture) -> None:
    code = cli.main(["own-files", "--files", "a.csv", "b.csv", "--project-dir", str(PROJECT_ROOT)])
    assert code == 2
    assert "quote it" in capsys.readouterr().err


# ---------------------------------------------------------------- what each command runs
def test_build_runs_make_builds_dbt_command_with_extra_args() -> None:
    (step,) = steps_of("build", "--", "--select", "fct_postings+")
    assert (
        Path(step.argv[0]).parent == Path(sys.executable).parent or step.argv[0] == sys.executable
    )
    args = dbt_args(step)
    assert args[:3] == ["build", "--profiles-dir", "profiles"]
    assert args[3:6] == ["--full-refresh", "--vars", json.dumps(SAMPLE_VARS)]
    assert args[6:] == ["--select", "fct_postings+"]
    assert step.env == {}  # the warehouse is the profile's, as with make


def test_build_with_vars_is_a_plain_incremental_build(tmp_path: Path) -> None:
    (step,) = steps_of("build", "--vars", "{as_of_date: 2026-11-01}", "--db", str(tmp_path / "x"))
    assert dbt_args(step) == [
        "build", "--profiles-dir", "profiles", "--vars", "{as_of_date: 2026-11-01}",
    ]  # fmt: skip
    assert step.env == {"SALARY_INSIGHTS_DB": str(tmp_path / "x")}


def test_run_is_make_run_in_order() -> None:
    steps = steps_of("run", "--rows", "300")
    modules = [s.argv[2] if s.argv[0] == sys.executable else dbt_args(s)[0] for s in steps]
    assert modules[:5] == [
        "python_udfs.sample.generate",
        "build",
        "python_udfs.model.train",
        "build",
        "python_udfs.reports.salary_table",
    ]
    assert steps[0].argv[3:] == ["--rows", "300", "--seed", "42", "--out", "data/sample"]
    assert dbt_args(steps[3])[-2:] == ["--select", "int_postings__model_predictions+"]
    assert steps[2].argv[3:] == [
        "--db", "data/salary_insights.duckdb", "--out", "artifacts/models",
    ]  # fmt: skip
    # the HTML report comes last where its module imports (make run ends with make report)
    if cli.html_report_problem() is None:
        assert steps[5].argv[2:5] == ["python_udfs.reports.html_report", "--db", steps[2].argv[4]]
    else:
        assert len(steps) == 5


def test_own_files_is_make_own(tmp_path: Path) -> None:
    steps = steps_of("own-files", "--files", "postings/*.csv", "--as-of", "2026-11-01")
    build, table = steps
    vars_ = json.loads(dbt_args(build)[4])
    assert vars_ == {
        "raw_postings_path": str(Path.cwd() / "postings" / "*.csv"),
        "as_of_date": "2026-11-01",
    }
    assert build.env == table.env == {"SALARY_INSIGHTS_DB": "data/own.duckdb"}
    assert table.argv[2] == "python_udfs.reports.salary_table"


def test_eval_and_dry_run_are_their_make_and_dbt_commands() -> None:
    build, tables = steps_of("eval")
    assert build.env == {"SALARY_INSIGHTS_DB": "data/eval.duckdb"}
    assert json.loads(dbt_args(build)[5])["raw_postings_path"] == "seeds/eval/eval_postings.csv"
    assert tables.argv[2:] == ["python_udfs.reports.eval_tables", "--db", "data/eval.duckdb"]
    (dry,) = steps_of("dry-run")
    assert dbt_args(dry) == ["run-operation", "--profiles-dir", "profiles", "llm_dry_run"]


def test_report_is_make_report(tmp_path: Path) -> None:
    if cli.html_report_problem() is not None:
        pytest.skip(f"no HTML report here: {cli.html_report_problem()}")
    (step,) = steps_of("report")
    assert step.argv[2:] == [
        "python_udfs.reports.html_report", "--db", "data/salary_insights.duckdb",
        "--out", "data/report.html", "--png", "data/report.png",
    ]  # fmt: skip
    # --out is html_report's own name for the HTML file; paths you give are yours
    (step,) = steps_of("report", "--out", str(tmp_path / "r.html"), "--db", "w.duckdb")
    assert step.argv[4:7] == [str(Path("w.duckdb").resolve()), "--out", str(tmp_path / "r.html")]


def test_steps_run_in_the_project_and_stop_at_the_first_failure(tmp_path: Path) -> None:
    marker = tmp_path / "second_step_ran"
    steps = [
        cli.Step([sys.executable, "-c", "import os, sys; sys.exit(0 if os.environ['X'] == '1' else 9)"],
                 {"X": "1"}),
        cli.Step([sys.executable, "-c", "import pathlib, sys; sys.exit(3 if pathlib.Path('dbt_project.yml').is_file() else 8)"]),
        cli.Step([sys.executable, "-c", f"open({str(marker)!r}, 'w')"]),
    ]  # fmt: skip
    assert cli.execute(steps, PROJECT_ROOT) == 3
    assert not marker.exists()


# ---------------------------------------------------------------- the SQL shell
def test_sql_c_prints_the_answer(warehouse: Path) -> None:
    result = salary_insights("sql", "--db", str(warehouse), "-c", "select 6 * 7 as answer")
    assert result.returncode == 0, result.stderr
    assert "answer" in result.stdout
    assert "│     42 │" in result.stdout


def test_a_piped_script_runs_every_statement_in_order(warehouse: Path) -> None:
    script = (
        "select count(*) as n_jobs from jobs;\n"
        "\n"
        "-- a statement over two lines, with a ';' inside a string\n"
        "select name || ';' as tagged\n"
        "from jobs where id = 2;\n"
        "select max(id) as top_id from jobs\n"  # the last one may lack its ';'
    )
    result = salary_insights("sql", "--db", str(warehouse), stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("n_jobs") < out.index("tagged") < out.index("top_id")
    assert "│      3 │" in out  # count(*)
    assert "b;" in out
    assert "D " not in out and "·" not in out  # no prompts when stdin is a pipe
    assert result.stderr == ""


def test_a_piped_script_stops_at_its_first_error(warehouse: Path) -> None:
    script = "select 1 as first_ok;\nselect * from no_such_table;\nselect 3 as never_run;\n"
    result = salary_insights("sql", "--db", str(warehouse), stdin=script)
    assert result.returncode == 1
    assert "first_ok" in result.stdout and "never_run" not in result.stdout
    assert "no_such_table" in result.stderr


def test_the_shell_is_read_only_unless_asked(warehouse: Path) -> None:
    refused = salary_insights("sql", "--db", str(warehouse), "-c", "create table t2 (a int)")
    assert refused.returncode == 1
    assert "read-only" in refused.stderr
    written = salary_insights(
        "sql", "--db", str(warehouse), "--write", "-c", "create table t2 (a int)"
    )
    assert written.returncode == 0, written.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert ("t2",) in con.execute("show tables").fetchall()


def test_a_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    result = salary_insights("sql", "--db", str(tmp_path / "none.duckdb"), "-c", "select 1")
    assert result.returncode == 2
    assert "no warehouse at" in result.stderr and "pass --db" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()  # read-only never creates one


def test_quit_ends_the_shell(warehouse: Path) -> None:
    result = salary_insights("sql", "--db", str(warehouse), stdin="\\q\nselect 99 as after;\n")
    assert result.returncode == 0
    assert "after" not in result.stdout


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("select 1;", True),
        ("select 1", False),
        ("select ';'", False),
        ("select 'it''s';  \n", True),
        ("select 1 -- done;", False),
        ("select 1; -- done", True),
        ("select /* ; */ 1", False),
        ('select "a;" from t;', True),
    ],
)
def test_statement_completeness(text: str, complete: bool) -> None:
    assert is_complete(text) is complete


# ---------------------------------------------------------------- progress bars
def generate_with_stderr_on(stderr: int, out: Path, env: dict[str, str]) -> bytes:
    """Run the generator (a progress-bar step) with stderr on ``stderr``; return stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "python_udfs.sample.generate", "--rows", "300", "--seed", "1",
         "--out", str(out)],
        stdout=subprocess.PIPE, stderr=stderr, env={**os.environ, **env}, timeout=120,
        check=True,
    )  # fmt: skip
    return result.stdout


def read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "python_udfs.sample.generate", "--rows", "300", "--seed", "1",
         "--out", str(tmp_path)],
        capture_output=True, text=True, env={**os.environ, progress.ENV_VAR: "1"}, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no stray characters in a pipe or a log
    assert json.loads(result.stdout)["rows"] == 300  # stdout is the summary alone


def terminal(rows: int, columns: int) -> tuple[int, int]:
    """A pseudo-terminal (leader, follower) whose window is rows x columns."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return leader, follower


# a terminal window of 24 x 80, and one that reports no size (0 x 0: a fresh pty, `docker
# run -t` before its first resize), where tqdm alone would hide its bars
@pytest.mark.parametrize("size", [(24, 80), (0, 0)], ids=["24x80", "unsized"])
@pytest.mark.parametrize(("setting", "shown"), [("1", True), ("0", False)])
def test_progress_bar_on_a_terminal_unless_turned_off(
    tmp_path: Path, setting: str, shown: bool, size: tuple[int, int]
) -> None:
    leader, follower = terminal(*size)
    try:
        stdout = generate_with_stderr_on(follower, tmp_path, {progress.ENV_VAR: setting})
        os.close(follower)
        drawn = read_all(leader).decode("utf-8", "replace")
    finally:
        os.close(leader)
    assert json.loads(stdout)["rows"] == 300  # the bar never reaches stdout
    assert ("sample: 100%" in drawn and "300/300" in drawn) is shown
    if not shown:
        assert drawn == ""


def test_progress_enabled_follows_the_terminal_and_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    assert progress.enabled() is False  # pytest captures stderr: not a terminal
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert progress.enabled() is True
    monkeypatch.setenv(progress.ENV_VAR, "0")
    assert progress.enabled() is False
