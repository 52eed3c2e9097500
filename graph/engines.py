"""Engines: a NetworkX graph handed to networkit or SciPy, and the answer mapped back.

NetworkX stays the modelling API; networkit (MIT, C++/OpenMP) and SciPy sparse matrices
only compute. A call converts the graph once, runs, and maps node numbers back to the
node ids, so callers (``graph.bottlenecks``) never see a networkit object::

    nx.Graph  --graph.arrays.edge_arrays-->  EdgeArrays  --to_networkit-->  NetworkitGraph
    dict[node, float]  <--NetworkitGraph.by_node--  networkit scores (list indexed 0 .. n-1)

The computations ``graph.bottlenecks`` hands over live here too: exact and sampled
betweenness and biconnected components in networkit, Burt's structural holes as SciPy
sparse products (``sparse_structural_holes``).

networkit is imported on first use (it takes 0.4-0.7 s, scipy.sparse included). Inside
``graph.arrays.shared_views`` the networkit graph and the biconnected components of a graph
are built once for every measure that needs them.

Two networkit traps, handled here: some algorithms (``BiconnectedComponents``) keep no
reference to their graph, so the ``NetworkitGraph`` must stay alive until they have run
or Python crashes; and ``Betweenness`` aborts the process on a graph without nodes.

A weighted tie is a *strong* tie, and strong ties are *short*: when a weight attribute
is given, networkit gets the tie's length ``1 / weight``. Edges without the attribute
weigh 1, as in NetworkX. Self-loops are dropped: they lie on no shortest path and are
no cut.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b", {"weight": 4}), ("b", "c", {"weight": 1})])
>>> view = to_networkit(G, weight="weight")
>>> view.graph.numberOfNodes(), view.graph.numberOfEdges()
(3, 2)
>>> view.graph.weight(view.index["a"], view.index["b"])
0.25
>>> view.by_node([0.0, 1.0, 0.0])
{'a': 0.0, 'b': 1.0, 'c': 0.0}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.arrays import FloatArray, IntArray, edge_arrays, edge_weights, shared_view
from graph.errors import AnalysisError

__all__ = [
    "NetworkitGraph",
    "biconnected_components",
    "core_numbers",
    "networkit_betweenness",
    "one_thread",
    "sparse_structural_holes",
    "tie_biconnected_components",
    "tie_lengths",
    "to_networkit",
]


@dataclass(frozen=True, slots=True)
class NetworkitGraph:
    """A networkit graph with the map between its node numbers and the NetworkX node ids."""

    graph: Any
    nodes: tuple[str, ...]
    index: Mapping[str, int]

    def by_node(self, values: Sequence[float]) -> dict[str, float]:
        """Per-node values indexed by networkit node number, keyed by node id instead."""
        return {node: float(value) for node, value in zip(self.nodes, values, strict=True)}


def _nk() -> Any:
    import networkit  # noqa: PLC0415 - heavy: only when an engine runs

    return networkit


@contextmanager
def one_thread() -> Iterator[Any]:
    """networkit on one thread within the block (its thread count is process-wide); yields ``networkit``.

    For algorithms whose work is too small to share, or whose result must not depend on the
    threads: on the shared 2-core machine, networkit's parallel core decomposition took
    0.1 s of CPU and 0.14-0.19 s of wall time at 2k organisations / 20k ties waiting for its
    second thread, and under 1 ms on one; PLM's (already sequential) Louvain took 0.05-0.13 s
    against 0.01 s, with the same partition (measured at 2k and 10k organisations).

    >>> with one_thread() as nk:
    ...     nk.getCurrentNumberOfThreads()
    1
    """
    nk = _nk()
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        yield nk
    finally:
        nk.setNumberOfThreads(threads)


def _lengths(weights: FloatArray, weight: str) -> FloatArray:
    """``1 / w`` for each weight; refuses weights that are not positive numbers."""
    if not np.all(np.isfinite(weights) & (weights > 0)):
        raise AnalysisError(f"edge attribute {weight!r} must be a positive number on every edge")
    return 1.0 / weights


def tie_lengths(G: nx.Graph[str], weight: str) -> FloatArray:
    """``1 / weight`` for every edge of ``G``, in ``G.edges()`` order (missing attribute: 1).

    Raises
    ------
    AnalysisError
        If a weight is zero, negative or not a number.

    Examples
    --------
    >>> import networkx as nx
    >>> tie_lengths(nx.Graph([(1, 2, {"w": 4}), (2, 3)]), "w").tolist()
    [0.25, 1.0]
    """
    weights = (w for *_, w in G.edges(data=weight, default=1))
    return _lengths(edge_weights(weights, G.number_of_edges(), weight), weight)


def to_networkit(G: nx.Graph[str], *, weight: str | None = None, undirected: bool = False) -> NetworkitGraph:
    """Convert ``G`` to a networkit graph, keeping the node map both ways.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The graph; node ids can be anything hashable.
    weight : str, optional
        Edge attribute holding a tie's strength; networkit's edge weight (used as a
        length by its shortest-path algorithms) becomes ``1 / weight``.
    undirected : bool
        Build an undirected networkit graph from a directed ``G`` (for cuts).

    Returns
    -------
    NetworkitGraph
        ``graph`` (a ``networkit.Graph``), ``nodes`` (number -> id) and ``index``
        (id -> number).

    Raises
    ------
    AnalysisError
        If a weight is zero, negative or not a number.

    Examples
    --------
    >>> import networkx as nx
    >>> view = to_networkit(nx.DiGraph([("x", "y")]))
    >>> view.graph.isDirected(), view.nodes, dict(view.index)
    (True, ('x', 'y'), {'x': 0, 'y': 1})

    References
    ----------
    .. [1] Angriman, E., van der Grinten, A., Hamann, M., Meyerhenke, H., & Penschuck, M.
       (2022). Algorithms for large-scale network analysis and the NetworKit toolkit. In
       *Algorithms for Big Data*, LNCS 13201, 3-20.
    """
    return shared_view("networkit", G, (weight, undirected), lambda: _to_networkit(G, weight, undirected))


def _to_networkit(G: nx.Graph[str], weight: str | None, undirected: bool) -> NetworkitGraph:
    arrays = edge_arrays(G, weight=weight, undirected=undirected)
    n = len(arrays.nodes)
    graph = _nk().Graph(n, weighted=arrays.weighted, directed=arrays.directed)
    if len(arrays.sources):
        ends = (arrays.sources, arrays.targets)
        graph.addEdges((_lengths(arrays.weights, weight), ends) if weight is not None else ends)
    return NetworkitGraph(graph, arrays.nodes, arrays.index)


def _scale(n: int, *, normalized: bool, directed: bool) -> float:
    """From networkit's raw sums over ordered (s, t) pairs to NetworkX's values."""
    if n <= 2:
        return 1.0
    if normalized:
        return 1.0 / ((n - 1) * (n - 2))
    return 1.0 if directed else 0.5


_DIGITS = 12  # see networkit_betweenness: same input, same output


def networkit_betweenness(
    G: nx.Graph[str],
    *,
    weight: str | None = None,
    normalized: bool = True,
    k: int | None = None,
    seed: int = 0,
    error: float | None = None,
    confidence: float = 0.9,
) -> dict[str, float]:
    """Betweenness by networkit, scaled as ``nx.betweenness_centrality`` (see ``graph.bottlenecks``).

    networkit sums over *ordered* pairs even in undirected graphs (its raw values are twice
    NetworkX's); with ``k`` it runs ``EstimateBetweenness`` (Geisberger, Sanders & Schultes
    2008) on ``k`` pivots, seeded with ``seed`` (this sets networkit's process-wide seed;
    the result was the same for 1, 2 and 4 threads). With ``error`` it runs KADABRA
    (Borassi & Natale 2016): sampled shortest paths, as many as it takes for every node's
    normalised betweenness to lie within ``error`` of the exact value with probability at
    least ``confidence`` (hops, undirected only; on one thread, as its adaptive stopping
    varied between runs on two threads even in its deterministic mode). Scores are rounded to 12
    decimals: networkit's threads add up in a varying order (differences near 1e-18), and
    the same input must give the same output on every run.

    Examples
    --------
    >>> import networkx as nx
    >>> networkit_betweenness(nx.star_graph(3), normalized=False)
    {0: 3.0, 1: 0.0, 2: 0.0, 3: 0.0}
    >>> networkit_betweenness(nx.path_graph(5), error=0.05)[2] > 0.6  # exact: 0.667
    True
    """
    if len(G) == 0:  # networkit aborts the process on an empty graph
        return {}
    view = to_networkit(G, weight=weight)
    nk = _nk()
    n, directed = len(G), G.is_directed()
    scale = _scale(n, normalized=normalized, directed=directed)
    if error is not None:
        if weight is not None or directed:
            raise ValueError("KADABRA estimates betweenness by hops in an undirected graph only")
        if n <= 2:
            return dict.fromkeys(G, 0.0)
        nk.engineering.setSeed(seed, True)
        # KADABRA's score is twice a node's share of the n(n - 1) ordered pairs, so its
        # error is 2 (n - 2) / n times the error of the NetworkX-normalised value
        own_error = 2 * error * (n - 2) / n
        algorithm = nk.centrality.KadabraBetweenness(view.graph, own_error, 1.0 - confidence, True)
        with one_thread():  # with more, its adaptive stop varied from run to run (measured)
            algorithm.run()
        scale *= n * (n - 1) / 2
        return view.by_node([round(score * scale, _DIGITS) for score in algorithm.scores()])
    if k is None:
        algorithm = nk.centrality.Betweenness(view.graph, False, False)
    else:
        nk.engineering.setSeed(seed, True)
        algorithm = nk.centrality.EstimateBetweenness(view.graph, k, False, True)
    algorithm.run()
    return view.by_node([round(score * scale, _DIGITS) for score in algorithm.scores()])


def biconnected_components(G: nx.Graph[str]) -> list[list[str]]:
    """The biconnected components of ``G`` read as undirected (networkit; isolates left out).

    Examples
    --------
    >>> import networkx as nx
    >>> sorted(sorted(c) for c in biconnected_components(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)])))
    [[1, 2, 3], [3, 4]]
    """
    return shared_view("biconnected", G, None, lambda: _biconnected_components(G))


def _biconnected_components(G: nx.Graph[str]) -> list[list[str]]:
    view = to_networkit(G, undirected=G.is_directed())  # held while networkit runs on its graph
    return [[view.nodes[i] for i in component] for component in _components(view.graph)]


def tie_biconnected_components(count: int, sources: IntArray, targets: IntArray) -> list[list[int]]:
    """The biconnected components of the undirected graph of ties ``sources[j] - targets[j]``
    between nodes ``0 .. count - 1`` (networkit; node numbers, isolates left out).

    For ties held as arrays: no NetworkX graph is built. ``biconnected_components`` of the
    graph of these ties, node ``i`` standing for ``i``.

    Examples
    --------
    >>> sources, targets = np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3])
    >>> sorted(sorted(c) for c in tie_biconnected_components(5, sources, targets))
    [[0, 1, 2], [2, 3]]
    """
    graph = _nk().Graph(count)
    if len(sources):
        graph.addEdges((sources, targets))
    return _components(graph)


def _components(graph: Any) -> list[list[int]]:
    """networkit's biconnected components of ``graph``; the caller holds ``graph`` (no reference kept)."""
    algorithm = _nk().components.BiconnectedComponents(graph)
    algorithm.run()
    components: list[list[int]] = algorithm.getComponents()
    return components


