"""Bottlenecks: who holds the ecosystem together, and where it would come apart.

Brokers (``betweenness``), cut points and cut ties (``articulation_points``,
``bridges``), Burt's ``structural_holes``, ties that hang on one person
(``sole_tie_professionals``), inflow against capacity (``referral_load``) and the
per-organisation table of ``ketenkaart analyse --json`` (``node_measures``).

Values follow NetworkX's definitions and normalisation. Large graphs go to networkit or
to SciPy sparse products (``graph.engines``); tests hold both equal to NetworkX.

>>> import networkx as nx
>>> G = nx.Graph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("c", "d")])
>>> round(betweenness(G)["hub"], 4), articulation_points(G), bridges(G)[-1]
(0.8333, ['c', 'hub'], ('c', 'hub'))
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any, Literal, TypeVar, cast

import networkx as nx

from graph.arrays import IntArray, shared_view
from graph.engines import (
    biconnected_components,
    networkit_betweenness,
    sparse_structural_holes,
    tie_biconnected_components,
    tie_lengths,
)
from graph.engines import core_numbers as networkit_core_numbers
from graph.errors import AnalysisError
from graph.model import Ecosystem, Organisation
from graph.periods import Period, PeriodRange
from graph.preconditions import not_multigraph
from graph.project import organisation_flows, organisation_graph

__all__ = [
    "NETWORKX_MAX_NODES",
    "NETWORKX_MAX_NODES_LINEAR",
    "Engine",
    "Holes",
    "HolesEngine",
    "Load",
    "NodeMeasures",
    "SoleTie",
    "articulation_points",
    "betweenness",
    "bridges",
    "core_numbers",
    "kern",
    "node_measures",
    "referral_load",
    "sole_tie_professionals",
    "structural_holes",
    "tie_articulation_points",
]

NETWORKX_MAX_NODES = 50
"""``engine="auto"`` runs betweenness in NetworkX up to this many nodes, networkit above.

Measured on the 2-core machine: networkit is 5-10x faster from 10 nodes on, but its
OpenMP start-up costs 10-30 ms now and then, more than NetworkX needs for 50 nodes."""

NETWORKX_MAX_NODES_LINEAR = NETWORKX_MAX_NODES
"""``articulation_points``, ``bridges`` and ``core_numbers`` (one O(n + m) search each) run in
NetworkX up to this many nodes, networkit above: the graphs that need networkit for
betweenness anyway.

Measured on the 2-core machine inside one analysis (networkit's graph already built for
betweenness) at 300 organisations / 3k ties: NetworkX 4 ms for the biconnected components and
3 ms for the core numbers, networkit 1.5 ms (with its conversion) and 0.1 ms; at 2k / 20k
NetworkX takes 29-34 ms for each, networkit 1-5 ms. The core decomposition runs on one
thread (``graph.engines.one_thread``): in parallel it waited 15-190 ms for its second thread
while the machine was busy. A graph of 50 nodes or fewer needs no networkit at all."""

Engine = Literal["auto", "networkx", "networkit"]
HolesEngine = Literal["auto", "networkx", "scipy"]
T = TypeVar("T", str, int)  # node ids, node numbers


def _distance(G: nx.Graph[str], weight: str) -> Callable[[str, str, dict[str, Any]], float]:
    """NetworkX's length of a tie: ``1 / weight`` (a heavier tie is a shorter route)."""
    tie_lengths(G, weight)  # only to check the weights
    return lambda _u, _v, data: 1.0 / data.get(weight, 1)


