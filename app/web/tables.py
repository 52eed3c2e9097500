"""Tables of the app: one AG Grid component with a CSV button, for every page.

Cells are rendered as text (AG Grid escapes them; no HTML or Markdown renderer is
enabled), so names and descriptions from input files can never inject markup. The CSV
button exports exactly the rows the grid holds, which the server has already limited
to what the viewer may see.

>>> t = table("kansen-links", [{"a": "X", "b": 2}], [("a", "Organisatie"), ("b", "Score")], "nl")
>>> t.children[1].id, t.children[1].csvExportParams["fileName"]
({'type': 'table', 'name': 'kansen-links'}, 'kansen-links.csv')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import dash_ag_grid as dag
from dash import MATCH, Input, Output, html

from app.i18n import LABELS
from app.web.wiring import clientside

__all__ = ["TABLE", "TABLE_CSV", "table"]

TABLE: Final = "table"
TABLE_CSV: Final = "table-csv"


def table(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    lang: object,
    *,
    height: int = 420,
    widths: Mapping[str, int] | None = None,
    select_by: str | None = None,
    wrap_headers: bool = False,
) -> html.Div:
    """A grid of ``rows`` with ``columns`` as (field, header) pairs and a CSV download button.

    ``name`` identifies the table on the page (and names the CSV file); it must be
    unique across the app. ``widths`` gives columns relative widths (flex shares; the
    columns then keep them instead of fitting their content); ``select_by`` names the
    field that identifies a row and lets a click select it (read ``selectedRows``);
    ``wrap_headers`` lets long column headers wrap onto more lines instead of being cut.
    """
    options: dict[str, Any] = {"pagination": len(rows) > 50, "paginationPageSize": 50}
    if select_by:
        options["rowSelection"] = {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
    return html.Div(
        [
            html.Button(
                LABELS("download-csv", lang),
                id={"type": TABLE_CSV, "name": name},
                className="csv-button",
                n_clicks=0,
            ),
            dag.AgGrid(
                id={"type": TABLE, "name": name},
                rowData=list(rows),
                columnDefs=[
                    {"field": field, "headerName": header} | ({"flex": widths[field]} if widths else {})
                    for field, header in columns
                ],
                defaultColDef={
                    "sortable": True,
                    "filter": True,
                    "resizable": True,
                    "wrapText": True,
                    "autoHeight": True,
                }
                | ({"wrapHeaderText": True, "autoHeaderHeight": True} if wrap_headers else {}),
                columnSize=None if widths else "responsiveSizeToFit",
                getRowId=f"params.data.{select_by}" if select_by else None,
                csvExportParams={"fileName": f"{name}.csv"},
                dashGridOptions=options,
                style={"height": f"{height}px"},
                className="ag-theme-alpine",
            ),
        ],
        className="table-box",
    )


clientside(
    "function(n) { return n > 0; }",
    Output({"type": TABLE, "name": MATCH}, "exportDataAsCsv"),
    Input({"type": TABLE_CSV, "name": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
