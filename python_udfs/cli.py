"""``salary-insights``: the Makefile's targets as one command, for the installed package.

Why: ``make`` needs the checkout's Makefile and its ``.venv``; a package installed with pip
(even non-editable, into any environment) has neither. Each subcommand runs what its make
target runs — the same modules, the same dbt commands and vars — so the two never disagree
about what "build" means. It adds only what an installed package lacks: the project folder
(``--project-dir``, by default the working directory), dbt found beside this Python, and a
SQL shell (:mod:`python_udfs.sql_shell`).

The dbt files (dbt_project.yml, models, macros, seeds, profiles) are not in the wheel: they
are the project, kept in its own folder; every step runs with that folder as its working
directory, as make does. Paths you pass (``--db``, ``--files``) are relative to where you
run the command; the defaults are the project's (``data/salary_insights.duckdb``).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from python_udfs import sql_shell

SAMPLE_DB = "data/salary_insights.duckdb"
# the Makefile's SAMPLE_VARS and EVAL_VARS (JSON is YAML: dbt reads either)
SAMPLE_VARS = {"gold_labels_path": "data/sample/gold.parquet", "model_score_all": True}
EVAL_DB = "data/eval.duckdb"
EVAL_VARS = {
    "raw_postings_path": "seeds/eval/eval_postings.csv",
    "as_of_date": "2026-11-01",
    "model_score_all": True,
    "llm_request_all": True,
}
HTML_REPORT = "python_udfs.reports.html_report"


class CliError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit code 2."""


@dataclass
class Step:
    """One command of a subcommand, run in the project folder with ``env`` added."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


def project_dir(given: Path | None) -> Path:
    """The dbt project folder: ``--project-dir``, else the working directory if it is one."""
    folder = (given or Path.cwd()).resolve()
    if not (folder / "dbt_project.yml").is_file():
        raise CliError(
            f"{folder} has no dbt_project.yml: run from the project folder or pass --project-dir"
        )
    return folder


def dbt(*args: str) -> list[str]:
    """``dbt <args> --profiles-dir profiles``, with the dbt installed beside this Python."""
    exe = Path(sys.executable).with_name("dbt")
    # where pip put no script beside this Python (a --user install), dbt-core's own module
    base = [str(exe)] if exe.is_file() else [sys.executable, "-m", "dbt.cli.main"]
    return [*base, args[0], "--profiles-dir", "profiles", *args[1:]]


def python(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def warehouse(args: argparse.Namespace, default: str | None = None) -> str:
    """``--db`` (relative to where you are), else $SALARY_INSIGHTS_DB or the project's default."""
    return given_or(args.db, default or os.environ.get("SALARY_INSIGHTS_DB") or SAMPLE_DB)


def db_env(args: argparse.Namespace, default: str | None = None) -> dict[str, str]:
    """The warehouse for dbt and the reports: set only when chosen (as make leaves it)."""
    return {"SALARY_INSIGHTS_DB": warehouse(args, default)} if args.db or default else {}


def html_report_problem() -> str | None:
    """Why the HTML report cannot run here (not installed, does not import), or None."""
    if importlib.util.find_spec(HTML_REPORT) is None:
        return f"{HTML_REPORT} is not installed"
    try:
        module = importlib.import_module(HTML_REPORT)
    except Exception as exc:  # noqa: BLE001 - whatever breaks it, the report is unavailable
        return f"{HTML_REPORT} does not import ({type(exc).__name__}: {exc})"
    if not callable(getattr(module, "main", None)):
        return f"{HTML_REPORT} has no main()"
    return None


def given_or(path: str | None, default: str) -> str:
    """A path you passed (relative to where you are), else the project's default."""
    return str(Path(path).resolve()) if path else default


def html_report(args: argparse.Namespace) -> list[str]:
    """make report: the HTML report of the warehouse and its main chart as PNG."""
    out, png = given_or(args.html, "data/report.html"), given_or(args.png, "data/report.png")
    return python(HTML_REPORT, "--db", warehouse(args), "--out", out, "--png", png)