@not_multigraph
def betweenness(
    G: nx.Graph[str],
    *,
    weight: str | None = None,
    normalized: bool = True,
    k: int | None = None,
    seed: int = 0,
    engine: Engine = "auto",
    error: float | None = None,
) -> dict[str, float]:
    r"""Shortest-path betweenness of every node, as ``nx.betweenness_centrality``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The graph; a ``DiGraph`` counts directed routes only.
    weight : str, optional
        Edge attribute holding a tie's strength. A tie's *length* is ``1 / weight``, so
        a route over heavy ties is short. ``None`` counts hops.
    normalized : bool
        Divide by ``(n - 1)(n - 2)`` as NetworkX does; else raw sums over pairs
        (unordered pairs in an undirected graph).
    k : int, optional
        Approximate from ``k`` pivot sources instead of all ``n`` (exact when
        ``k >= n``): networkit's estimator above ``NETWORKX_MAX_NODES`` nodes, NetworkX's
        uniform pivot sample below.
    seed : int
        Seed of the pivot sample: same graph (and node order), same seed, same result;
        with networkit also for 1, 2 or 4 threads (measured).
    engine : {"auto", "networkx", "networkit"}
        ``"auto"``: NetworkX up to ``NETWORKX_MAX_NODES`` nodes, networkit above.
    error : float, optional
        Estimate with a guarantee instead (KADABRA [5]_, networkit, whatever ``engine``):
        every node's normalised betweenness within ``error`` of the exact value with
        probability at least 0.9, from as many sampled shortest paths as that takes.
        Hops only, undirected only; ``k`` is then ignored.

    Returns
    -------
    dict[str, float]
        Betweenness per node, in the order of ``G``; the exact values of both engines
        agree to 1e-9. A sampled estimate is clipped to what betweenness can be (0 to 1
        normalised), since scaling the pivots' contributions up can overshoot.

    Raises
    ------
    AnalysisError
        If ``G`` is a multigraph or a weight is not a positive number.
    ValueError
        If ``k < 1``.

    Notes
    -----
    :math:`b(v) = \sum_{s \ne v \ne t} \sigma_{st}(v) / \sigma_{st}` [1]_, accumulated as
    Brandes [2]_ does. networkit sums over ordered pairs also in undirected graphs, so its
    raw values are halved. Its estimate [4]_ weighs each pivot's contributions by distance
    to reduce the bias of plain pivot sampling [3]_. Rank agreement with exact values on
    synthetic ecosystems (``benchmarks/bench_analytics.py``): Spearman 0.97 with k = 200 at
    2k organisations (0.959-0.968 over 8 seeds); 0.93 (k = 200) and 0.97 (k = 1000) at
    10k organisations / 200k ties.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> betweenness(G)
    {'a': 0.0, 'b': 0.6666666666666666, 'c': 0.6666666666666666, 'd': 0.0}
    >>> betweenness(G, normalized=False, engine="networkit")
    {'a': 0.0, 'b': 2.0, 'c': 2.0, 'd': 0.0}
    >>> G.add_edge("a", "d", weight=3)  # a strong tie: the short way round
    >>> betweenness(G, weight="weight", normalized=False)
    {'a': 1.0, 'b': 0.0, 'c': 0.0, 'd': 1.0}

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35-41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25(2), 163-177.
    .. [3] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.
    .. [4] Geisberger, R., Sanders, P., & Schultes, D. (2008). Better approximation of
       betweenness centrality. *Proc. ALENEX 2008*, 90-100.
    .. [5] Borassi, M., & Natale, E. (2019). KADABRA is an ADaptive Algorithm for
       Betweenness via Random Approximation. *ACM Journal of Experimental Algorithmics* 24,
       1.2:1-1.2:35.
    """
    if error is not None:
        if not 0 < error < 1:
            raise ValueError(f"error must lie between 0 and 1, not {error}")
        values = networkit_betweenness(G, weight=weight, normalized=normalized, seed=seed, error=error)
        return _clipped(values, G, normalized)
    if k is not None and k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    sample = None if k is None or k >= len(G) else k
    if engine == "networkit" or (engine == "auto" and len(G) > NETWORKX_MAX_NODES):
        values = networkit_betweenness(G, weight=weight, normalized=normalized, k=sample, seed=seed)
    else:
        distance: Any = None if weight is None else _distance(G, weight)
        values = nx.betweenness_centrality(G, k=sample, normalized=normalized, weight=distance, seed=seed)
    return values if sample is None else _clipped(values, G, normalized)


