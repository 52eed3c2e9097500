"""Projections checked against independent values: Davis' Southern Women (two-mode) and Padgett.

Davis: 18 women attending 14 events (Davis, Gardner & Gardner 1941), loaded through the
product's loaders with events as agreements; reference values computed with R igraph
(``../shared/data/davis_southern_women/ref_*.csv``).
"""

from __future__ import annotations

import csv

import networkx as nx
import pytest

from graph.periods import Period, PeriodRange
from graph.project import Layers, organisation_agreement_graph, organisation_graph, referral_graph
from loaders.templates import template_ecosystem
from tests.graph.networks import ReferenceNetwork, shared_data, two_mode


def _reference(name: str) -> list[dict[str, str]]:
    with (shared_data("davis_southern_women") / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def davis(tmp_path_factory: pytest.TempPathFactory) -> ReferenceNetwork:
    return two_mode(shared_data("davis_southern_women"), tmp_path_factory.mktemp("davis"))


def test_two_mode_graph_matches_the_reference(davis: ReferenceNetwork) -> None:
    graph = organisation_agreement_graph(davis.ecosystem)
    figures = {row["metric"]: float(row["value"]) for row in _reference("ref_graph_bipartite_r.csv")}
    side = nx.get_node_attributes(graph, "bipartite")
    women = [n for n in graph if side[n] == 0]
    events = [n for n in graph if side[n] == 1]
    assert (len(women), len(events)) == (figures["n_actors"], figures["n_events"])
    assert graph.number_of_edges() == figures["n_ties"]
    assert graph.number_of_edges() / (len(women) * len(events)) == pytest.approx(figures["bipartite_density"])
    degrees = {
        row["node"]: int(row["degree"])
        for row in _reference("ref_nodes_bipartite_r.csv")
        if row["mode"] == "actor"
    }
    assert {davis.names[w]: graph.degree(w) for w in women} == degrees


def test_agreement_layer_is_the_weighted_actor_projection(davis: ReferenceNetwork) -> None:
    graph = organisation_graph(davis.ecosystem, layers=Layers.parse(["agreements"]))
    figures = {row["metric"]: float(row["value"]) for row in _reference("ref_graph_bipartite_r.csv")}
    assert graph.number_of_edges() == figures["actor_projection_edges"]
    assert nx.density(graph) == pytest.approx(figures["actor_projection_density"])
    assert graph.size(weight="agreements") == figures["actor_projection_total_weight"]
    expected = {
        frozenset((r["from"], r["to"])): int(r["weight"]) for r in _reference("ref_actor_projection_r.csv")
    }
    found = {
        frozenset((davis.names[a], davis.names[b])): int(d["agreements"])
        for a, b, d in graph.edges(data=True)
    }
    assert found == expected


def test_layers_can_be_switched_off(davis: ReferenceNetwork) -> None:
    assert organisation_graph(davis.ecosystem, layers=Layers.parse(["referrals"])).number_of_edges() == 0
    assert organisation_graph(davis.ecosystem, layers=Layers.parse([])).number_of_nodes() == 18


def test_an_unknown_layer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layer"):
        Layers.parse(["gossip"])


def test_referral_graph_sums_counts_per_direction_and_keeps_the_period() -> None:
    eco = template_ecosystem()
    graph = referral_graph(eco)
    assert dict(graph.edges) == {("ORG0001", "ORG0002"): {"weight": 12}}
    later = Period.parse("2026-01")
    assert referral_graph(eco, periods=PeriodRange(later, later)).number_of_edges() == 0