# ------------------------------------------------------------------ the subcommands
def cmd_build(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    if args.vars is None:  # make build: the sample, rebuilt from scratch
        dbt_args = ["--full-refresh", "--vars", json.dumps(SAMPLE_VARS)]
    else:  # your own vars: incremental, as plain dbt build
        dbt_args = ["--vars", args.vars]
    return [Step(dbt("build", *dbt_args, *extra), db_env(args))]


def cmd_train(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    return [Step(python("python_udfs.model.train", "--db", warehouse(args), "--out", args.out))]


def cmd_table(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    return [Step(python("python_udfs.reports.salary_table"), db_env(args))]


def cmd_report(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    problem = html_report_problem()
    if problem is not None:
        raise CliError(f"no HTML report: {problem}")
    return [Step(html_report(args))]


def cmd_run(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    env, sample_build = db_env(args), ["--full-refresh", "--vars", json.dumps(SAMPLE_VARS)]
    sample = ["--rows", str(args.rows), "--seed", str(args.seed), "--out", "data/sample"]
    rescore = ["--select", "int_postings__model_predictions+"]
    steps = [
        Step(python("python_udfs.sample.generate", *sample)),
        Step(dbt("build", *sample_build), env),
        Step(python("python_udfs.model.train", "--db", warehouse(args), "--out", args.out)),
        # score with the newly trained model: its predictions and everything after them
        Step(dbt("build", *sample_build, *rescore), env),
        Step(python("python_udfs.reports.salary_table"), env),
    ]
    problem = html_report_problem()  # the report is the last step, where it is installed
    if problem is not None:
        print(f"(no HTML report at the end: {problem})", file=sys.stderr)
        return steps
    return [*steps, Step(html_report(args))]


def cmd_eval(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    db = warehouse(args, EVAL_DB)
    build = dbt("build", "--full-refresh", "--vars", json.dumps(EVAL_VARS), *extra)
    return [
        Step(build, {"SALARY_INSIGHTS_DB": db}),
        Step(python("python_udfs.reports.eval_tables", "--db", db)),
    ]


def cmd_dry_run(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    return [Step(dbt("run-operation", "llm_dry_run", *extra), db_env(args))]


def cmd_own_files(args: argparse.Namespace, extra: list[str]) -> list[Step]:
    if len(args.files) > 1:
        raise CliError("--files takes one path or glob: quote it ('/data/postings/*.csv')")
    dbt_vars = {"raw_postings_path": os.path.abspath(args.files[0])}
    if args.as_of is not None:
        dbt_vars["as_of_date"] = args.as_of.isoformat()
    env = db_env(args, "data/own.duckdb")
    return [
        Step(dbt("build", "--vars", json.dumps(dbt_vars), *extra), env),
        Step(python("python_udfs.reports.salary_table"), env),
    ]


def cmd_sql(args: argparse.Namespace) -> int:
    """The SQL shell runs here, in this process: nothing to hand to a subprocess."""
    if args.db:
        db = Path(args.db).resolve()
    else:
        db = project_dir(args.project_dir) / warehouse(args)
    try:
        con = sql_shell.connect(db, write=args.write)
    except sql_shell.ShellError as exc:
        raise CliError(str(exc)) from None
    with con:
        if args.command_sql is not None:
            return 0 if sql_shell.run(con, args.command_sql, sys.stdout, sys.stderr) else 1
        return sql_shell.repl(con)


# ------------------------------------------------------------------ running steps
def _wait(process: subprocess.Popen) -> int:
    """The step's exit code; on Ctrl-C the step (it got the signal too) is let finish."""
    try:
        return process.wait()
    except KeyboardInterrupt:  # dbt stops cleanly and keeps the LLM answers so far
        try:
            return process.wait()
        except KeyboardInterrupt:  # a second Ctrl-C: stop now
            process.kill()
            return 130


def execute(steps: Sequence[Step], project: Path) -> int:
    """Run the steps in order in the project folder; stop at the first that fails."""
    for step in steps:
        shown = [f"{name}={shlex.quote(value)}" for name, value in step.env.items()]
        print("+", *shown, shlex.join(step.argv), file=sys.stderr)  # what make echoes
        env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **step.env}
        code = _wait(subprocess.Popen(step.argv, cwd=project, env=env))
        if code != 0:
            return code
    return 0


# ------------------------------------------------------------------ the parser
Builder = Callable[[argparse.Namespace, list[str]], list[Step]]
DB_HELP = "the warehouse file (default: $SALARY_INSIGHTS_DB or data/salary_insights.duckdb)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salary-insights",
        description="Salary insights from job postings: the Makefile's targets for an "
        "installed package. Run it in the project folder (the one with dbt_project.yml) or "
        "pass --project-dir. docs/cli.md lists each subcommand and its make target.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project-dir", type=Path, help="the dbt project folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, builder: Builder | None, summary: str, text: str, dbt_args: bool = False
    ) -> argparse.ArgumentParser:
        epilog = "Arguments after -- (or not known here) go to dbt." if dbt_args else None
        cmd = sub.add_parser(name, parents=[common], help=summary, description=text, epilog=epilog)
        cmd.set_defaults(builder=builder, dbt_args=dbt_args)
        return cmd

    def report_paths(cmd: argparse.ArgumentParser, *aliases: str) -> None:
        cmd.add_argument("--html", *aliases, dest="html",
                         help="the HTML report (default data/report.html)")  # fmt: skip
        cmd.add_argument("--png", help="its main chart (default data/report.png)")

    cmd = add("run", cmd_run, "sample, build, train, rescore, table, report (make run)",
              "What `make run` does: generate the bundled sample into data/sample, dbt build "
              "it from scratch, train the local model, rebuild what the model scores, print "
              "the salary table, write the HTML report (when its module is installed).")  # fmt: skip
    cmd.add_argument("--rows", type=int, default=50_000, help="sample postings (default 50000)")
    cmd.add_argument("--seed", type=int, default=42, help="sample seed (default 42)")
    cmd.add_argument("--out", default="artifacts/models", help="models folder")
    cmd.add_argument("--db", help=DB_HELP)
    report_paths(cmd)
    cmd = add("build", cmd_build, "dbt build: the sample, or your --vars (make build)",
              "Without --vars, what `make build` does: dbt build --full-refresh on the "
              "sample. With --vars (YAML, e.g. '{raw_postings_path: \"/data/*.parquet\"}') "
              "a plain, incremental dbt build with those vars.", dbt_args=True)  # fmt: skip
    cmd.add_argument("--vars", help="dbt vars as YAML; replaces the sample's")
    cmd.add_argument("--db", help=DB_HELP)
    cmd = add("train", cmd_train, "train the local model on the rule labels (make train)",
              "What `make train` does: python -m python_udfs.model.train on the warehouse, "
              "into artifacts/models, and point current at the new model.")  # fmt: skip
    cmd.add_argument("--out", default="artifacts/models", help="models folder")
    cmd.add_argument("--db", help=DB_HELP)
    cmd = add("table", cmd_table, "print the salary table (make table)",
              "What `make table` does: print the Software Engineering salary table of the "
              "warehouse as Markdown.")  # fmt: skip
    cmd.add_argument("--db", help=DB_HELP)
    cmd = add("report", cmd_report, "write the HTML report (make report)",
              "What `make report` does: one self-contained HTML report of the marts and its "
              "main chart as PNG (python -m python_udfs.reports.html_report).")  # fmt: skip
    cmd.add_argument("--db", help=DB_HELP)
    report_paths(cmd, "--out")  # html_report's own name for it
    cmd = add("eval", cmd_eval, "score every method on the hand-labeled postings (make eval)",
              "What `make eval` does: the hand-labeled postings of seeds/eval through every "
              "method into data/eval.duckdb; prints eval_methods_comparison.",
              dbt_args=True)  # fmt: skip
    cmd.add_argument("--db", help="the evaluation warehouse (default data/eval.duckdb)")
    cmd = add("dry-run", cmd_dry_run, "what the next build would send to the LLM, and cost",
              "dbt run-operation llm_dry_run (docs/llm.md): per LLM task, what the next run "
              "would send, what the cache answers and what it would cost; sends nothing.",
              dbt_args=True)  # fmt: skip
    cmd.add_argument("--db", help=DB_HELP)
    cmd = add("own-files", cmd_own_files, "your own postings into their own warehouse (make own)",
              "What `make own FILES=... DB=... AS_OF=...` does: dbt build of your Parquet, "
              "CSV or NDJSON files (incremental: only new files are read), then the table.",
              dbt_args=True)  # fmt: skip
    cmd.add_argument("--files", nargs="+", required=True, metavar="GLOB",
                     help="a path or a quoted glob, e.g. '/data/postings/*.csv'")  # fmt: skip
    cmd.add_argument("--db", help="the warehouse (default data/own.duckdb in the project)")
    cmd.add_argument("--as-of", type=date.fromisoformat, help="the as-of date, YYYY-MM-DD")
    cmd = add("sql", None, "a SQL shell on the warehouse, read-only",
              "A SQL shell on the warehouse, read-only unless --write. Statements end with "
              "';' and may span lines; \\q quits. A script can be piped in: no prompts, and "
              "it stops at the first error (exit 1).")  # fmt: skip
    cmd.add_argument("-c", dest="command_sql", metavar="SQL", help="run SQL and exit")
    cmd.add_argument("--write", action="store_true", help="open the warehouse for writing")
    cmd.add_argument("--db", help=DB_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The console script ``salary-insights``; returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and extra[0] == "--":
        extra = extra[1:]
    if extra and not args.dbt_args:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.builder is None:
            return cmd_sql(args)
        project = project_dir(args.project_dir)
        return execute(args.builder(args, extra), project)
    except CliError as exc:
        print(f"salary-insights: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
