"""The README's lineage picture is the one the current models draw.

The picture is generated from dbt's manifest (`make docs`); this reads the manifest of a
build the suite already made and fails when a model, folder or ref changed without the
picture being regenerated.
"""

from __future__ import annotations

import json

from python_udfs.reports.lineage import END, START, mermaid, readme_block
from tests.conftest import PROJECT_ROOT
from tests.functional.conftest import Warehouse


def test_readme_lineage_matches_the_manifest(warehouse_100k: Warehouse) -> None:
    manifest = json.loads((warehouse_100k.db_path.parent / "target" / "manifest.json").read_text())
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    current = readme[readme.index(START) : readme.index(END) + len(END)]
    assert current == readme_block(manifest), "run `make docs` to redraw README's lineage"
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    assert len(models) >= 25
    assert all(m["name"] in current for m in models)
    lineage_doc = (PROJECT_ROOT / "docs" / "lineage.md").read_text(encoding="utf-8")
    assert mermaid(manifest) in lineage_doc, "run `make docs` to redraw docs/lineage.md"