def _clipped(values: dict[str, float], G: nx.Graph[str], normalized: bool) -> dict[str, float]:
    """A sampled estimate kept within what betweenness can be: [0, 1] normalised, else [0, pairs].

    Scaling ``k`` pivots up to ``n`` sources can overshoot: a star of 3,200 leaves gave its
    hub 1.0053 from 200 pivots and 1.0013 from 1,000 (networkit, seed 0).
    """
    n = len(G)
    pairs = (n - 1) * (n - 2) / (1 if G.is_directed() else 2)
    top = 1.0 if normalized else float(pairs)
    return {node: min(max(value, 0.0), top) for node, value in values.items()}


def _simple_undirected(G: nx.Graph[str]) -> nx.Graph[str]:
    """``G`` read as undirected without self-loops (a view, no copy)."""
    simple = G.to_undirected(as_view=True) if G.is_directed() else G
    loops = list(nx.selfloop_edges(simple))
    return nx.restricted_view(simple, [], loops) if loops else simple


def _biconnected(G: nx.Graph[str]) -> list[list[str]]:
    """The biconnected components of ``G`` read as undirected (isolates left out).

    NetworkX up to :data:`NETWORKX_MAX_NODES_LINEAR` nodes, networkit above; built once per
    graph inside ``graph.arrays.shared_views``.
    """
    if len(G) > NETWORKX_MAX_NODES_LINEAR:
        return biconnected_components(G)
    return shared_view("biconnected_networkx", G, None, lambda: _networkx_biconnected(G))


def _networkx_biconnected(G: nx.Graph[str]) -> list[list[str]]:
    # types-networkx says a list of sets per component; NetworkX yields one set of nodes
    components = cast("Iterator[set[str]]", nx.biconnected_components(_simple_undirected(G)))
    return [list(component) for component in components]


@not_multigraph
def articulation_points(G: nx.Graph[str]) -> list[str]:
    """Nodes whose removal splits their component (cut vertices), sorted.

    ``G`` may be directed: a tie either way is a tie. The result equals
    ``sorted(nx.articulation_points(G.to_undirected()))``. A cut vertex is a node in two
    or more biconnected components, found with Hopcroft and Tarjan's depth-first search
    [1]_ in O(n + m): by NetworkX up to :data:`NETWORKX_MAX_NODES_LINEAR` nodes, above by
    networkit, 20-30x faster. Raises ``AnalysisError`` for a multigraph.

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    ['c']

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. *Communications of the ACM* 16(6), 372-378.
    """
    return _in_two_or_more(_biconnected(G))


def tie_articulation_points(count: int, lo: IntArray, hi: IntArray) -> list[int]:
    """:func:`articulation_points` of the graph of ties ``lo[j] - hi[j]`` between nodes ``0 .. count - 1``.

    For ties held as arrays (``graph.project.organisation_ties``): above
    :data:`NETWORKX_MAX_NODES_LINEAR` nodes networkit runs on the arrays
    (``graph.engines.tie_biconnected_components``), no NetworkX graph is built.

    Examples
    --------
    >>> import numpy as np
    >>> tie_articulation_points(4, np.array([0, 1, 0, 2]), np.array([1, 2, 2, 3]))
    [2]
    """
    if count > NETWORKX_MAX_NODES_LINEAR:
        return _in_two_or_more(tie_biconnected_components(count, lo, hi))
    return cast("list[int]", articulation_points(nx.Graph(zip(lo.tolist(), hi.tolist(), strict=True))))


def _in_two_or_more(components: Iterable[list[T]]) -> list[T]:
    """The nodes in two or more biconnected components (the cut vertices), sorted."""
    memberships = Counter(node for component in components for node in component)
    return sorted(node for node, count in memberships.items() if count > 1)


