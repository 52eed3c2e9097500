"""Tables: columns fitted to their content, numbers per language, Dutch grid texts, CSV for a spreadsheet."""

from __future__ import annotations

import base64

from dash import Dash

from app.web import tables
from tests.app.conftest import request_as


def test_a_grid_is_sized_to_its_rows_and_speaks_dutch() -> None:
    rows = [{"rank": i, "name": f"Org {i}", "score": 1000 + i / 4} for i in range(45)]
    box = tables.table("t", rows, [("rank", "#"), ("name", "Naam"), ("score", "Score")], "nl")
    grid = box.children[1]
    options = grid.dashGridOptions
    assert options["domLayout"] == "autoHeight"
    assert options["paginationPageSize"] >= 10
    assert options["localeText"]["page"] == "Pagina"
    assert grid.defaultColDef["cellDataType"] is False  # no "Invalid Number" for text in a number column
    rank, _, score = grid.columnDefs
    assert rank["maxWidth"] <= 72
    assert score["type"] == "rightAligned"
    assert [r["__fmt_score"] for r in grid.rowData[:2]] == [
        "1.000,00",
        "1.000,25",
    ]  # one column, one precision
    assert "pagination" in options
    english = tables.table("t", rows, [("score", "Score")], "en").children[1]
    assert english.dashGridOptions["localeText"] == {}
    assert english.rowData[1]["__fmt_score"] == "1,000.25"


def test_a_wide_table_keeps_its_rank_and_name_in_view_and_a_narrow_one_pins_nothing() -> None:
    fields = [("rank", "#"), ("wijk", "Wijk")] + [(f"m{i}", f"Maat {i}") for i in range(12)]
    row = {"rank": 1, "wijk": "Centrum"} | {f"m{i}": i / 3 for i in range(12)}
    wide = tables.column_defs([row], fields, "nl")
    assert [d["field"] for d in wide if d.get("pinned") == "left"] == ["rank", "wijk"]
    narrow = tables.column_defs([row], fields[:5], "nl")
    assert not any("pinned" in d for d in narrow)


def test_the_csv_button_gives_a_file_dutch_excel_reads(demo_app: Dash) -> None:
    defs = [{"field": "name", "headerName": "Naam"}, {"field": "score", "headerName": "Score"}]
    rows = [{"name": "Buurthuis", "score": 0.5, "__fmt_score": "0,5"}]
    with request_as(demo_app):
        sent = tables.download(1, rows, rows, defs, "nl")
    content = base64.b64decode(sent["content"])
    assert content == "\ufeffNaam;Score\r\nBuurthuis;0,5\r\n".encode()
    assert sent["filename"].endswith(".csv")
