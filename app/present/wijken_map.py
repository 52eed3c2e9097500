"""The Wijken figures: wijk outlines when boundaries are loaded (a grid of tiles otherwise), heatmaps.

Both are plotly figures of filled shapes (``go.Scatter(fill="toself")``), with no map
tiles, so they work offline and in the HTML report. Each wijk is coloured by its gap
(need minus coverage: darker is more need with thinner coverage); a flagged wijk gets a
dark outline; a wijk without indicators is grey. Hovering a wijk shows its name, rank,
need, coverage and gap.

Boundaries are GeoJSON geometries (``Polygon``, ``MultiPolygon`` or a
``GeometryCollection`` of those). Degree coordinates (longitude, latitude) are drawn with
x scaled by the cosine of the mean latitude, so shapes keep their proportions; metre
coordinates (such as the Dutch RD grid CBS publishes) are drawn as they are. Holes are
cut out: exterior rings are drawn counter-clockwise and holes clockwise, in one path per
wijk, which plotly fills with the non-zero rule.

>>> square = '{"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}'
>>> wijk = WijkTile("WK1", "Noord", 1, 1.2, -0.4, 1.6, flagged=True, boundary=square)
>>> figure_kind([wijk]), figure_kind([WijkTile("WK1", "Noord", 1, 1.2, -0.4, 1.6)])
('map', 'grid')
>>> fig = wijk_figure([wijk], "en")
>>> fig.data[0].name, fig.data[0].fill
('WK1', 'toself')
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final, Literal

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from app.i18n import Language, Texts
from app.present.charts import safe
from app.present.common import number
from app.present.formatting import plotly_separators
from app.present.wijken import Matrix
from graph.model import Area
from graph.needs import WijkNeed

__all__ = [
    "COLORSCALE",
    "NO_INDICATORS",
    "Point",
    "Polygon",
    "T",
    "WijkTile",
    "figure_kind",
    "grid_figure",
    "heatmap",
    "map_figure",
    "polygons",
    "projected",
    "wijk_figure",
    "wijk_tiles",
]

Point = tuple[float, float]
Polygon = list[list[Point]]
"""One polygon: its exterior ring first, then its holes; each ring closed (first point = last)."""

COLORSCALE: Final = "YlOrRd"
NO_INDICATORS: Final = "#d9dee4"
_OUTLINE: Final = "#ffffff"
_FLAGGED: Final = "#1f2933"
_TILE: Final = 0.92  # a grid tile's size; the rest of each cell is the gap between tiles

T: Final = Texts(
    {
        "rank": ("Rang", "Rank"),
        "need": ("Nood", "Need"),
        "coverage": ("Dekking", "Coverage"),
        "gap": ("Kloof", "Gap"),
        "flagged": ("Gemarkeerd: hoge nood, dunne dekking", "Flagged: high need, thin coverage"),
        "no-indicators": ("Geen wijkcijfers", "No neighbourhood figures"),
    }
)


@dataclass(frozen=True, slots=True)
class WijkTile:
    """What the figure shows of one wijk: its scores and, when loaded, its boundary (GeoJSON text)."""

    code: str
    name: str
    rank: int
    need: float
    coverage: float
    gap: float
    flagged: bool = False
    measured: bool = True
    boundary: str | None = None


def wijk_tiles(needs: Iterable[WijkNeed], areas: Iterable[Area]) -> list[WijkTile]:
    """One tile per wijk of ``needs``, with the boundary of its area (when it has one)."""
    boundaries = {area.code: area.boundary for area in areas}
    return [
        WijkTile(
            need.code,
            need.name,
            need.rank,
            need.need_score,
            need.coverage_score,
            need.gap,
            flagged=need.flagged,
            measured=bool(need.measures),
            boundary=boundaries.get(need.code),
        )
        for need in needs
    ]


def _closed(ring: Sequence[Sequence[float]]) -> list[Point]:
    points = [(float(p[0]), float(p[1])) for p in ring if len(p) >= 2]
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def _geometry_polygons(geometry: Mapping[str, Any]) -> list[Polygon]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        found = [[_closed(ring) for ring in coordinates or ()]]
    elif kind == "MultiPolygon":
        found = [[_closed(ring) for ring in polygon] for polygon in coordinates or ()]
    elif kind == "GeometryCollection":
        found = [p for g in geometry.get("geometries") or () for p in _geometry_polygons(g)]
    elif kind == "Feature" and isinstance(geometry.get("geometry"), Mapping):
        found = _geometry_polygons(geometry["geometry"])
    else:
        found = []
    return [
        [ring for ring in polygon if len(ring) >= 4] for polygon in found if polygon and len(polygon[0]) >= 4
    ]


def polygons(boundary: str | None) -> list[Polygon]:
    """The polygons of a GeoJSON geometry (text); none for no, unreadable or non-areal geometry.

    >>> polygons('{"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2]]]}')
    [[[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 0.0)]]]
    >>> polygons('{"type": "Point", "coordinates": [0, 0]}'), polygons("not json"), polygons(None)
    ([], [], [])
    """
    if not boundary:
        return []
    try:
        geometry = json.loads(boundary)
        return _geometry_polygons(geometry) if isinstance(geometry, Mapping) else []
    except (ValueError, TypeError, IndexError):
        return []


def _signed_area(ring: Sequence[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _oriented(polygon: Polygon) -> Polygon:
    """Exterior counter-clockwise, holes clockwise (so plotly's non-zero fill cuts the holes out)."""
    rings = []
    for index, ring in enumerate(polygon):
        clockwise = _signed_area(ring) < 0
        rings.append(ring[::-1] if clockwise == (index == 0) else ring)
    return rings


def projected(shapes: Mapping[str, list[Polygon]]) -> dict[str, list[Polygon]]:
    """Shapes in drawing coordinates: degrees get x scaled by cos(mean latitude), metres stay.

    >>> out = projected({"A": [[[(5.0, 60.0), (6.0, 60.0), (6.0, 60.01), (5.0, 60.0)]]]})
    >>> [round(x, 2) for x, _ in out["A"][0][0]]  # cos(60 degrees) = 0.5
    [2.5, 3.0, 3.0, 2.5]
    >>> projected({"A": [[[(120000.0, 480000.0), (121000.0, 480000.0), (120000.0, 481000.0)]]]})["A"]
    [[[(120000.0, 480000.0), (121000.0, 480000.0), (120000.0, 481000.0)]]]
    """
    points = [p for shape in shapes.values() for polygon in shape for ring in polygon for p in ring]
    degrees = bool(points) and all(abs(x) <= 180 and abs(y) <= 90 for x, y in points)
    if not degrees:
        return {code: [_oriented(p) for p in shape] for code, shape in shapes.items()}
    scale = math.cos(math.radians(sum(y for _, y in points) / len(points)))
    return {
        code: [_oriented([[(x * scale, y) for x, y in ring] for ring in polygon]) for polygon in shape]
        for code, shape in shapes.items()
    }


def figure_kind(tiles: Iterable[WijkTile]) -> Literal["map", "grid"]:
    """``"map"`` when at least one wijk has a drawable boundary, else ``"grid"``."""
    return "map" if any(polygons(tile.boundary) for tile in tiles) else "grid"


def _colours(tiles: Sequence[WijkTile]) -> tuple[dict[str, str], tuple[float, float] | None]:
    gaps = [t.gap for t in tiles if t.measured]
    if not gaps:
        return {t.code: NO_INDICATORS for t in tiles}, None
    low, high = min(gaps), max(gaps)
    span = high - low
    colours = {
        t.code: sample_colorscale(COLORSCALE, [(t.gap - low) / span if span else 0.5])[0]
        if t.measured
        else NO_INDICATORS
        for t in tiles
    }
    return colours, (low, high)


def _hover(tile: WijkTile, lang: Language) -> str:
    lines = [f"<b>{safe(tile.name)}</b>"]
    if tile.measured:
        lines += [
            f"{T('rank', lang)}: {tile.rank}",
            f"{T('need', lang)}: {number(tile.need, lang)}",
            f"{T('coverage', lang)}: {number(tile.coverage, lang)}",
            f"{T('gap', lang)}: {number(tile.gap, lang)}",
        ]
    else:
        lines += [T("no-indicators", lang), f"{T('coverage', lang)}: {number(tile.coverage, lang)}"]
    if tile.flagged:
        lines.append(f"<b>{T('flagged', lang)}</b>")
    return "<br>".join(lines)


def _path(shape: Sequence[Polygon]) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in shape:
        for ring in polygon:
            if xs:
                xs.append(None)
                ys.append(None)
            xs += [x for x, _ in ring]
            ys += [y for _, y in ring]
    return xs, ys


def _shape_trace(tile: WijkTile, shape: Sequence[Polygon], colour: str, lang: Language) -> go.Scatter:
    xs, ys = _path(shape)
    return go.Scatter(
        x=xs,
        y=ys,
        name=tile.code,
        mode="lines",
        fill="toself",
        fillcolor=colour,
        line={"color": _FLAGGED if tile.flagged else _OUTLINE, "width": 3 if tile.flagged else 1},
        hoveron="fills",
        hoverinfo="text",
        text=_hover(tile, lang),
        showlegend=False,
    )


def _label_text(tile: WijkTile, width: int) -> str:
    words, lines = safe(tile.name).split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join([*lines, f"#{tile.rank}" if tile.measured else "–"])


def _ink(fill: str) -> str:
    """Dark text on a light fill, white text on a dark one (by perceived lightness).

    >>> _ink("rgb(255, 255, 204)"), _ink("rgb(128, 0, 38)"), _ink("#d9dee4")
    ('#1f2933', '#ffffff', '#1f2933')
    """
    if fill.startswith("#"):
        red, green, blue = (float(int(fill[i : i + 2], 16)) for i in (1, 3, 5))
    else:
        red, green, blue = (float(v) for v in fill.strip("rgba()").split(",")[:3])
    return "#1f2933" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _labels(
    tiles: Sequence[WijkTile],
    points: Mapping[str, Point],
    colours: Mapping[str, str],
    lang: Language,
    width: int,
) -> go.Scatter:
    shown = [t for t in tiles if t.code in points]
    return go.Scatter(
        x=[points[t.code][0] for t in shown],
        y=[points[t.code][1] for t in shown],
        mode="text",
        text=[_label_text(t, width) for t in shown],
        hovertext=[_hover(t, lang) for t in shown],
        hoverinfo="text",
        textfont={"size": 11 if len(shown) <= 25 else 9, "color": [_ink(colours[t.code]) for t in shown]},
        showlegend=False,
        name="labels",
    )


def _scale(bounds: tuple[float, float] | None, at: Point, lang: Language) -> list[go.Scatter]:
    """An invisible two-point trace that carries the colour bar of the gap."""
    if bounds is None:
        return []
    return [
        go.Scatter(
            x=[at[0], at[0]],
            y=[at[1], at[1]],
            mode="markers",
            marker={
                "color": list(bounds),
                "colorscale": COLORSCALE,
                "showscale": True,
                "opacity": 0,
                "colorbar": {"title": {"text": T("gap", lang)}, "thickness": 14},
            },
            hoverinfo="skip",
            showlegend=False,
            name="scale",
        )
    ]


def _frame(fig: go.Figure, height: int) -> go.Figure:
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 36, "b": 10},
        hovermode="closest",
        font={"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 12},
    )
    return fig


