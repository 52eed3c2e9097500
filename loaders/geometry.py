"""Area boundaries: GeoJSON geometries (RFC 7946) checked and written in one compact form.

A boundary is a ``Polygon`` or ``MultiPolygon`` whose positions are WGS 84 longitude,
latitude (optionally an altitude), as GeoJSON prescribes. Each ring has at least four
positions, ends where it starts and does not cross itself. Numbers are plain JSON numbers
of at most :data:`MAX_DIGITS` digits and nesting is what a geometry needs, so neither a
number with hundreds of digits nor JSON nested thousands deep can crash a reader.
:func:`boundary_text` checks one and returns the
text the store keeps: compact JSON holding only ``type`` and ``coordinates``, so the
same outline always gives the same text (and a re-load writes nothing).

>>> boundary_text('{ "type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5, 52.1], [5, 52]]] }')
'{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5,52.1],[5,52]]]}'
>>> boundary_text('{"type": "Point", "coordinates": [5, 52]}')
Traceback (most recent call last):
...
loaders.geometry.BadGeometry: a boundary must be a GeoJSON Polygon or MultiPolygon, not 'Point'
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["BOUNDARY_TYPES", "MAX_DIGITS", "BadGeometry", "boundary_text", "compact_geometry", "loads"]

BOUNDARY_TYPES = ("Polygon", "MultiPolygon")
MAX_DIGITS = 40
"""The most characters a number in a boundary may have (a coordinate needs about 20)."""


class BadGeometry(ValueError):
    """Text that is not a usable boundary; the message says why, for a person to act on."""


def _refuse_constant(name: str) -> float:
    raise BadGeometry(f"{name} is not a number GeoJSON allows")


def _int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise BadGeometry(f"the number {text[:20]}... has {len(text)} digits; a coordinate has far fewer")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise BadGeometry(f"the number {text[:20]}... has {len(text)} characters; a coordinate has far fewer")
    return float(text)


def loads(text: str, *, constants: bool = False) -> Any:
    """JSON text as Python values, with short numbers and bounded nesting, or :class:`BadGeometry`.

    ``NaN`` and ``Infinity`` are refused here unless ``constants`` lets them through (a file of
    many outlines reports them per outline instead).

    >>> loads("[[" * 5000 + "]]" * 5000)
    Traceback (most recent call last):
    ...
    loaders.geometry.BadGeometry: the JSON is nested too deeply to be a geometry
    """
    try:
        constant = float if constants else _refuse_constant
        return json.loads(text, parse_constant=constant, parse_int=_int, parse_float=_float)
    except RecursionError as exc:
        raise BadGeometry("the JSON is nested too deeply to be a geometry") from exc
    except json.JSONDecodeError as exc:
        raise BadGeometry(f"not valid JSON ({exc.msg} at character {exc.pos + 1})") from exc


def boundary_text(text: str) -> str:
    """Check a boundary given as JSON text and return its compact form.

    Raises
    ------
    BadGeometry
        If the text is not JSON, not a Polygon or MultiPolygon, or has a bad position or ring.
    """
    return compact_geometry(loads(text))


def compact_geometry(geometry: object) -> str:
    """Check a parsed GeoJSON geometry and return the compact text the store keeps.

    >>> compact_geometry({"type": "MultiPolygon", "bbox": [0, 0, 1, 1],
    ...                   "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]})
    '{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}'

    Raises
    ------
    BadGeometry
        If it is not a Polygon or MultiPolygon with valid rings of WGS 84 positions.
    """
    if not isinstance(geometry, dict):
        raise BadGeometry('a boundary must be a GeoJSON geometry object such as {"type": "Polygon", ...}')
    kind = geometry.get("type")
    if kind not in BOUNDARY_TYPES:
        hint = "; give the feature's geometry" if kind == "Feature" else ""
        raise BadGeometry(f"a boundary must be a GeoJSON Polygon or MultiPolygon, not {kind!r}{hint}")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else _list(coordinates, "the list of polygons", 1)
    for polygon in polygons:
        for ring in _list(polygon, "a polygon (a list of rings)", 1):
            _check_ring(ring)
    return json.dumps({"type": kind, "coordinates": coordinates}, separators=(",", ":"))


def _list(value: Any, what: str, minimum: int) -> list[Any]:
    if not isinstance(value, list) or len(value) < minimum:
        raise BadGeometry(f"{what} must be a list with at least {minimum} item(s)")
    return value


def _check_ring(ring: Any) -> None:
    positions = _list(ring, "a ring", 4)
    for position in positions:
        _check_position(position)
    if positions[0] != positions[-1]:
        raise BadGeometry(f"a ring must end where it starts ({positions[0]} is not {positions[-1]})")
    crossing = self_crossing([(float(p[0]), float(p[1])) for p in positions])
    if crossing is not None:
        raise BadGeometry(f"a ring crosses itself near {list(crossing)}; an outline must not cross itself")


Point = tuple[float, float]
_WORK = 20  # comparisons per segment the crossing check may spend (a real outline needs a few)
_LONG = 64  # grid cells a segment may cross before it is compared with every other segment instead
_TOO_COMPLEX = "the outline is too unevenly spread to check; simplify it (for example in QGIS) and try again"


def _orientation(a: Point, b: Point, c: Point) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _on_segment(a: Point, b: Point, c: Point) -> bool:
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    o1, o2, o3, o4 = (
        _orientation(a, b, c),
        _orientation(a, b, d),
        _orientation(c, d, a),
        _orientation(c, d, b),
    )
    if o1 != o2 and o3 != o4:
        return True
    return any(
        o == 0 and _on_segment(p, q, r)
        for o, p, q, r in ((o1, a, b, c), (o2, a, b, d), (o3, c, d, a), (o4, c, d, b))
    )


def self_crossing(ring: list[Point]) -> Point | None:
    """A point where a closed ring crosses or touches itself (not at neighbouring segments), or ``None``.

    Segments are put in the cells of a grid about twice as fine as a typical segment is long, and
    only segments that share a cell are compared, so an outline of many thousands of positions is
    checked in about linear time.

    >>> self_crossing([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]) is None
    True
    >>> self_crossing([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])  # a bow tie
    (0, 0)

    Raises
    ------
    BadGeometry
        If the ring is so unevenly spread that checking it would take more than about
        :data:`_WORK` comparisons per segment (no real outline is).
    """
    segments = [(ring[i], ring[i + 1]) for i in range(len(ring) - 1) if ring[i] != ring[i + 1]]
    count = len(segments)
    if count < 3:
        return None
    lengths = sorted(max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a, b in segments)
    size = 2 * lengths[count // 2] or 1.0  # twice the median segment
    left, bottom = min(p[0] for p in ring), min(p[1] for p in ring)
    cells: dict[tuple[int, int], list[int]] = {}
    long: list[int] = []  # segments across many cells: compared with every segment instead
    budget = _WORK * count + 10_000
    for index, (a, b) in enumerate(segments):
        x0, x1 = sorted((int((a[0] - left) / size), int((b[0] - left) / size)))
        y0, y1 = sorted((int((a[1] - bottom) / size), int((b[1] - bottom) / size)))
        if (x1 - x0 + 1) * (y1 - y0 + 1) > _LONG:
            long.append(index)
            continue
        for gx in range(x0, x1 + 1):
            for gy in range(y0, y1 + 1):
                cells.setdefault((gx, gy), []).append(index)
    budget -= len(long) * count
    pairs = (
        (i, j)
        for members in [*cells.values(), *([i, *range(count)] for i in long)]
        for n, i in enumerate(members[:1] if len(members) > 1 and members[0] in long else members)
        for j in members[n + 1 :]
    )
    for members in cells.values():
        budget -= len(members) * (len(members) - 1) // 2
    if budget < 0:
        raise BadGeometry(_TOO_COMPLEX)
    for i, j in pairs:
        if i == j or abs(i - j) in (1, count - 1):
            continue  # the same segment, or neighbours that share an end point
        if _cross(*segments[i], *segments[j]):
            found: Point = segments[i][0]
            return found
    return None


def _check_position(position: Any) -> None:
    if not isinstance(position, list) or len(position) not in (2, 3):
        raise BadGeometry(f"a position must be [longitude, latitude], not {str(position)[:40]}")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in position):
        raise BadGeometry(f"a position must hold numbers only, not {str(position)[:40]}")
    longitude, latitude = position[0], position[1]
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise BadGeometry(
            f"position {position} is not WGS 84 longitude, latitude as GeoJSON requires "
            "(Dutch RD coordinates must be converted first)"
        )
