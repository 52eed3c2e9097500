"""The engines give NetworkX's answers: networkit betweenness, networkit cuts, SciPy structural holes.

Every comparison runs on several random graphs, directed and undirected, with and
without weights; integer weights make equal-length routes (ties) common, which is where
engines usually disagree.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import cast

import networkx as nx
import numpy as np
import pytest

from graph.arrays import edge_arrays
from graph.engines import (
    biconnected_components,
    networkit_betweenness,
    sparse_structural_holes,
    tie_lengths,
    to_networkit,
)
from graph.errors import AnalysisError

SEEDS = [1, 2, 3]


def random_graph(n: int, m: int, seed: int, *, directed: bool = False, weights: str = "int") -> nx.Graph[str]:
    """A G(n, m) graph with string ids, a few isolates and pendant nodes, and ``weight``."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    graph: nx.Graph[str] = nx.relabel_nodes(base, {i: f"v{i:04d}" for i in base})
    graph.add_node("isolate")
    graph.add_edge("pendant", "v0000")
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = rng.randint(1, 5) if weights == "int" else rng.uniform(0.5, 3.0)
    return graph


def assert_close(actual: dict[str, float], expected: dict[str, float], tol: float = 1e-9) -> None:
    assert actual.keys() == expected.keys()
    worst = max(abs(actual[v] - expected[v]) for v in expected)
    assert worst <= tol, worst


# ---------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------


def test_conversion_keeps_the_node_map_both_ways() -> None:
    G = random_graph(40, 120, seed=1)
    view = to_networkit(G)
    assert view.graph.numberOfNodes() == len(G)
    assert view.graph.numberOfEdges() == G.number_of_edges()
    assert [view.index[node] for node in view.nodes] == list(range(len(G)))
    for u, v in G.edges:
        assert view.graph.hasEdge(view.index[u], view.index[v])


def test_weight_becomes_length_one_over_weight() -> None:
    G = random_graph(30, 80, seed=2)
    view = to_networkit(G, weight="weight")
    assert view.graph.isWeighted()
    for u, v, data in G.edges(data=True):
        assert view.graph.weight(view.index[u], view.index[v]) == pytest.approx(1 / data["weight"])


def test_missing_weight_counts_as_one_and_bad_weights_are_refused() -> None:
    G: nx.Graph[str] = nx.Graph()
    G.add_edges_from([("a", "b", {"weight": 2}), ("b", "c", {})])
    assert tie_lengths(G, "weight").tolist() == [0.5, 1.0]
    for bad in (0, -1, math.nan, "veel"):
        G.edges["b", "c"]["weight"] = bad
        with pytest.raises(AnalysisError, match="positive number"):
            to_networkit(G, weight="weight")


def test_directed_graph_read_as_undirected_has_one_edge_per_pair_and_no_self_loops() -> None:
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")])
    arrays = edge_arrays(D, undirected=True)
    assert sorted(zip(arrays.sources.tolist(), arrays.targets.tolist(), strict=True)) == [(0, 1), (1, 2)]
    assert not arrays.directed
    assert to_networkit(D).graph.numberOfEdges() == 3  # directed: a->b, b->a, b->c
    with pytest.raises(ValueError, match="cannot keep weights"):
        edge_arrays(D, weight="weight", undirected=True)


def test_empty_graph_converts() -> None:
    view = to_networkit(nx.Graph())
    assert view.graph.numberOfNodes() == 0
    assert view.by_node([]) == {}


# ---------------------------------------------------------------------------------------
# Betweenness: networkit = NetworkX
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("normalized", [True, False], ids=["normalized", "raw"])
def test_exact_betweenness_equals_networkx(seed: int, directed: bool, normalized: bool) -> None:
    G = random_graph(120, 480 if directed else 300, seed, directed=directed)
    expected = nx.betweenness_centrality(G, normalized=normalized)
    assert_close(networkit_betweenness(G, normalized=normalized), expected)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("weights", ["int", "float"])
def test_weighted_betweenness_equals_networkx_with_length_one_over_weight(
    seed: int, directed: bool, weights: str
) -> None:
    G = random_graph(120, 480 if directed else 300, seed, directed=directed, weights=weights)
    length = {(u, v): 1 / data["weight"] for u, v, data in G.edges(data=True)}
    nx.set_edge_attributes(G, length, "length")
    expected = nx.betweenness_centrality(G, weight="length")
    assert_close(networkit_betweenness(G, weight="weight"), expected)


def test_betweenness_of_tiny_graphs() -> None:
    assert networkit_betweenness(nx.Graph()) == {}
    assert networkit_betweenness(nx.Graph([("a", "b")])) == {"a": 0.0, "b": 0.0}
    assert networkit_betweenness(nx.path_graph(3)) == nx.betweenness_centrality(nx.path_graph(3))


# ---------------------------------------------------------------------------------------
# Cuts and structural holes
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_biconnected_components_equal_networkx(seed: int, directed: bool) -> None:
    G = random_graph(150, 170, seed, directed=directed)  # sparse: many cut points
    components = cast("Iterator[set[str]]", nx.biconnected_components(G.to_undirected()))  # stub says lists
    expected = {frozenset(c) for c in components}
    assert {frozenset(c) for c in biconnected_components(G)} == expected


def _by_node(G: nx.Graph[str], values: np.ndarray) -> dict[str, float]:
    return dict(zip(G, values.tolist(), strict=True))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_sparse_structural_holes_equal_networkx_on_a_mid_size_graph(weight: str | None) -> None:
    G = random_graph(1500, 6000, seed=5)
    G.remove_node("isolate")
    constraint, size = (_by_node(G, v) for v in sparse_structural_holes(G, weight=weight))
    assert_close(constraint, nx.constraint(G, weight=weight))
    if weight is None:  # NetworkX's all-node effective size is right for unweighted undirected graphs
        assert_close(size, nx.effective_size(G))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_sparse_structural_holes_equal_networkx_per_node_code(
    seed: int, directed: bool, weight: str | None
) -> None:
    G = random_graph(80, 320, seed, directed=directed)
    constraint, size = (_by_node(G, v) for v in sparse_structural_holes(G, weight=weight))
    assert math.isnan(constraint.pop("isolate"))
    assert math.isnan(size.pop("isolate"))
    nodes = list(constraint)
    # NetworkX's per-node code; its all-node effective size is wrong with weights or direction
    assert_close(constraint, nx.constraint(G, nodes=nodes, weight=weight))
    assert_close(size, nx.effective_size(G, nodes=nodes, weight=weight))


def test_sparse_structural_holes_in_small_chunks_give_the_same_answer() -> None:
    G = random_graph(200, 1000, seed=4)
    whole = sparse_structural_holes(G, weight="weight")
    chunked = sparse_structural_holes(G, weight="weight", chunk_terms=50)
    for a, b in zip(whole, chunked, strict=True):
        assert np.allclose(a, b, rtol=0, atol=1e-12, equal_nan=True)
