"""The rules of the house, checked on the files so they hold after every change.

Why a test: the layout was reorganised once because these had drifted (evaluation read
back into intermediate, a threshold compared in four models, word lists in model SQL, a
README of 850 lines). Each check reads the project's files, no dbt run needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
REF = re.compile(r"""ref\(\s*['"](\w+)['"]\s*\)""")
MAX_MODEL_LINES = 250
MAX_README_LINES = 250


def model_files() -> dict[str, Path]:
    return {path.stem: path for path in MODELS.rglob("*.sql")}


def layer(path: Path) -> str:
    """staging, intermediate, marts or eval: the first folder under models/."""
    return path.relative_to(MODELS).parts[0]


def refs(path: Path) -> set[str]:
    return set(REF.findall(path.read_text()))


def test_models_are_found() -> None:
    layers = {layer(path) for path in model_files().values()}
    assert {"staging", "intermediate", "marts", "eval"} <= layers


@pytest.mark.parametrize(
    ("reader", "forbidden"),
    [
        ("staging", {"intermediate", "marts", "eval"}),
        ("intermediate", {"marts", "eval"}),
        ("marts", {"eval"}),
    ],
)
def test_layers_flow_one_way(reader: str, forbidden: set[str]) -> None:
    files = model_files()
    wrong = [
        f"{name} refs {parent} ({layer(files[parent])})"
        for name, path in files.items()
        if layer(path) == reader
        for parent in refs(path)
        if parent in files and layer(files[parent]) in forbidden
    ]
    assert wrong == []


def test_staging_models_read_sources_and_base_models_only() -> None:
    files = model_files()
    wrong = [
        f"{name} refs {parent}"
        for name, path in files.items()
        if layer(path) == "staging"
        for parent in refs(path)
        if parent in files and not parent.startswith("base_")
    ]
    assert wrong == []


def test_model_files_stay_short() -> None:
    long = {
        name: n
        for name, path in model_files().items()
        if (n := len(path.read_text().splitlines())) > MAX_MODEL_LINES
    }
    assert long == {}, f"model SQL files over {MAX_MODEL_LINES} lines: split them or move rules"


def test_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= MAX_README_LINES
    for doc in re.findall(r"\]\((docs/[\w.]+\.md)\)", "\n".join(lines)):
        assert (ROOT / doc).is_file(), f"README links to missing {doc}"


def test_the_cascade_threshold_is_read_in_one_model() -> None:
    readers = sorted(
        name
        for name, path in model_files().items()
        if re.search(
            r"model_confidence_threshold\(|var\(\s*['\"]model_min_confidence", path.read_text()
        )
    )
    assert readers == ["int_postings__cascaded"]
    macros = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "macros").rglob("*.sql")
        if re.search(r"var\(\s*['\"]model_min_confidence", path.read_text())
    )
    assert macros == ["macros/cascade/model_confidence_threshold.sql"]


JINJA_LIST = re.compile(r"\{%-?\s*set\s+\w+\s*=\s*\[([^\]]*)\]")
QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
# an RE2 alternation of three or more words in a SQL or Jinja string: 'von|de|van'
WORD_ALTERNATION = re.compile(r"""['"][^'"\n]*?\b\w{2,}\|\w{2,}\|\w{2,}""")


def word_lists(path: Path) -> list[str]:
    """Jinja lists of three or more strings that are not the model's own column or value
    names (a list of columns to clean is code; a list of words to match is a rule), and
    regex alternations of words written in SQL strings."""
    text, own_names = path.read_text(), path.with_suffix(".yml").read_text()
    found = []
    for match in JINJA_LIST.finditer(text):
        items = [a or b for a, b in QUOTED.findall(match.group(1))]
        words = [w for w in items if not re.fullmatch(r"[a-z_]+", w) or w not in own_names]
        if len(items) >= 3 and words:
            found.append(match.group(0)[:80])
    found += [m.group(0)[:80] for m in WORD_ALTERNATION.finditer(text)]
    return found


def test_no_word_lists_in_model_sql() -> None:
    """Words a rule matches live in seeds, read through the seed macros."""
    found = {name: lists for name, path in model_files().items() if (lists := word_lists(path))}
    assert found == {}


def test_every_model_has_a_yml_beside_it() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for path in model_files().values()
        if not path.with_suffix(".yml").is_file()
    ]
    assert missing == []


def test_every_macro_folder_documents_its_macros() -> None:
    undocumented = []
    for sql in (ROOT / "macros").rglob("*.sql"):
        names = re.findall(r"\{%-?\s*macro\s+(\w+)\s*\(", sql.read_text())
        docs = "\n".join(path.read_text() for path in sql.parent.glob("*.yml"))
        undocumented += [f"{sql.parent.name}/{n}" for n in names if f"name: {n}\n" not in docs]
    assert undocumented == []


def test_bench_imports_no_tests() -> None:
    offenders = [
        path.name
        for path in (ROOT / "bench").glob("*.py")
        if re.search(r"^\s*(from|import)\s+tests\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
