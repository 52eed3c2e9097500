"""Read area outlines from a GeoJSON FeatureCollection, as CBS and PDOK publish the
wijk- en buurtkaart.

Each Polygon or MultiPolygon feature gives the outline of the area its code property
names: the first non-empty one of ``statcode``, ``buurtcode``, ``wijkcode``,
``gemeentecode``, ``bu_code``, ``wk_code``, ``gm_code`` or ``code`` (any case), so a
buurt feature that also carries its wijk and gemeente codes is the buurt's. Features
sharing a code are joined into one MultiPolygon.

Outlines are stored as GeoJSON geometry text in WGS84 longitude/latitude (RFC 7946):
RD New metres (EPSG:28992) are converted, latitude/longitude written in the wrong order
for the Netherlands is swapped, coordinates are rounded to 6 decimals (about 0.1 m) and
points that rounding makes equal to the one before are dropped. A feature's row in the
report is its number in the file, counting from 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.areacodes import AREA_CODE
from loaders.codes import ProblemCode
from loaders.geometry import BadGeometry, compact_geometry, loads
from loaders.rd_new import looks_like_rd, rd_to_wgs84
from loaders.readers import decode
from loaders.report import FileSummary, LoadReport

__all__ = ["CODE_PROPERTIES", "read_boundaries"]

CODE_PROPERTIES = (
    "statcode",
    "buurtcode",
    "wijkcode",
    "gemeentecode",
    "bu_code",
    "wk_code",
    "gm_code",
    "code",
)
_DECIMALS = 6

Position = tuple[float, float]
Ring = list[Position]
Projector = Callable[[float, float], Position]


def read_boundaries(path: Path, data: bytes, report: LoadReport) -> dict[str, str]:
    """Outline per area code (compact GeoJSON geometry text); problems go into ``report``."""
    features, encoding = _features(path.name, data, report)
    polygons: dict[str, list[list[Ring]]] = {}
    for number, feature in enumerate(features, start=1):
        found = _feature(path.name, number, feature, report)
        if found is not None:
            polygons.setdefault(found[0], []).extend(found[1])
    report.files.append(FileSummary(path.name, "boundaries", len(features), encoding))
    return {code: _geometry_text(parts) for code, parts in polygons.items()}


def _features(file: str, data: bytes, report: LoadReport) -> tuple[list[Any], str]:
    """The file's features and its encoding."""
    try:
        text, encoding = decode(data)
        document = loads(text, constants=True)  # numbers of at most 40 characters, nesting bounded
    except (UnicodeDecodeError, BadGeometry) as exc:
        report.error(file, None, None, ProblemCode.UNREADABLE_FILE, f"not readable JSON: {exc}")
        return [], ""
    if isinstance(document, dict) and document.get("type") == "Feature":
        return [document], encoding
    if not (isinstance(document, dict) and isinstance(document.get("features"), list)):
        report.error(file, None, None, ProblemCode.UNREADABLE_FILE, "not a GeoJSON FeatureCollection")
        return [], encoding
    return list(document["features"]), encoding


def _feature(file: str, number: int, feature: Any, report: LoadReport) -> tuple[str, list[list[Ring]]] | None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    found = _code_property(properties if isinstance(properties, dict) else {})
    if found is None:
        names = ", ".join(CODE_PROPERTIES[:4])
        report.error(
            file, number, None, ProblemCode.MISSING_VALUE, f"feature {number} has no code property ({names})"
        )
        return None
    key, code = found
    if not AREA_CODE.match(code):
        message = f"feature {number}: {code[:40]!r} is not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx)"
        report.error(file, number, key, ProblemCode.BAD_AREA_CODE, message)
        return None
    try:
        return code, _polygons(feature.get("geometry"))
    except ValueError as exc:
        report.error(file, number, "geometry", ProblemCode.BAD_GEOMETRY, f"feature {number} ({code}): {exc}")
        return None


def _code_property(properties: dict[str, Any]) -> tuple[str, str] | None:
    lowered = {str(key).lower(): (str(key), value) for key, value in properties.items()}
    for name in CODE_PROPERTIES:
        key, value = lowered.get(name, (name, None))
        if isinstance(value, str) and value.strip():
            return key, value.strip().upper()
    return None


def _polygons(geometry: Any) -> list[list[Ring]]:
    if not isinstance(geometry, dict):
        raise ValueError("the feature has no geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon") or not isinstance(coordinates, list) or not coordinates:
        raise ValueError(f"a {kind!r} geometry; only Polygon and MultiPolygon outline an area")
    parts = [coordinates] if kind == "Polygon" else coordinates
    rings = [[_ring(ring) for ring in _list(part, "polygon")] for part in parts]
    project = _projector(rings[0][0][0])
    kept = []
    for part in rings:
        outer, *holes = (_rounded(ring, project) for ring in part)
        if outer:  # a polygon whose outline collapses is dropped, holes and all
            kept.append([outer, *(hole for hole in holes if hole)])
    if not kept:
        raise ValueError("every ring is smaller than 0.1 m")
    return kept


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"a {what} must be a non-empty list")
    return value


def _ring(value: Any) -> Ring:
    positions = [_position(p) for p in _list(value, "ring")]
    if len(positions) < 4 or positions[0] != positions[-1]:
        raise ValueError("a ring needs at least 4 positions and must end where it starts")
    return positions


def _position(value: Any) -> Position:
    if not isinstance(value, list) or len(value) < 2:
        raise ValueError(f"{str(value)[:40]} is not a position [x, y]")
    x, y = value[0], value[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
        raise ValueError(f"{str(value)[:40]} is not a position of two numbers")
    return float(x), float(y)


def _projector(first: Position) -> Projector:
    """How to turn this feature's coordinates into longitude/latitude."""
    x, y = first
    if looks_like_rd(x, y):
        return rd_to_wgs84
    if 50 <= x <= 54 and 3 <= y <= 8:  # latitude first: the Netherlands written (lat, lon)
        return lambda a, b: (b, a)
    if -180 <= x <= 180 and -90 <= y <= 90:
        return lambda a, b: (a, b)
    raise ValueError(f"{x}, {y} is neither longitude/latitude nor RD New (EPSG:28992)")


def _rounded(ring: Ring, project: Projector) -> Ring:
    """The ring in rounded degrees without repeated points; empty when it collapses."""
    kept: Ring = []
    for x, y in ring:
        lon, lat = project(x, y)
        point = (round(lon, _DECIMALS), round(lat, _DECIMALS))
        if not kept or kept[-1] != point:
            kept.append(point)
    return kept if len(kept) >= 4 else []


def _geometry_text(parts: list[list[Ring]]) -> str:
    coordinates = [[[list(p) for p in ring] for ring in part] for part in parts]
    geometry = (
        {"type": "Polygon", "coordinates": coordinates[0]}
        if len(coordinates) == 1
        else {"type": "MultiPolygon", "coordinates": coordinates}
    )
    return compact_geometry(geometry)  # the form, and the checks, of every stored boundary
