"""A graph as NumPy arrays: the one edge-array view the fast analytics share.

``graph.density`` and ``graph.mixing`` count ties with ``bincount`` passes over it,
``graph.engines`` hands it to networkit, and ``graph.chances`` builds its sparse matrices
from it. Node ``i`` is ``nodes[i]`` (``G``'s node order); tie ``j`` runs
``sources[j] -> targets[j]``, each tie once, in ``G.edges()`` order (an undirected tie from
its earlier node)::

    nx.Graph  --edge_arrays-->  EdgeArrays(nodes, index, sources, targets, weights, directed)

Inside ``with shared_views():`` (``graph.analysis.analyse`` runs in one) each view of a
graph is built once and handed to every measure that asks for it: the edge arrays here, the
networkit graph and the biconnected components of ``graph.engines`` (``shared_view``). The
graph must not change inside the block; the shared arrays are read-only.

>>> import networkx as nx
>>> arrays = edge_arrays(nx.Graph([("a", "b", {"w": 2}), ("b", "c")]), weight="w")
>>> arrays.nodes, arrays.sources.tolist(), arrays.targets.tolist(), arrays.weights.tolist()
(('a', 'b', 'c'), [0, 1], [1, 2], [2.0, 1.0])
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.errors import AnalysisError

__all__ = [
    "EdgeArrays",
    "FloatArray",
    "IntArray",
    "edge_arrays",
    "edge_weights",
    "shared_view",
    "shared_views",
    "snapshot_view",
]

IntArray = npt.NDArray[np.int64]
"""Node numbers, counts and labels."""
FloatArray = npt.NDArray[np.float64]
"""Weights, lengths and scores."""

T = TypeVar("T")
_VIEWS: ContextVar[dict[Hashable, tuple[weakref.ref[Any], Any]] | None] = ContextVar(
    "graph_views", default=None
)


@contextmanager
def shared_views() -> Iterator[None]:
    """Build each view of a graph (edge arrays, engine graph) once within the block.

    Views are keyed by the graph object (held weakly: a view goes when its graph does) and
    the view's options; outside a block nothing is kept. Nested blocks share the outer
    one's views. Also a decorator: ``@shared_views()``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> with shared_views():
    ...     edge_arrays(G) is edge_arrays(G)
    True
    >>> edge_arrays(G) is edge_arrays(G)
    False
    """
    if _VIEWS.get() is not None:
        yield
        return
    token = _VIEWS.set({})
    try:
        yield
    finally:
        _VIEWS.reset(token)


def shared_view(kind: str, G: Any, options: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per graph, ``kind`` and ``options`` inside ``shared_views``; else every call."""
    views = _VIEWS.get()
    if views is None:
        return build()
    return _held(views, (kind, id(G), options), G, build)


def _held(
    views: dict[Hashable, tuple[weakref.ref[Any], Any]], key: Hashable, owner: Any, build: Callable[[], T]
) -> T:
    """The view ``key`` of ``owner`` in ``views``, built now unless held; held weakly: an owner
    dropped (a period's graph in a trend, an old snapshot) frees its views too."""
    held = views.get(key)
    if held is not None and held[0]() is owner:
        value: T = held[1]
        return value
    value = build()
    views[key] = (weakref.ref(owner, lambda _gone: views.pop(key, None)), value)
    return value


_SNAPSHOT_VIEWS: dict[Hashable, tuple[weakref.ref[Any], Any]] = {}
_SNAPSHOT_LOCK = threading.RLock()  # one build per view, also when threads ask at once


def snapshot_view(kind: str, snapshot: Any, build: Callable[[], T]) -> T:
    """``build()`` once per ``snapshot`` and ``kind``, kept as long as the snapshot lives.

    For what follows from an immutable record (an ``Ecosystem``: its flows expanded to
    organisations, its agreements' pairs), which every projection of it reads: unlike a
    graph, a snapshot cannot change, so its views need no ``shared_views`` block and are
    shared by every analysis of it, in the command line and in every request of the app.
    Keyed by identity (held weakly), never by the snapshot's hash, which would walk it.

    >>> from graph.model import Ecosystem
    >>> eco, calls = Ecosystem(), []
    >>> snapshot_view("example", eco, lambda: calls.append(1) or "built")
    'built'
    >>> snapshot_view("example", eco, lambda: calls.append(1) or "built"), len(calls)
    ('built', 1)
    """
    with _SNAPSHOT_LOCK:
        return _held(_SNAPSHOT_VIEWS, (kind, id(snapshot)), snapshot, build)


@dataclass(frozen=True, slots=True)
class EdgeArrays:
    """A graph as numbers: node ``i`` is ``nodes[i]``; tie ``j`` runs ``sources[j] -> targets[j]``.

    ``weights`` holds each tie's weight (1 where the attribute is missing, and for every
    tie when no weight attribute was asked for); ``weighted`` says whether one was.
    """

    nodes: tuple[str, ...]
    index: Mapping[str, int]
    sources: IntArray
    targets: IntArray
    weights: FloatArray
    weighted: bool
    directed: bool


