"""Communities of the organisation graph, as the map colours them.

The same detection as the silo index (:func:`graph.mixing.silo_index`): Louvain on the tie
weights with a fixed seed, so the clusters a user sees on the map are the ones the silo index
compares with the sectors.

>>> import networkx as nx
>>> G = nx.barbell_graph(4, 0)
>>> found = louvain_labels(G)
>>> found[0] == found[3] != found[4] == found[7]
True
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph.arrays import EdgeArrays, IntArray, edge_arrays
from graph.engines import one_thread

__all__ = ["community_codes", "louvain_labels"]

_NETWORKIT_MIN_EDGES = 20_000  # above this, Louvain runs in networkit (PLM), not NetworkX


def louvain_labels(G: nx.Graph[str], *, weight: str | None = "weight", seed: int = 0) -> dict[str, int]:
    """Each node's community number: 0 for the largest community, 1 for the next, and so on.

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph.
    weight : str or None, optional
        The edge attribute holding the tie weight (``None``: every tie weighs 1).
    seed : int, optional
        The seed of Louvain's random node order; the same seed, the same communities.

    Returns
    -------
    dict
        ``node -> community``; isolated nodes each form their own community.

    Examples
    --------
    >>> import networkx as nx
    >>> labels = louvain_labels(nx.karate_club_graph(), weight=None)
    >>> len(set(labels.values())), labels[0]
    (4, 1)

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
       communities in large networks", J. Stat. Mech. P10008 (2008).
    """
    edges = edge_arrays(G, weight=weight, self_loops=True)
    codes = community_codes(G, edges, weight=weight, seed=seed)
    found: dict[int, list[str]] = {}
    for node, code in zip(edges.nodes, codes.tolist(), strict=True):
        found.setdefault(code, []).append(node)
    ranked = sorted(found.values(), key=lambda c: (-len(c), min(map(str, c))))
    return {node: number for number, members in enumerate(ranked) for node in members}


def community_codes(G: nx.Graph[str], edges: EdgeArrays, *, weight: str | None, seed: int) -> IntArray:
    """Louvain communities as one code per node of ``edges.nodes`` (the one detection of the project).

    NetworkX below ``_NETWORKIT_MIN_EDGES`` ties (or on a directed graph), networkit's PLM
    (sequential, seeded, so reproducible) above; the silo index and the map both call this.
    """
    if edges.directed or len(edges.weights) < _NETWORKIT_MIN_EDGES:
        communities = nx.community.louvain_communities(G, weight=weight, seed=seed)
        label = {node: c for c, members in enumerate(communities) for node in members}
        return np.fromiter((label[node] for node in edges.nodes), dtype=np.int64, count=len(edges.nodes))
    with one_thread() as nk:  # PLM is sequential here; its other steps gain nothing from threads
        graph = nk.Graph(len(edges.nodes), weighted=True, directed=False)
        graph.addEdges((edges.weights, (edges.sources, edges.targets)))
        nk.engineering.setSeed(seed, False)  # networkit's seed is global to the process
        plm = nk.community.PLM(graph, refine=True, par="none randomized")  # sequential: reproducible
        plm.run()
    _, labels = np.unique(np.asarray(plm.getPartition().getVector()), return_inverse=True)
    return labels.astype(np.int64)
