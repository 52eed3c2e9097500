"""Area boundaries: GeoJSON geometries (RFC 7946) checked and written in one compact form.

A boundary is a ``Polygon`` or ``MultiPolygon`` whose positions are WGS 84 longitude,
latitude (optionally an altitude), as GeoJSON prescribes. Each ring has at least four
positions and ends where it starts. :func:`boundary_text` checks one and returns the
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

__all__ = ["BOUNDARY_TYPES", "BadGeometry", "boundary_text", "compact_geometry"]

BOUNDARY_TYPES = ("Polygon", "MultiPolygon")


class BadGeometry(ValueError):
    """Text that is not a usable boundary; the message says why, for a person to act on."""


def _refuse_constant(name: str) -> float:
    raise BadGeometry(f"{name} is not a number GeoJSON allows")


def boundary_text(text: str) -> str:
    """Check a boundary given as JSON text and return its compact form.

    Raises
    ------
    BadGeometry
        If the text is not JSON, not a Polygon or MultiPolygon, or has a bad position or ring.
    """
    try:
        geometry = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise BadGeometry(f"not valid JSON ({exc.msg} at character {exc.pos + 1})") from exc
    return compact_geometry(geometry)


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
