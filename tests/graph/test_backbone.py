"""The disparity filter against its defining integral, computed independently with scipy."""

from __future__ import annotations

import networkx as nx
import pytest
from scipy.integrate import quad

from graph.backbone import disparity_alphas, disparity_backbone
from graph.communities import louvain_labels


def _alpha_by_integral(G: nx.Graph[int], node: int, w: float) -> float:
    k = G.degree(node)
    if k <= 1:
        return 0.0
    s = G.degree(node, weight="weight")
    integral, _ = quad(lambda x: (1 - x) ** (k - 2), 0, w / s)
    return float(1 - (k - 1) * integral)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_alphas_equal_serrano_integral(seed: int) -> None:
    G = nx.gnm_random_graph(40, 160, seed=seed)
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v]["weight"] = 1 + (i * 7919 + seed) % 13
    found = disparity_alphas(G)
    for (u, v), alpha in found.items():
        w = G.edges[u, v]["weight"]
        expected = min(_alpha_by_integral(G, u, w), _alpha_by_integral(G, v, w))
        assert alpha == pytest.approx(expected, abs=1e-9)


def test_uniform_weights_on_a_clique_keep_nothing_and_a_dominant_tie_survives() -> None:
    G: nx.Graph[int] = nx.complete_graph(8)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = 1
    assert disparity_backbone(G) == set()
    G.edges[0, 1]["weight"] = 100
    assert disparity_backbone(G) == {(0, 1)}


def test_every_node_keeps_a_tie_when_it_has_only_one() -> None:
    G: nx.Graph[int] = nx.path_graph(3)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = 1
    assert disparity_backbone(G) == {(0, 1), (1, 2)}


def test_directed_graphs_are_refused() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        disparity_alphas(nx.DiGraph([(0, 1)]))


def test_communities_are_the_silo_index_communities() -> None:
    G = nx.karate_club_graph()
    labels = louvain_labels(G)
    expected = nx.community.louvain_communities(G, weight="weight", seed=0)
    assert sorted(len(c) for c in expected) == sorted(
        list(labels.values()).count(c) for c in set(labels.values())
    )
    assert all(len({labels[n] for n in c}) == 1 for c in expected)
