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

from collections.abc import Hashable
from typing import TypeVar

import networkx as nx

__all__ = ["louvain_labels"]

N = TypeVar("N", bound=Hashable)


def louvain_labels(G: nx.Graph[N], *, weight: str | None = "weight", seed: int = 0) -> dict[N, int]:
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
    found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    ranked = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    return {node: number for number, members in enumerate(ranked) for node in members}
