"""Map positions, computed on the server (once per data revision: ``Services.positions``).

Positions are computed for the whole ecosystem (every organisation, every kind of tie),
so an organisation keeps its place between visits and whatever the filter shows; the
browser only draws them (cytoscape layout ``preset``). Two sets exist: one from all
layers (analysts) and one without the referral layer (partners), so a partner's map is
never shaped by other organisations' referrals.

The layout is deterministic: each connected component is placed by PivotMDS
(networkit, seeded; Brandes & Pich 2006), refined by a few seeded Fruchterman-Reingold
steps (``nx.spring_layout``, scipy) and scaled to about one square unit per
organisation; members far out on a long path are drawn in towards the component's body
(:func:`_pull_in`), so a small outlying group does not squeeze the rest; pairs
closer than ``NODE_GAP`` are pushed apart (no two nodes overlap), each
component is turned so its long axis runs left to right, and the components are packed
around the largest on shelves below or to its right, whichever keeps the drawing nearest
the canvas' shape (``ASPECT``); organisations without ties form one more block, a band of rows
as wide as the drawing above it. Ties are not weighted here: the layout shows who works with
whom, not how much. Besides: :func:`fit_aspect` (stretch what is drawn to the canvas' shape),
:func:`turn` (a quarter turn for a portrait canvas, a phone's), :func:`wijk_layout`
(organisations in wijk blocks on the territory), :func:`radial_layout` (a focus and its
rings) and :func:`group_layout` (the grouped map as a graph of groups). For 2,000
organisations and 15,000 ties it takes about 1.5 s (PivotMDS 0.15 s, five refinement steps
about 1.2 s); a cached call is a dictionary lookup.

>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> pos = layout_positions(G)
>>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(G)
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Final

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

__all__ = [
    "ASPECT",
    "NODE_GAP",
    "SPACING",
    "Block",
    "Point",
    "fit_aspect",
    "group_layout",
    "layout_positions",
    "radial_layout",
    "separate",
    "turn",
    "wijk_layout",
]

Point = tuple[float, float]
ASPECT: Final = 1.6  # width / height of the map canvas on a desktop screen
NODE_GAP: Final = 36.0  # no two organisations closer than this (the largest node is 28 across)
SPACING: Final = 45.0  # pixels per organisation: a component of n takes about (sqrt(n) * SPACING) square
FOCUS_SPACING: Final = 80.0  # along a ring of the focus layout, between neighbouring organisations
_SMALL: Final = 3  # components below this size are laid out by hand
_REFINE_FEW: Final = 50  # refinement steps for small components
_REFINE_MANY: Final = 5  # and for components above _MANY nodes
_MANY: Final = 500
_GAP: Final = 1.5  # gap between packed components, in units of SPACING
_TUCK_BLOCKS: Final = 40  # components tried inside the drawing's box (the largest after the main one)
_TUCK_SIZE: Final = 60  # up to this many organisations
_BODY: Final = 0.9  # a component's body: this share of its members, nearest its middle
_REACH: Final = 1.2  # members further than this times the body's reach are drawn in
_TAIL: Final = 0.25  # to this share of the distance beyond


def _pivot_mds(component: nx.Graph[str], nodes: Sequence[str], seed: int) -> npt.NDArray[np.float64]:
    import networkit as nk  # noqa: PLC0415 - heavy: only once organisations are laid out, not at the start

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


def _pull_in(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Draw a component's far-flung members in towards its body: beyond ``_REACH`` times the
    distance from the middle that ``_BODY`` of the members lie within, what lies further out is
    shrunk to ``_TAIL`` of its length (direction and order kept). A small group hanging on a long
    path would otherwise set the drawing's size and squeeze the body into part of the canvas."""
    if len(coords) < _SMALL * 4:
        return coords
    middle = np.median(coords, axis=0)
    offset = coords - middle
    far = np.hypot(offset[:, 0], offset[:, 1])
    limit = _REACH * float(np.quantile(far, _BODY))
    if limit <= 0 or far.max() <= limit:
        return coords
    scale = np.where(far > limit, (limit + (far - limit) * _TAIL) / np.maximum(far, 1e-9), 1.0)
    pulled: npt.NDArray[np.float64] = middle + offset * scale[:, None]
    return pulled


