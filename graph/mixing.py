"""Sector mixing: how far ties stay inside sectors, and whether the sectors are silos.

Like :mod:`graph.density` (whose group helper it uses), every measure is computed from the
edge list (:func:`graph.arrays.edge_arrays`) with NumPy ``bincount`` passes, as fast, and takes the
organisation graph (undirected) or the referral graph (directed: arcs and ordered pairs).
Self-loops, which the projections never make, count as ties within a group.

Reading the silo measures: the E-I index runs from -1 (every tie inside a sector) to +1
(every tie across), but random partner choice among many sectors already gives about
``1 - 2 * sum(share**2)`` (+0.8 for eleven equal sectors), so compare sectors with each
other. :func:`silo_index` compares the sector split with the best split community
detection finds.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "c": "wonen"}, "sector")
>>> ei_index(G)
0.0
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.arrays import EdgeArrays, FloatArray, IntArray, edge_arrays
from graph.communities import community_codes
from graph.density import _groups
from graph.errors import EmptyGraph

__all__ = [
    "SiloIndex",
    "ei_by_group",
    "ei_index",
    "mixing_defined",
    "modularity_of",
    "sector_modularity",
    "silo_index",
]


@dataclass(frozen=True, slots=True)
class SiloIndex:
    """How far the sector lines are the fault lines of the network (see :func:`silo_index`)."""

    sector_modularity: float
    community_modularity: float
    communities: int
    ratio: float
    ei_index: float


def mixing_defined(G: nx.Graph[str], *, attribute: str = "sector") -> bool:
    """Whether sector mixing means anything here: at least one tie and two groups with members.

    With one sector present every tie is "inside" it, so the E-I index is -1 and the sector
    modularity 0 by construction; neither says anything about silos. :func:`graph.analysis.analyse`
    and :mod:`graph.timeline` report both as ``None`` (not defined) then.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> nx.set_node_attributes(G, "zorg", "sector")
    >>> mixing_defined(G)
    False
    >>> G.add_node("c", sector="wonen")
    >>> mixing_defined(G)
    True
    """
    if G.number_of_edges() == 0:
        return False
    return len({label for _, label in G.nodes(data=attribute)}) >= 2


def _external_internal(codes: IntArray, edges: EdgeArrays) -> tuple[FloatArray, FloatArray]:
    """Per group: external (one end in it) and internal (both ends) tie weights."""
    if edges.weights.sum() <= 0:
        raise EmptyGraph("the E-I index needs at least one tie")
    k = int(codes.max()) + 1
    cu, cv = codes[edges.sources], codes[edges.targets]
    inside = cu == cv
    internal = np.bincount(cu[inside], edges.weights[inside], minlength=k)
    out = edges.weights[~inside]
    external = np.bincount(cu[~inside], out, minlength=k) + np.bincount(cv[~inside], out, minlength=k)
    return external.astype(np.float64), internal.astype(np.float64)


def _ei(codes: IntArray, edges: EdgeArrays) -> float:
    external, internal = _external_internal(codes, edges)
    e, i = external.sum() / 2, internal.sum()  # a tie between groups is external to both
    return float((e - i) / (e + i))


def ei_index(G: nx.Graph[str], *, attribute: str = "sector", weight: str | None = None) -> float:
    """Krackhardt and Stern's E-I index of the whole graph: ``(E - I) / (E + I)``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A directed graph counts arcs.
    attribute : str
        The node attribute that names the group.
    weight : str, optional
        Edge attribute to sum instead of counting ties (missing: 1), such as ``"weight"``
        (referral volume and shared agreements and staff) on the organisation graph.

    Returns
    -------
    float
        In [-1, 1]; ``E`` counts ties between groups, ``I`` ties within a group.

    Raises
    ------
    EmptyGraph
        If the graph has no ties.
    AnalysisError
        If a node has no ``attribute``.

    Notes
    -----
    Random mixing does not give 0 but about ``1 - 2 * sum(share**2)`` over the groups' shares.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
       crises: An experimental simulation. *Social Psychology Quarterly*, 51(2), 123-140.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "c": "wonen", "d": "wonen"}, "sector")
    >>> round(ei_index(G), 4)
    -0.3333
    >>> G.edges["b", "c"]["weight"] = 4
    >>> ei_index(G, weight="weight")
    0.3333333333333333
    """
    return _ei(_groups(G, attribute)[1], edge_arrays(G, weight=weight, self_loops=True))


def ei_by_group(
    G: nx.Graph[str], *, attribute: str = "sector", weight: str | None = None
) -> dict[str, float]:
    """The E-I index of each group, over the ties incident to its members.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A directed graph counts arcs either way.
    attribute : str
        The node attribute that names the group.
    weight : str, optional
        Edge attribute to sum instead of counting ties (missing: 1).

    Returns
    -------
    dict[str, float]
        By group, sorted: ``(E_g - I_g) / (E_g + I_g)``, ``E_g`` counting ties from a member
        to a non-member, ``I_g`` ties between members. Groups without ties are left out.

    Raises
    ------
    EmptyGraph
        If the graph has no ties.
    AnalysisError
        If a node has no ``attribute``.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
       crises: An experimental simulation. *Social Psychology Quarterly*, 51(2), 123-140.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> G.add_node("d")
    >>> sectors = {"a": "zorg", "b": "zorg", "c": "wonen", "d": "jeugd"}
    >>> nx.set_node_attributes(G, sectors, "sector")
    >>> ei_by_group(G)
    {'wonen': 1.0, 'zorg': 0.0}
    """
    groups, codes = _groups(G, attribute)
    external, internal = _external_internal(codes, edge_arrays(G, weight=weight, self_loops=True))
    total = external + internal
    return {
        group: float((external[g] - internal[g]) / total[g]) for g, group in enumerate(groups) if total[g] > 0
    }


def _modularity(edges: EdgeArrays, labels: IntArray) -> float:
    """Newman's modularity (Leicht-Newman for a directed graph) of a node labelling."""
    k = int(labels.max()) + 1
    cu, cv = labels[edges.sources], labels[edges.targets]
    m = edges.weights.sum()
    inside = cu == cv
    within = np.bincount(cu[inside], edges.weights[inside], minlength=k).sum()
    out_strength = np.bincount(cu, edges.weights, minlength=k)
    in_strength = np.bincount(cv, edges.weights, minlength=k)
    if edges.directed:
        return float(within / m - (out_strength * in_strength).sum() / m**2)
    return float(within / m - (((out_strength + in_strength) / (2 * m)) ** 2).sum())


