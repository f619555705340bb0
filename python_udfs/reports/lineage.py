"""The lineage picture of the README, generated from dbt's manifest.

Why generated: a hand-drawn tree showed 12 of 28 models and went stale with every new
model. This reads ``target/manifest.json`` (any dbt parse or build writes it) and draws
every model, grouped by layer, with the refs between them as a Mermaid flowchart (GitHub
renders it); seeds and tests are left out to keep the picture readable.

Usage::

    python -m python_udfs.reports.lineage [--manifest target/manifest.json] [--readme README.md]

With ``--readme`` the block between the ``<!-- lineage:start -->`` and
``<!-- lineage:end -->`` markers is replaced by the folder-level picture (each box lists
its models); ``--docs`` writes the model-level one to that Markdown file; without either
the model-level diagram is printed.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

START, END = "<!-- lineage:start -->", "<!-- lineage:end -->"
LAYERS = (
    ("source", "sources"),
    ("staging", "staging"),
    ("intermediate", "intermediate"),
    ("marts", "marts"),
    ("eval", "evaluation"),
)


def layer_of(node: dict) -> str:
    """sources, staging, intermediate, marts or eval, from the node's folder."""
    if node["resource_type"] == "source":
        return "source"
    folder = node["original_file_path"].split("/")[1]
    return folder if folder in dict(LAYERS) else "intermediate"


def mermaid(manifest: dict) -> str:
    """A Mermaid flowchart of every model and source and the refs between them."""
    nodes = {
        uid: node
        for uid, node in {**manifest["nodes"], **manifest["sources"]}.items()
        if node["resource_type"] in ("model", "source")
    }
    name = {uid: node["name"] for uid, node in nodes.items()}
    lines = ["flowchart LR"]
    for layer, title in LAYERS:
        members = sorted(uid for uid, node in nodes.items() if layer_of(node) == layer)
        if not members:
            continue
        lines.append(f"  subgraph {layer}[{title}]")
        lines += [f"    {name[uid]}" for uid in members]
        lines.append("  end")
    edges = set()
    for uid, node in nodes.items():
        for parent in node.get("depends_on", {}).get("nodes", []):
            if parent in nodes:
                edges.add((name[parent], name[uid]))
    lines += [f"  {a} --> {b}" for a, b in sorted(edges)]
    return "\n".join(lines)


def folder_of(node: dict) -> str:
    """The node's folder under models/ ("intermediate/llm"), or "sources"."""
    if node["resource_type"] == "source":
        return "sources"
    return "/".join(node["original_file_path"].split("/")[1:-1]) or "models"


def folders_mermaid(manifest: dict) -> str:
    """The same graph at folder level: each box lists its models, arrows between folders."""
    nodes = {
        uid: node
        for uid, node in {**manifest["nodes"], **manifest["sources"]}.items()
        if node["resource_type"] in ("model", "source")
    }
    folders: dict[str, list[str]] = {}
    for node in nodes.values():
        folders.setdefault(folder_of(node), []).append(node["name"])
    ids = {folder: re.sub(r"\W", "_", folder) for folder in folders}
    lines = ["flowchart LR"]
    for folder in sorted(folders):
        members = "<br/>".join(sorted(folders[folder]))
        lines.append(f'  {ids[folder]}["<b>{folder}</b><br/>{members}"]')
    edges = set()
    for node in nodes.values():
        for parent in node.get("depends_on", {}).get("nodes", []):
            if parent in nodes and folder_of(nodes[parent]) != folder_of(node):
                edges.add((ids[folder_of(nodes[parent])], ids[folder_of(node)]))
    lines += [f"  {a} --> {b}" for a, b in sorted(edges)]
    return "\n".join(lines)


def readme_block(manifest: dict) -> str:
    return f"{START}\n```mermaid\n{folders_mermaid(manifest)}\n```\n{END}"


def update_readme(readme: Path, manifest: dict) -> bool:
    """Replace the README's lineage block; True when it changed."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"{readme} has no {START} ... {END} block")
    new = pattern.sub(lambda _: readme_block(manifest), text)
    readme.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=Path("target/manifest.json"))
    parser.add_argument("--readme", type=Path)
    parser.add_argument("--docs", type=Path)
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    if args.readme:
        changed = update_readme(args.readme, manifest)
        print(f"{args.readme}: lineage {'updated' if changed else 'unchanged'}")
    if args.docs:
        args.docs.write_text(
            "# Lineage: every model and the refs between them\n\n"
            "Generated from dbt's manifest by `make docs` "
            "(`python -m python_udfs.reports.lineage`).\n\n"
            f"```mermaid\n{mermaid(manifest)}\n```\n",
            encoding="utf-8",
        )
    if not (args.readme or args.docs):
        print(mermaid(manifest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
