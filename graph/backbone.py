"""The backbone of a weighted network: the ties that matter for each organisation.

The disparity filter of Serrano, Boguñá & Vespignani (2009) keeps a tie when its weight is a
significantly large share of the strength of at least one of its ends, measured against a null
model in which an organisation spreads its strength uniformly at random over its ``k`` ties.
Unlike a global weight threshold it keeps the main ties of small organisations as well as of
large ones, so the backbone still shows every part of the network.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_weighted_edges_from([("a", "b", 10), ("a", "c", 1), ("a", "d", 1), ("c", "d", 1)])
>>> sorted(disparity_backbone(G, alpha=0.3))
[('a', 'b')]
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar, cast

import networkx as nx
import numpy as np

from graph.arrays import FloatArray, IntArray, edge_arrays

__all__ = ["disparity_alphas", "disparity_backbone"]

N = TypeVar("N", bound=Hashable)


def disparity_alphas(G: nx.Graph[N], *, weight: str | None = "weight") -> dict[tuple[N, N], float]:
    """The disparity filter's significance of every tie: the smaller of its two ends' p-values.

    For an end ``i`` with ``k > 1`` ties and strength ``s``, a tie of weight ``w`` has
    ``alpha = (1 - w / s) ** (k - 1)``: the probability that uniformly random shares give it
    at least this large a share. A tie that is the only one of an end gets ``alpha = 0``
    (Serrano et al. leave such ends out of the test; giving them 0 keeps every organisation
    on the backbone with its one tie).

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph; ties without the weight attribute (or ``weight=None``) weigh 1.
    weight : str or None, optional
        The edge attribute holding the tie weight.

    Returns
    -------
    dict
        ``(u, v) -> alpha`` in ``G.edges()`` order, each between 0 and 1.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> nx.set_edge_attributes(G, {(0, 1): 6, (0, 2): 1, (0, 3): 1}, "weight")
    >>> {e: round(a, 4) for e, a in disparity_alphas(G).items()}
    {(0, 1): 0.0, (0, 2): 0.0, (0, 3): 0.0}
    >>> G.add_edges_from([(1, 2, {"weight": 1}), (2, 3, {"weight": 1})])
    >>> round(disparity_alphas(G)[(0, 1)], 4), round(disparity_alphas(G)[(0, 2)], 4)
    (0.0625, 0.4444)

    Notes
    -----
    The p-value is the closed form of ``1 - (k - 1) * integral_0^p (1 - x)^(k - 2) dx``
    (Serrano et al., eq. 2). Time is O(ties).

    References
    ----------
    .. [1] M. Á. Serrano, M. Boguñá and A. Vespignani, "Extracting the multiscale backbone
       of complex weighted networks", PNAS 106(16), 6483-6488 (2009).
       https://doi.org/10.1073/pnas.0808904106
    """
    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("the disparity filter here takes a simple undirected graph")
    strength, degree = dict(G.degree(weight=weight)), dict(G.degree())
    ties = edge_arrays(cast("nx.Graph[str]", G), weight=weight, self_loops=True)  # G.edges() order
    nodes = cast("tuple[N, ...]", ties.nodes)
    k = np.array([degree[node] for node in nodes], dtype=np.float64)
    s = np.array([float(strength[node]) for node in nodes], dtype=np.float64)

    def alpha(ends: IntArray) -> FloatArray:
        k_end, s_end = k[ends], s[ends]
        with np.errstate(divide="ignore", invalid="ignore"):  # ends with k <= 1 or s <= 0 get 0
            share = np.maximum(0.0, 1.0 - ties.weights / s_end) ** (k_end - 1)
        found: FloatArray = np.where((k_end <= 1) | (s_end <= 0), 0.0, share)
        return found

    lowest = np.minimum(alpha(ties.sources), alpha(ties.targets)).tolist()
    ends = zip(ties.sources.tolist(), ties.targets.tolist(), strict=True)
    return {(nodes[u], nodes[v]): a for (u, v), a in zip(ends, lowest, strict=True)}


def disparity_backbone(
    G: nx.Graph[N], *, alpha: float = 0.05, weight: str | None = "weight"
) -> set[tuple[N, N]]:
    """The ties that pass the disparity filter at significance ``alpha`` for at least one end.

    Parameters
    ----------
    G : networkx.Graph
        An undirected weighted graph.
    alpha : float, optional
        The significance level: smaller keeps fewer ties (0.05 is the paper's usual choice).
    weight : str or None, optional
        The edge attribute holding the tie weight.

    Returns
    -------
    set
        The kept ties as ``(u, v)`` pairs in ``G.edges()`` orientation.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([(0, 1, 20), (0, 2, 1), (0, 3, 1), (0, 4, 1), (2, 3, 1), (3, 4, 1)])
    >>> sorted(disparity_backbone(G, alpha=0.05))
    [(0, 1)]

    References
    ----------
    .. [1] M. Á. Serrano, M. Boguñá and A. Vespignani, "Extracting the multiscale backbone
       of complex weighted networks", PNAS 106(16), 6483-6488 (2009).
    """
    return {edge for edge, p in disparity_alphas(G, weight=weight).items() if p < alpha}