def modularity_of(edges: EdgeArrays, labels: IntArray) -> float:
    """The modularity of a labelling of ``edges.nodes``, from the edge arrays themselves.

    What :func:`sector_modularity` computes on a graph, for callers that hold the ties as
    arrays already (``graph.timeline.trend``, one period at a time). Raises ``EmptyGraph``
    without ties.

    >>> from graph.arrays import edge_arrays
    >>> G = nx.Graph([("a", "b"), ("c", "d"), ("b", "c")])
    >>> round(modularity_of(edge_arrays(G), np.array([0, 0, 1, 1])), 4)
    0.1667
    """
    if edges.weights.sum() <= 0:
        raise EmptyGraph("modularity needs at least one tie")
    return _modularity(edges, labels)


def _tied_edges(G: nx.Graph[str], weight: str | None) -> EdgeArrays:
    edges = edge_arrays(G, weight=weight, self_loops=True)
    if edges.weights.sum() <= 0:
        raise EmptyGraph("modularity needs at least one tie")
    return edges


def sector_modularity(G: nx.Graph[str], *, attribute: str = "sector", weight: str | None = None) -> float:
    """The modularity of the partition of the nodes by sector.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    attribute : str
        The node attribute that names the sector (group).
    weight : str, optional
        Edge attribute holding the tie's weight (missing: 1).

    Returns
    -------
    float
        ``nx.community.modularity(G, sectors, weight=weight)``: the share of ties inside
        sectors minus the share expected from degrees alone. Above about 0.3 the sectors
        are clearly separate; about 0 means no sector structure.

    Raises
    ------
    EmptyGraph
        If the graph has no ties.
    AnalysisError
        If a node has no ``attribute``.

    Notes
    -----
    One pass over the edge list (three ``bincount`` calls), not one subgraph per sector.

    References
    ----------
    .. [1] Newman, M. E. J. (2006). Modularity and community structure in networks.
       *PNAS*, 103(23), 8577-8582.
    .. [2] Leicht, E. A., & Newman, M. E. J. (2008). Community structure in directed
       networks. *Physical Review Letters*, 100(11), 118703.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("c", "d"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "c": "wonen", "d": "wonen"}, "sector")
    >>> round(sector_modularity(G), 4)
    0.1667
    """
    return _modularity(_tied_edges(G, weight), _groups(G, attribute)[1])


