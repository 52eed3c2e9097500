"""GEXF, GraphML and Kumu files read back with networkx and openpyxl give the graph written.

The first tests expose the quirks of NetworkX's GEXF and GraphML readers and writers that
``loaders.network_files`` handles; the others check the round trip on the demo, on a
hand-made ecosystem with awkward names and on generated ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.present.common import SECTOR_COLOURS
from graph.annotate import annotated_graph
from graph.model import Agreement, Ecosystem, Organisation
from graph.project import organisation_graph, referral_graph
from graph.taxonomy import AgreementKind, Sector
from loaders.kumu import CONNECTION_COLUMNS, ELEMENT_COLUMNS, write_kumu
from loaders.network_files import check_attributes, write_gexf, write_graphml, xml_safe
from tests.strategies import ecosystems

Writer = Callable[["nx.Graph[str]", Path], Path]
FORMATS: dict[str, tuple[Writer, Callable[[Path], Any]]] = {
    "gexf": (write_gexf, nx.read_gexf),
    "graphml": (write_graphml, nx.read_graphml),
}
AWKWARD = ('Zorg & Welzijn "De Brug"', "Café l'Étoile <Noord>", "Ouder- & Kindcentrum 'Ü'", "  spaties  ")


def read_back(fmt: str, graph: nx.Graph[str], folder: Path) -> nx.Graph[str]:
    write, read = FORMATS[fmt]
    found: nx.Graph[str] = read(write(graph, folder / f"g.{fmt}"))
    return found


def assert_same_graph(written: nx.Graph[str], read: nx.Graph[str]) -> None:
    """Same nodes, ties and attributes, with the same values and the same types."""
    assert type(read) is type(written)
    assert list(read) == list(written)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in written.edges}
    for node, data in written.nodes(data=True):
        found = {k: v for k, v in read.nodes[node].items() if k != "viz"}
        assert found == data, node
        assert {k: type(v) for k, v in found.items()} == {k: type(v) for k, v in data.items()}, node
    for a, b, data in written.edges(data=True):
        found = read.edges[a, b]
        assert found == data, (a, b)
        assert {k: type(v) for k, v in found.items()} == {k: type(v) for k, v in data.items()}, (a, b)


def awkward_ecosystem() -> Ecosystem:
    orgs = tuple(
        Organisation(f"O{i}", name, sector, description=f"{name} — beschrijving & meer")
        for i, (name, sector) in enumerate(
            zip(AWKWARD, (Sector.ZORG, Sector.WELZIJN, Sector.JEUGD, Sector.OVERIG), strict=True)
        )
    )
    pact = Agreement("A1", 'Convenant "Samen"', AgreementKind.COVENANT, parties=("O0", "O1", "O2"))
    return Ecosystem(organisations=orgs, agreements=(pact,))


# -- the quirks, shown on plain NetworkX ----------------------------------------------


def test_quirk_gexf_reads_an_int_weight_back_as_float_and_adds_an_edge_id(tmp_path: Path) -> None:
    nx.write_gexf(nx.Graph([("a", "b", {"weight": 2})]), tmp_path / "g.gexf")
    tie = nx.read_gexf(tmp_path / "g.gexf").edges["a", "b"]
    assert tie == {"weight": 2.0, "id": "0"}
    assert isinstance(tie["weight"], float)


def test_quirk_gexf_gives_every_node_a_label(tmp_path: Path) -> None:
    nx.write_gexf(nx.Graph([("a", "b")]), tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").nodes["a"] == {"label": "a"}


def test_quirk_gexf_declares_a_type_once_so_mixed_numbers_do_not_read_back(tmp_path: Path) -> None:
    G = nx.Graph([("a", "b")])
    G.nodes["a"]["share"], G.nodes["b"]["share"] = 1, 0.5
    nx.write_gexf(G, tmp_path / "g.gexf")
    with pytest.raises(ValueError, match="invalid literal for int"):
        nx.read_gexf(tmp_path / "g.gexf")
    with pytest.raises(ValueError, match=r"share.*more than one type"):
        write_gexf(G, tmp_path / "ours.gexf")
    assert not (tmp_path / "ours.gexf").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_quirk_none_and_tuples_cannot_be_written(fmt: str, tmp_path: Path) -> None:
    for value in (None, ("WK1", "WK2")):
        G = nx.Graph([("a", "b", {"weight": 1.0})])
        G.nodes["a"]["areas"] = value
        with pytest.raises((TypeError, nx.NetworkXError)):
            getattr(nx, f"write_{fmt}")(G, tmp_path / f"raw.{fmt}")
        with pytest.raises(ValueError, match="is not text, a number or yes/no"):
            FORMATS[fmt][0](G, tmp_path / f"g.{fmt}")


def test_quirk_gexf_writes_a_list_of_three_letter_codes_as_time_spells(tmp_path: Path) -> None:
    G = nx.Graph([("a", "b", {"weight": 1.0})])
    G.nodes["a"]["areas"] = ["WK1", "WK2"]
    nx.write_gexf(G, tmp_path / "raw.gexf")  # no error: each code is taken as (value, start, end)
    found = nx.read_gexf(tmp_path / "raw.gexf")
    assert found.nodes["a"]["areas"] == [("W", "K", "1"), ("W", "K", "2")]
    assert found.graph["mode"] == "dynamic"
    with pytest.raises(ValueError, match="is not text, a number or yes/no"):
        write_gexf(G, tmp_path / "g.gexf")


def test_quirk_gexf_takes_start_and_end_as_time_spells(tmp_path: Path) -> None:
    G = nx.Graph([("a", "b", {"weight": 1.0})])
    G.nodes["a"]["start"] = "2025-01"
    nx.write_gexf(G, tmp_path / "raw.gexf")
    assert nx.read_gexf(tmp_path / "raw.gexf").graph["mode"] == "dynamic"
    with pytest.raises(ValueError, match="'start' is taken by GEXF"):
        write_gexf(G, tmp_path / "g.gexf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_quirk_control_characters_make_unreadable_files_so_they_are_removed(fmt: str, tmp_path: Path) -> None:
    G = nx.Graph([("a", "b", {"weight": 1.0, "id": "a|b"})])
    G.nodes["a"]["label"] = "Zorg\x0bgroep\x00"
    G.nodes["b"]["label"] = "Regel een\r\nregel twee\rdrie"
    getattr(nx, f"write_{fmt}")(G, tmp_path / f"raw.{fmt}")
    with pytest.raises(ParseError):
        getattr(nx, f"read_{fmt}")(tmp_path / f"raw.{fmt}")
    found = read_back(fmt, G, tmp_path)
    assert found.nodes["a"]["label"] == "Zorggroep"
    assert found.nodes["b"]["label"] == "Regel een\nregel twee\ndrie"
    assert_same_graph(xml_safe(G), found)


def test_quirk_graphml_turns_a_carriage_return_into_a_line_feed(tmp_path: Path) -> None:
    G = nx.Graph([("a", "b")])
    G.nodes["a"]["label"] = "een\rtwee"
    nx.write_graphml(G, tmp_path / "raw.graphml")
    assert nx.read_graphml(tmp_path / "raw.graphml").nodes["a"]["label"] == "een\ntwee"


def test_check_attributes_names_every_problem() -> None:
    G = nx.Graph([("a", "b", {"weight": 2, "type": "x", "id": 7})])
    G.nodes["a"].update(label=3, pid="p")
    with pytest.raises(ValueError, match="taken by GEXF") as caught:
        check_attributes(G)
    message = str(caught.value)
    for part in (
        "'pid' is taken",
        "'type' is taken",
        "label must be text",
        "weight must be a float",
        "id must be text",
    ):
        assert part in message


# -- the round trip ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_reads_back_unchanged(fmt: str, demo: Ecosystem, tmp_path: Path) -> None:
    G = annotated_graph(demo)
    found = read_back(fmt, G, tmp_path)
    assert_same_graph(G, found)
    assert found.number_of_nodes() == 150
    assert found.number_of_edges() == organisation_graph(demo).number_of_edges()


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_with_accents_ampersands_and_quotes_read_back_unchanged(fmt: str, tmp_path: Path) -> None:
    G = annotated_graph(awkward_ecosystem())
    found = read_back(fmt, G, tmp_path)
    assert_same_graph(G, found)
    assert [found.nodes[n]["label"] for n in found] == list(AWKWARD)


def test_graphml_keeps_the_graph_attributes_gexf_only_the_name(demo: Ecosystem, tmp_path: Path) -> None:
    G = annotated_graph(demo)
    graphml = read_back("graphml", G, tmp_path)
    gexf = read_back("gexf", G, tmp_path)
    assert {k: graphml.graph[k] for k in G.graph} == G.graph
    assert gexf.graph["name"] == "Ketenkaart"
    assert "layers" not in gexf.graph


def test_gexf_colours_each_node_by_sector(demo: Ecosystem, tmp_path: Path) -> None:
    G = annotated_graph(demo)
    found = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf", colours=SECTOR_COLOURS))
    for node, data in found.nodes(data=True):
        colour = data["viz"]["color"]
        assert "#{r:02x}{g:02x}{b:02x}".format(**colour) == SECTOR_COLOURS[G.nodes[node]["sector"]]
    assert "viz" not in G.nodes[next(iter(G))]  # the graph handed in is left alone


_awkward_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(eco=ecosystems(), names=st.lists(_awkward_names, min_size=8, max_size=8))
def test_any_ecosystem_with_any_names_reads_back_as_written(
    eco: Ecosystem, names: list[str], tmp_path: Path
) -> None:
    renamed = tuple(replace(org, name=name) for org, name in zip(eco.organisations, names, strict=False))
    G = annotated_graph(replace(eco, organisations=renamed))
    for fmt in FORMATS:
        assert_same_graph(xml_safe(G), read_back(fmt, G, tmp_path))


# -- Kumu -------------------------------------------------------------------------------


def sheet_rows(path: Path, name: str) -> list[dict[str, Any]]:
    sheet = load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_kumu_workbook_has_ids_first_and_connections_between_elements(
    demo: Ecosystem, tmp_path: Path
) -> None:
    G = annotated_graph(demo)
    flows = referral_graph(demo)
    pairs = [(a, b, d["weight"]) for a, b, d in flows.edges(data=True)]
    path = write_kumu(G, tmp_path / "kumu.xlsx", referrals=pairs)
    book = load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections", "Uitleg (ignore)"]
    assert [c.value for c in book["Elements"][1]] == [c.header for c in ELEMENT_COLUMNS]
    assert [c.value for c in book["Connections"][1]][:3] == ["ID", "From", "To"]
    elements = sheet_rows(path, "Elements")
    connections = sheet_rows(path, "Connections")
    assert [e["ID"] for e in elements] == list(G)
    ids = {e["ID"] for e in elements}
    assert all(c["From"] in ids and c["To"] in ids for c in connections)
    ties = [c for c in connections if c["Direction"] == "undirected"]
    referrals = [c for c in connections if c["Direction"] == "directed"]
    assert len(ties) == G.number_of_edges()
    assert {frozenset((c["From"], c["To"])): c["Strength"] for c in ties} == {
        frozenset((a, b)): d["weight"] for a, b, d in G.edges(data=True)
    }
    assert {(c["From"], c["To"]): c["Strength"] for c in referrals} == {(a, b): n for a, b, n in pairs}
    assert {c["Type"] for c in referrals} == {"verwijzing"}
    received = {e["ID"]: e["Referrals in"] for e in elements}
    for node in G:
        assert received[node] == sum(c["Strength"] for c in referrals if c["To"] == node)


def test_kumu_cells_are_plain_values_and_formulas_stay_text(tmp_path: Path) -> None:
    eco = awkward_ecosystem()
    eco = replace(
        eco, organisations=(*eco.organisations, Organisation("O9", '=HYPERLINK("x")\x0b', Sector.ZORG))
    )
    G = annotated_graph(eco)
    path = write_kumu(G, tmp_path / "kumu.xlsx")
    elements = {e["ID"]: e for e in sheet_rows(path, "Elements")}
    assert [elements[f"O{i}"]["Label"] for i in range(4)] == list(AWKWARD)
    assert elements["O9"]["Label"] == '=HYPERLINK("x")'  # text, not a formula
    assert load_workbook(path)["Elements"]["B6"].data_type == "s"
    assert elements["O0"]["Type"] == "Zorg"
    assert elements["O0"]["Articulation point"] in {"yes", "no"}
    assert elements["O3"]["Constraint"] is None  # no ties: left empty
    ties = sheet_rows(path, "Connections")
    assert {c["Type"] for c in ties} == {"afspraak"}
    assert {c["Agreements"] for c in ties} == {1}
    guide = sheet_rows(path, "Uitleg (ignore)")
    assert [(g["sheet"], g["column"]) for g in guide] == [
        *(("Elements", c.header) for c in ELEMENT_COLUMNS),
        *(("Connections", c.header) for c in CONNECTION_COLUMNS),
    ]
