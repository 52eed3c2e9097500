"""``ketenkaart analyse`` and ``ketenkaart report`` on a real store."""

from __future__ import annotations

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


def test_analyse_json_prints_one_object_with_the_documented_keys(db: Path) -> None:
    result = run("analyse", "--database", str(db), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {
        "density",
        "ei_index",
        "silo_index",
        "sector_matrix",
        "nodes",
        "bridges",
        "suggestions",
        "gaps",
    } <= set(data)
    documented = (Path(__file__).parents[3] / "docs" / "analytics.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in documented for key in data)
    assert all(f"`gaps.{key}`" in documented for key in data["gaps"])


def test_layers_and_periods_are_options(db: Path) -> None:
    result = run(
        "analyse",
        "--database",
        str(db),
        "--json",
        "--layers",
        "referrals,agreements",
        "--from",
        "2025-01",
        "--to",
        "2025-Q2",
    )
    scope = json.loads(result.output)["scope"]
    assert scope["layers"] == ["agreements", "referrals"]
    assert scope["periods"] == "2025-01..2025-Q2"


def test_bad_layer_or_period_is_a_usage_error(db: Path) -> None:
    assert run("analyse", "--database", str(db), "--layers", "gossip").exit_code == 2
    assert run("analyse", "--database", str(db), "--from", "2025-13").exit_code == 2


def test_analyse_summary_names_the_broker(db: Path) -> None:
    result = run("analyse", "--database", str(db), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Stichting Welzijn Ketendam" in result.output
    assert "shared partners" in result.output


def test_report_writes_html_with_charts_and_every_table_as_csv(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    result = run("report", str(out), "--database", str(db))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html
    assert "Knelpunten en verbinders" in html
    tables = {p.name for p in (tmp_path / "rapport-tabellen").iterdir()}
    expected = {"knelpunten.csv", "kansen.csv", "afstemmen.csv", "bruggen.csv", "sectoren.csv"}
    expected |= {"wijken.csv", "buurten.csv"}
    assert "Kansen: afstemmen" in html
    assert expected | {"ping_pong.csv", "absent_sectors.csv"} <= tables


def test_names_from_the_data_are_escaped_in_the_report(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    orgs = tmp_path / "tpl" / "organisations.csv"
    text = orgs.read_text(encoding="utf-8-sig").replace(
        "Schuldhulp Ketendam", "Schuldhulp <script>alert(1)</script>"
    )
    orgs.write_text(text, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    assert run("load", str(tmp_path / "tpl"), "--database", str(db)).exit_code == 0
    out = tmp_path / "r.html"
    assert run("report", str(out), "--database", str(db), "--lang", "en").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_coffee_suggests_the_planted_missing_link_with_reasons(db: Path) -> None:
    organisation, partner = "ORG0007", "ORG0070"  # Woonstichting De Linie, Schuldhulp Ketendam (PLANTED)
    result = CliRunner().invoke(cli, ["coffee", organisation, "--database", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert partner in result.output
    assert "gedeelde partners" in result.output
    card = CliRunner().invoke(
        cli,
        ["coffee", organisation, "--with", partner, "--database", str(db), "--lang", "en"],
        env={"COLUMNS": "200"},
    )
    assert "Gemeente Ketendam - Werk en Inkomen" in card.output  # the shared partner they both know
    assert "shared partners" in card.output


def test_coffee_for_an_unknown_organisation_says_how_to_find_ids(db: Path) -> None:
    result = run("coffee", "NOPE", "--database", str(db))
    assert result.exit_code == 2
    assert "ketenkaart search" in result.output
