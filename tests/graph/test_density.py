"""Density, sector mixing and the silo index: reference networks, hand cases, definitions, demo."""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.communities import _NETWORKIT_MIN_EDGES
from graph.density import (
    AreaDensity,
    SectorCell,
    density,
    density_by_area,
    density_by_membership,
    sector_matrix,
)
from graph.errors import AnalysisError, EmptyGraph
from graph.mixing import ei_by_group, ei_index, sector_modularity, silo_index
from graph.model import Ecosystem
from graph.project import organisation_graph, referral_graph
from graph.taxonomy import AreaLevel
from loaders.demo import PLANTED
from tests.graph.networks import one_mode, shared_data

Graph: TypeAlias = "nx.Graph[str]"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _reference(folder: Path) -> dict[str, str]:
    """``ref_graph_r.csv``: values computed with R igraph 1.3.5 / sna 2.7 (../shared/data/README.md)."""
    return {row["metric"]: row["value"] for row in _rows(folder / "ref_graph_r.csv")}


def _graph(edges: list[tuple[str, str]], sectors: dict[str, str], *, directed: bool = False) -> Graph:
    G: Graph = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(sectors)
    G.add_edges_from(edges)
    nx.set_node_attributes(G, sectors, "sector")
    return G


# --- reference networks, loaded through the product's loaders -------------------------------


@pytest.mark.parametrize(("relation", "ties"), [("marriage", 20), ("business", 15)])
def test_padgett_density_with_sixteen_families(relation: str, ties: int, tmp_path: Path) -> None:
    # Wasserman & Faust (1994): marriage 20/120 = .1667, business 15/120 = .125 (Pucci included).
    folder = shared_data("padgett_florentine", relation)
    G = organisation_graph(one_mode(folder, tmp_path).ecosystem)
    reference = _reference(folder)
    assert G.number_of_nodes() == 16 == int(reference["n"])
    assert G.number_of_edges() == ties == int(reference["m"])
    assert density(G) == pytest.approx(ties / 120, abs=1e-12)
    assert density(G) == pytest.approx(float(reference["density"]), abs=1e-9)


@pytest.mark.parametrize(
    ("edges", "arcs", "published"), [("edges_information.csv", 49, 0.544), ("edges_money.csv", 22, 0.244)]
)
def test_knoke_directed_density(edges: str, arcs: int, published: float, tmp_path: Path) -> None:
    # Knoke & Kuklinski (1982): information 49/90 = .544, money 22/90 = .244.
    folder = shared_data("knoke_bureaucracies")
    net = one_mode(folder, tmp_path, key="label", edges=edges, directed=True, group="sector")
    G = referral_graph(net.ecosystem)
    assert (G.number_of_nodes(), G.number_of_edges()) == (10, arcs)
    assert density(G) == pytest.approx(arcs / 90, abs=1e-12)
    assert round(density(G), 3) == published


GROUPED = [
    *(("krackhardt_hightech", relation, "dept") for relation in ("advice", "friends", "reports")),
    *(("lazega_lawfirm", relation, "office") for relation in ("advice", "cowork", "friends")),
]


def _source_ties(folder: Path, group: str) -> tuple[dict[str, str], set[frozenset[str]]]:
    """Groups and undirected ties read straight from the CSV files, self-loops left out."""
    groups = {row["id"]: row[group] for row in _rows(folder / "nodes.csv")}
    ties = {
        frozenset((r["source"], r["target"]))
        for r in _rows(folder / "edges.csv")
        if r["source"] != r["target"]
    }
    return groups, ties