def core_numbers(G: nx.Graph[str]) -> dict[str, int]:
    """Each node's core number, ``G`` read as undirected without self-loops (networkit).

    Batagelj and Zaversnik's O(m) peeling, networkit's ``CoreDecomposition``; equal to
    ``nx.core_number`` on the same simple undirected graph.

    Examples
    --------
    >>> import networkx as nx
    >>> core_numbers(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    {1: 2, 2: 2, 3: 2, 4: 1}
    """
    if len(G) == 0:
        return {}
    view = to_networkit(G, undirected=G.is_directed())
    with one_thread() as nk:  # O(m): a second thread only adds waiting
        algorithm = nk.centrality.CoreDecomposition(view.graph)
        algorithm.run()
    return {node: int(score) for node, score in zip(view.nodes, algorithm.scores(), strict=True)}


def _row_chunks(p: sp.csr_array, budget: int = 20_000_000) -> Iterator[slice]:
    """Row ranges whose two-step products hold about ``budget`` terms each (bounded memory)."""
    work = np.cumsum((p != 0).astype(np.int64) @ np.diff(p.indptr))  # sum of neighbours' degrees
    start, n = 0, p.shape[0]
    while start < n:
        done = work[start - 1] if start else 0
        stop = max(int(np.searchsorted(work, done + budget, side="right")), start + 1)
        yield slice(start, min(stop, n))
        start = stop


