"""The Wijken figures: outlines from boundaries (holes, MultiPolygons, degrees vs metres), the grid."""

from __future__ import annotations

import json
import math
from itertools import pairwise
from typing import Any

import pytest

from app.present.wijken import Matrix
from app.present.wijken_map import (
    NO_INDICATORS,
    WijkTile,
    figure_kind,
    grid_figure,
    heatmap,
    map_figure,
    polygons,
    projected,
    wijk_figure,
    wijk_tiles,
)
from graph.needs import needs_vs_coverage
from tests.app.wijk_world import HAVEN, WIJKEN, stad

SQUARE = [[1000.0, 1000.0], [1004.0, 1000.0], [1004.0, 1004.0], [1000.0, 1004.0], [1000.0, 1000.0]]
"""A 4 x 4 square in metre coordinates (outside the degree range, so drawn as it is)."""


def polygon(*rings: list[list[float]]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": list(rings)})


def tile(code: str, gap: float = 0.0, **kwargs: Any) -> WijkTile:
    return WijkTile(code, kwargs.pop("name", code), kwargs.pop("rank", 1), 0.0, 0.0, gap, **kwargs)


def shapes(fig: Any) -> dict[str, Any]:
    return {trace.name: trace for trace in fig.data if trace.fill == "toself"}


def parts(xs: Any, ys: Any) -> list[list[tuple[float, float]]]:
    """The rings of one trace's path (separated by ``None``)."""
    rings: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if x is None:
            rings.append([])
        else:
            rings[-1].append((x, y))
    return rings


def signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def test_polygons_read_polygon_multipolygon_collection_and_feature() -> None:
    assert len(polygons(polygon(SQUARE))) == 1
    multi = json.dumps({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]})
    assert len(polygons(multi)) == 2
    collection = json.dumps({"type": "GeometryCollection", "geometries": [json.loads(multi)]})
    assert len(polygons(collection)) == 2
    feature = json.dumps({"type": "Feature", "geometry": json.loads(polygon(SQUARE)), "properties": {}})
    assert len(polygons(feature)) == 1


@pytest.mark.parametrize(
    "text",
    [None, "", "{", "[]", '{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}', '{"type": "Polygon"}'],
)
def test_unreadable_or_non_areal_boundaries_give_no_polygons(text: str | None) -> None:
    assert polygons(text) == []


def test_polygons_are_drawn_one_trace_per_wijk_with_hover() -> None:
    tiles = [
        tile("WK1", 1.0, name="Noord & <b>Oost</b>", rank=1, boundary=polygon(SQUARE)),
        tile("WK2", -1.0, rank=2, boundary=polygon([[5, 0], [9, 0], [9, 4], [5, 4], [5, 0]])),
    ]
    assert figure_kind(tiles) == "map"
    drawn = shapes(wijk_figure(tiles, "en"))
    assert sorted(drawn) == ["WK1", "WK2"]
    first = drawn["WK1"]
    assert (first.fill, first.hoveron) == ("toself", "fills")
    assert sorted(zip(first.x, first.y, strict=True)) == sorted((x, y) for x, y in SQUARE)
    assert "Noord &amp; &lt;b&gt;Oost&lt;/b&gt;" in first.text  # names are shown as text
    assert all(part in first.text for part in ("Rank: 1", "Gap: 1.00", "Coverage: 0.00"))


def test_a_multipolygon_is_one_trace_with_a_part_per_polygon() -> None:
    multi = json.dumps(
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[p[0] + 10, p[1]] for p in SQUARE]]]}
    )
    trace = shapes(map_figure([tile("WK1", boundary=multi)], "nl"))["WK1"]
    rings = parts(trace.x, trace.y)
    assert len(rings) == 2
    assert max(x for x, _ in rings[1]) == 1014.0


def test_holes_are_wound_against_their_exterior_so_they_stay_empty() -> None:
    hole = [[1001.0, 1001.0], [1003.0, 1001.0], [1003.0, 1003.0], [1001.0, 1003.0], [1001.0, 1001.0]]
    clockwise_outer = SQUARE[::-1]  # and the hole counter-clockwise: both wound the wrong way
    trace = shapes(map_figure([tile("WK1", boundary=polygon(clockwise_outer, hole))], "nl"))["WK1"]
    outer, inner = parts(trace.x, trace.y)
    assert signed_area(outer) == 16.0  # counter-clockwise
    assert signed_area(inner) == -4.0  # clockwise: the non-zero fill leaves it empty