def separate(coords: npt.NDArray[np.float64], gap: float, rounds: int = 60) -> npt.NDArray[np.float64]:
    """Push apart every pair of points closer than ``gap`` (pixels) until none is, or ``rounds`` pass."""
    coords = coords.copy()
    if len(coords) < 2:
        return coords
    rng = np.random.default_rng(0)
    for _ in range(rounds):
        pairs = cKDTree(coords).query_pairs(gap * 0.999, output_type="ndarray")
        if len(pairs) == 0:
            break
        delta = coords[pairs[:, 1]] - coords[pairs[:, 0]]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        same = dist < 1e-6
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        dist[same] = np.hypot(delta[same, 0], delta[same, 1])
        push = (delta / dist[:, None]) * ((gap - dist) / 2 + 0.5)[:, None]
        moves = np.zeros_like(coords)
        np.add.at(moves, pairs[:, 1], push)
        np.add.at(moves, pairs[:, 0], -push)
        coords += moves
    done: npt.NDArray[np.float64] = coords
    return done


def _upright(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Rotate a component so its longest axis runs left to right (principal axes)."""
    centred = coords - coords.mean(axis=0)
    if len(coords) < 3:
        return np.asarray(centred, dtype=float)
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    turned: npt.NDArray[np.float64] = centred @ vectors[:, ::-1]
    return turned


def _pack(
    blocks: Sequence[tuple[list[str], npt.NDArray[np.float64]]], gap: float, aspect: float = ASPECT
) -> dict[str, Point]:
    """Place blocks (pixel coordinates), the largest first, the others around it.

    A further block goes, where it fits, inside the drawing's bounding box so far (into the
    empty corners beside a round main component, nearest the middle, no node within ``gap`` of
    another block's), else on the shelf below or the shelf to the right of what is placed,
    whichever keeps the whole drawing closest to ``aspect`` (width / height) with the least area.
    """
    placed: dict[str, Point] = {}
    if not blocks:
        return placed
    nodes, first = blocks[0]
    first = first - first.min(axis=0)
    width, height = (first.max(axis=0)).tolist()
    placed.update(zip(nodes, map(tuple, first.tolist()), strict=True))
    points = [first]
    below = [0.0, height + gap, 0.0]  # x cursor, shelf top, shelf height
    right = [width + gap, 0.0, 0.0]  # shelf left, y cursor, shelf width
    for index, (nodes, raw) in enumerate(blocks[1:]):
        coords = raw - raw.min(axis=0)
        w, h = coords.max(axis=0).tolist()
        inside = _tuck(coords, np.vstack(points), width, height, gap) if index < _TUCK_BLOCKS else None
        if inside is not None:
            moved = coords + inside
            points.append(moved)
            placed.update(zip(nodes, map(tuple, moved.tolist()), strict=True))
            continue
        options = []
        bx, by = below[0], below[1]
        if bx > 0 and bx + w > max(width, 1.0):
            bx, by = 0.0, below[1] + below[2] + gap
        options.append(("below", bx, by, max(width, bx + w), max(height, by + h)))
        rx, ry = right[0], right[1]
        if ry > 0 and ry + h > max(height, 1.0):
            rx, ry = right[0] + right[2] + gap, 0.0
        options.append(("right", rx, ry, max(width, rx + w), max(height, ry + h)))

        def cost(option: tuple[str, float, float, float, float]) -> float:
            _, _, _, wide, high = option
            wide, high = max(wide, 1.0), max(high, 1.0)  # a flat block (one row) has no height
            return wide * high * max(wide / high / aspect, aspect * high / wide)

        side, x, y, width, height = min(options, key=cost)
        if side == "below":
            if y != below[1]:
                below[1], below[2] = y, 0.0
            below[0], below[2] = x + w + gap, max(below[2], h)
        else:
            if x != right[0]:
                right[0], right[2] = x, 0.0
            right[1], right[2] = y + h + gap, max(right[2], w)
        placed.update(zip(nodes, ((x + cx, y + cy) for cx, cy in coords.tolist()), strict=True))
        points.append(coords + np.array([x, y]))
    return placed


def _tuck(
    coords: npt.NDArray[np.float64], points: npt.NDArray[np.float64], width: float, height: float, gap: float
) -> npt.NDArray[np.float64] | None:
    """The offset nearest the middle that puts ``coords`` (from (0, 0)) inside ``width`` x
    ``height`` with none of its points within ``gap`` of ``points``; ``None`` when none does."""
    w, h = coords.max(axis=0).tolist()
    if w > width or h > height or len(coords) > _TUCK_SIZE:
        return None
    xs, ys = np.arange(0.0, width - w + 1e-9, NODE_GAP), np.arange(0.0, height - h + 1e-9, NODE_GAP)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    middle = np.array([(width - w) / 2, (height - h) / 2])
    grid = grid[np.argsort(np.hypot(*(grid - middle).T), kind="stable")]
    tree = cKDTree(points)
    for start in range(0, len(grid), 256):  # nearest the middle first, a batch at a time
        chunk = grid[start : start + 256]
        near, _ = tree.query((chunk[:, None, :] + coords[None, :, :]).reshape(-1, 2))
        free = near.reshape(len(chunk), len(coords)).min(axis=1) >= gap
        if free.any():
            found: npt.NDArray[np.float64] = chunk[int(np.argmax(free))]
            return found
    return None


def _grid(nodes: Sequence[str], step: float, width: float = 0.0) -> npt.NDArray[np.float64]:
    """Rows of ``step`` apart: as many columns as fit in ``width``, at least a ``ASPECT`` block's."""
    columns = max(1, math.ceil(math.sqrt(len(nodes) * ASPECT)), int(width // step) + 1)
    columns = min(columns, len(nodes))
    return np.array([[(i % columns) * step, (i // columns) * step] for i in range(len(nodes))], dtype=float)


def fit_aspect(positions: Mapping[str, Point], aspect: float = ASPECT) -> dict[str, Point]:
    """Stretch positions along one axis so their bounding box has about ``aspect`` (width / height).

    Only ever stretches, so no two points come closer (no new overlaps, no new label clashes);
    stretches by at most 3x.

    >>> fit_aspect({"a": (0, 0), "b": (10, 10)}, 2.0)
    {'a': (0.0, 0.0), 'b': (20.0, 10.0)}
    """
    if len(positions) < 2:
        return {k: (float(x), float(y)) for k, (x, y) in positions.items()}
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x0, y0 = min(xs), min(ys)
    width, height = max(xs) - x0, max(ys) - y0
    sx = sy = 1.0
    if height > 0 and width < aspect * height:
        sx = min(3.0, aspect * height / max(width, height / 3))
    elif width > 0 and width > aspect * height:
        sy = min(3.0, width / aspect / max(height, width / 3))
    return {
        k: (round(x0 + (x - x0) * sx, 1), round(y0 + (y - y0) * sy, 1)) for k, (x, y) in positions.items()
    }


def layout_positions(graph: nx.Graph[str], *, seed: int = 0, spacing: float = SPACING) -> dict[str, Point]:
    """Pixel positions ``{node: (x, y)}`` for every node of ``graph``; same graph and seed, same result.

    Components with at least two nodes are laid out, turned upright, separated (no two
    organisations closer than ``NODE_GAP``) and packed around the largest; organisations
    without ties form one more block, a grid.
    """
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph) if len(c) > 1), key=lambda c: (-len(c), c[0])
    )
    blocks = [
        (
            nodes,
            separate(_upright(_pull_in(_component_layout(graph.subgraph(nodes), seed))) * spacing, NODE_GAP),
        )
        for nodes in components
    ]
    placed = _pack(blocks, _GAP * spacing)
    isolates = sorted(node for node in graph if graph.degree(node) == 0)
    if isolates:  # a band of rows below the rest, as wide as it: no block of its own to pack
        xs = [x for x, _ in placed.values()] or [0.0]
        top = max((y for _, y in placed.values()), default=-_GAP * spacing) + _GAP * spacing
        band = _grid(isolates, NODE_GAP * 1.2, max(xs) - min(xs))
        band += np.array([min(xs) + (max(xs) - min(xs) - float(np.ptp(band[:, 0]))) / 2, top])
        placed.update(zip(isolates, map(tuple, band.tolist()), strict=True))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in placed.items()}


def turn(positions: Mapping[str, Point]) -> dict[str, Point]:
    """A quarter turn (counter-clockwise on screen, y pointing down): a drawing laid out for a
    landscape canvas, upright for a portrait one. Distances stay, so no two nodes come closer.

    >>> turn({"a": (0.0, 0.0), "b": (30.0, 10.0)})
    {'a': (0.0, 0.0), 'b': (10.0, -30.0)}
    """
    return {k: (float(y), float(-x) + 0.0) for k, (x, y) in positions.items()}


def _disc(members: Sequence[str], positions: Mapping[str, Point]) -> dict[str, Point]:
    """Members of an opened group around (0, 0): their map shape, shrunk to a disc, no overlaps."""
    coords = np.array([positions.get(m, (0.0, 0.0)) for m in members], dtype=float)
    coords -= coords.mean(axis=0)
    reach = float(np.hypot(coords[:, 0], coords[:, 1]).max()) if len(coords) else 0.0
    radius = math.sqrt(len(members)) * NODE_GAP * 0.6
    if reach > 0:
        coords *= radius / reach
    coords = separate(coords, NODE_GAP)
    return {m: (float(x), float(y)) for m, (x, y) in zip(members, coords.tolist(), strict=True)}


def group_layout(
    members: Mapping[str, Sequence[str]],
    ties: Mapping[tuple[str, str], float],
    sizes: Mapping[str, float],
    positions: Mapping[str, Point],
    expanded: frozenset[str] = frozenset(),
    *,
    gap: float = 40.0,
) -> tuple[dict[str, Point], dict[str, Point]]:
    """The grouped map as a graph of groups: a centre per group and positions of opened groups' members.

    Groups are placed by a seeded spring layout of the group graph (``ties``: summed tie
    weights between groups), then spread until no two groups' discs (a closed group's disc
    holds its square of side ``sizes``; an opened group's disc holds its members) come within
    ``gap``. An opened group's members keep their map shape, shrunk into their disc around
    the group's centre.

    >>> centres, inside = group_layout({"a": ["x", "y"], "b": ["z"]}, {("a", "b"): 3}, {"a": 50, "b": 50}, {})
    >>> sorted(centres), inside, math.dist(centres["a"], centres["b"]) >= 90
    (['a', 'b'], {}, True)
    """
    discs = {key: _disc(members[key], positions) for key in sorted(expanded) if key in members}
    radius = {
        key: (
            max((math.hypot(x, y) for x, y in discs[key].values()), default=0.0) + NODE_GAP
            if key in discs
            else sizes.get(key, 30.0) / math.sqrt(2)  # a closed group is a square: its corners
        )
        for key in members
    }
    keys = sorted(members)
    if len(keys) == 1:
        unit = {keys[0]: np.zeros(2)}
    else:
        H: nx.Graph[str] = nx.Graph()
        H.add_nodes_from(keys)
        H.add_weighted_edges_from((a, b, w) for (a, b), w in ties.items() if a in radius and b in radius)
        unit = nx.spring_layout(H, weight="weight", seed=0, iterations=100)
    spread = _spread_discs(keys, {key: np.asarray(unit[key], dtype=float) for key in keys}, radius, gap)
    centres = {key: (round(float(spread[key][0]), 1), round(float(spread[key][1]), 1)) for key in keys}
    inside = {
        m: (round(centres[key][0] + x, 1), round(centres[key][1] + y, 1))
        for key, disc in discs.items()
        for m, (x, y) in disc.items()
    }
    return centres, inside


def _centroid(boundary: str) -> Point | None:
    """The mean of a GeoJSON polygon's outer ring(s): good enough to place a block on the territory."""
    try:
        geometry = json.loads(boundary)
    except ValueError:
        return None
    rings = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        rings = rings[:1]
    elif geometry.get("type") == "MultiPolygon":
        rings = [polygon[0] for polygon in rings if polygon]
    points = [p for ring in rings for p in ring if len(p) >= 2]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _spread_discs(
    keys: Sequence[str],
    unit: Mapping[str, npt.NDArray[np.float64]],
    radius: Mapping[str, float],
    gap: float,
) -> dict[str, npt.NDArray[np.float64]]:
    """Disc centres from anchor points: scaled so neighbouring discs just touch (median over
    nearest neighbours), then pushed apart pair by pair until no two discs overlap."""
    if len(keys) < 2:
        return {k: np.zeros(2) for k in keys}
    ratios = []
    for a in keys:
        near = min((b for b in keys if b != a), key=lambda b: float(np.linalg.norm(unit[a] - unit[b])))
        apart = float(np.linalg.norm(unit[a] - unit[near])) or 1e-6
        ratios.append((radius[a] + radius[near] + gap) / apart)
    at = {k: unit[k] * float(np.median(ratios)) for k in keys}
    for _ in range(200):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                delta = at[b] - at[a]
                apart = float(np.linalg.norm(delta))
                need = radius[a] + radius[b] + gap
                if apart < need - 1e-6:
                    step = (delta / apart if apart > 1e-9 else np.array([1.0, 0.0])) * (need - apart) / 2
                    at[a], at[b], moved = at[a] - step, at[b] + step, True
        if not moved:
            break
    return at


def radial_layout(
    focus: str, rings: Sequence[Sequence[str]], positions: Mapping[str, Point], aspect: float = ASPECT
) -> dict[str, Point]:
    """A focused organisation in the middle, those one step away on a ring around it, two steps
    on the next: each ring an ellipse of the canvas' shape (``aspect``), in the order of their map positions
    (so the picture keeps the map's left and right), spaced ``FOCUS_SPACING`` apart along the ring.

    >>> pos = radial_layout("a", [["b", "c"]], {"a": (0, 0), "b": (10, 0), "c": (-10, 0)})
    >>> pos["a"], pos["b"][0] > 0 > pos["c"][0]
    ((0.0, 0.0), True)
    """
    cx, cy = positions.get(focus, (0.0, 0.0))
    placed: dict[str, Point] = {focus: (0.0, 0.0)}
    inner = 0.0
    wide, high = max(aspect, 1.0), max(1.0 / aspect, 1.0)
    shape = math.sqrt((wide**2 + high**2) / 2)  # ellipse circumference ~ 2 pi r shape
    for ring in rings:
        members = sorted(
            ring,
            key=lambda n: (
                math.atan2(positions.get(n, (cx, cy))[1] - cy, positions.get(n, (cx, cy))[0] - cx),
                n,
            ),
        )
        r = max(inner + FOCUS_SPACING * 2, len(members) * FOCUS_SPACING / (2 * math.pi * shape))
        offset = (
            math.atan2(
                positions.get(members[0], (cx, cy))[1] - cy, positions.get(members[0], (cx, cy))[0] - cx
            )
            if members
            else 0.0
        )
        for i, node in enumerate(members):
            angle = offset + 2 * math.pi * i / len(members)
            placed[node] = (round(r * wide * math.cos(angle), 1), round(r * high * math.sin(angle), 1))
        inner = r
    return placed


Block = tuple[float, float, float]  # centre x, centre y, radius


def wijk_layout(
    members: Mapping[str, Sequence[str]],
    positions: Mapping[str, Point],
    boundaries: Mapping[str, str] | None = None,
    *,
    gap: float = 40.0,
) -> tuple[dict[str, Point], dict[str, Block]]:
    """Organisations in wijk blocks: each wijk's organisations keep their map shape inside a disc.

    With ``boundaries`` (GeoJSON outlines per wijk) the discs sit where the wijken lie
    (north up), spread just enough not to overlap; without, in a grid in code order.

    A block without a boundary (``"*"``: organisations serving the whole municipality) sits
    in the middle of the others. Returns the positions and each block's centre and radius.

    >>> pos, blocks = wijk_layout({"WK1": ["a", "b"], "WK2": ["c"]}, {"a": (0, 0), "b": (50, 0), "c": (9, 9)})
    >>> sorted(pos), pos["c"][0] > pos["b"][0], sorted(blocks)
    (['a', 'b', 'c'], True, ['WK1', 'WK2'])
    """
    keys = sorted(k for k, v in members.items() if v)
    discs = {key: _disc(members[key], positions) for key in keys}
    radius = {
        key: max((math.hypot(x, y) for x, y in discs[key].values()), default=0.0) + NODE_GAP for key in keys
    }
    anchors = {k: _centroid(boundaries[k]) for k in keys if boundaries and boundaries.get(k)}
    found = {k: a for k, a in anchors.items() if a is not None}
    if found and len(found) >= len(keys) - 1 and len(keys) > 1:
        middle = np.mean([[x, -y] for x, y in found.values()], axis=0)
        unit = {k: np.array([found[k][0], -found[k][1]]) if k in found else middle for k in keys}  # north up
    else:
        columns = max(1, math.ceil(math.sqrt(len(keys) * ASPECT)))
        unit = {k: np.array([float(i % columns), float(i // columns)]) for i, k in enumerate(keys)}
    centres = _spread_discs(keys, unit, radius, gap)
    placed: dict[str, Point] = {}
    blocks: dict[str, Block] = {}
    for key in keys:
        cx, cy = centres[key].tolist()
        blocks[key] = (round(cx, 1), round(cy, 1), round(radius[key], 1))
        for node, (x, y) in discs[key].items():
            placed.setdefault(node, (round(cx + x, 1), round(cy + y, 1)))
    return placed, blocks