@pytest.mark.parametrize(("network", "relation", "group"), GROUPED)
def test_ei_index_equals_plain_count_over_the_source_files(
    network: str, relation: str, group: str, tmp_path: Path
) -> None:
    # E-I index of Krackhardt, D., & Stern, R. N. (1988), Social Psychology Quarterly 51(2),
    # 123-140: (E - I) / (E + I) over ties, counted here by hand from the source CSV files.
    folder = shared_data(network, relation)
    groups, ties = _source_ties(folder, group)
    external = sum(1 for tie in ties if len({groups[node] for node in tie}) == 2)
    internal = len(ties) - external
    G = organisation_graph(one_mode(folder, tmp_path, key="id", group=group).ecosystem)
    reference = _reference(folder)
    assert G.number_of_edges() == len(ties) == int(reference["n_undirected_ties"])
    assert (external, internal) == (
        int(reference["cross_group_ties_undirected"]),
        int(reference["within_group_ties_undirected"]),
    )
    assert ei_index(G) == pytest.approx((external - internal) / (external + internal), abs=1e-12)
    assert ei_index(G) == pytest.approx(float(reference["EI_index_undirected"]), abs=1e-9)


@pytest.mark.parametrize(("network", "relation", "group"), GROUPED)
def test_ei_by_group_equals_plain_count_over_the_source_files(
    network: str, relation: str, group: str, tmp_path: Path
) -> None:
    folder = shared_data(network, relation)
    groups, ties = _source_ties(folder, group)
    counts: Counter[tuple[str, bool]] = Counter()
    for tie in ties:
        ends = {groups[node] for node in tie}
        for g in ends:
            counts[g, len(ends) == 2] += 1
    expected = {
        g: (counts[g, True] - counts[g, False]) / (counts[g, True] + counts[g, False])
        for g in sorted(set(groups.values()))
        if counts[g, True] + counts[g, False]
    }
    net = one_mode(folder, tmp_path, key="id", group=group)
    G = organisation_graph(net.ecosystem)
    sector_of_group = {groups[net.names[node]]: G.nodes[node]["sector"] for node in G}
    measured = ei_by_group(G)
    assert {g: measured[sector_of_group[g]] for g in expected} == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("network", "relation", "group"), GROUPED)
def test_directed_density_matches_reference(network: str, relation: str, group: str, tmp_path: Path) -> None:
    folder = shared_data(network, relation)
    net = one_mode(folder, tmp_path, key="id", directed=True, group=group)
    G = referral_graph(net.ecosystem)
    reference = _reference(folder)
    assert (G.number_of_nodes(), G.number_of_edges()) == (int(reference["n"]), int(reference["m"]))
    assert density(G) == pytest.approx(float(reference["density"]), abs=1e-9)


# --- hand-computed cases ---------------------------------------------------------------------


def test_density_of_small_graphs() -> None:
    assert density(nx.Graph()) == 0.0
    assert density(_graph([], {"a": "x"})) == 0.0
    assert density(_graph([("a", "b")], {"a": "x", "b": "x"})) == 1.0
    assert density(_graph([("a", "b")], {"a": "x", "b": "x", "c": "x"}, directed=True)) == 1 / 6


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ([("a1", "b1"), ("a2", "b2"), ("a1", "b2")], 1.0),  # every tie crosses groups
        ([("a1", "a2"), ("b1", "b2")], -1.0),  # every tie stays inside
        ([("a1", "a2"), ("a2", "b1"), ("b1", "b2")], -1 / 3),  # E = 1, I = 2
    ],
)
def test_ei_index_by_hand(edges: list[tuple[str, str]], expected: float) -> None:
    G = _graph(edges, {"a1": "a", "a2": "a", "b1": "b", "b2": "b"})
    assert ei_index(G) == pytest.approx(expected)


def test_ei_by_group_by_hand() -> None:
    # a: I = 1 (a1-a2), E = 2 (a2-b1, a1-c1) -> 1/3; b: I = 0, E = 1 -> 1; c: E = 1 -> 1; d has no ties
    G = _graph(
        [("a1", "a2"), ("a2", "b1"), ("a1", "c1")], {"a1": "a", "a2": "a", "b1": "b", "c1": "c", "d1": "d"}
    )
    assert ei_by_group(G) == pytest.approx({"a": 1 / 3, "b": 1.0, "c": 1.0})
    assert ei_index(G) == pytest.approx((2 - 1) / 3)


