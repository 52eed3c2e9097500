"""Bottleneck analytics against published values, R igraph, NetworkX and the demo's planted structures.

Reference networks come from ``../shared/data`` through Ketenkaart's own loaders
(``tests.graph.networks``); ``ref_nodes_r.csv`` holds values computed with R igraph 1.3.5.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from scipy.stats import spearmanr

from benchmarks.bench_analytics import synthetic_ecosystem_graph
from graph.bottlenecks import (
    NETWORKX_MAX_NODES,
    NETWORKX_MAX_NODES_LINEAR,
    Engine,
    HolesEngine,
    SoleTie,
    articulation_points,
    betweenness,
    bridges,
    core_numbers,
    node_measures,
    referral_load,
    sole_tie_professionals,
    structural_holes,
    tie_articulation_points,
)
from graph.errors import AnalysisError
from graph.model import Ecosystem
from graph.project import organisation_graph, referral_graph
from graph.taxonomy import ActorKind
from loaders.demo import PLANTED
from tests.graph.networks import ReferenceNetwork, one_mode, shared_data
from tests.graph.test_engines import random_graph
from tests.strategies import ecosystems

ENGINES: list[Engine] = ["networkx", "networkit"]


def igraph_nodes(folder: Path) -> dict[str, dict[str, str]]:
    """``ref_nodes_r.csv`` by node label."""
    with (folder / "ref_nodes_r.csv").open(encoding="utf-8", newline="") as handle:
        return {row["label"]: row for row in csv.DictReader(handle)}


def approx_r(expected: object) -> object:
    """R writes 10 significant digits."""
    return pytest.approx(expected, rel=1e-8, abs=1e-9)


def by_name(values: dict[str, float], net: ReferenceNetwork) -> dict[str, float]:
    return {net.names[org]: value for org, value in values.items()}


# ---------------------------------------------------------------------------------------
# Padgett's Florentine marriages (16 families, Pucci an isolate)
# ---------------------------------------------------------------------------------------

PUBLISHED_15 = {  # networkx test suite, 15 families without Pucci
    "Medici": 0.522,
    "Guadagni": 0.255,
    "Albizzi": 0.212,
    "Salviati": 0.143,
    "Ridolfi": 0.114,
    "Bischeri": 0.104,
    "Strozzi": 0.103,
    "Barbadori": 0.093,
    "Tornabuoni": 0.092,
    "Castellani": 0.055,
    "Peruzzi": 0.022,
    "Acciaiuoli": 0.0,
    "Ginori": 0.0,
    "Lamberteschi": 0.0,
    "Pazzi": 0.0,
}


@pytest.fixture(scope="module")
def padgett(tmp_path_factory: pytest.TempPathFactory) -> ReferenceNetwork:
    return one_mode(shared_data("padgett_florentine", "marriage"), tmp_path_factory.mktemp("padgett"))


@pytest.mark.parametrize("engine", ENGINES)
def test_padgett_betweenness_equals_igraph_normalised(padgett: ReferenceNetwork, engine: Engine) -> None:
    G = organisation_graph(padgett.ecosystem)
    assert len(G) == 16
    ref = igraph_nodes(shared_data("padgett_florentine", "marriage"))
    pairs = (16 - 1) * (16 - 2) / 2
    expected = {name: float(row["betweenness_igraph"]) / pairs for name, row in ref.items()}
    assert by_name(betweenness(G, engine=engine), padgett) == approx_r(expected)


@pytest.mark.parametrize("engine", ENGINES)
def test_padgett_betweenness_without_the_isolate_equals_the_published_values(
    padgett: ReferenceNetwork, engine: Engine
) -> None:
    G = organisation_graph(padgett.ecosystem)
    G.remove_nodes_from(list(nx.isolates(G)))
    found = by_name(betweenness(G, engine=engine), padgett)
    assert found == pytest.approx(PUBLISHED_15, abs=5e-4)
    assert found["Medici"] * 91 == pytest.approx(47.5)  # raw = normalised x (14 x 13 / 2)


def test_padgett_cut_points_and_bridges(padgett: ReferenceNetwork) -> None:
    G = organisation_graph(padgett.ecosystem)
    names = padgett.names
    assert [names[o] for o in articulation_points(G)] == ["Albizzi", "Guadagni", "Medici", "Salviati"]
    found = sorted("--".join(sorted((names[a], names[b]))) for a, b in bridges(G))
    assert found == [
        "Acciaiuoli--Medici",
        "Albizzi--Ginori",
        "Guadagni--Lamberteschi",
        "Medici--Salviati",
        "Pazzi--Salviati",
    ]


@pytest.mark.parametrize("engine", ["networkx", "scipy"])
def test_padgett_constraint_equals_igraph_and_the_isolate_is_nan(
    padgett: ReferenceNetwork, engine: HolesEngine
) -> None:
    holes = structural_holes(organisation_graph(padgett.ecosystem), engine=engine)
    ref = igraph_nodes(shared_data("padgett_florentine", "marriage"))
    for org, hole in holes.items():
        expected = ref[padgett.names[org]]["constraint_igraph"]
        if expected == "NA":  # igraph: NaN for the isolate Pucci, as NetworkX
            assert padgett.names[org] == "Pucci"
            assert math.isnan(hole.constraint)
            assert math.isnan(hole.effective_size)
        else:
            assert hole.constraint == approx_r(float(expected))


# ---------------------------------------------------------------------------------------
# Directed relations: Krackhardt's managers, Lazega's lawyers
# ---------------------------------------------------------------------------------------

DIRECTED = [("krackhardt_hightech", "advice"), ("lazega_lawfirm", "cowork"), ("lazega_lawfirm", "advice")]


@pytest.fixture(scope="module", params=DIRECTED, ids=["/".join(d) for d in DIRECTED])
def directed_net(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ReferenceNetwork, dict[str, dict[str, str]]]:
    folder = shared_data(*request.param)
    net = one_mode(folder, tmp_path_factory.mktemp("_".join(request.param)), key="id", directed=True)
    return net, igraph_nodes(folder)


@pytest.mark.parametrize("engine", ENGINES)
def test_directed_betweenness_equals_igraph(
    directed_net: tuple[ReferenceNetwork, dict[str, dict[str, str]]], engine: Engine
) -> None:
    net, ref = directed_net
    found = by_name(betweenness(referral_graph(net.ecosystem), normalized=False, engine=engine), net)
    assert found == approx_r({n: float(r["betweenness_igraph"]) for n, r in ref.items()})


@pytest.mark.parametrize("engine", ENGINES)
def test_undirected_betweenness_equals_igraph(
    directed_net: tuple[ReferenceNetwork, dict[str, dict[str, str]]], engine: Engine
) -> None:
    net, ref = directed_net
    found = by_name(betweenness(organisation_graph(net.ecosystem), normalized=False, engine=engine), net)
    expected = {n: float(r["betweenness_igraph_undirected"]) for n, r in ref.items()}
    assert found == approx_r(expected)


def test_constraint_equals_igraph_on_the_directed_graph_and_the_weighted_projection(
    directed_net: tuple[ReferenceNetwork, dict[str, dict[str, str]]],
) -> None:
    # igraph and NetworkX tie i and j by a_ij + a_ji: a reciprocated tie weighs 2, as the
    # projection's referral count does
    net, ref = directed_net
    expected = {n: float(r["constraint_igraph"]) for n, r in ref.items()}
    for graph, weight in (
        (referral_graph(net.ecosystem), None),
        (organisation_graph(net.ecosystem), "weight"),
    ):
        holes = structural_holes(graph, weight=weight)
        assert by_name({o: h.constraint for o, h in holes.items()}, net) == approx_r(expected)


def test_cut_points_equal_igraph(directed_net: tuple[ReferenceNetwork, dict[str, dict[str, str]]]) -> None:
    net, ref = directed_net
    expected = sorted(n for n, r in ref.items() if r["articulation_point"] == "TRUE")
    assert sorted(net.names[o] for o in articulation_points(referral_graph(net.ecosystem))) == expected


def test_reports_to_tree_has_five_cut_points_and_every_tie_a_bridge(tmp_path: Path) -> None:
    folder = shared_data("krackhardt_hightech", "reports")
    net = one_mode(folder, tmp_path, key="id", directed=True)
    D = referral_graph(net.ecosystem)
    assert sorted(net.names[o] for o in articulation_points(D)) == ["1", "13", "17", "20", "6"]
    assert len(bridges(D)) == D.number_of_edges() == 20


# ---------------------------------------------------------------------------------------
# Borgatti (1997): the structural-holes example
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def borgatti(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReferenceNetwork, nx.Graph[str]]:
    folder = shared_data("borgatti1997_holes_example")
    net = one_mode(folder, tmp_path_factory.mktemp("borgatti"), key="source", weight="weight")
    return net, organisation_graph(net.ecosystem)


def test_borgatti_weights_arrive_as_referral_counts(borgatti: tuple[ReferenceNetwork, nx.Graph[str]]) -> None:
    net, G = borgatti
    with (shared_data("borgatti1997_holes_example") / "edges.csv").open(encoding="utf-8") as handle:
        expected = {frozenset((r["source"], r["target"])): int(r["weight"]) for r in csv.DictReader(handle)}
    found = {frozenset((net.names[a], net.names[b])): tie["weight"] for a, b, tie in G.edges(data=True)}
    assert found == expected


@pytest.mark.parametrize("engine", ["networkx", "scipy"])
@pytest.mark.parametrize(
    ("weight", "published"),
    [
        (None, {"G": (0.400, 4.67), "A": (0.595, 2.50), "C": (1.000, 1.0)}),
        ("weight", {"G": (0.299, 5.47), "A": (0.795, 2.47), "C": (1.000, 1.0)}),
    ],
    ids=["unweighted", "weighted"],
)
def test_borgatti_published_constraint_and_effective_size(
    borgatti: tuple[ReferenceNetwork, nx.Graph[str]],
    engine: HolesEngine,
    weight: str | None,
    published: dict[str, tuple[float, float]],
) -> None:
    net, G = borgatti
    holes = structural_holes(G, weight=weight, nodes=[net.ids[n] for n in published], engine=engine)
    for name, (constraint, size) in published.items():
        assert holes[net.ids[name]].constraint == pytest.approx(constraint, abs=5e-4)
        assert holes[net.ids[name]].effective_size == pytest.approx(size, abs=5e-3)


@pytest.mark.parametrize(
    ("weights", "constraint", "size"),
    [
        (None, (1.003, 1.003, 1.389), (1.167, 1.167, 1.0)),
        ({(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}, (0.840, 1.143, 1.378), (1.567, 1.083, 1.0)),
    ],
    ids=["unweighted", "weighted"],
)
def test_directed_structural_holes_of_networkx_example(
    weights: dict[tuple[int, int], int] | None, constraint: tuple[float, ...], size: tuple[float, ...]
) -> None:
    D: nx.DiGraph[str] = nx.DiGraph([("0", "1"), ("0", "2"), ("1", "0"), ("2", "1")])
    if weights:
        nx.set_edge_attributes(D, {(str(a), str(b)): w for (a, b), w in weights.items()}, "weight")
    holes = structural_holes(D, weight="weight" if weights else None)
    assert [h.constraint for h in holes.values()] == pytest.approx(constraint, abs=5e-4)
    assert [h.effective_size for h in holes.values()] == pytest.approx(size, abs=5e-4)


# ---------------------------------------------------------------------------------------
# Engines through the public API, sampling, and errors
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [NETWORKX_MAX_NODES - 10, 3 * NETWORKX_MAX_NODES])
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_auto_engine_equals_both_engines(n: int, weight: str | None, directed: bool) -> None:
    G = random_graph(n, 3 * n, seed=n, directed=directed)
    auto = betweenness(G, weight=weight)
    for engine in ENGINES:
        assert betweenness(G, weight=weight, engine=engine) == pytest.approx(auto, abs=1e-9)


@pytest.mark.parametrize("n", [NETWORKX_MAX_NODES_LINEAR - 10, 300], ids=["networkx", "networkit"])
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_cuts_equal_networkx_on_random_graphs(n: int, directed: bool) -> None:
    """Both engines (NetworkX up to ``NETWORKX_MAX_NODES_LINEAR`` nodes, networkit above) give
    NetworkX's own cut points, bridges and core numbers."""
    for seed in (1, 2, 3):
        G = random_graph(n, n + n // 10, seed, directed=directed)
        U = G.to_undirected()
        assert articulation_points(G) == sorted(nx.articulation_points(U))
        assert bridges(G) == sorted(tuple(sorted(edge)) for edge in nx.bridges(U))
        assert core_numbers(G) == nx.core_number(U)


@pytest.mark.parametrize("n", [NETWORKX_MAX_NODES_LINEAR - 10, 300], ids=["networkx", "networkit"])
def test_cut_points_of_tie_arrays_equal_networkx(n: int) -> None:
    """``tie_articulation_points``: the cut points of ties held as arrays, numbered as their nodes
    (isolated numbers included), are NetworkX's cut points of the graph of those ties."""
    for seed in (1, 2, 3):
        G = random_graph(n, n + n // 10, seed)
        nodes = sorted(G)
        index = {node: i for i, node in enumerate(nodes)}
        lo, hi = (np.array([index[edge[k]] for edge in G.edges], dtype=np.int64) for k in (0, 1))
        cut_points = tie_articulation_points(len(nodes) + 5, lo, hi)  # 5 numbers without ties
        assert [nodes[i] for i in cut_points] == sorted(nx.articulation_points(G))
        assert cut_points


def test_removing_a_cut_point_or_a_bridge_adds_a_component() -> None:
    G = random_graph(200, 230, seed=7)
    components = nx.number_connected_components(G)
    for node in articulation_points(G)[:10]:
        assert nx.number_connected_components(nx.restricted_view(G, [node], [])) > components
    for edge in bridges(G)[:10]:
        assert nx.number_connected_components(nx.restricted_view(G, [], [edge])) == components + 1


def test_sampled_betweenness_ranks_like_exact_on_a_skewed_ecosystem() -> None:
    G = synthetic_ecosystem_graph(2000, 20_000, seed=3)
    exact = betweenness(G)
    sampled = betweenness(G, k=200, seed=1)
    nodes = list(G)
    rho = spearmanr([exact[v] for v in nodes], [sampled[v] for v in nodes]).statistic
    assert rho >= 0.95
    top = sorted(nodes, key=exact.__getitem__, reverse=True)[:10]
    assert top[0] == max(sampled, key=sampled.__getitem__)
    assert sampled == betweenness(G, k=200, seed=1)  # same seed, same sample


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("normalized", [True, False], ids=["normalized", "raw"])
def test_sampled_betweenness_is_on_the_exact_scale(directed: bool, normalized: bool) -> None:
    G = random_graph(500, 2500, seed=11, directed=directed)
    exact = sum(betweenness(G, normalized=normalized).values())
    sampled = sum(betweenness(G, k=150, normalized=normalized, seed=4).values())
    assert sampled == pytest.approx(exact, rel=0.05)


def test_sampling_all_nodes_is_exact_and_k_must_be_positive() -> None:
    G = random_graph(80, 240, seed=8)
    assert betweenness(G, k=len(G)) == pytest.approx(betweenness(G), abs=1e-12)
    small = random_graph(20, 40, seed=9)
    sampled = betweenness(small, k=5, seed=2)  # NetworkX's pivot sample on small graphs
    assert sampled == nx.betweenness_centrality(small, k=5, seed=2)
    with pytest.raises(ValueError, match="at least 1"):
        betweenness(G, k=0)


def test_bad_input_is_refused() -> None:
    multi: nx.MultiGraph[str] = nx.MultiGraph([("a", "b"), ("a", "b")])
    for analytic in (betweenness, articulation_points, bridges, structural_holes, node_measures):
        with pytest.raises(AnalysisError, match="multigraph"):
            analytic(multi)
    G = nx.Graph([("a", "b", {"weight": 0})])
    with pytest.raises(AnalysisError, match="positive number"):
        betweenness(G, weight="weight")
    with pytest.raises(AnalysisError, match="not in the graph: z"):
        structural_holes(G, nodes=["z"])


def test_empty_graph_gives_empty_results() -> None:
    G: nx.Graph[str] = nx.Graph()
    assert (betweenness(G), articulation_points(G), bridges(G), structural_holes(G), node_measures(G)) == (
        {},
        [],
        [],
        {},
        [],
    )
    engines: list[HolesEngine] = ["networkx", "scipy"]
    for engine in engines:
        alone = structural_holes(nx.Graph([("a", "a"), ("b", "c")]), engine=engine)["a"]
        assert math.isnan(alone.constraint)
        assert math.isnan(alone.effective_size)


# ---------------------------------------------------------------------------------------
# The demo municipality: the planted bottlenecks are found
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_graph(demo: Ecosystem) -> nx.Graph[str]:
    return organisation_graph(demo)


def test_demo_broker_has_the_top_betweenness(demo_graph: nx.Graph[str]) -> None:
    for weight in (None, "weight"):
        scores = betweenness(demo_graph, weight=weight)
        first, second = sorted(scores.values(), reverse=True)[:2]
        assert max(scores, key=scores.__getitem__) == PLANTED["broker"]
        assert first >= 2 * second


def test_demo_articulation_point_and_bridge_are_found(demo_graph: nx.Graph[str]) -> None:
    point, partner = PLANTED["bridge"]
    assert point == PLANTED["articulation_point"]
    assert point in articulation_points(demo_graph)
    assert tuple(sorted((point, partner))) in bridges(demo_graph)


def test_demo_sole_tie_professional_is_reported(demo: Ecosystem) -> None:
    professional, a, b = PLANTED["sole_tie_professional"]
    assert sole_tie_professionals(demo) == [SoleTie(professional, (min(a, b), max(a, b)))]


def test_demo_broker_is_the_only_organisation_above_capacity(demo: Ecosystem) -> None:
    loads = referral_load(demo)
    assert loads[0].organisation == PLANTED["broker"]
    assert loads[0].months == 12
    assert loads[0].load is not None
    assert 2 <= loads[0].load <= 3
    assert [x.organisation for x in loads if x.load is not None and x.load > 1] == [PLANTED["broker"]]
    assert len(loads) == len(demo.organisations)


def test_demo_node_measures(demo_graph: nx.Graph[str]) -> None:
    rows = node_measures(demo_graph, weight="weight")
    assert [r.id for r in rows] == sorted(demo_graph)
    by_id = {r.id: r for r in rows}
    assert by_id[PLANTED["articulation_point"]].articulation_point
    assert by_id[PLANTED["broker"]].betweenness == max(r.betweenness for r in rows)
    assert set(by_id[PLANTED["broker"]].as_dict()) == {
        "id",
        "betweenness",
        "constraint",
        "effective_size",
        "articulation_point",
        "weighted_betweenness",
    }
    assert "weighted_betweenness" not in node_measures(demo_graph)[0].as_dict()


# ---------------------------------------------------------------------------------------
# Invariants on any valid ecosystem
# ---------------------------------------------------------------------------------------


def _tied_by_flows_or_agreements(eco: Ecosystem) -> Iterator[frozenset[str]]:
    employers = {p.id: [job.organisation_id for job in p.employments] for p in eco.professionals}
    for flow in (f for f in eco.flows if f.count > 0):  # a flow of 0 referrals is no tie
        by_organisation = flow.source_kind is ActorKind.ORGANISATION
        sources = [flow.source_id] if by_organisation else employers[flow.source_id]
        yield from (frozenset((source, flow.target_id)) for source in sources)
    for agreement in eco.agreements:
        yield from (frozenset(pair) for pair in combinations(agreement.parties, 2))


@settings(max_examples=60, deadline=None)
@given(ecosystems())
def test_referral_load_invariants(eco: Ecosystem) -> None:
    loads = referral_load(eco)
    assert sorted(x.organisation for x in loads) == [o.id for o in eco.organisations]
    total = sum(f.count for f in eco.flows if f.target_id in {o.id for o in eco.organisations})
    assert sum(x.inflow_per_month * x.months for x in loads) == pytest.approx(total)
    keys = [(x.load is None, -(x.load or 0.0)) for x in loads]
    assert keys == sorted(keys)
    for x in loads:
        assert (x.load is None) == (not x.capacity)
        assert x.partners <= len(eco.organisations) - 1


@settings(max_examples=60, deadline=None)
@given(ecosystems())
def test_sole_ties_rest_on_one_professional_only(eco: Ecosystem) -> None:
    graph = organisation_graph(eco)
    for tie in sole_tie_professionals(eco):
        a, b = tie.organisations
        pro = next(p for p in eco.professionals if p.id == tie.professional)
        assert {a, b} <= {job.organisation_id for job in pro.employments}
        assert graph.edges[a, b]["weight"] == 1
        assert frozenset((a, b)) not in set(_tied_by_flows_or_agreements(eco))