def silo_index(
    G: nx.Graph[str], *, attribute: str = "sector", weight: str | None = None, seed: int = 0
) -> SiloIndex:
    """How much of the network's modular structure the sector lines explain.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    attribute : str
        The node attribute that names the sector (group).
    weight : str, optional
        Edge attribute holding the tie's weight, for all measures (missing: 1).
    seed : int
        Seed of the community detection; the same graph and seed give the same result.

    Returns
    -------
    SiloIndex
        ``sector_modularity`` (:func:`sector_modularity`), ``community_modularity`` (the
        modularity of the Louvain communities), ``communities`` (how many), ``ratio``
        (sector / community modularity; 0 when the latter is not positive) and
        ``ei_index`` (:func:`ei_index` with the same weight).

    Raises
    ------
    EmptyGraph
        If the graph has no ties.
    AnalysisError
        If a node has no ``attribute``.

    Notes
    -----
    How to read it: ``community_modularity`` says how clustered the network is at all;
    ``ratio`` says how much of that clustering follows sector lines. A high sector
    modularity (above about 0.3) with a ratio near 1 means sectors are silos: the best
    split of the network that can be found is, roughly, the split by sector. A clustered
    network (community modularity 0.4 or more) with a low ratio (below about 0.5) is
    organised along other lines, such as wijken, and not by sector. A ratio above 1 means
    the sector split beat the heuristic; read it as 1. A negative value means ties cross
    sectors more than chance would have them. The demo municipality, with planted sector
    silos, has sector modularity 0.49 against 0.50 for Louvain: ratio 0.98.

    Louvain runs in NetworkX up to 20,000 ties and for directed graphs; above that, in
    networkit's parallel Louvain (PLM, run sequentially on one thread so that the seed fixes
    the result).
    The two engines find different partitions, so the community count can differ; only the
    modularity is comparable (within about 0.02). Both modularities are computed here from
    the edge list, with the same formula.

    References
    ----------
    .. [1] Newman, M. E. J. (2006). Modularity and community structure in networks.
       *PNAS*, 103(23), 8577-8582.
    .. [2] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *J. Stat. Mech.*, P10008.
    .. [3] Staudt, C. L., & Meyerhenke, H. (2016). Engineering parallel algorithms for
       community detection in massive networks. *IEEE TPDS*, 27(1), 171-184.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)
    >>> G = nx.relabel_nodes(G, {i: f"org{i}" for i in G})
    >>> nx.set_node_attributes(G, {n: "zorg" if int(n[3:]) < 4 else "wonen" for n in G}, "sector")
    >>> result = silo_index(G)
    >>> result.communities, round(result.sector_modularity, 4), round(result.ratio, 4)
    (2, 0.4231, 1.0)
    >>> round(result.ei_index, 4)
    -0.8462
    """
    edges = _tied_edges(G, weight)
    codes = _groups(G, attribute)[1]
    labels = community_codes(G, edges, weight=weight, seed=seed)
    sectors, communities = _modularity(edges, codes), _modularity(edges, labels)
    return SiloIndex(
        sector_modularity=sectors,
        community_modularity=communities,
        communities=int(labels.max()) + 1,
        ratio=sectors / communities if communities > 0 else 0.0,
        ei_index=_ei(codes, edges),
    )
