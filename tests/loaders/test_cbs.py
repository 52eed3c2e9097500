"""Reading CBS files and outlines: the shared Utrecht files and variants written from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import Area
from graph.taxonomy import AreaLevel
from loaders.boundaries import read_boundaries
from loaders.cbs import check_cbs
from loaders.cbs_columns import indicator_name
from loaders.load import Checked
from loaders.report import LoadReport
from tests.loaders.cbs_files import KWB, NABIJHEID, kwb_rows, shared, wijk_outlines, write_csv, write_json


def by_code(checked: Checked) -> dict[str, Area]:
    return {area.code: area for area in checked.batch.areas}


def problems(report: LoadReport) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.code) for p in [*report.errors, *report.warnings]]


@pytest.fixture(scope="module")
def kwb() -> dict[str, Area]:
    checked = check_cbs(shared(KWB))
    assert checked.report.ok
    assert not checked.report.warnings
    return by_code(checked)


def test_statline_export_of_the_kerncijfers_gives_the_kwb_short_codes(
    tmp_path: Path, kwb: dict[str, Area]
) -> None:
    rows = kwb_rows()
    code, name, level, residents = (rows[0].index(h) for h in ("gwb_code_10", "regio", "recs", "a_inw"))
    header = [
        "Wijken en buurten",
        "Regioaanduiding/Soort regio (omschrijving)",
        "Regioaanduiding/Codering (code)",
        "Bevolking/Aantal inwoners (aantal)",
    ]
    body = [[r[name], f"{r[level]:<10}", f"{r[code]:<10}", f"{r[residents]:>8}"] for r in rows[1:]]
    text = "\n".join(";".join(f'"{cell}"' for cell in row) for row in [header, *body])
    path = tmp_path / "statline.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    checked = check_cbs(path)
    assert checked.report.ok, checked.report.errors
    assert {c: a.indicators for c, a in by_code(checked).items()} == {
        c: (("a_inw", a.indicator("a_inw")),) if a.indicator("a_inw") is not None else ()
        for c, a in kwb.items()
    }
    assert by_code(checked)["WK034401"].name == "Wijk 01 West"


def test_nabijheid_headers_become_slugs_and_the_nederland_row_is_skipped() -> None:
    checked = check_cbs(shared(NABIJHEID))
    assert checked.report.ok
    assert problems(checked.report) == [(NABIJHEID, 2, "Regioaanduiding/Codering (code)", "region-skipped")]
    names = {name for area in checked.batch.areas for name, _ in area.indicators}
    assert "horeca_restaurants_afstand_tot_restaurant_km" in names
    assert not any(name.startswith("regioaanduiding") for name in names)
    assert indicator_name("Horeca/Cafés en dergelijke/Afstand tot café e.d. (km)") == (
        "horeca_cafes_en_dergelijke_afstand_tot_cafe_e_d_km"
    )


def test_cbs_signs_missing_secret_blank_and_nihil(tmp_path: Path) -> None:
    rows = kwb_rows()
    header, west = rows[0], rows[2]
    for column, sign in (("a_man", "x"), ("a_vrouw", "  .  "), ("a_00_14", ""), ("a_15_24", "-")):
        west[header.index(column)] = sign
    west[header.index("a_inw")] = "  29710 "
    checked = check_cbs(write_csv(tmp_path / "signs.csv", rows))
    assert checked.report.ok, checked.report.errors
    area = by_code(checked)["WK034401"]
    assert [area.indicator(n) for n in ("a_man", "a_vrouw", "a_00_14", "a_15_24", "a_inw")] == [
        None,
        None,
        None,
        0.0,
        29710.0,
    ]


def test_text_column_is_warned_about_and_not_read(tmp_path: Path) -> None:
    rows = kwb_rows()
    rows[0].append("opmerking")
    for row in rows[1:]:
        row.append("zie toelichting")
    checked = check_cbs(write_csv(tmp_path / "note.csv", rows))
    assert problems(checked.report) == [("note.csv", 1, "opmerking", "text-column")]
    assert by_code(checked)["GM0344"].indicator("opmerking") is None


def test_two_columns_giving_one_indicator_are_an_error(tmp_path: Path) -> None:
    rows = kwb_rows()
    rows[0].append("Bevolking/Aantal inwoners (aantal)")
    for row in rows[1:]:
        row.append("1")
    checked = check_cbs(write_csv(tmp_path / "twice.csv", rows))
    assert problems(checked.report) == [
        ("twice.csv", 1, "Bevolking/Aantal inwoners (aantal)", "duplicate-column")
    ]


def test_buurten_without_their_wijk_get_parents_named_by_code(tmp_path: Path, kwb: dict[str, Area]) -> None:
    rows = kwb_rows()
    buurten = [r for r in rows[1:] if r[0].startswith("BU034401")]
    path = write_csv(tmp_path / "buurten.csv", [rows[0], *buurten])
    alone = check_cbs(path)
    assert problems(alone.report) == [("buurten.csv", None, None, "area-not-described")]
    made = by_code(alone)
    assert (made["WK034401"].name, made["WK034401"].parent, made["GM0344"].level) == (
        "WK034401",
        "GM0344",
        AreaLevel.GEMEENTE,
    )
    beside_store = check_cbs(path, existing=kwb)
    assert beside_store.report.ok
    assert not beside_store.report.warnings
    assert {a.level for a in beside_store.batch.areas} == {AreaLevel.BUURT}


def test_stored_indicators_and_outline_are_kept(kwb: dict[str, Area]) -> None:
    square = '{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}'
    old = Area("WK034401", "West", AreaLevel.WIJK, "GM0344", (("a_inw", 1.0), ("need", 2.0)), square)
    area = by_code(check_cbs(shared(KWB), existing={"WK034401": old}))["WK034401"]
    assert (area.name, area.boundary, area.indicator("need")) == ("Wijk 01 West", square, 2.0)
    assert area.indicator("a_inw") == 29710.0


def test_file_without_codes_extra_cells_and_empty_file(tmp_path: Path) -> None:
    rows = kwb_rows()
    no_codes = [[c for i, c in enumerate(r) if i not in (0, 5)] for r in rows]
    checked = check_cbs(write_csv(tmp_path / "nocodes.csv", no_codes))
    assert problems(checked.report) == [("nocodes.csv", 1, None, "missing-column")]
    rows[5].append("surplus")
    assert problems(check_cbs(write_csv(tmp_path / "extra.csv", rows)).report) == [
        ("extra.csv", 6, None, "extra-cells")
    ]
    (tmp_path / "empty.csv").write_text("  \n", encoding="utf-8")
    assert problems(check_cbs(tmp_path / "empty.csv").report) == [("empty.csv", None, None, "empty-file")]


def test_fingerprint_follows_the_bytes(tmp_path: Path) -> None:
    rows = kwb_rows()
    first = check_cbs(write_csv(tmp_path / "a.csv", rows)).fingerprint
    assert check_cbs(write_csv(tmp_path / "b.csv", rows)).fingerprint == first
    rows[2][rows[0].index("a_inw")] = "29711"
    assert check_cbs(write_csv(tmp_path / "c.csv", rows)).fingerprint != first


def _outlines(tmp_path: Path, document: dict[str, object]) -> tuple[dict[str, str], LoadReport]:
    path = write_json(tmp_path / "outlines.geojson", document)
    report = LoadReport(str(path))
    return read_boundaries(path, path.read_bytes(), report), report


def test_rd_outlines_become_rounded_degrees(tmp_path: Path) -> None:
    shapes, report = _outlines(tmp_path, wijk_outlines())
    assert report.ok
    assert len(shapes) == 10
    ring = json.loads(shapes["WK034401"])["coordinates"][0]
    assert ring[0] == ring[-1]
    assert len(ring) == 5
    assert all(len(str(v).split(".")[-1]) <= 6 for point in ring for v in point)
    (west, south), (east, _) = ring[0], ring[1]
    assert 4.9 < west < east < 5.1
    assert 52.0 < south < 52.1
    assert round(east - west, 3) == 0.029  # 2 km east-west at 52° N


def test_latitude_first_is_swapped_and_parts_of_one_area_are_joined(tmp_path: Path) -> None:
    document = wijk_outlines(("WK034401", "WK034401"), degrees=True)
    for feature in document["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[y, x] for x, y in ring]
    shapes, report = _outlines(tmp_path, document)
    geometry = json.loads(shapes["WK034401"])
    assert report.ok
    assert geometry["type"] == "MultiPolygon"
    assert [part[0][0] for part in geometry["coordinates"]] == [[5.0, 52.0], [5.03, 52.0]]


def test_bad_features_are_errors_at_their_number(tmp_path: Path) -> None:
    document = wijk_outlines(("WK034401", "WK034402", "WK034403", "GM0344"))
    features = document["features"]
    features[1]["geometry"] = {"type": "Point", "coordinates": [136000, 456000]}
    features[2]["properties"]["statcode"] = "WK3"
    features[3]["geometry"]["coordinates"] = [[[0, 0], [1, 1]]]
    _, report = _outlines(tmp_path, document)
    assert problems(report) == [
        ("outlines.geojson", 2, "geometry", "bad-geometry"),
        ("outlines.geojson", 3, "statcode", "bad-area-code"),
        ("outlines.geojson", 4, "geometry", "bad-geometry"),
    ]
    _, report = _outlines(tmp_path, {"type": "Topology"})
    assert problems(report) == [("outlines.geojson", None, None, "unreadable-file")]


def test_outlines_for_areas_not_known_are_skipped_with_a_warning(
    tmp_path: Path, kwb: dict[str, Area]
) -> None:
    path = write_json(tmp_path / "outlines.geojson", wijk_outlines(("WK034401", "WK099901", "WK099902")))
    checked = check_cbs(None, boundaries=path, existing=kwb)
    assert checked.report.ok
    assert problems(checked.report) == [("outlines.geojson", None, None, "unknown-area")]
    assert [a.code for a in checked.batch.areas] == ["WK034401"]
    assert checked.batch.areas[0].indicators == kwb["WK034401"].indicators


def test_a_position_that_is_not_a_finite_number_is_a_bad_geometry(tmp_path: Path) -> None:
    ring = [[5.0, 52.0], [float("nan"), 52.0], [5.1, 52.1], [5.0, 52.0]]
    feature = {
        "type": "Feature",
        "properties": {"statcode": "WK034401"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    shapes, report = _outlines(tmp_path, {"type": "FeatureCollection", "features": [feature]})
    assert shapes == {}
    assert [(e.row, e.column, e.code) for e in report.errors] == [(1, "geometry", "bad-geometry")]