def test_weighted_ei_sums_the_weight() -> None:
    G = _graph([("a1", "a2"), ("a2", "b1")], {"a1": "a", "a2": "a", "b1": "b"})
    G.edges["a1", "a2"]["weight"] = 3
    assert ei_index(G, weight="weight") == pytest.approx((1 - 3) / 4)
    assert ei_by_group(G, weight="weight") == pytest.approx({"a": -0.5, "b": 1.0})


def test_directed_ei_counts_arcs() -> None:
    G = _graph([("a1", "a2"), ("a2", "b1"), ("b1", "a2")], {"a1": "a", "a2": "a", "b1": "b"}, directed=True)
    assert ei_index(G) == pytest.approx(1 / 3)
    assert ei_by_group(G) == pytest.approx({"a": 1 / 3, "b": 1.0})


@pytest.mark.parametrize(
    "measure",
    [ei_index, ei_by_group, sector_modularity, silo_index],
    ids=["ei_index", "ei_by_group", "sector_modularity", "silo_index"],
)
@pytest.mark.parametrize("G", [nx.Graph(), _graph([], {"a": "x", "b": "y"})], ids=["no nodes", "no ties"])
def test_measures_of_ties_refuse_a_graph_without_ties(measure: Callable[..., Any], G: Graph) -> None:
    with pytest.raises(EmptyGraph):
        measure(G)


def test_a_node_without_the_group_attribute_is_an_error() -> None:
    G = _graph([("a", "b")], {"a": "x", "b": "y"})
    del G.nodes["b"]["sector"]
    with pytest.raises(AnalysisError, match="'sector'"):
        ei_index(G)
    with pytest.raises(AnalysisError, match="'team'"):
        sector_matrix(G, attribute="team")


def test_sector_matrix_by_hand_undirected() -> None:
    sectors = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b", "c1": "c"}
    G = _graph([("a1", "a2"), ("a1", "b1"), ("a2", "b1"), ("b1", "b2")], sectors)
    m = sector_matrix(G)
    assert list(m) == ["a", "b", "c"]
    assert m["a"]["a"] == SectorCell(ties=1, possible=3, density=1 / 3)
    assert m["a"]["b"] == m["b"]["a"] == SectorCell(ties=2, possible=6, density=1 / 3)
    assert m["b"]["b"] == SectorCell(ties=1, possible=1, density=1.0)
    assert m["c"]["c"] == SectorCell(ties=0, possible=0, density=0.0)
    assert m["a"]["c"] == SectorCell(ties=0, possible=3, density=0.0)


def test_sector_matrix_by_hand_directed() -> None:
    sectors = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b"}
    G = _graph([("a1", "a2"), ("a1", "b1"), ("b1", "a2"), ("b2", "a3")], sectors, directed=True)
    m = sector_matrix(G)
    assert m["a"]["a"] == SectorCell(ties=1, possible=6, density=1 / 6)
    assert m["a"]["b"] == SectorCell(ties=1, possible=6, density=1 / 6)
    assert m["b"]["a"] == SectorCell(ties=2, possible=6, density=1 / 3)
    assert m["b"]["b"] == SectorCell(ties=0, possible=2, density=0.0)