@not_multigraph
def bridges(G: nx.Graph[str]) -> list[tuple[str, str]]:
    """Ties whose removal splits their component (cut edges), as sorted ``(a, b)`` with ``a < b``.

    ``G`` may be directed: a tie either way is a tie. The set equals
    ``nx.bridges(G.to_undirected())``. In a simple graph a tie is a bridge exactly when it
    is a biconnected component of its own [1]_; found like ``articulation_points`` in
    O(n + m), where NetworkX's ``bridges`` takes 8 s at 1M edges (measured on the 2-core
    development machine; ``benchmarks/bench_analytics.py --sizes country`` repeats it).
    Raises ``AnalysisError`` for a multigraph.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "d")]))
    [('c', 'd'), ('d', 'e')]

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. *Communications of the ACM* 16(6), 372-378.
    """
    pairs = (sorted(component) for component in _biconnected(G) if len(component) == 2)
    return sorted((a, b) for a, b in pairs)


@not_multigraph
def core_numbers(G: nx.Graph[str], *, engine: Engine = "auto") -> dict[str, int]:
    """Each node's core number: the largest ``k`` such that it lies in a ``k``-core.

    A ``k``-core is the largest subgraph in which every node has at least ``k`` ties
    inside it [1]_. ``G`` may be directed (a tie either way is a tie); self-loops are
    ignored. ``engine``: ``"auto"`` = networkit above ``NETWORKX_MAX_NODES_LINEAR`` nodes (an
    O(m) peeling [2]_, 50-140x faster than NetworkX at 20k-1M ties), ``"networkx"`` =
    ``nx.core_number``, the reference. Raises ``AnalysisError`` for a multigraph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> core_numbers(G)
    {'a': 2, 'b': 2, 'c': 2, 'd': 1}
    >>> core_numbers(G, engine="networkit") == core_numbers(G, engine="networkx")
    True

    References
    ----------
    .. [1] Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*
       5(3), 269-287.
    .. [2] Batagelj, V., & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of
       networks. arXiv:cs/0310049.
    """
    if engine == "networkit" or (engine == "auto" and len(G) > NETWORKX_MAX_NODES_LINEAR):
        found = networkit_core_numbers(G)
        return {node: found[node] for node in G}
    numbers: dict[str, int] = nx.core_number(_simple_undirected(G))
    return {node: numbers[node] for node in G}


def kern(G: nx.Graph[str]) -> dict[str, Any]:
    """The kern of the network: its innermost core, ``{"k": k, "organisations": [...]}``.

    ``k`` is the largest core number (:func:`core_numbers`), ``organisations`` the nodes
    with that core number, sorted: the densest group in which everyone has at least ``k``
    ties to the others. Without ties: ``k`` 0 and no organisations.

    Examples
    --------
    >>> import networkx as nx
    >>> kern(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    {'k': 2, 'organisations': ['a', 'b', 'c']}
    """
    numbers = core_numbers(G)
    k = max(numbers.values(), default=0)
    return {"k": k, "organisations": sorted(v for v, c in numbers.items() if c == k) if k else []}


@dataclass(frozen=True, slots=True)
class Holes:
    """Burt's measures of one node; both ``nan`` for an isolate (no contacts, undefined)."""

    constraint: float
    effective_size: float


def _networkx_holes(G: nx.Graph[str], weight: str | None) -> tuple[dict[str, float], dict[str, float]]:
    """NetworkX's tested code paths: the reference, slow for weighted or directed graphs."""
    loops = list(nx.selfloop_edges(G))
    simple = nx.restricted_view(G, [], loops) if loops else G
    if weight is None and not G.is_directed():  # its all-node effective size is right here only
        size = nx.effective_size(simple)
    else:
        size = nx.effective_size(simple, nodes=list(G), weight=weight)
    return nx.constraint(simple, weight=weight), size