def test_degrees_are_scaled_by_the_cosine_of_the_latitude() -> None:
    square = [[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]
    trace = shapes(map_figure([tile("WK1", boundary=polygon(square))], "nl"))["WK1"]
    width = max(trace.x) - min(trace.x)
    height = max(trace.y) - min(trace.y)
    mean_latitude = sum(p[1] for p in square) / len(square)
    assert width == pytest.approx(0.1 * math.cos(math.radians(mean_latitude)))
    assert height == pytest.approx(0.1)


def test_metres_are_drawn_as_they_are() -> None:
    square = [[136000.0, 455000.0], [137000.0, 455000.0], [137000.0, 456000.0], [136000.0, 456000.0]]
    trace = shapes(map_figure([tile("WK1", boundary=polygon(square))], "nl"))["WK1"]
    assert (min(trace.x), max(trace.x), min(trace.y), max(trace.y)) == (
        136000.0,
        137000.0,
        455000.0,
        456000.0,
    )
    assert projected({"A": polygons(polygon(square))})["A"][0][0][0] == (136000.0, 455000.0)


def test_the_map_has_equal_axes_and_no_tiles_from_the_internet() -> None:
    fig = map_figure([tile("WK1", boundary=polygon(SQUARE))], "nl")
    assert fig.layout.yaxis.scaleanchor == "x"
    assert not {"map", "mapbox", "geo"} & set(fig.to_plotly_json()["layout"])
    assert "http" not in fig.to_json()
    assert {trace.type for trace in fig.data} == {"scatter"}


def test_a_wijk_without_boundary_is_left_off_the_map() -> None:
    fig = map_figure([tile("WK1", boundary=polygon(SQUARE)), tile("WK2")], "nl")
    assert sorted(shapes(fig)) == ["WK1"]


@pytest.mark.parametrize(
    ("count", "columns", "rows"), [(1, 1, 1), (4, 2, 2), (7, 3, 3), (9, 3, 3), (10, 4, 3)]
)
def test_without_boundaries_a_roughly_square_grid_in_code_order(count: int, columns: int, rows: int) -> None:
    tiles = [tile(f"WK{i:02d}", gap=float(i), rank=count - i) for i in reversed(range(count))]
    assert figure_kind(tiles) == "grid"
    drawn = shapes(wijk_figure(tiles, "nl"))
    assert len(drawn) == count
    corners = {code: (min(t.x), max(t.y)) for code, t in drawn.items()}
    assert len({x for x, _ in corners.values()}) == columns
    assert len({y for _, y in corners.values()}) == rows
    ordered = sorted(corners, key=lambda code: (-corners[code][1], corners[code][0]))
    assert ordered == sorted(corners)  # reading order is code order
    sides = {round(max(t.x) - min(t.x), 6) for t in drawn.values()} | {
        round(max(t.y) - min(t.y), 6) for t in drawn.values()
    }
    assert len(sides) == 1  # square tiles
    labels = next(t for t in grid_figure(tiles, "nl").data if t.mode == "text")
    assert len(labels.text) == count


def test_colour_follows_the_gap_flagged_wijken_are_outlined_and_unmeasured_are_grey() -> None:
    tiles = [
        tile("WK1", gap=2.0, flagged=True),
        tile("WK2", gap=0.0),
        tile("WK3", gap=-1.0),
        tile("WK4", gap=5.0, measured=False),
    ]
    drawn = shapes(grid_figure(tiles, "nl"))

    def darkness(code: str) -> int:
        red, green, blue = (int(v) for v in drawn[code].fillcolor.strip("rgb()").split(","))
        return -(red + green + blue)

    assert darkness("WK1") > darkness("WK2") > darkness("WK3")
    assert drawn["WK4"].fillcolor == NO_INDICATORS
    assert "Geen wijkcijfers" in drawn["WK4"].text
    assert drawn["WK1"].line.width > drawn["WK2"].line.width
    assert "Gemarkeerd" in drawn["WK1"].text


def test_tiles_carry_the_scores_and_boundaries_of_needs_vs_coverage() -> None:
    eco = stad(boundaries=True)
    tiles = wijk_tiles(needs_vs_coverage(eco), eco.areas)
    assert tiles[0].code == HAVEN
    assert {t.code for t in tiles} == set(WIJKEN)
    assert all(t.boundary for t in tiles)
    assert tiles[0].flagged
    fig = wijk_figure(tiles, "en")
    assert sorted(shapes(fig)) == sorted(WIJKEN)
    assert len(parts(shapes(fig)[HAVEN].x, shapes(fig)[HAVEN].y)) == 2  # the MultiPolygon
    assert len(parts(shapes(fig)["WK000101"].x, shapes(fig)["WK000101"].y)) == 2  # the hole


def test_the_heatmap_shows_cell_texts_and_centres_a_diverging_scale() -> None:
    matrix = Matrix(
        ["Noord", "Zuid"], ["A", "B"], [[1.0, None], [-1.0, 0.5]], [["1", ""], ["-1", "0,5"]], [["x"] * 2] * 2
    )
    fig = heatmap(matrix, scale="z", diverging=True)
    assert (fig.data[0].zmid, list(fig.data[0].y)) == (0, ["Noord", "Zuid"])
    assert heatmap(matrix, scale="n", diverging=False).data[0].zmin == 0