def test_density_by_area_by_hand() -> None:
    sectors = {"a": "x", "b": "y", "c": "x", "d": "y", "e": "x", "f": "x"}
    G = _graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")], sectors)
    wijken = {"a": ("W1", "W2"), "b": ("W1",), "c": ("W2",), "d": ("W1", "W2"), "e": ("W3",)}
    nx.set_node_attributes(G, wijken, "wijken")  # f: no wijken, serves no wijk
    assert density_by_area(G) == {
        # a, b, d: a-b (x-y); each has 2/3 partner on average
        "W1": AreaDensity(
            organisations=3, ties=1, density=1 / 3, ties_per_organisation=2 / 3, cross_sector_share=1.0
        ),
        # a, c, d: a-c (x-x), c-d (x-y)
        "W2": AreaDensity(
            organisations=3, ties=2, density=2 / 3, ties_per_organisation=4 / 3, cross_sector_share=0.5
        ),
        "W3": AreaDensity(
            organisations=1, ties=0, density=0.0, ties_per_organisation=0.0, cross_sector_share=None
        ),
    }
    del G.nodes["a"]["sector"]  # without sectors there is no cross-sector share
    assert {cell.cross_sector_share for cell in density_by_area(G).values()} == {None}
    assert density_by_area(nx.Graph()) == {}


def test_density_by_membership_by_hand_with_a_gemeente_wide_organisation() -> None:
    """g serves the whole gemeente, so the membership lists it in both wijken; x is no node.

    W1 = {a, b, g, x}: ties a-b (zorg-wonen), a-g (zorg-zorg), b-g (wonen-zorg): 3 of 6
    pairs, 6/4 partners each, 2 of 3 across sectors. W2 = {c, g}: c-g (jeugd-zorg): 1 of 1
    pair, 1 partner each, all across. W3 = {}: nothing. c-d is in no wijk (d serves none).
    """
    sectors = {"a": "zorg", "b": "wonen", "c": "jeugd", "d": "jeugd", "g": "zorg"}
    G = _graph([("a", "b"), ("a", "g"), ("b", "g"), ("c", "g"), ("c", "d")], sectors)
    members = {"W2": ["c", "g", "g"], "W1": {"a", "b", "g", "x"}, "W3": []}
    cells = density_by_membership(G, members)
    assert list(cells) == ["W2", "W1", "W3"]  # the order of the memberships
    assert cells == {
        "W1": AreaDensity(
            organisations=4, ties=3, density=0.5, ties_per_organisation=1.5, cross_sector_share=2 / 3
        ),
        "W2": AreaDensity(
            organisations=2, ties=1, density=1.0, ties_per_organisation=1.0, cross_sector_share=1.0
        ),
        "W3": AreaDensity(
            organisations=0, ties=0, density=0.0, ties_per_organisation=0.0, cross_sector_share=None
        ),
    }
    directed = density_by_membership(G.to_directed(), {"W1": "abg"})["W1"]
    assert (directed.ties, directed.density, directed.ties_per_organisation) == (6, 1.0, 2.0)


def test_density_by_area_is_density_by_membership_of_the_node_attribute() -> None:
    """The attribute leaves the gemeente-wide g out where the explicit membership counts it."""
    sectors = {"a": "zorg", "b": "wonen", "g": "zorg"}
    G = _graph([("a", "b"), ("a", "g"), ("b", "g")], sectors)
    nx.set_node_attributes(G, {"a": ("W1",), "b": ("W1",), "g": ()}, "wijken")
    by_attribute = density_by_area(G)
    assert by_attribute == density_by_membership(G, {"W1": ["a", "b"]})
    assert by_attribute["W1"] == AreaDensity(2, 1, 1.0, 1.0, 1.0)
    assert density_by_membership(G, {"W1": ["a", "b", "g"]})["W1"] == AreaDensity(3, 3, 1.0, 2.0, 2 / 3)


def test_ties_per_organisation_does_not_reward_a_small_wijk_for_being_small() -> None:
    """Each organisation keeps 2 local partners (a ring): density falls with size, this figure not."""
    G: Graph = nx.Graph()
    for wijk, size in (("small", 4), ("large", 40)):
        ring = [f"{wijk}{i}" for i in range(size)]
        G.add_nodes_from(ring, wijken=(wijk,), sector="x")
        G.add_edges_from(zip(ring, ring[1:] + ring[:1], strict=True))
    cells = density_by_area(G)
    assert cells["small"].density > 10 * cells["large"].density
    assert cells["small"].ties_per_organisation == cells["large"].ties_per_organisation == 2.0