def _label_point(shape: Sequence[Polygon]) -> Point:
    """The centroid of the largest exterior ring (its vertex mean when the ring has no area)."""
    ring = max((polygon[0] for polygon in shape), key=lambda r: abs(_signed_area(r)))
    area = _signed_area(ring)
    if not area:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    pairs = list(pairwise(ring))
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * area)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * area)
    return cx, cy


def map_figure(tiles: Sequence[WijkTile], lang: Language) -> go.Figure:
    """The wijk outlines, one filled shape per wijk that has a boundary; the others are left out."""
    shapes = projected({t.code: polygons(t.boundary) for t in tiles if polygons(t.boundary)})
    colours, bounds = _colours(tiles)
    drawn = [t for t in tiles if t.code in shapes]
    fig = go.Figure([_shape_trace(t, shapes[t.code], colours[t.code], lang) for t in drawn])
    points = {t.code: _label_point(shapes[t.code]) for t in drawn}
    fig.add_trace(_labels(drawn, points, colours, lang, width=18))
    first = next(iter(points.values()), (0.0, 0.0))
    fig.add_traces(_scale(bounds, first, lang))
    return _frame(fig, 560 if len(drawn) <= 25 else 800)


def _square(col: int, row: int) -> Polygon:
    x0, y1 = float(col), float(-row)
    x1, y0 = x0 + _TILE, y1 - _TILE
    return [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]


