"""``ketenkaart export`` as a user runs it: a real SQLite file, files read back independently.

Network files are read back with networkx and openpyxl and compared with the organisation
graph computed here from the store's snapshot (``graph.project``) and the analysis
(``graph.analysis``); Padgett's Florentine marriages are compared with R igraph.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from app.cli.main import cli
from graph.analysis import analyse
from graph.model import Ecosystem, Scope
from graph.periods import Period, PeriodRange
from graph.project import LAYER_NAMES, Layers, organisation_graph, referral_graph
from loaders.writers import ecosystem_tables
from queries.sqlite import SqliteStore
from tests.graph.networks import one_mode, shared_data
from tests.graph.test_bottlenecks import approx_r, igraph_nodes

READERS: dict[str, Callable[[Path], Any]] = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo municipality loaded through the CLI into a SQLite file (read only)."""
    folder = tmp_path_factory.mktemp("demo")
    assert run("generate-demo", str(folder / "in")).exit_code == 0
    db = folder / "demo.sqlite"
    assert run("load", str(folder / "in"), "--database", str(db)).exit_code == 0
    return db


def snapshot(db: Path, periods: PeriodRange = PeriodRange()) -> Ecosystem:
    with SqliteStore(db) as store:
        return store.snapshot(Scope(periods=periods))


def ties(graph: nx.Graph[str]) -> set[frozenset[str]]:
    return {frozenset(e) for e in graph.edges}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_files_hold_the_organisation_graph_with_its_measures(
    fmt: str, demo_db: Path, tmp_path: Path
) -> None:
    result = run("export", str(tmp_path), "--format", fmt, "--database", str(demo_db))
    assert result.exit_code == 0, result.output
    path = tmp_path / f"ketenkaart.{fmt}"
    assert str(path) in result.output
    assert "150 organisations" in result.output
    found = READERS[fmt](path)
    eco = snapshot(demo_db)
    expected = organisation_graph(eco)
    assert set(found) == {org.id for org in eco.organisations}
    assert ties(found) == ties(expected)
    for a, b, tie in found.edges(data=True):
        assert tie["weight"] == expected.edges[a, b]["weight"]
        assert [tie[k] for k in LAYER_NAMES] == [expected.edges[a, b][k] for k in LAYER_NAMES]
    rows = {row["id"]: row for row in analyse(eco)["nodes"]}
    for org in eco.organisations:
        node = found.nodes[org.id]
        assert (node["label"], node["sector"], node.get("kvk")) == (org.name, org.sector.value, org.kvk)
        assert node["areas"] == "|".join(org.areas)
        assert node["betweenness"] == rows[org.id]["betweenness"]
        assert node["weighted_betweenness"] == rows[org.id]["weighted_betweenness"]
        assert node["constraint"] == rows[org.id]["constraint"]
        assert node["articulation_point"] is rows[org.id]["articulation_point"]
        assert node["degree"] == expected.degree(org.id)