def edge_weights(weights: Iterable[Any], count: int, weight: str) -> FloatArray:
    """``count`` weights as floats; refuses a weight that is not a number.

    Parameters
    ----------
    weights : iterable
        The values of the weight attribute.
    count : int
        How many there are.
    weight : str
        The attribute's name, for the message.

    Returns
    -------
    numpy.ndarray of float64

    Raises
    ------
    AnalysisError
        If a value is not a number.

    Examples
    --------
    >>> edge_weights([2, 0.5], 2, "w").tolist()
    [2.0, 0.5]
    >>> edge_weights(["many"], 1, "w")
    Traceback (most recent call last):
    ...
    graph.errors.AnalysisError: edge attribute 'w' must be a positive number on every edge
    """
    try:
        return np.fromiter(weights, dtype=np.float64, count=count)
    except (TypeError, ValueError) as exc:
        raise AnalysisError(f"edge attribute {weight!r} must be a positive number on every edge") from exc


def edge_arrays(
    G: nx.Graph[str],
    *,
    weight: str | None = None,
    undirected: bool = False,
    self_loops: bool = False,
) -> EdgeArrays:
    """The nodes and ties of ``G`` as NumPy arrays, in one pass over its edges.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The graph.
    weight : str, optional
        Edge attribute holding a tie's weight (missing attribute: 1). Without it every
        weight is 1.
    undirected : bool
        Read a directed graph as undirected: one tie per tied pair, whatever the
        direction (``sources < targets``, sorted). Cannot be combined with ``weight``.
    self_loops : bool
        Keep ties from a node to itself (counted as ties within a group); dropped by
        default, as they lie on no path and are no cut.

    Returns
    -------
    EdgeArrays

    Raises
    ------
    AnalysisError
        If a weight is not a number.
    ValueError
        If both ``weight`` and ``undirected`` are given.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")])
    >>> arrays = edge_arrays(D, undirected=True)
    >>> arrays.nodes, arrays.sources.tolist(), arrays.targets.tolist(), arrays.directed
    (('a', 'b', 'c'), [0, 1], [1, 2], False)
    >>> edge_arrays(D, self_loops=True).targets.tolist()
    [1, 0, 2, 2]
    """
    if weight is not None and undirected:
        raise ValueError("an undirected view of the graph cannot keep weights")
    return shared_view(
        "edge_arrays",
        G,
        (weight, undirected, self_loops),
        lambda: _read_only(_edge_arrays(G, weight, undirected, self_loops)),
    )


def _read_only(arrays: EdgeArrays) -> EdgeArrays:
    if _VIEWS.get() is not None:
        for values in (arrays.sources, arrays.targets, arrays.weights):
            values.setflags(write=False)
    return arrays


def _ends(G: nx.Graph[str]) -> tuple[tuple[str, ...], dict[str, int], IntArray, IntArray]:
    """Nodes, their numbers and every tie's ends (self-loops included), in one pass over ``G.edges()``."""
    nodes = tuple(G)
    index = dict(zip(nodes, range(len(nodes)), strict=True))
    m = G.number_of_edges()
    ends = np.fromiter((index[x] for edge in G.edges() for x in edge), dtype=np.int64, count=2 * m)
    return nodes, index, ends[0::2], ends[1::2]


def _weights(G: nx.Graph[str], weight: str) -> FloatArray:
    """Every tie's ``weight`` (missing: 1), self-loops included, in ``G.edges()`` order."""
    values = (w for _, _, w in G.edges(data=weight, default=1))
    return edge_weights(values, G.number_of_edges(), weight)


def _edge_arrays(G: nx.Graph[str], weight: str | None, undirected: bool, self_loops: bool) -> EdgeArrays:
    # the ends and each attribute's weights are read once per graph, whatever the options
    nodes, index, sources, targets = shared_view("edge_ends", G, None, lambda: _ends(G))
    if weight is None:
        weights = np.ones(len(sources))
    else:
        weights = shared_view("edge_weights", G, weight, lambda: _weights(G, weight))
    if not self_loops:
        keep = sources != targets
        sources, targets, weights = sources[keep], targets[keep], weights[keep]
    if G.is_directed() and undirected:
        pairs = np.unique(np.sort(np.column_stack([sources, targets]), axis=1), axis=0)
        sources, targets, weights = pairs[:, 0], pairs[:, 1], np.ones(len(pairs))
    sources, targets, weights = sources.copy(), targets.copy(), weights.copy()
    directed = G.is_directed() and not undirected
    return EdgeArrays(nodes, index, sources, targets, weights, weight is not None, directed)