def _mutual_weights(G: nx.Graph[str], weight: str | None) -> sp.csr_array:
    """``a_ij + a_ji`` for every pair of distinct nodes (self-loops left out), as NetworkX."""
    arrays = edge_arrays(G, weight=weight)
    sources, targets, values = arrays.sources, arrays.targets, arrays.weights
    values = values if G.is_directed() else 2 * values  # an undirected tie is a_ij = a_ji
    ends = (np.concatenate([sources, targets]), np.concatenate([targets, sources]))
    mutual = sp.csr_array((np.concatenate([values, values]), ends), shape=(len(G), len(G)))  # sums duplicates
    mutual.eliminate_zeros()
    return mutual


def _inverse(values: FloatArray) -> sp.dia_array:
    safe = np.where(values > 0, values, 1.0)
    return sp.diags_array(np.where(values > 0, 1.0 / safe, 0.0))


def sparse_structural_holes(
    G: nx.Graph[str], *, weight: str | None = None, chunk_terms: int = 20_000_000
) -> tuple[FloatArray, FloatArray]:
    """Burt's constraint and effective size of every node (in ``G`` order) by sparse products.

    ``p = mutual / row sum`` and ``m = mutual / row max``; constraint sums
    ``(p + p @ p)**2`` and effective size ``1 - p @ m.T`` over each node's ties, in row
    chunks of about ``chunk_terms`` two-step terms, so that memory stays bounded (about
    1 GB at the default). Both products come from one complex product,
    ``p @ (p + 1j * m.T)``: one pass instead of two, 1.7x faster at 1M ties. Isolates get
    ``nan``. See ``graph.bottlenecks.structural_holes``.

    Examples
    --------
    >>> import networkx as nx
    >>> constraint, size = sparse_structural_holes(nx.star_graph(2))
    >>> constraint.tolist(), size.tolist()
    ([0.5, 1.0, 1.0], [2.0, 1.0, 1.0])
    """
    mutual = _mutual_weights(G, weight)
    total = np.asarray(mutual.sum(axis=1), dtype=np.float64).ravel()
    strongest = np.asarray(mutual.max(axis=1).toarray(), dtype=np.float64).ravel()
    p = sp.csr_array(_inverse(total) @ mutual)
    m_t = sp.csr_array(_inverse(strongest) @ mutual).T
    both = sp.csr_array(p + 1j * m_t)  # same pattern: mutual is symmetric
    constraint, redundancy = np.empty(len(G)), np.empty(len(G))
    for rows in _row_chunks(p, chunk_terms):
        p_rows = p[rows]
        two_step = (p_rows @ both).multiply(p_rows != 0)  # on ties only
        constraint[rows] = (p_rows + two_step.real).power(2).sum(axis=1)  # sum_q p_iq p_qj
        redundancy[rows] = two_step.imag.sum(axis=1)  # sum_q p_iq m_jq
    effective_size = np.diff(p.indptr) - redundancy
    isolated = total == 0
    constraint[isolated] = effective_size[isolated] = math.nan
    return constraint, effective_size
