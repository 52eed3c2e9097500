"""The edge arrays list exactly ``G.edges()``, in its order: what the fast analytics count."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.arrays import edge_arrays
from graph.errors import AnalysisError


def _graph(seed: int, *, directed: bool) -> nx.Graph[str]:
    rng = random.Random(seed)
    G: nx.Graph[str] = nx.relabel_nodes(nx.gnm_random_graph(40, 120, seed=seed, directed=directed), str)
    G.add_edge("3", "3")
    for _, _, data in G.edges(data=True):
        if rng.random() < 0.8:
            data["weight"] = rng.choice([1, 2.5, 7])
    return G


@pytest.mark.parametrize("directed", [False, True], ids=["graph", "digraph"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edge_arrays_follow_the_edge_view(seed: int, directed: bool) -> None:
    G = _graph(seed, directed=directed)
    everything = edge_arrays(G, weight="weight", self_loops=True)
    ends = list(zip(everything.sources.tolist(), everything.targets.tolist(), strict=True))
    assert [(everything.nodes[u], everything.nodes[v]) for u, v in ends] == list(G.edges())
    assert everything.weights.tolist() == [w for *_, w in G.edges(data="weight", default=1)]
    assert everything.weighted
    assert everything.directed == directed
    plain = edge_arrays(G)
    assert [(plain.nodes[u], plain.nodes[v]) for u, v in zip(plain.sources, plain.targets, strict=True)] == [
        (u, v) for u, v in G.edges() if u != v
    ]
    assert plain.weights.tolist() == [1.0] * len(plain.sources)
    assert not plain.weighted


def test_a_weight_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(AnalysisError, match="'weight'"):
        edge_arrays(nx.Graph([("a", "b", {"weight": "veel"})]), weight="weight")
