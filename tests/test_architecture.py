"""Layer rules that keep the code base honest, checked on the source itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGES = ("app", "graph", "loaders", "queries")
FORBIDDEN_IN_GRAPH = {"neo4j", "sqlite3", "dash", "dash_cytoscape", "queries", "loaders", "app", "openpyxl"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "graph").rglob("*.py")), ids=lambda p: p.name)
def test_graph_imports_no_database_ui_or_higher_layer(path: Path) -> None:
    assert _imports(path) & FORBIDDEN_IN_GRAPH == set()


@pytest.mark.parametrize("path", sorted((ROOT / "queries").rglob("*.py")), ids=lambda p: p.name)
def test_queries_import_neither_loaders_nor_app(path: Path) -> None:
    assert _imports(path) & {"loaders", "app", "dash"} == set()


def test_no_query_text_is_built_from_values() -> None:
    pattern = re.compile(
        r"""\.(execute|executemany|run|execute_query)\(\s*(f["']|["'][^"']*["']\s*(%|\+|\.format))"""
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_module_declares_all(package: str) -> None:
    missing = [
        str(p.relative_to(ROOT))
        for p in (ROOT / package).rglob("*.py")
        if p.name != "__main__.py" and "__all__" not in p.read_text(encoding="utf-8")
    ]
    assert missing == []