def grid_figure(tiles: Sequence[WijkTile], lang: Language) -> go.Figure:
    """One square tile per wijk, ordered by code, in a roughly square grid."""
    ordered = sorted(tiles, key=lambda t: t.code)
    columns = max(1, math.ceil(math.sqrt(len(ordered))))
    cells = {t.code: divmod(i, columns)[::-1] for i, t in enumerate(ordered)}
    colours, bounds = _colours(ordered)
    fig = go.Figure([_shape_trace(t, [_square(*cells[t.code])], colours[t.code], lang) for t in ordered])
    half = _TILE / 2
    points = {code: (col + half, -row - half) for code, (col, row) in cells.items()}
    fig.add_trace(_labels(ordered, points, colours, lang, width=12))
    fig.add_traces(_scale(bounds, (half, -half), lang))
    rows = math.ceil(len(ordered) / columns) if ordered else 1
    return _frame(fig, min(1000, 120 * rows + 50))


def wijk_figure(tiles: Sequence[WijkTile], lang: Language) -> go.Figure:
    """The map when any wijk has a boundary, else the grid."""
    figure = map_figure(tiles, lang) if figure_kind(tiles) == "map" else grid_figure(tiles, lang)
    return figure.update_layout(separators=plotly_separators(lang))


def heatmap(matrix: Matrix, *, scale: str, diverging: bool, lang: Language = "nl") -> go.Figure:
    """A wijk x column heatmap with the cell texts shown; ``diverging`` centres the colours on 0."""
    rows = [safe(r) for r in matrix.rows]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.z,
            x=[safe(c) for c in matrix.columns],
            y=rows,
            text=matrix.text,
            texttemplate="%{text}",
            customdata=matrix.hover,
            hovertemplate="%{y} - %{x}<br>%{customdata}<extra></extra>",
            colorscale="RdBu_r" if diverging else "Blues",
            zmid=0 if diverging else None,
            zmin=None if diverging else 0,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": safe(scale)}, "thickness": 14},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=-30, automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(
        template="plotly_white",
        height=max(260, 34 * len(rows) + 160),
        separators=plotly_separators(lang),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 12},
    )
    return fig
