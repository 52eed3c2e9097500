"""The kern (k-core): networkit's core numbers equal NetworkX's, the reference."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.bottlenecks import core_numbers, kern

GRAPHS = {
    "karate": nx.karate_club_graph(),
    "les miserables": nx.les_miserables_graph(),
    "florentine": nx.florentine_families_graph(),
    "sparse random": nx.gnm_random_graph(400, 900, seed=3),
    "dense random": nx.gnm_random_graph(120, 2_500, seed=4),
    "power law": nx.barabasi_albert_graph(600, 4, seed=5),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_networkit_core_numbers_equal_networkx(name: str) -> None:
    G = nx.relabel_nodes(GRAPHS[name], {v: f"v{v}" for v in GRAPHS[name]})
    assert core_numbers(G, engine="networkit") == nx.core_number(G)
    assert core_numbers(G, engine="networkx") == nx.core_number(G)


def test_directed_graph_reads_a_tie_either_way_and_ignores_self_loops() -> None:
    D = nx.gnm_random_graph(200, 700, seed=6, directed=True)
    D.add_edges_from([(0, 0), (5, 5)])
    simple: nx.Graph[int] = nx.Graph(D.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    expected = nx.core_number(simple)
    assert core_numbers(D, engine="networkit") == expected
    assert core_numbers(D, engine="networkx") == expected


def test_kern_is_the_innermost_core() -> None:
    G = nx.karate_club_graph()
    found = kern(G)
    k = max(nx.core_number(G).values())
    assert found == {"k": k, "organisations": sorted(nx.k_core(G, k))}
    assert kern(nx.empty_graph(3)) == {"k": 0, "organisations": []}
    assert kern(nx.Graph()) == {"k": 0, "organisations": []}
