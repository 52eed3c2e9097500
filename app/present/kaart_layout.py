"""Map positions, computed on the server (once per data revision: ``Services.positions``).

Positions are computed for the whole ecosystem (every organisation, every kind of tie),
so an organisation keeps its place between visits and whatever the filter shows; the
browser only draws them (cytoscape layout ``preset``). Two sets exist: one from all
layers (analysts) and one without the referral layer (partners), so a partner's map is
never shaped by other organisations' referrals.

The layout is deterministic: each connected component is placed by PivotMDS
(networkit, seeded; Brandes & Pich 2006), refined by a few seeded Fruchterman-Reingold
steps (``nx.spring_layout``, scipy) and scaled to about one square unit per
organisation; components are packed in rows, largest first, and organisations without
ties sit in a grid below. Ties are not weighted here: the layout
shows who works with whom, not how much. For 2,000 organisations and 15,000 ties it takes
about 1.5 s (PivotMDS 0.15 s, five refinement steps about 1.2 s); a cached call is a
dictionary lookup.

>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> pos = layout_positions(G)
>>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(G)
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import networkit as nk
import networkx as nx
import numpy as np
import numpy.typing as npt

__all__ = ["SPACING", "Point", "layout_positions"]

Point = tuple[float, float]
SPACING: Final = 45.0  # pixels per organisation: a component of n takes about (sqrt(n) * SPACING) square
_SMALL: Final = 3  # components below this size are laid out by hand
_REFINE_FEW: Final = 50  # refinement steps for small components
_REFINE_MANY: Final = 5  # and for components above _MANY nodes
_MANY: Final = 500
_GAP: Final = 1.5  # gap between packed components, in units of SPACING


def _pivot_mds(component: nx.Graph[str], nodes: Sequence[str], seed: int) -> npt.NDArray[np.float64]:
    index = {node: i for i, node in enumerate(nodes)}
    g = nk.Graph(len(nodes))
    for a, b in component.edges():
        g.addEdge(index[a], index[b])
    nk.engineering.setSeed(seed, False)
    mds = nk.viz.PivotMDS(g, 2, min(50, len(nodes)))
    mds.run()
    return np.array([[p[0], p[1]] for p in mds.getCoordinates()], dtype=float)


def _component_layout(component: nx.Graph[str], seed: int) -> npt.NDArray[np.float64]:
    """Unit-free coordinates of one connected component, centred, typical edge length ~1."""
    nodes = sorted(component)
    if len(nodes) < _SMALL:
        return np.array([[float(i), 0.0] for i in range(len(nodes))])
    start = _pivot_mds(component, nodes, seed)
    if not np.isfinite(start).all() or np.ptp(start) == 0:
        start = np.random.default_rng(seed).random((len(nodes), 2))
    steps = _REFINE_FEW if len(nodes) <= _MANY else _REFINE_MANY
    refined = nx.spring_layout(
        component, pos=dict(zip(nodes, start, strict=True)), iterations=steps, weight=None, seed=seed
    )
    coords = np.array([refined[n] for n in nodes], dtype=float)
    coords -= coords.mean(axis=0)
    spread = float(np.sqrt(np.prod(np.ptp(coords, axis=0) + 1e-9)))
    return coords * (math.sqrt(len(nodes)) / spread)


def _pack(
    blocks: Sequence[tuple[list[str], npt.NDArray[np.float64]]],
) -> dict[str, Point]:
    """Place blocks (nodes, coordinates) in rows, largest first, left to right."""
    total = sum(float(np.ptp(c[:, 0])) + _GAP for _, c in blocks) if blocks else 0.0
    row_width = max(float(np.ptp(blocks[0][1][:, 0])) if blocks else 0.0, math.sqrt(total * 20.0))
    placed: dict[str, Point] = {}
    x = y = row_height = 0.0
    for nodes, coords in blocks:
        low = coords.min(axis=0)
        width, height = (coords.max(axis=0) - low).tolist()
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (cx, cy) in zip(nodes, (coords - low).tolist(), strict=True):
            placed[node] = (x + cx, y + cy)
        x += width + _GAP
        row_height = max(row_height, height)
    return placed


def _grid(nodes: Sequence[str], top: float, width: float) -> dict[str, Point]:
    columns = max(1, int(width) + 1, math.ceil(math.sqrt(len(nodes))))
    return {node: (float(i % columns), top + float(i // columns)) for i, node in enumerate(nodes)}


def layout_positions(graph: nx.Graph[str], *, seed: int = 0, spacing: float = SPACING) -> dict[str, Point]:
    """Pixel positions ``{node: (x, y)}`` for every node of ``graph``; same graph and seed, same result.

    Components with at least two nodes are laid out and packed in rows; organisations
    without ties fill a grid below them.
    """
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph) if len(c) > 1), key=lambda c: (-len(c), c[0])
    )
    blocks = [(nodes, _component_layout(graph.subgraph(nodes), seed)) for nodes in components]
    placed = _pack(blocks)
    isolates = sorted(node for node in graph if graph.degree(node) == 0)
    if isolates:
        top = max((p[1] for p in placed.values()), default=-_GAP) + _GAP
        width = max((p[0] for p in placed.values()), default=0.0)
        placed.update(_grid(isolates, top, width))
    return {node: (round(x * spacing, 1), round(y * spacing, 1)) for node, (x, y) in placed.items()}
