"""Layer rules that keep the code base honest, checked on the source itself.

Each layer and each room of ``app/`` may import only what ``docs/architecture.md`` allows;
the rules below are that table in code. A rule names module prefixes: ``app.web`` forbids
``app.web`` and everything under it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGES = ("app", "graph", "loaders", "queries")

WEB_LIBRARIES = ("dash", "dash_cytoscape", "dash_ag_grid", "flask", "waitress")
DATABASES = ("neo4j", "sqlite3")
ROOMS = ("app.cli", "app.report", "app.present", "app.web")

# where (a module path prefix) -> what it must not import (module prefixes)
RULES: dict[str, tuple[str, ...]] = {
    "graph": ("queries", "loaders", "app", *DATABASES, *WEB_LIBRARIES, "plotly", "openpyxl", "pandas"),
    "queries": ("loaders", "app", *WEB_LIBRARIES, "plotly", "openpyxl"),
    "loaders": ("app", *WEB_LIBRARIES, "plotly", *DATABASES),
    # the rooms of app/: present is plain data for every delivery
    "app.present": (*WEB_LIBRARIES, "app.web", "app.cli", "app.report"),
    "app.report": (*WEB_LIBRARIES, "app.web", "app.cli"),
    "app.cli": ("dash", "dash_cytoscape", "dash_ag_grid", "flask", "app.web"),
    "app.web": ("app.cli", "app.report"),
    # what every room shares stands below them all
    "app.settings": (*ROOMS, *WEB_LIBRARIES),
    "app.access": (*ROOMS, *WEB_LIBRARIES),
    "app.users": (*ROOMS, *WEB_LIBRARIES),
    "app.views": (*ROOMS, *WEB_LIBRARIES),
    # survey rounds, shared by the command line and the web app; reads present's plain data
    "app.survey": (*WEB_LIBRARIES, "app.web", "app.cli", "app.report"),
    "app.i18n": (*ROOMS, *WEB_LIBRARIES),
    "app.collector": (*ROOMS, *WEB_LIBRARIES),
}
# The one door from the command line into the web app: `serve` and `demo` start it.
CLI_TO_WEB: dict[str, frozenset[str]] = {
    "app.cli.serve": frozenset({"app.web.factory", "app.web.serving"}),
}
# What ``ketenkaart --help`` may load: nothing of the analysis, the stores or the web.
HEAVY_AT_START = ("networkx", "networkit", "numpy", "scipy", "pandas", "plotly", "dash", "flask",
                  "neo4j", "sqlite3", "openpyxl", "pydantic", "pydantic_settings", "loaders", "queries",
                  "app.web", "app.present", "app.report")  # fmt: skip


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports (full dotted names; ``from a import b`` gives ``a`` and ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _rule_for(module: str) -> tuple[str, ...]:
    """The forbidden prefixes of the most specific rule that covers ``module``."""
    covering = [where for where in RULES if _within(module, where)]
    return RULES[max(covering, key=len)] if covering else ()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    module = _module_name(path)
    forbidden = _rule_for(module)
    allowed = CLI_TO_WEB.get(module, frozenset())
    offending = sorted(
        name
        for name in _imported(path)
        if any(_within(name, prefix) for prefix in forbidden) and not any(_within(name, a) for a in allowed)
    )
    assert offending == [], f"{module} may not import {offending} (docs/architecture.md)"


def test_every_rule_names_a_place_that_exists() -> None:
    modules = {_module_name(p) for p in _sources()}
    for where in [*RULES, *CLI_TO_WEB]:
        assert any(_within(m, where) for m in modules), where


def test_a_rule_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The checker itself: a presenter importing Flask is caught, a graph module importing NetworkX is not."""
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import current_app\nimport networkx as nx\n", encoding="utf-8")
    imported = _imported(bad)
    assert any(_within(n, p) for n in imported for p in RULES["app.present"])
    assert not any(_within(n, p) for n in imported if n.startswith("networkx") for p in RULES["graph"])


def test_the_command_line_starts_without_the_analysis_stores_or_web() -> None:
    """Importing the command group (what ``--help`` and ``--version`` do) loads nothing heavy."""
    probe = (
        "import sys, app.cli.main; "
        f"heavy = {HEAVY_AT_START!r}; "
        "print('\\n'.join(sorted(m for m in sys.modules "
        "if any(m == h or m.startswith(h + '.') for h in heavy))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


NOT_FOR_ANALYSE = ("dash", "plotly", "pandas", "flask", "neo4j", "pydantic_settings", "networkit")


def _small_store(folder: Path) -> Path:
    """A store of 12 organisations in three sectors, with agreements, staff and two months of referrals."""
    from click.testing import CliRunner  # noqa: PLC0415

    from app.cli.main import cli  # noqa: PLC0415
    from graph.model import Agreement, Ecosystem, Employment, Organisation, Professional, ReferralFlow  # noqa: PLC0415
    from graph.periods import Period  # noqa: PLC0415
    from graph.taxonomy import ActorKind, AgreementKind, Sector  # noqa: PLC0415
    from loaders.writers import ecosystem_tables, write_csv_folder  # noqa: PLC0415

    ids = [f"O{i:02d}" for i in range(12)]
    sectors = (Sector.ZORG, Sector.WONEN, Sector.JEUGD)
    months = (Period.parse("2025-01"), Period.parse("2025-02"))
    eco = Ecosystem(
        organisations=tuple(Organisation(o, f"Org {o}", sectors[i % 3]) for i, o in enumerate(ids)),
        agreements=tuple(
            Agreement(f"A{i}", f"Covenant {i}", AgreementKind.COVENANT, parties=(ids[i], ids[i + 1]))
            for i in range(0, 10, 2)
        ),
        professionals=(
            Professional("P1", "Pro", employments=(Employment(ids[0], 0.5), Employment(ids[5], 0.5))),
        ),
        flows=tuple(
            ReferralFlow(ActorKind.ORGANISATION, ids[i], ids[(i + 3) % 12], month, "", 2 + i)
            for month in months
            for i in range(12)
        ),
    )
    write_csv_folder(ecosystem_tables(eco), folder / "in")
    database = folder / "small.sqlite"
    loaded = CliRunner().invoke(cli, ["load", str(folder / "in"), "--database", str(database)])
    assert loaded.exit_code == 0, loaded.output
    return database


def test_analyse_on_a_small_store_imports_only_what_it_uses(tmp_path: Path) -> None:
    """``ketenkaart analyse --json`` in a real process: no web app, plotting or pandas; the
    settings not even read for a file given with ``--database``; on a graph of at most
    ``graph.bottlenecks.NETWORKX_MAX_NODES`` organisations, no networkit either; and on a store
    without survey rounds, not the survey analysis (``graph.reported``)."""
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    database = _small_store(tmp_path)
    with SqliteStore(database) as store:
        assert store.rounds() == []  # no survey rounds: nothing for graph.reported to do
    probe = (
        "import sys; from app.cli.main import cli; "
        "cli(['analyse', '--json', '--database', sys.argv[1]], standalone_mode=False); "
        f"heavy = {NOT_FOR_ANALYSE!r}; "
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy or m == 'graph.reported']; "
        "print(' '.join(sorted(loaded)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(database)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert '"organisations": 12' in done.stdout  # it did analyse the store
    assert done.stderr.split() == []


def test_no_query_text_is_built_from_values() -> None:
    pattern = re.compile(
        r"""\.(execute|executemany|run|execute_query)\(\s*(f["']|["'][^"']*["']\s*(%|\+|\.format))"""
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources()
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
