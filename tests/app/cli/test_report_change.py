"""``ketenkaart analyse`` and ``report`` answer "what changed since last quarter" (issue 15, point 5)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    database = tmp_path / "demo.sqlite"
    assert run("generate-demo", str(tmp_path / "demo")).exit_code == 0
    assert run("load", str(tmp_path / "demo"), "--database", str(database)).exit_code == 0
    return database


def test_a_quarter_is_compared_with_the_quarter_before_in_json_and_report(db: Path, tmp_path: Path) -> None:
    quarter = ("--from", "2025-Q4", "--to", "2025-Q4")
    result = run("analyse", "--database", str(db), "--json", *quarter)
    change = json.loads(result.output)["change"]
    assert (change["before"], change["after"]) == ("2025-Q3", "2025-Q4")
    assert change["tie_changes"]
    assert {t["change"] for t in change["tie_changes"]} <= {"new", "lost"}
    assert all({"a_sector", "b_sector", "wijken"} <= set(t) for t in change["tie_changes"])
    out = tmp_path / "rapport.html"
    assert run("report", str(out), "--database", str(db), *quarter).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Samenwerkingen: nieuw en verdwenen (K3 2025 → K4 2025)" in html
    assert "Organisaties en knelpunten (K3 2025 → K4 2025)" in html
    folder = tmp_path / "rapport-tabellen"
    with (folder / "verandering-tie-changes.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    assert len(rows) == len(change["tie_changes"])
    assert (folder / "verandering-organisation-changes.csv").exists()
