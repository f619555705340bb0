"""Write requirements.lock: the exact versions of an environment that passes `make test`.

Why not pip-compile: pip-tools is not among the project's tools, and a fresh resolve picks
the newest versions, which no test has run with. This pins what is installed in the
environment running it (``.venv``, set up by ``make setup``), restricted to what
``salary-insights[dev]`` needs: the requirements of pyproject.toml (read from the file, not
from the installed metadata, which an editable install leaves as it was at install time)
and, recursively, theirs. An ad hoc install in that environment does not end up in the lock.

    .venv/bin/python scripts/lock_requirements.py > requirements.lock
"""

from __future__ import annotations

import platform
import re
import sys
from datetime import date
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from packaging.requirements import Requirement

PROJECT, EXTRAS = "salary-insights", ("dev",)
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_requirements(extras: tuple[str, ...]) -> list[str]:
    """The requirements pyproject.toml declares: dependencies and the extras'."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    return [*project["dependencies"], *(r for e in extras for r in optional.get(e, []))]


def closure(extras: tuple[str, ...]) -> dict[str, str]:
    """{name: installed version} of every distribution the project (with extras) needs."""
    found: dict[str, str] = {}
    todo: list[tuple[list[str], set[str]]] = [(project_requirements(extras), set())]
    while todo:
        requirements, wanted = todo.pop()
        for text in requirements:
            req = Requirement(text)
            environments = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker and not any(req.marker.evaluate(env) for env in environments):
                continue
            key = canonical(req.name)
            if key in found:
                continue
            try:
                found[key] = distribution(req.name).version
            except PackageNotFoundError:  # an optional dependency this platform skips
                continue
            todo.append((distribution(req.name).requires or [], set(req.extras)))
    return found


def main() -> int:
    pins = closure(EXTRAS)
    pins.pop(canonical(PROJECT), None)
    print(
        f"# requirements.lock: exact versions for `{PROJECT}[{','.join(EXTRAS)}]` "
        f"(ranges: pyproject.toml).\n"
        f"# Made by `python scripts/lock_requirements.py > requirements.lock` on {date.today()}\n"
        f"# from the environment `make test` passed in (Python "
        f"{platform.python_version()}, {sys.platform}): pip freeze of the\n"
        f"# project's dependency closure. Install: docs/install.md."
    )
    for name in sorted(pins):
        print(f"{name}=={pins[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
