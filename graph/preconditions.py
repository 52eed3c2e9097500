"""Preconditions of the analytics: which kinds of graph an analysis accepts.

The project's form of NetworkX's ``not_implemented_for``: a decorator on an analysis that
takes the graph first refuses a graph of the wrong kind with
:class:`~graph.errors.UnsupportedGraph` before the analysis runs, and
:func:`simple_undirected` reads any graph as the simple undirected one for analyses that
accept every kind.

>>> import networkx as nx
>>> @undirected
... def ties(G):
...     return G.number_of_edges()
>>> ties(nx.Graph([("a", "b")]))
1
>>> ties(nx.DiGraph([("a", "b")]))
Traceback (most recent call last):
...
graph.errors.UnsupportedGraph: ties needs an undirected graph, not a directed one
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import networkx as nx

from graph.errors import UnsupportedGraph

__all__ = ["check_graph", "not_multigraph", "simple_undirected", "undirected"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_Analysis = Callable[Concatenate["nx.Graph[str]", _P], _R]


def check_graph(G: nx.Graph[str], name: str, *, directed: bool = True) -> None:
    """Refuse a multigraph, and a directed graph unless ``directed``.

    Parameters
    ----------
    G : networkx.Graph
        The graph an analysis was given.
    name : str
        The analysis, for the message.
    directed : bool
        Whether the analysis accepts a directed graph.

    Raises
    ------
    UnsupportedGraph
        If ``G`` is a multigraph, or directed when ``directed`` is false.

    Examples
    --------
    >>> import networkx as nx
    >>> check_graph(nx.DiGraph(), "betweenness")
    >>> check_graph(nx.MultiGraph(), "betweenness")
    Traceback (most recent call last):
    ...
    graph.errors.UnsupportedGraph: betweenness needs a simple graph, not a multigraph
    """
    if G.is_multigraph():
        raise UnsupportedGraph(f"{name} needs a simple graph, not a multigraph")
    if G.is_directed() and not directed:
        raise UnsupportedGraph(f"{name} needs an undirected graph, not a directed one")


def _requiring(func: _Analysis[_P, _R], *, directed: bool) -> _Analysis[_P, _R]:
    @functools.wraps(func)
    def checked(G: nx.Graph[str], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        check_graph(G, func.__name__, directed=directed)
        return func(G, *args, **kwargs)

    return checked


def not_multigraph(func: _Analysis[_P, _R]) -> _Analysis[_P, _R]:
    """Decorator: the analysis takes a simple graph, directed or not, as its first argument.

    Parameters
    ----------
    func : callable
        An analysis whose first positional argument is the graph.

    Returns
    -------
    callable
        ``func``, first calling :func:`check_graph` on the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> @not_multigraph
    ... def order(G):
    ...     return len(G)
    >>> order(nx.DiGraph([(1, 2)]))
    2
    >>> order(nx.MultiGraph([(1, 2)]))
    Traceback (most recent call last):
    ...
    graph.errors.UnsupportedGraph: order needs a simple graph, not a multigraph
    """
    return _requiring(func, directed=True)


def undirected(func: _Analysis[_P, _R]) -> _Analysis[_P, _R]:
    """Decorator: the analysis takes a simple undirected graph as its first argument.

    Parameters
    ----------
    func : callable
        An analysis whose first positional argument is the graph.

    Returns
    -------
    callable
        ``func``, first calling :func:`check_graph` on the graph with ``directed=False``.

    Examples
    --------
    >>> import networkx as nx
    >>> @undirected
    ... def partners(G, node):
    ...     return sorted(G[node])
    >>> partners(nx.Graph([("a", "b")]), "a")
    ['b']
    >>> partners(nx.DiGraph([("a", "b")]), "a")
    Traceback (most recent call last):
    ...
    graph.errors.UnsupportedGraph: partners needs an undirected graph, not a directed one
    """
    return _requiring(func, directed=False)


def simple_undirected(G: nx.Graph[str]) -> nx.Graph[str]:
    """``G`` itself when simple and undirected, else one tie per tied pair, either direction.

    For analyses that accept every kind of graph and read a tie either way as a tie.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> simple_undirected(G) is G
    True
    >>> sorted(simple_undirected(nx.MultiDiGraph([("a", "b"), ("b", "a")])).edges())
    [('a', 'b')]
    """
    if G.is_directed() or G.is_multigraph():
        return nx.Graph(G)
    return G
