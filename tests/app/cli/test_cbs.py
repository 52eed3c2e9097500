"""``ketenkaart import-cbs`` as a user runs it: the shared CBS files, a real SQLite file."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from graph.model import Area
from graph.taxonomy import AreaLevel
from queries.sqlite import SqliteStore
from tests.loaders.cbs_files import (
    KWB,
    NABIJHEID,
    UTRECHT_WIJKEN,
    kwb_rows,
    shared,
    wijk_outlines,
    with_decimal_commas,
    write_csv,
    write_json,
)

WIDE = {"COLUMNS": "400", "NO_COLOR": "1"}  # rich keeps every table cell on one line


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=WIDE, catch_exceptions=False)


def imported(db: Path, *args: str | Path) -> Result:
    result = run("import-cbs", *args, "--database", db)
    assert result.exit_code == 0, result.output
    return result


def areas(db: Path) -> dict[str, Area]:
    with SqliteStore(db) as store:
        return {area.code: area for area in store.snapshot().areas}


def load_count(db: Path) -> int:
    with SqliteStore(db) as store:
        return len(store.loads())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def errors_in(path: Path) -> list[tuple[str, int | None, str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["severity"] == "error"]
    return [(r["file"], int(r["row"]) if r["row"] else None, r["column"], r["code"]) for r in rows]


@pytest.fixture
def kwb_db(tmp_path: Path) -> Path:
    """A database holding the shared kwb file."""
    db = tmp_path / "kwb.sqlite"
    imported(db, shared(KWB))
    return db


def test_kwb_file_gives_gemeente_wijken_and_buurten_with_hierarchy(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    result = imported(db, shared(KWB))
    stored = areas(db)
    levels = [area.level for area in stored.values()]
    assert (
        levels.count(AreaLevel.GEMEENTE),
        levels.count(AreaLevel.WIJK),
        levels.count(AreaLevel.BUURT),
    ) == (
        1,
        10,
        111,
    )
    utrecht = stored["GM0344"]
    assert (utrecht.name, utrecht.parent, utrecht.indicator("a_inw")) == ("Utrecht", None, 374238.0)
    assert stored["WK034401"].name == "Wijk 01 West"
    assert all(stored[code].parent == "GM0344" for code in UTRECHT_WIJKEN)
    buurten = [a for a in stored.values() if a.level is AreaLevel.BUURT]
    assert all(b.parent == "WK" + b.code[2:8] and b.parent in stored for b in buurten)
    assert stored["BU03441014"].name == "Máximapark"
    assert "GM0344 Utrecht: a_inw 374238 residents; its 10 wijken add up to 374215" in result.output
    assert "1 gemeente, 10 wijken, 111 buurten" in result.output


def test_dots_are_absent_not_zero(kwb_db: Path) -> None:
    utrecht = areas(kwb_db)["GM0344"]
    # the kwb row of GM0344 has "." for p_geb, g_wozbag and g_afs_hp, and 1.9 for g_hhgro
    assert [utrecht.indicator(n) for n in ("p_geb", "g_wozbag", "g_afs_hp")] == [None, None, None]
    assert utrecht.indicator("g_hhgro") == 1.9
    names = {name for area in areas(kwb_db).values() for name, _ in area.indicators}
    assert "p_geb" not in names
    assert not names & {"gwb_code_10", "gwb_code_8", "gwb_code", "regio", "gm_naam", "recs", "ind_wbi"}


def test_nabijheid_adds_its_indicators_to_the_same_areas(kwb_db: Path) -> None:
    before = areas(kwb_db)
    result = imported(kwb_db, shared(NABIJHEID))
    after = areas(kwb_db)
    assert set(after) == set(before)
    assert "region-skipped" in result.output  # the Nederland row
    utrecht = after["GM0344"]
    assert utrecht.indicator("a_inw") == 374238.0
    assert utrecht.indicator("kinderopvang_kinderdagverblijf_afstand_tot_kinderdagverblijf_km") == 0.5
    west = after["BU03440111"]
    assert west.indicator("horeca_restaurants_afstand_tot_restaurant_km") == 0.3
    assert dict(west.indicators).items() >= dict(before["BU03440111"].indicators).items()
    assert len(west.indicators) > len(before["BU03440111"].indicators)
    # StatLine cuts long names at 40 characters: the full kwb name is kept
    assert after["BU03440131"].name == "Nieuw Engeland, Th. a. Kempisplantsoen en omgeving"


def test_importing_the_same_file_again_writes_nothing(kwb_db: Path) -> None:
    stored = areas(kwb_db)
    again = imported(kwb_db, shared(KWB))
    assert "No changes" in again.output
    assert areas(kwb_db) == stored
    imported(kwb_db, shared(NABIJHEID))
    both = areas(kwb_db)
    assert "No changes" in imported(kwb_db, shared(NABIJHEID)).output
    assert areas(kwb_db) == both
    assert load_count(kwb_db) == 2


def test_a_file_imported_before_logs_no_second_load(kwb_db: Path) -> None:
    imported(kwb_db, shared(NABIJHEID))
    again = imported(kwb_db, shared(KWB))
    # the 2024 kwb names win back from the 2023 StatLine spelling ("e.o."), nothing else changes
    assert "Written: 3 rows changed (areas 3)" in again.output
    assert areas(kwb_db)["BU03440432"].name == "Zeeheldenbuurt, Hengeveldstraat en omgeving"
    assert load_count(kwb_db) == 2


def test_semicolon_decimal_comma_cp1252_variant_gives_the_same_areas(tmp_path: Path, kwb_db: Path) -> None:
    variant = write_csv(
        tmp_path / "kwb_excel.csv", with_decimal_commas(kwb_rows()), delimiter=";", encoding="cp1252"
    )
    assert b"1,9" in variant.read_bytes()
    assert "Máximapark".encode("cp1252") in variant.read_bytes()
    db = tmp_path / "variant.sqlite"
    result = imported(db, variant)
    assert "cp1252" in result.output
    assert areas(db) == areas(kwb_db)


def _malformed(tmp_path: Path, defect: str) -> Path:
    rows = kwb_rows()
    header = rows[0]
    west = rows[2]  # file row 3: WK034401
    if defect == "bad-number":
        west[header.index("a_inw")] = "veel"
    elif defect == "bad-area-code":
        west[header.index("gwb_code_10")] = "WK03441"
    elif defect == "bad-value":
        west[header.index("recs")] = "Buurt"
    else:  # a second, different row for BU03440111
        twin = list(rows[3])
        twin[header.index("a_inw")] = "1801"
        rows.append(twin)
    return write_csv(tmp_path / "kwb_bad.csv", rows)


@pytest.mark.parametrize(
    ("defect", "row", "column"),
    [
        ("bad-number", 3, "a_inw"),
        ("bad-area-code", 3, "gwb_code_10"),
        ("bad-value", 3, "recs"),
        ("duplicate-key", 124, "gwb_code_10"),
    ],
)
def test_malformed_file_is_refused_at_its_row_and_column_and_writes_nothing(
    tmp_path: Path, kwb_db: Path, defect: str, row: int, column: str
) -> None:
    bad = _malformed(tmp_path, defect)
    before = sha256(kwb_db)
    result = run("import-cbs", bad, "--database", kwb_db, "--errors-csv", tmp_path / "errors.csv")
    assert result.exit_code == 1, result.output
    assert errors_in(tmp_path / "errors.csv") == [("kwb_bad.csv", row, column, defect)]
    assert "Nothing was written" in result.output
    assert sha256(kwb_db) == before


def test_boundaries_attach_to_the_wijken_and_keep_the_figures(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    outlines = write_json(tmp_path / "wijken.geojson", wijk_outlines())
    result = imported(db, shared(KWB), "--boundaries", outlines)
    assert "10 with an outline" in result.output
    stored = areas(db)
    geometry = json.loads(stored["WK034401"].boundary or "null")
    assert geometry["type"] == "Polygon"
    lon, lat = geometry["coordinates"][0][0]
    assert 4.9 < lon < 5.3
    assert 51.9 < lat < 52.2
    assert stored["GM0344"].boundary is None
    assert stored["BU03440111"].boundary is None
    assert stored["WK034401"].indicator("a_inw") == 29710.0


def test_boundaries_alone_replace_outlines_and_keep_everything_else(tmp_path: Path, kwb_db: Path) -> None:
    imported(kwb_db, "--boundaries", write_json(tmp_path / "rd.geojson", wijk_outlines()))
    first = areas(kwb_db)
    degrees = write_json(tmp_path / "degrees.geojson", wijk_outlines(degrees=True))
    imported(kwb_db, "--boundaries", degrees)
    second = areas(kwb_db)
    assert json.loads(second["WK034401"].boundary or "null")["coordinates"][0][0] == [5.0, 52.0]
    assert second["WK034401"].boundary != first["WK034401"].boundary
    assert second["WK034401"].indicators == first["WK034401"].indicators
    again = imported(kwb_db, "--boundaries", degrees)
    assert "No changes" in again.output


def test_feature_without_a_code_is_an_error_at_its_number(tmp_path: Path, kwb_db: Path) -> None:
    document = wijk_outlines()
    document["features"][2]["properties"] = {"statnaam": "no code"}
    bad = write_json(tmp_path / "wijken.geojson", document)
    before = sha256(kwb_db)
    result = run("import-cbs", "--boundaries", bad, "--database", kwb_db, "--errors-csv", tmp_path / "e.csv")
    assert result.exit_code == 1, result.output
    assert errors_in(tmp_path / "e.csv") == [("wijken.geojson", 3, "", "missing-value")]
    assert sha256(kwb_db) == before


def test_dry_run_writes_nothing(tmp_path: Path, kwb_db: Path) -> None:
    before = sha256(kwb_db)
    result = imported(kwb_db, shared(NABIJHEID), "--dry-run")
    assert "Dry run: nothing was written" in result.output
    assert sha256(kwb_db) == before


def test_import_without_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run("import-cbs", "--database", tmp_path / "db.sqlite")
    assert result.exit_code == 2
    assert "--boundaries" in result.output