@not_multigraph
def structural_holes(
    G: nx.Graph[str],
    *,
    weight: str | None = None,
    nodes: Collection[str] | None = None,
    engine: HolesEngine = "auto",
) -> dict[str, Holes]:
    r"""Burt's constraint and effective size per node, as ``nx.constraint`` / ``nx.effective_size``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The graph. In a ``DiGraph`` the *mutual weight* ``a_ij + a_ji`` ties two nodes.
    weight : str, optional
        Edge attribute holding a tie's strength (as is, not inverted); ``None``: all 1.
    nodes : collection of str, optional
        Only these nodes (default every node); all are computed either way.
    engine : {"auto", "networkx", "scipy"}
        ``"auto"`` = ``"scipy"``: sparse products. ``"networkx"``: NetworkX itself, the
        reference (slow for weighted or directed graphs, see Notes).

    Returns
    -------
    dict[str, Holes]
        Per node, in the order of ``G`` (or ``nodes``). Isolates get ``nan`` for both
        measures, as in NetworkX and igraph.

    Raises
    ------
    AnalysisError
        If ``G`` is a multigraph or a node in ``nodes`` is not in ``G``.

    Notes
    -----
    With :math:`p_{ij}` the share of *i*'s tie strength that goes to *j*, and
    :math:`m_{jq}` *j*'s tie to *q* over *j*'s strongest tie [1]_ [2]_:

    .. math:: c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q} p_{iq} p_{qj}\Big)^2, \qquad
              e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q} p_{iq} m_{jq}\Big).

    SciPy computes both as sparse products masked to the ties, in row chunks of bounded
    memory; it was faster than NetworkX at every size measured (30 to 10k nodes), where
    NetworkX's all-node effective size needs a dense n x n matrix. NetworkX 3.6's
    all-node ``effective_size`` divides :math:`m_{jq}` by the wrong node's strongest tie,
    which is wrong for weighted or directed graphs (networkx PR #8906; Borgatti's weighted
    G: 5.52 instead of 5.47). ``engine="networkx"`` uses its per-node code there, which is
    correct but O(sum of degree^3) in Python (24 s at 300 nodes / 3k ties). Self-loops
    are ignored.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("ego", "a"), ("ego", "b"), ("ego", "c"), ("a", "b")])
    >>> G.add_node("alone")
    >>> holes = structural_holes(G)
    >>> round(holes["ego"].constraint, 4), round(holes["ego"].effective_size, 4)
    (0.6111, 2.3333)
    >>> holes["alone"]
    Holes(constraint=nan, effective_size=nan)
    >>> structural_holes(G, nodes=["c"], engine="networkx")
    {'c': Holes(constraint=1.0, effective_size=1.0)}

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Cambridge, MA: Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
       measures. *Connections* 20(1), 35-38.
    """
    chosen = list(G) if nodes is None else list(nodes)
    if missing := [node for node in chosen if node not in G]:
        raise AnalysisError(f"not in the graph: {', '.join(map(str, missing[:5]))}")
    if len(G) == 0:
        return {}
    if engine == "networkx":
        constraint, size = _networkx_holes(G, weight)
    else:
        constraint, size = (
            dict(zip(G, v.tolist(), strict=True)) for v in sparse_structural_holes(G, weight=weight)
        )
    return {node: Holes(float(constraint[node]), float(size[node])) for node in chosen}


@dataclass(frozen=True, slots=True)
class SoleTie:
    """A tie between two organisations that is one shared professional and nothing else."""

    professional: str
    organisations: tuple[str, str]