def test_layers_and_periods_choose_what_the_network_holds(demo_db: Path, tmp_path: Path) -> None:
    result = run(
        "export", str(tmp_path), "--format", "graphml", "--database", str(demo_db),
        "--layers", "agreements,referrals", "--from", "2025-Q4", "--to", "2025-12",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    periods = PeriodRange(Period.parse("2025-Q4"), Period.parse("2025-12"))
    layers = Layers.parse(["agreements", "referrals"])
    found = nx.read_graphml(tmp_path / "ketenkaart.graphml")
    expected = organisation_graph(snapshot(demo_db, periods), layers=layers, periods=periods)
    assert ties(found) == ties(expected)
    assert ties(found) != ties(organisation_graph(snapshot(demo_db)))
    assert found.graph["layers"] == "agreements|referrals"
    assert found.graph["periods"] == "2025-Q4..2025-12"
    flows = referral_graph(snapshot(demo_db, periods), periods=periods)
    assert {n: found.nodes[n]["referrals_in"] for n in found} == {
        n: int(flows.in_degree(n, weight="weight")) for n in found
    }


def test_kumu_workbook_connects_element_ids(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", str(tmp_path), "--format", "kumu", "--database", str(demo_db))
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "ketenkaart-kumu.xlsx", read_only=True)
    assert book.sheetnames == ["Elements", "Connections", "Uitleg (ignore)"]
    elements = list(book["Elements"].iter_rows(values_only=True))
    connections = list(book["Connections"].iter_rows(values_only=True))
    assert elements[0][:5] == ("ID", "Label", "Type", "Description", "Tags")
    assert connections[0][:6] == ("ID", "From", "To", "Type", "Direction", "Strength")
    links = [row[0] for row in connections[1:]]
    assert len(links) == len(set(links))  # stable, unique connection ids: a re-import updates them
    eco = snapshot(demo_db)
    ids = {row[0] for row in elements[1:]}
    assert ids == {org.id for org in eco.organisations}
    assert all(row[1] in ids and row[2] in ids for row in connections[1:])
    undirected = {frozenset(row[1:3]): row[5] for row in connections[1:] if row[4] == "undirected"}
    directed = {(row[1], row[2]): row[5] for row in connections[1:] if row[4] == "directed"}
    expected = organisation_graph(eco)
    assert undirected == {frozenset((a, b)): d["weight"] for a, b, d in expected.edges(data=True)}
    assert directed == {(a, b): d["weight"] for a, b, d in referral_graph(eco).edges(data=True)}


def test_kumu_without_the_referrals_layer_has_no_referral_connections(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", str(tmp_path), "--format", "kumu", "--database", str(demo_db), "-l", "agreements")
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(tmp_path / "ketenkaart-kumu.xlsx")["Connections"].iter_rows(values_only=True))
    assert {row[3] for row in rows[1:]} == {"afspraak"}
    assert {row[4] for row in rows[1:]} == {"undirected"}


def test_csv_stays_the_default_and_writes_every_table(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", str(tmp_path), "--database", str(demo_db))
    assert result.exit_code == 0, result.output
    tables = ecosystem_tables(snapshot(demo_db))
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{name}.csv" for name in tables)
    for name, rows in tables.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == len(rows), name


def test_xlsx_still_writes_one_workbook(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", str(tmp_path), "--format", "xlsx", "--database", str(demo_db))
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "ketenkaart-export.xlsx", read_only=True)
    assert set(ecosystem_tables(snapshot(demo_db))) <= set(book.sheetnames)


def test_hsds_writes_a_data_package(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", str(tmp_path), "--format", "hsds", "--database", str(demo_db))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "datapackage.json").exists()
    assert (tmp_path / "organizations.csv").exists()
    with (tmp_path / "organizations.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(snapshot(demo_db).organisations)


def test_graph_options_with_a_table_format_are_a_usage_error(demo_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path), "--database", str(demo_db), "-l", "referrals"])
    assert result.exit_code == 2
    assert "apply to gexf, graphml and kumu only" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_layer_is_a_configuration_error(demo_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", str(tmp_path), "--format", "gexf", "--database", str(demo_db), "-l", "friends"]
    )
    assert result.exit_code == 2
    assert "unknown layer" in result.output
    assert not (tmp_path / "ketenkaart.gexf").exists()


def test_padgett_exported_through_the_cli_has_igraph_s_measures(tmp_path: Path) -> None:
    net = one_mode(shared_data("padgett_florentine", "marriage"), tmp_path)
    db = tmp_path / "padgett.sqlite"
    assert run("load", str(tmp_path / "marriage"), "--database", str(db)).exit_code == 0
    assert run("export", str(tmp_path / "out"), "--format", "gexf", "--database", str(db)).exit_code == 0
    found = nx.read_gexf(tmp_path / "out" / "ketenkaart.gexf")
    ref = igraph_nodes(shared_data("padgett_florentine", "marriage"))
    pairs = (16 - 1) * (16 - 2) / 2
    for org, node in found.nodes(data=True):
        row = ref[net.names[org]]
        assert node["label"] == net.names[org]
        assert node["betweenness"] == approx_r(float(row["betweenness_igraph"]) / pairs)
        assert node["articulation_point"] is (row["articulation_point"] == "TRUE")
        assert node.get("constraint") == (
            None if row["constraint_igraph"] == "NA" else approx_r(float(row["constraint_igraph"]))
        )
