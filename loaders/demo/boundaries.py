"""Invented outlines for Ketendam's areas: a jittered grid at "Null Island".

The town is a grid of 6 x 5 buurt cells of 600 m (each drawn through a 2 x 2 sub-grid
of shared, jittered corner points, so the shapes look hand-drawn yet tile exactly).
Each buurt is one cell, a wijk the union of its buurten (:data:`_LAYOUT`), the gemeente
the union of all. Outlines are GeoJSON ``Polygon`` geometries with counter-clockwise
rings in WGS 84 longitude and latitude, as the store keeps boundaries (RFC 7946). The
town's south-west corner lies at 0° longitude, 0° latitude, in the open sea where no
town is, so the outlines cannot be taken for a real place.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from typing import Final

__all__ = ["_CELL", "_LAYOUT", "_boundaries"]

_CELL: Final = 600  # metres per buurt cell
_SUB: Final = 2  # sub-grid points per cell side
_JITTER: Final = 80  # metres; below half the sub-grid step, so rings never cross
_METRES_PER_DEGREE: Final = (111_320.0, 110_574.0)  # longitude, latitude at the equator
_COLUMNS, _ROWS = 6, 5
# per wijk (in _WIJKEN order), the (column, row) cell of each buurt; row 0 is the south
_LAYOUT: Final[tuple[tuple[tuple[int, int], ...], ...]] = (
    ((2, 3), (3, 3), (2, 2), (3, 2), (2, 1)),  # Centrum
    ((2, 4), (3, 4), (4, 4), (5, 4)),  # Noord
    ((4, 3), (5, 3), (4, 2), (5, 2)),  # Oost
    ((1, 0), (2, 0), (3, 0), (3, 1)),  # Zuid
    ((0, 4), (1, 4), (0, 3), (1, 3), (0, 2)),  # West
    ((4, 1), (5, 1), (4, 0), (5, 0)),  # De Hoven
    ((1, 2), (0, 1), (1, 1), (0, 0)),  # Havenkwartier, by the river in the south-west
)

Point = tuple[int, int]


def _degrees(x: float, y: float) -> list[float]:
    """Metres east and north of (0°, 0°) as [longitude, latitude], to 6 decimals (~0.1 m)."""
    return [round(x / _METRES_PER_DEGREE[0], 6), round(y / _METRES_PER_DEGREE[1], 6)]


def _points(rng: random.Random) -> dict[Point, list[float]]:
    """Every sub-grid point, jittered: grid index -> [longitude, latitude]."""
    step = _CELL // _SUB
    return {
        (i, j): _degrees(i * step + rng.randint(-_JITTER, _JITTER), j * step + rng.randint(-_JITTER, _JITTER))
        for i in range(_COLUMNS * _SUB + 1)
        for j in range(_ROWS * _SUB + 1)
    }


def _sub_cells(cells: Iterable[tuple[int, int]]) -> list[Point]:
    return [(c * _SUB + a, r * _SUB + b) for c, r in cells for a in range(_SUB) for b in range(_SUB)]


def _outline(cells: Iterable[tuple[int, int]]) -> list[Point]:
    """The counter-clockwise boundary of a simply connected set of cells, as grid points."""
    edges: set[tuple[Point, Point]] = set()
    for i, j in _sub_cells(cells):
        corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
        edges.update(zip(corners, corners[1:] + corners[:1], strict=True))
    following = {a: b for a, b in edges if (b, a) not in edges}
    start = min(following)
    ring = [start]
    while (nxt := following[ring[-1]]) != start:
        ring.append(nxt)
    return [*ring, start]


def _polygon(ring: Sequence[Point], points: dict[Point, list[float]]) -> str:
    geometry = {"type": "Polygon", "coordinates": [[points[p] for p in ring]]}
    return json.dumps(geometry, separators=(",", ":"))


def _boundaries(rng: random.Random) -> tuple[str, list[tuple[str, list[str]]]]:
    """The gemeente outline, and per wijk (in order) its outline and those of its buurten."""
    points = _points(rng)
    everything = [cell for wijk in _LAYOUT for cell in wijk]
    wijken = [
        (_polygon(_outline(cells), points), [_polygon(_outline([cell]), points) for cell in cells])
        for cells in _LAYOUT
    ]
    return _polygon(_outline(everything), points), wijken