def sole_tie_professionals(
    eco: Ecosystem, *, periods: PeriodRange = PeriodRange(), graph: nx.Graph[str] | None = None
) -> list[SoleTie]:
    """Professionals whose departure cuts the only tie between two organisations.

    The organisation graph only counts shared professionals per pair, so this takes the
    ecosystem: it builds ``organisation_graph(eco, periods=periods)`` with all layers and
    reports each pair whose tie is exactly one shared professional (no agreement active
    in ``periods``, no referral either way in ``periods``), with that professional. Pass
    ``graph`` when you already have that all-layer graph for ``periods``, to skip building it.

    Returns
    -------
    list[SoleTie]
        Sorted by the pair of organisation ids (each pair sorted).

    Examples
    --------
    >>> from graph.model import Ecosystem, Employment, Organisation, Professional
    >>> from graph.taxonomy import Sector
    >>> orgs = (Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Beta", Sector.JEUGD))
    >>> logopedist = Professional("P1", "Logo", employments=(Employment("A", 0.5), Employment("B", 0.3)))
    >>> sole_tie_professionals(Ecosystem(organisations=orgs, professionals=(logopedist,)))
    [SoleTie(professional='P1', organisations=('A', 'B'))]

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360-1380.
    """
    if graph is None:
        graph = organisation_graph(eco, periods=periods)
    ties = dict(graph.adjacency())  # organisation -> {partner: tie attributes}
    found: list[SoleTie] = []
    for pro in eco.professionals:
        if len(pro.employments) > 1:
            for a, b in combinations(sorted({job.organisation_id for job in pro.employments}), 2):
                if a in ties and _one_professional_only(ties[a].get(b)):
                    found.append(SoleTie(pro.id, (a, b)))
    return sorted(found, key=lambda tie: (tie.organisations, tie.professional))


def _one_professional_only(tie: Mapping[str, int] | None) -> bool:
    """Whether a tie (``None``: none) is one shared professional, without agreement or referral."""
    return tie is not None and (tie["agreements"], tie["professionals"], tie["referrals"]) == (0, 1, 0)


@dataclass(frozen=True, slots=True)
class Load:
    """Referral inflow of one organisation against its capacity (referrals a month).

    ``load`` is ``inflow_per_month / capacity`` (above 1: overloaded), ``None`` without a
    capacity (or with capacity 0); ``partners`` counts the organisations that referred to
    it; ``inflow_per_partner`` is ``inflow_per_month / partners`` (0 without partners).
    """

    organisation: str
    months: int
    inflow_per_month: float
    capacity: int | None
    load: float | None
    partners: int
    inflow_per_partner: float


def _load(org: Organisation, months: int, inflow: int, partners: int) -> Load:
    per_month = inflow / months if months else 0.0
    load = per_month / org.capacity if org.capacity else None
    per_partner = per_month / partners if partners else 0.0
    return Load(org.id, months, per_month, org.capacity, load, partners, per_partner)


def referral_load(eco: Ecosystem, *, periods: PeriodRange = PeriodRange()) -> list[Load]:
    """Monthly referral inflow of every organisation against its capacity, highest load first.

    Only flows in ``periods`` count. ``months`` is the number of calendar months that any
    of those flows covers (a quarter covers three), the same for every organisation.
    Inflow counts each referral to the organisation once, also those from its own
    professionals: each takes capacity. Partners are the referring organisations of
    ``graph.project.organisation_flows`` (a professional refers for each employer; an
    organisation is not its own partner).

    Returns
    -------
    list[Load]
        One per organisation, by ``load`` descending, then id; ``None`` loads last.

    Examples
    --------
    >>> from graph.model import Ecosystem, Organisation, ReferralFlow
    >>> from graph.periods import Period
    >>> from graph.taxonomy import ActorKind, Sector
    >>> orgs = (Organisation("A", "Alfa", Sector.ZORG), Organisation("B", "Bo", Sector.JEUGD, capacity=10))
    >>> months = [Period.parse("2025-01"), Period.parse("2025-02")]
    >>> flows = tuple(ReferralFlow(ActorKind.ORGANISATION, "A", "B", m, "", 15) for m in months)
    >>> top = referral_load(Ecosystem(organisations=orgs, flows=flows))[0]
    >>> top.organisation, top.months, top.inflow_per_month, top.load, top.partners
    ('B', 2, 15.0, 1.5, 1)

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (1995). A preliminary theory of
       interorganizational network effectiveness. *Administrative Science Quarterly*
       40(1), 1-33.
    """
    inflow: dict[str, int] = {}
    inside: dict[Period, bool] = {}  # few distinct periods: each decided once
    for flow in eco.flows:
        chosen = inside.get(flow.period)
        if chosen is None:
            chosen = inside[flow.period] = flow.period in periods
        if chosen:
            inflow[flow.target_id] = inflow.get(flow.target_id, 0) + flow.count
    months = len(
        {month for period, yes in inside.items() if yes for month in range(period.first, period.last + 1)}
    )
    partners: defaultdict[str, set[str]] = defaultdict(set)
    for source, target, _ in organisation_flows(eco, periods):
        partners[target].add(source)
    loads = [_load(org, months, inflow.get(org.id, 0), len(partners[org.id])) for org in eco.organisations]
    return sorted(loads, key=lambda x: (x.load is None, -(x.load or 0.0), x.organisation))


