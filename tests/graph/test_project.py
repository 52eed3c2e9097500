"""Projections checked against independent values: Davis' Southern Women (two-mode) and Padgett.

Davis: 18 women attending 14 events (Davis, Gardner & Gardner 1941), loaded through the
product's loaders with events as agreements; reference values computed with R igraph
(``../shared/data/davis_southern_women/ref_*.csv``).
"""

from __future__ import annotations

import csv
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

import networkx as nx
import pytest

from graph.arrays import shared_views
from graph.model import Ecosystem, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.project import (
    LAYER_NAMES,
    Layers,
    organisation_agreement_graph,
    organisation_flow_cells,
    organisation_flows,
    organisation_graph,
    organisation_ties,
    referral_graph,
    referrals_by_period,
)
from graph.taxonomy import ActorKind
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


def _out_of_period_order(eco: Ecosystem) -> Ecosystem:
    """The flows dealt out like cards (every third flow first), so periods come mixed, plus a
    quarter's flows, a flow to oneself and one to an organisation outside the snapshot."""
    flows = eco.flows[::3] + eco.flows[1::3] + eco.flows[2::3]
    quarter = Period.parse("2025-Q2")
    some = eco.organisations[0].id, eco.organisations[1].id
    extra = (
        ReferralFlow(ActorKind.ORGANISATION, some[0], some[1], quarter, "", 5),
        ReferralFlow(ActorKind.ORGANISATION, some[1], some[1], quarter, "", 2),
        ReferralFlow(ActorKind.ORGANISATION, some[0], "ELSEWHERE", quarter, "", 1),
    )
    return replace(eco, flows=extra[:1] + flows[:500] + extra[1:] + flows[500:])


def _expanded(eco: Ecosystem, periods: PeriodRange) -> list[tuple[str, str, Period, int]]:
    """Every flow in ``periods``, in the order of the flows, for each employer of its source."""
    employers = {p.id: [e.organisation_id for e in p.employments] for p in eco.professionals}
    return [
        (source, flow.target_id, flow.period, flow.count)
        for flow in eco.flows
        if flow.period in periods
        for source in (
            [flow.source_id] if flow.source_kind is ActorKind.ORGANISATION else employers[flow.source_id]
        )
        if source != flow.target_id
    ]


RANGES = (
    PeriodRange(),
    PeriodRange(Period.parse("2025-03"), Period.parse("2025-03")),
    PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q3")),
    PeriodRange(None, Period.parse("2025-05")),
    PeriodRange(Period.parse("2030-01"), None),
)


@pytest.mark.parametrize("shared", [False, True], ids=["alone", "shared-views"])
def test_flows_out_of_period_order_keep_their_order_in_every_range(demo: Ecosystem, shared: bool) -> None:
    """The flows are bucketed by period once; a range of several periods still gives them in the
    order of ``Ecosystem.flows``, and so the graphs add their edges in that order."""
    eco = _out_of_period_order(demo)
    assert any(f.source_kind is ActorKind.PROFESSIONAL for f in eco.flows)
    assert sorted(eco.flows, key=lambda f: f.period) != list(eco.flows)
    with shared_views() if shared else nullcontext():
        for periods in RANGES:
            rows = _expanded(eco, periods)
            assert list(organisation_flows(eco, periods)) == [(s, t, n) for s, t, _, n in rows], periods
            cells: dict[tuple[str, str], dict[Period, int]] = {}
            for s, t, period, n in rows:
                cells.setdefault((s, t), {}).setdefault(period, 0)
                cells[s, t][period] += n
            found = organisation_flow_cells(eco, periods)
            assert list(found.items()) == list(cells.items())
            assert all(list(found[pair]) == list(cells[pair]) for pair in cells)
            known = {o.id for o in eco.organisations}
            expected: nx.DiGraph[str] = nx.DiGraph()
            expected.add_nodes_from(organisation_graph(eco, layers=Layers.parse([])).nodes(data=True))
            undirected: nx.Graph[str] = nx.Graph(expected)
            for s, t, _, n in rows:
                if s in known and t in known and n > 0:
                    w = expected.edges[s, t]["weight"] if expected.has_edge(s, t) else 0
                    expected.add_edge(s, t, weight=w + n)
                    a, b = sorted((s, t))
                    w = undirected.edges[a, b]["referrals"] if undirected.has_edge(a, b) else 0
                    undirected.add_edge(
                        a, b, weight=w + n, agreements=0, professionals=0, referrals=w + n, reported=0
                    )
            assert _layout(referral_graph(eco, periods=periods)) == _layout(expected)
            graph = organisation_graph(eco, layers=Layers.parse(["referrals"]), periods=periods)
            assert _layout(graph) == _layout(undirected)


def _layout(graph: nx.Graph[str]) -> tuple[list[Any], list[Any], list[list[str]]]:
    """A graph as NetworkX holds it: nodes, edges with data and each adjacency, all in order."""
    return list(graph.nodes(data=True)), list(graph.edges(data=True)), [list(graph[v]) for v in graph]


def test_the_tie_arrays_are_the_ties_of_the_graph(demo: Ecosystem) -> None:
    """``organisation_ties``: the edges of ``organisation_graph``, in its order, with their counts."""
    ids = [o.id for o in demo.organisations]
    months = PeriodRange(Period.parse("2025-02"), Period.parse("2025-04"))
    for periods in (PeriodRange(), months):
        ties = organisation_ties(demo, periods=periods)
        graph = organisation_graph(demo, periods=periods)
        assert (ties.lo < ties.hi).all()
        rebuilt: nx.Graph[str] = nx.Graph()
        rebuilt.add_nodes_from(graph.nodes(data=True))
        pairs = [
            tuple(sorted((ids[i], ids[j]))) for i, j in zip(ties.lo.tolist(), ties.hi.tolist(), strict=True)
        ]
        for (a, b), counts in zip(pairs, ties.counts.T.tolist(), strict=True):
            rebuilt.add_edge(a, b, weight=sum(counts), **dict(zip(LAYER_NAMES, counts, strict=True)))
        assert _layout(rebuilt) == _layout(graph)
        assert ties.weights.tolist() == [float(graph.edges[pair]["weight"]) for pair in pairs]
        assert all(ties.counts[k].any() for k in range(3))  # the demo has all but reported ties


def test_referrals_by_period_are_the_recorded_counts(demo: Ecosystem) -> None:
    eco = _out_of_period_order(demo)
    totals = referrals_by_period(eco)
    assert list(totals) == sorted({f.period for f in eco.flows})
    assert totals == {p: sum(f.count for f in eco.flows if f.period == p) for p in totals}