def test_density_by_area_knows_wijken_and_buurten_only() -> None:
    with pytest.raises(ValueError, match="buurt"):
        density_by_area(nx.Graph(), level="stad")  # type: ignore[arg-type]


def test_density_per_buurt_counts_wijk_wide_organisations_in_every_buurt(demo: Ecosystem) -> None:
    graph = organisation_graph(demo)
    by_buurt = density_by_area(graph, level="buurt")
    buurt_codes = {a.code for a in demo.areas if a.code.startswith("BU")}
    assert set(by_buurt) == buurt_codes
    wijk_of = {a.code: a.parent for a in demo.areas if a.code.startswith("BU")}
    for buurt, cell in by_buurt.items():
        serving = [o.id for o in demo.organisations if buurt in o.areas or wijk_of[buurt] in o.areas]
        induced = graph.subgraph(serving)
        assert (cell.organisations, cell.ties) == (len(serving), induced.number_of_edges())
        assert cell.density == pytest.approx(nx.density(induced))


def test_silo_index_of_two_cliques_split_by_sector() -> None:
    G = nx.relabel_nodes(nx.barbell_graph(5, 0), str)
    nx.set_node_attributes(G, {n: "a" if int(n) < 5 else "b" for n in G}, "sector")
    result = silo_index(G)
    assert result.communities == 2
    assert result.ratio == pytest.approx(1.0)
    assert result.ei_index == pytest.approx((1 - 20) / 21)


def test_silo_index_of_sectors_across_communities_is_low() -> None:
    G = nx.relabel_nodes(nx.barbell_graph(5, 0), str)
    nx.set_node_attributes(G, {n: "a" if int(n) % 2 else "b" for n in G}, "sector")
    result = silo_index(G)
    assert result.community_modularity > 0.4
    assert result.ratio < 0.1


# --- numpy implementations equal the straightforward definitions -----------------------------


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    """Small graphs with sectors, wijken and weights, directed or not."""
    nodes = [f"n{i}" for i in range(draw(st.integers(0, 9)))]
    pairs = [(a, b) for a in nodes for b in nodes if a != b]
    G: Graph = nx.DiGraph() if draw(st.booleans()) else nx.Graph()
    for node in nodes:
        wijken = draw(st.lists(st.sampled_from(["W1", "W2", "W3"]), max_size=3, unique=True))
        G.add_node(node, sector=draw(st.sampled_from("abc")), wijken=tuple(wijken))
    for a, b in draw(st.lists(st.sampled_from(pairs), max_size=25)) if pairs else []:
        G.add_edge(a, b, weight=draw(st.integers(1, 5)))
    return G


def _random_graph(seed: int, *, directed: bool = False, n: int = 120, m: int = 600) -> Graph:
    rng = random.Random(seed)
    G: Graph = nx.relabel_nodes(nx.gnm_random_graph(n, m, seed=seed, directed=directed), lambda i: f"n{i}")
    for node in G:
        G.nodes[node].update(
            sector=rng.choice("abcdef"), wijken=tuple(rng.sample(["W1", "W2", "W3", "W4"], 2))
        )
    for _, _, data in G.edges(data=True):
        data["weight"] = rng.randint(1, 9)
    return G


RANDOM = [_random_graph(seed, directed=directed) for seed in (1, 2, 3) for directed in (False, True)]


def _area_definition(G: Graph) -> dict[str, AreaDensity]:
    areas = sorted({code for _, wijken in G.nodes(data="wijken") for code in wijken})
    result = {}
    for area in areas:
        H = G.subgraph([node for node, wijken in G.nodes(data="wijken") if area in wijken])
        n, m = H.number_of_nodes(), H.number_of_edges()
        across = sum(1 for u, v in H.edges() if H.nodes[u]["sector"] != H.nodes[v]["sector"])
        per_organisation = (m if G.is_directed() else 2 * m) / n
        result[area] = AreaDensity(n, m, nx.density(H), per_organisation, across / m if m else None)
    return result