@dataclass(frozen=True, slots=True)
class NodeMeasures:
    """The bottleneck measures of one organisation (``ketenkaart analyse --json``, ``nodes``)."""

    id: str
    betweenness: float
    constraint: float
    effective_size: float
    articulation_point: bool
    weighted_betweenness: float | None = None

    def as_dict(self) -> dict[str, str | float | bool | None]:
        """JSON-ready: ``nan`` becomes ``None``; ``weighted_betweenness`` only when computed."""
        values = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in asdict(self).items()}
        if self.weighted_betweenness is None:
            del values["weighted_betweenness"]
        return values


@not_multigraph
def node_measures(
    G: nx.Graph[str],
    *,
    weight: str | None = None,
    k: int | None = None,
    seed: int = 0,
    weighted_betweenness: bool = True,
    error: float | None = None,
) -> list[NodeMeasures]:
    """Betweenness, constraint, effective size and the cut-vertex flag of every node, by id.

    ``betweenness`` counts hops, normalised as NetworkX does (``k``, ``seed``: sampled,
    see ``betweenness``). With ``weight`` (tie strength), ``weighted_betweenness`` is
    added (tie length ``1 / weight``) and constraint and effective size use the weights
    as Burt does [1]_. Raises ``AnalysisError`` for a multigraph or a weight that is not
    a positive number. ``weighted_betweenness=False`` skips the weighted betweenness
    (it doubles the cost) while constraint and effective size still use ``weight``.
    ``error``: hop betweenness estimated within that error (KADABRA, see ``betweenness``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    >>> node_measures(G)[1]  # doctest: +NORMALIZE_WHITESPACE
    NodeMeasures(id='b', betweenness=1.0, constraint=0.5, effective_size=2.0,
                 articulation_point=True, weighted_betweenness=None)
    >>> sorted(node_measures(G, weight="weight")[0].as_dict().items())  # doctest: +NORMALIZE_WHITESPACE
    [('articulation_point', False), ('betweenness', 0.0), ('constraint', 1.0),
     ('effective_size', 1.0), ('id', 'a'), ('weighted_betweenness', 0.0)]

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
       Cambridge, MA: Harvard University Press.
    """
    plain = betweenness(G, k=k, seed=seed, error=error)
    wanted = weight is not None and weighted_betweenness
    weighted = betweenness(G, weight=weight, k=k, seed=seed) if wanted else {}
    holes = structural_holes(G, weight=weight)
    cuts = set(articulation_points(G))
    return [
        NodeMeasures(
            node, plain[node], hole.constraint, hole.effective_size, node in cuts, weighted.get(node)
        )
        for node, hole in sorted(holes.items())
    ]
