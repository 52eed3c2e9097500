"""Who is cut off when one organisation or one tie drops out of the organisation graph."""

from __future__ import annotations

import networkx as nx

__all__ = ["cut_off"]


def cut_off(graph: nx.Graph[str], node: str | None = None, edge: tuple[str, str] | None = None) -> list[str]:
    """The organisations cut off from the rest of their group when ``node`` or ``edge`` drops out.

    That is everyone in the component except the largest part that remains (and except
    ``node`` itself), sorted by id: who a cut point or a bridge (see
    :func:`graph.bottlenecks.articulation_points`, :func:`graph.bottlenecks.bridges`)
    holds to the rest.

    Parameters
    ----------
    graph : networkx.Graph
        The organisation graph.
    node, edge
        The organisation, or the tie, that drops out.

    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> cut_off(g, node="b"), cut_off(g, edge=("c", "d"))
    (['a'], ['d'])
    """
    start = node if node is not None else edge[0] if edge else None
    if start is None or start not in graph:
        return []
    component = nx.node_connected_component(graph, start)
    view = nx.restricted_view(graph, [node] if node is not None else [], [edge] if edge else [])
    parts = sorted(
        (sorted(p) for p in nx.connected_components(view.subgraph(component - {node}))), key=lambda p: -len(p)
    )
    return sorted(n for part in parts[1:] for n in part)