def _sectors(G: Graph) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for node, data in G.nodes.items():
        members.setdefault(data["sector"], set()).add(node)
    return members


def _sector_definition(G: Graph) -> dict[str, dict[str, tuple[int, int]]]:
    members = _sectors(G)
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for a in sorted(members):
        for b in sorted(members):
            ties = sum(1 for u, v in G.edges() if u in members[a] and v in members[b])
            if not G.is_directed() and a != b:
                ties += sum(1 for u, v in G.edges() if u in members[b] and v in members[a])
            n_a, n_b = len(members[a]), len(members[b])
            possible = n_a * n_b if a != b else n_a * (n_a - 1) // (1 if G.is_directed() else 2)
            table.setdefault(a, {})[b] = (ties, possible)
    return table


def _ei_definition(G: Graph, weight: str | None) -> float:
    external = internal = 0.0
    for u, v, data in G.edges(data=True):
        tie = data.get(weight, 1) if weight else 1
        if G.nodes[u]["sector"] == G.nodes[v]["sector"]:
            internal += tie
        else:
            external += tie
    return (external - internal) / (external + internal)


def _check_against_definitions(G: Graph) -> None:
    assert density(G) == nx.density(G)
    assert density_by_area(G) == pytest.approx(_area_definition(G))
    matrix = sector_matrix(G)
    definition = _sector_definition(G)
    assert {a: {b: (c.ties, c.possible) for b, c in row.items()} for a, row in matrix.items()} == definition
    assert all(0 <= c.density <= 1 for row in matrix.values() for c in row.values())
    if G.number_of_edges():
        for weight in (None, "weight"):
            partition = list(_sectors(G).values())
            expected = nx.community.modularity(G, partition, weight=weight or "none")
            assert sector_modularity(G, weight=weight) == pytest.approx(expected, abs=1e-12)
            assert ei_index(G, weight=weight) == pytest.approx(_ei_definition(G, weight), abs=1e-12)
            assert all(-1 <= e <= 1 for e in ei_by_group(G, weight=weight).values())


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_numpy_measures_equal_definitions_on_small_graphs(G: Graph) -> None:
    _check_against_definitions(G)
    assert 0 <= density(G) <= 1


@pytest.mark.parametrize("G", RANDOM, ids=lambda G: f"{'di' if G.is_directed() else ''}graph")
def test_numpy_measures_equal_definitions_on_random_graphs(G: Graph) -> None:
    _check_against_definitions(G)


@pytest.mark.parametrize("G", RANDOM, ids=lambda G: f"{'di' if G.is_directed() else ''}graph")
def test_small_graphs_use_networkx_louvain(G: Graph) -> None:
    communities = nx.community.louvain_communities(G, weight="weight", seed=4)
    result = silo_index(G, weight="weight", seed=4)
    assert result.communities == len(communities)
    assert result.community_modularity == pytest.approx(
        nx.community.modularity(G, communities, weight="weight"), abs=1e-12
    )
    assert result.ratio == pytest.approx(result.sector_modularity / result.community_modularity)


@pytest.fixture(scope="module")
def mid_size() -> Graph:
    """20 sectors of 100 with weak structure (more ties between sectors than within): 25,000 ties."""
    probabilities = [[0.1 if i == j else 0.008 for j in range(20)] for i in range(20)]
    G: Graph = nx.relabel_nodes(
        nx.stochastic_block_model([100] * 20, probabilities, seed=1), lambda i: f"n{i}"
    )
    nx.set_node_attributes(G, {node: f"s{block:02d}" for node, block in G.nodes(data="block")}, "sector")
    return G


