"""The annotated organisation graph against independent values.

Structure and layer counts come from ``graph.project``; measures from ``ketenkaart
analyse``'s result and, for Padgett's Florentine marriages, from R igraph
(``../shared/data/padgett_florentine/marriage/ref_nodes_r.csv``); referral counts are
summed from the flows in the test itself.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings

from graph.analysis import analyse
from graph.annotate import annotated_graph
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import LAYER_NAMES, Layers, organisation_graph
from graph.taxonomy import ActorKind
from tests.graph.networks import ReferenceNetwork, one_mode, shared_data
from tests.graph.test_bottlenecks import approx_r, igraph_nodes
from tests.strategies import ecosystems

SCALARS = (str, int, float, bool)
LAST_QUARTER = PeriodRange(Period.parse("2025-10"), Period.parse("2025-12"))


def _referrals(eco: Ecosystem, periods: PeriodRange) -> tuple[Counter[str], Counter[str]]:
    """Referrals sent and received between organisations, summed from the flows here."""
    employers = {p.id: {e.organisation_id for e in p.employments} for p in eco.professionals}
    sent: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for flow in eco.flows:
        if flow.period not in periods:
            continue
        sources = (
            {flow.source_id} if flow.source_kind is ActorKind.ORGANISATION else employers[flow.source_id]
        )
        for source in sources - {flow.target_id}:
            sent[source] += flow.count
            received[flow.target_id] += flow.count
    return sent, received


def _types(items: list[dict[str, object]]) -> dict[str, set[type]]:
    found: dict[str, set[type]] = {}
    for data in items:
        for name, value in data.items():
            found.setdefault(name, set()).add(type(value))
    return found


def test_every_attribute_is_one_scalar_type_and_never_absent_as_none_or_nan(demo: Ecosystem) -> None:
    G = annotated_graph(demo)
    nodes = [d for _, d in G.nodes(data=True)]
    ties = [d for *_, d in G.edges(data=True)]
    for kinds in (_types(nodes), _types(ties), _types([G.graph])):
        assert all(len(types) == 1 and next(iter(types)) in SCALARS for types in kinds.values()), kinds
    values = [v for d in [*nodes, *ties, G.graph] for v in d.values()]
    assert not any(v is None or v == "" or (isinstance(v, float) and math.isnan(v)) for v in values)


def test_nodes_carry_the_organisation_records(demo: Ecosystem) -> None:
    G = annotated_graph(demo, language="en")
    assert list(G) == [org.id for org in demo.organisations]
    names = {area.code: area.name for area in demo.areas}
    for org in demo.organisations:
        node = G.nodes[org.id]
        assert node["label"] == org.name
        assert (node["sector"], node["sector_label"]) == (org.sector.value, org.sector.label("en"))
        assert node.get("areas", "").split("|") == (list(org.areas) or [""])
        assert node.get("area_names", "").split("|") == ([names[c] for c in org.areas] or [""])
        assert node.get("kvk") == org.kvk
        assert node.get("capacity") == org.capacity
        assert node.get("parent_id") == org.parent_id
        assert node.get("municipality") == org.municipality
        assert node.get("description") == (org.description or None)
    assert any("kvk" not in G.nodes[n] for n in G)  # absent values are left out, not None
    assert any("capacity" not in G.nodes[n] for n in G)


def test_ties_equal_the_organisation_graph_with_float_weights(demo: Ecosystem) -> None:
    G = annotated_graph(demo)
    source = organisation_graph(demo)
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in source.edges}
    for a, b, tie in G.edges(data=True):
        assert tie["id"] == f"{min(a, b)}|{max(a, b)}"
        assert tie["weight"] == float(source.edges[a, b]["weight"])
        assert isinstance(tie["weight"], float)
        assert {k: tie[k] for k in LAYER_NAMES} == {k: source.edges[a, b][k] for k in LAYER_NAMES}
        assert tie["layers"].split("|") == [k for k in LAYER_NAMES if tie[k] > 0]


def test_measures_equal_the_analysis(demo: Ecosystem) -> None:
    G = annotated_graph(demo, seed=3)
    rows = {row["id"]: row for row in analyse(demo, seed=3)["nodes"]}
    source = organisation_graph(demo)
    for org, node in G.nodes(data=True):
        row = rows[org]
        assert node["betweenness"] == row["betweenness"]
        assert node["weighted_betweenness"] == row["weighted_betweenness"]
        assert node.get("constraint") == row["constraint"]
        assert node.get("effective_size") == row["effective_size"]
        assert node["articulation_point"] is row["articulation_point"]
        assert node["degree"] == source.degree(org)
        assert node["weighted_degree"] == sum(d["weight"] for *_, d in source.edges(org, data=True))


@pytest.mark.parametrize("periods", [PeriodRange(), LAST_QUARTER])
def test_referral_counts_are_the_flows_between_organisations_in_the_periods(
    demo: Ecosystem, periods: PeriodRange
) -> None:
    G = annotated_graph(demo, periods=periods, layers=Layers.parse(["agreements"]))
    sent, received = _referrals(demo, periods)
    assert {n: G.nodes[n]["referrals_out"] for n in G} == {n: sent[n] for n in G}
    assert {n: G.nodes[n]["referrals_in"] for n in G} == {n: received[n] for n in G}
    assert sum(received.values()) > 0


def test_layers_and_periods_choose_the_ties(demo: Ecosystem) -> None:
    layers = Layers.parse(["agreements", "referrals"])
    G = annotated_graph(demo, layers=layers, periods=LAST_QUARTER)
    source = organisation_graph(demo, layers=layers, periods=LAST_QUARTER)
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in source.edges}
    assert all(tie["professionals"] == 0 for *_, tie in G.edges(data=True))
    assert G.graph["layers"] == "agreements|referrals"
    assert G.graph["periods"] == "2025-10..2025-12"


def test_an_organisation_without_ties_has_no_burt_measures(demo: Ecosystem) -> None:
    alone = replace(demo.organisations[0], id="ZZZ-ALONE", kvk=None, capacity=None, areas=())
    G = annotated_graph(replace(demo, organisations=(*demo.organisations, alone)))
    node = G.nodes["ZZZ-ALONE"]
    assert node["degree"] == 0
    assert node["weighted_degree"] == 0.0
    assert node["articulation_point"] is False
    assert not {"constraint", "effective_size", "kvk", "capacity", "areas", "area_names"} & set(node)


def test_large_graphs_sample_betweenness_as_the_analysis_does(demo: Ecosystem) -> None:
    G = annotated_graph(demo, exact_budget=1000, seed=5)
    assert G.graph["betweenness"] == "estimated within 0.0025 (KADABRA, 90% confidence)"
    rows = {row["id"]: row for row in analyse(demo, exact_budget=1000, seed=5)["nodes"]}
    assert {n: G.nodes[n]["betweenness"] for n in G} == {n: rows[n]["betweenness"] for n in G}
    assert all(row["weighted_betweenness"] is None for row in rows.values())  # the analysis skips it
    assert all(isinstance(G.nodes[n]["weighted_betweenness"], float) for n in G)


@pytest.fixture(scope="module")
def padgett(tmp_path_factory: pytest.TempPathFactory) -> ReferenceNetwork:
    return one_mode(shared_data("padgett_florentine", "marriage"), tmp_path_factory.mktemp("padgett"))


def test_padgett_measures_equal_igraph(padgett: ReferenceNetwork) -> None:
    G = annotated_graph(padgett.ecosystem)
    ref = igraph_nodes(shared_data("padgett_florentine", "marriage"))
    pairs = (16 - 1) * (16 - 2) / 2
    for org, node in G.nodes(data=True):
        row = ref[padgett.names[org]]
        assert node["label"] == padgett.names[org]
        assert node["degree"] == int(row["degree_all"])
        assert node["betweenness"] == approx_r(float(row["betweenness_igraph"]) / pairs)
        assert node["weighted_betweenness"] == approx_r(float(row["betweenness_igraph"]) / pairs)  # all 1
        assert node["articulation_point"] is (row["articulation_point"] == "TRUE")
        if row["constraint_igraph"] == "NA":
            assert "constraint" not in node
        else:
            assert node["constraint"] == approx_r(float(row["constraint_igraph"]))


@settings(max_examples=40, deadline=None)
@given(ecosystems())
def test_any_valid_ecosystem_gives_scalars_and_the_same_ties(eco: Ecosystem) -> None:
    G = annotated_graph(eco)
    assert set(G) == {org.id for org in eco.organisations}
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in organisation_graph(eco).edges}
    for data in [*(d for _, d in G.nodes(data=True)), *(d for *_, d in G.edges(data=True))]:
        assert all(isinstance(v, SCALARS) and v is not None for v in data.values())
    for kinds in (_types([d for _, d in G.nodes(data=True)]), _types([d for *_, d in G.edges(data=True)])):
        assert all(len(types) == 1 for types in kinds.values()), kinds
