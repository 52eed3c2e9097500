"""Betweenness estimated with a guarantee (KADABRA): within the error, reproducible, used by the analysis."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import analyse
from graph.bottlenecks import betweenness
from graph.model import Ecosystem, Organisation, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, Sector


def _named(G: nx.Graph[int]) -> nx.Graph[str]:
    named: nx.Graph[str] = nx.Graph()
    named.add_nodes_from(f"v{v:04d}" for v in G)
    named.add_edges_from((f"v{a:04d}", f"v{b:04d}") for a, b in G.edges)
    return named


@pytest.mark.parametrize(
    "G",
    [
        _named(nx.barabasi_albert_graph(1_500, 3, seed=1)),
        _named(nx.connected_watts_strogatz_graph(1_000, 6, 0.1, seed=2)),
        _named(nx.gnm_random_graph(800, 2_400, seed=3)),
    ],
)
def test_estimate_lies_within_the_error_of_exact_betweenness(G: nx.Graph[str]) -> None:
    exact = nx.betweenness_centrality(G)
    estimate = betweenness(G, error=0.005, seed=4)
    assert list(estimate) == list(G)
    assert max(abs(estimate[v] - exact[v]) for v in G) <= 0.005
    assert estimate == betweenness(G, error=0.005, seed=4)  # the same seed, the same values


def test_estimate_refuses_weights_and_directions_and_silly_errors() -> None:
    G = nx.path_graph(["a", "b", "c"])
    with pytest.raises(ValueError, match="hops in an undirected graph"):
        betweenness(G, weight="weight", error=0.01, engine="networkit")
    with pytest.raises(ValueError, match="hops in an undirected graph"):
        betweenness(nx.DiGraph([("a", "b"), ("b", "c")]), error=0.01)
    with pytest.raises(ValueError, match="between 0 and 1"):
        betweenness(G, error=0.0)


def test_analysis_above_the_exact_budget_estimates_with_kadabra_and_says_so() -> None:
    leaves = [Organisation(f"L{i:04d}", f"Leaf {i}", Sector.WELZIJN) for i in range(3200)]
    hub = Organisation("HUB", "Hub", Sector.ZORG)
    month = Period.parse("2025-01")
    flows = tuple(ReferralFlow(ActorKind.ORGANISATION, "HUB", o.id, month, "", 1) for o in leaves)
    result = analyse(Ecosystem(organisations=(hub, *leaves), flows=flows), top=0)
    assert result["scope"]["betweenness"] == "estimated within 0.0025 (KADABRA, 90% confidence)"
    values = {n["id"]: n["betweenness"] for n in result["nodes"]}
    assert values["HUB"] == 1.0  # on every route between two leaves; clipped, never above
    assert max(v for k, v in values.items() if k != "HUB") == 0.0
    assert all(n["weighted_betweenness"] is None for n in result["nodes"])  # only when exact