def test_networkit_and_networkx_louvain_reach_the_same_modularity(mid_size: Graph) -> None:
    assert mid_size.number_of_edges() > _NETWORKIT_MIN_EDGES  # so silo_index runs networkit's PLM
    communities = nx.community.louvain_communities(mid_size, seed=0)
    networkx_q = nx.community.modularity(mid_size, communities)
    result = silo_index(mid_size)  # networkit PLM
    assert result.community_modularity == pytest.approx(networkx_q, abs=0.02)
    assert result.sector_modularity == pytest.approx(
        nx.community.modularity(mid_size, list(_sectors(mid_size).values())), abs=1e-12
    )


def test_everything_is_deterministic(mid_size: Graph) -> None:
    # PLM runs in parallel by default, and then gives different partitions from run to run
    assert len({silo_index(mid_size, seed=5) for _ in range(6)}) == 1
    for G in RANDOM:
        assert silo_index(G, weight="weight", seed=2) == silo_index(G, weight="weight", seed=2)
        assert sector_matrix(G) == sector_matrix(G)
        assert density_by_area(G) == density_by_area(G)
        assert ei_by_group(G) == ei_by_group(G)


# --- the demo municipality: the planted sector silos -------------------------------------------


@pytest.fixture(scope="module")
def demo_graph(demo: Ecosystem) -> Graph:
    return organisation_graph(demo)


def test_silo_sectors_keep_their_referral_volume_inside(demo_graph: Graph) -> None:
    # Weighted by ties' volume (referrals, shared agreements and staff), where the demo plants
    # its silos: silo sectors -0.54 .. -0.73, the other six -0.14 .. +0.15 (seed 7).
    by_sector = ei_by_group(demo_graph, weight="weight")
    silos = set(PLANTED["silo_sectors"])
    assert all(by_sector[s] < -0.4 for s in silos)
    assert all(by_sector[s] > -0.3 for s in set(by_sector) - silos)
    assert set(sorted(by_sector, key=by_sector.__getitem__)[: len(silos)]) == silos


def test_demo_ties_prefer_their_own_sector(demo_graph: Graph) -> None:
    # Counting ties rather than volume, every sector is cohesive (its within-sector density is
    # several times its density to any other sector), so the silo sectors stand out by volume
    # only. Against shuffled sectors (E-I about +0.8, modularity about 0), the demo is clearly
    # sector-bound: E-I -0.22, sector modularity 0.49 (0.68 weighted), 98 % of Louvain's.
    assert ei_index(demo_graph) < -0.1
    unweighted, weighted = silo_index(demo_graph), silo_index(demo_graph, weight="weight")
    assert unweighted.sector_modularity > 0.35
    assert weighted.sector_modularity > 0.5
    assert unweighted.ratio > 0.85
    assert weighted.ratio > 0.85
    shuffled = demo_graph.copy()
    sectors = [sector for _, sector in demo_graph.nodes(data="sector")]
    random.Random(1).shuffle(sectors)
    nx.set_node_attributes(shuffled, dict(zip(shuffled, sectors, strict=True)), "sector")
    assert abs(sector_modularity(shuffled, weight="weight")) < 0.05
    assert ei_index(shuffled) > 0.6
    matrix = sector_matrix(demo_graph)
    for sector in PLANTED["silo_sectors"]:
        others = max(cell.density for other, cell in matrix[sector].items() if other != sector)
        assert matrix[sector][sector].density > 5 * others


def test_density_by_area_covers_every_wijk_of_the_demo(demo: Ecosystem, demo_graph: Graph) -> None:
    areas = density_by_area(demo_graph)
    assert list(areas) == sorted(a.code for a in demo.areas if a.level is AreaLevel.WIJK)
    assert len(areas) == 7
    assert all(cell.organisations > 1 and 0 < cell.density <= 1 for cell in areas.values())
