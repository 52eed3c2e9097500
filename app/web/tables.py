"""Tables of the app: one AG Grid component with a CSV button, for every page.

Cells are rendered as text (AG Grid escapes them; no HTML or Markdown renderer is
enabled), so names and descriptions from input files can never inject markup. Numbers
stay numbers in the grid (so columns sort), and show as :mod:`app.present.formatting`
wrote them for the language; the grid's own texts (pager, filters) are in the same
language (:data:`GRID_NL`). Every grid sizes itself to its rows (no inner scrollbar,
pages of :data:`PAGE_SIZE`), fits its columns to their content and wraps long texts.
On a phone a table shows as a list of cards instead (a tap on a card selects its row).

The CSV button asks the server for exactly the rows the grid holds (after the viewer's
sorting and filtering), which the server had already limited to what the viewer may see;
Dutch files use ``;`` and decimal commas with a UTF-8 byte order mark, as Dutch Excel reads them.

>>> t = table("kansen-links", [{"a": "X", "b": 2}], [("a", "Organisatie"), ("b", "Score")], "nl")
>>> t.children[1].id, t.children[1].csvExportParams["fileName"]
({'type': 'table', 'name': 'kansen-links'}, 'kansen-links.csv')
>>> t.children[1].rowData[0]["__fmt_b"]
'2'
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any, Final

import dash_ag_grid as dag
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html

from app.i18n import LABELS, Texts, language
from app.present import formatting
from app.web import ids
from app.web.wiring import callback, clientside

__all__ = ["GRID_NL", "PAGE_SIZE", "TABLE", "TABLE_CSV", "TABLE_DOWNLOAD", "column_defs", "download", "table"]

TABLE: Final = "table"
TABLE_CSV: Final = "table-csv"
TABLE_DOWNLOAD: Final = "table-download"
TABLE_CARD: Final = "table-card"
PAGE_SIZE: Final = 20
"""Rows per page of a grid: at least ten rows on a laptop screen, one page in view."""
CARDS: Final = 30
"""How many rows a table shows as cards on a phone; the CSV holds them all."""
FMT: Final = "__fmt_"
"""Prefix of the hidden fields that hold a number as the language writes it."""
LONG: Final = 40
"""A text column whose longest cell passes this many characters wraps and gets the room."""
WIDE: Final = 10
"""Above this many columns a table scrolls sideways, its "#" and name columns pinned on the left."""

T: Final = Texts(
    {
        "first-cards": (
            "De eerste {shown} van {total}; de CSV bevat ze allemaal.",
            "The first {shown} of {total}; the CSV holds them all.",
        ),
    }
)

GRID_NL: Final[Mapping[str, str]] = {
    "page": "Pagina",
    "of": "van",
    "to": "tot",
    "more": "meer",
    "firstPage": "Eerste pagina",
    "previousPage": "Vorige pagina",
    "nextPage": "Volgende pagina",
    "lastPage": "Laatste pagina",
    "pageSizeSelectorLabel": "Rijen per pagina:",
    "pageLastRowUnknown": "?",
    "noRowsToShow": "Geen rijen",
    "loadingOoo": "Laden...",
    "loadingError": "FOUT",
    "thousandSeparator": ".",
    "decimalSeparator": ",",
    "invalidNumber": "Geen getal",
    "invalidDate": "Geen datum",
    "blanks": "(Leeg)",
    "selectAll": "(Alles)",
    "searchOoo": "Zoeken...",
    "noMatches": "Niets gevonden",
    "filterOoo": "Filter...",
    "empty": "Kies er een",
    "equals": "Is gelijk aan",
    "notEqual": "Is niet gelijk aan",
    "lessThan": "Kleiner dan",
    "greaterThan": "Groter dan",
    "lessThanOrEqual": "Kleiner dan of gelijk aan",
    "greaterThanOrEqual": "Groter dan of gelijk aan",
    "inRange": "Tussen",
    "inRangeStart": "Van",
    "inRangeEnd": "Tot",
    "contains": "Bevat",
    "notContains": "Bevat niet",
    "startsWith": "Begint met",
    "endsWith": "Eindigt op",
    "blank": "Leeg",
    "notBlank": "Niet leeg",
    "before": "Voor",
    "after": "Na",
    "andCondition": "EN",
    "orCondition": "OF",
    "applyFilter": "Toepassen",
    "resetFilter": "Herstellen",
    "clearFilter": "Wissen",
    "cancelFilter": "Annuleren",
    "filterSummaryInactive": "is (alles)",
    "filterSummaryContains": "bevat",
    "filterSummaryNotContains": "bevat niet",
    "filterSummaryTextEquals": "is gelijk aan",
    "filterSummaryTextNotEqual": "is niet gelijk aan",
    "filterSummaryStartsWith": "begint met",
    "filterSummaryEndsWith": "eindigt op",
    "filterSummaryBlank": "is leeg",
    "filterSummaryNotBlank": "is niet leeg",
    "filterSummaryInRange": "tussen",
    "pinColumn": "Kolom vastzetten",
    "pinLeft": "Links vastzetten",
    "pinRight": "Rechts vastzetten",
    "noPin": "Niet vastzetten",
    "autosizeThiscolumn": "Deze kolom passend maken",
    "autosizeAllColumns": "Alle kolommen passend maken",
    "resetColumns": "Kolommen herstellen",
    "sortAscending": "Oplopend sorteren",
    "sortDescending": "Aflopend sorteren",
    "sortUnSort": "Sortering wissen",
    "columns": "Kolommen",
    "filters": "Filters",
    "copy": "Kopiëren",
    "export": "Exporteren",
    "csvExport": "CSV-export",
    "ariaPageSizeSelectorLabel": "Rijen per pagina",
    "ariaFilterValue": "Filterwaarde",
    "ariaFilterInput": "Filterinvoer",
    "ariaSearch": "Zoeken",
}
"""AG Grid's own texts in Dutch (English is the grid's default)."""


def _fitted(header: str, texts: Sequence[str]) -> int:
    """A column's minimum width in pixels: its longest cell, and the header's longest word beside
    the filter button (headers wrap between words, never inside one)."""
    longest_word = max((len(word) for word in header.split()), default=1)
    longest = max((len(t) for t in texts), default=0)
    return min(max(8 * longest + 36, 9 * longest_word + 64, 64), 200)  # longer names wrap


def _decimals(values: Sequence[object]) -> int:
    """How many decimals a number column needs (at most 3), the same for every row.

    >>> _decimals([4.5, 3.52, 2]), _decimals([1, 2]), _decimals([0.16543])
    (2, 0, 3)
    """
    numbers = [float(v) for v in values if formatting.is_number(v)]  # type: ignore[arg-type]
    for digits in range(3):
        if all(abs(round(n, digits) - round(n, 3)) < 1e-9 for n in numbers):
            return digits
    return 3


def column_defs(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    lang: object,
    widths: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """AG Grid column definitions fitted to the rows: numbers right-aligned and formatted,
    long texts wrapping with the most room, the "#" column narrow.

    >>> row = {"rank": 1, "why": "x" * 60, "n": 1070}
    >>> defs = column_defs([row], [("rank", "#"), ("why", "Waarom"), ("n", "Aantal")], "nl")
    >>> [(d["field"], d.get("maxWidth"), d["flex"]) for d in defs]
    [('rank', 72, 0), ('why', None, 4), ('n', None, 1)]
    """
    defs: list[dict[str, Any]] = []
    for field, header in columns:
        values = [row.get(field) for row in rows]
        numeric = any(formatting.is_number(v) for v in values) and all(
            formatting.is_number(v) or v in (None, "") for v in values
        )
        texts = [formatting.cell(v, lang) if formatting.is_number(v) else str(v or "") for v in values]
        spec: dict[str, Any] = {"field": field, "headerName": header, "minWidth": _fitted(header, texts)}
        if numeric:
            spec |= {
                "type": "rightAligned",
                "filter": "agNumberColumnFilter",
                "valueFormatter": {"function": f"params.data ? params.data['{FMT}{field}'] : ''"},
                "flex": 1,
            }
        else:
            long = max((len(t) for t in texts), default=0) > LONG
            spec |= {"flex": 4 if long else 1} | ({"minWidth": 220} if long else {})
        if field == "rank":
            spec |= {"minWidth": 56, "maxWidth": 72, "flex": 0, "width": 64, "filter": False}
        if widths and field in widths:
            spec["flex"] = widths[field]
        defs.append(spec)
    if len(defs) > WIDE:  # too many columns to fit: the row's name stays while the rest scrolls
        named = next((d for d in defs if d["field"] != "rank" and "type" not in d), None)
        for spec in defs:
            if spec["field"] == "rank" or spec is named:
                spec["pinned"] = "left"
    return defs


def _max_width(defs: Sequence[Mapping[str, Any]]) -> str:
    """A narrow table (a few short columns) stays narrow; one with long texts takes the page's width."""
    if any(d.get("flex", 0) > 1 for d in defs):
        return "100%"
    return f"{max(sum(int(d.get('minWidth', 100)) for d in defs) * 3 // 2, 360)}px"


def _shown(value: object, lang: object, digits: int) -> str:
    if value in (None, ""):
        return ""
    if not formatting.is_number(value):
        return str(value)
    return formatting.number(float(value), lang, digits)  # type: ignore[arg-type]


def _row_data(
    rows: Sequence[Mapping[str, Any]], defs: Sequence[Mapping[str, Any]], lang: object
) -> list[dict[str, Any]]:
    numeric = [d["field"] for d in defs if "valueFormatter" in d]
    digits = {f: _decimals([row.get(f) for row in rows]) for f in numeric}
    return [dict(row) | {FMT + f: _shown(row.get(f), lang, digits[f]) for f in numeric} for row in rows]


def _text(row: Mapping[str, Any], field: str, lang: object) -> str:
    """A cell as the grid shows it (numbers as formatted for their column)."""
    shown = row.get(FMT + field)
    return str(shown) if shown is not None else formatting.cell(row.get(field), lang)


def _card(
    name: str,
    row: Mapping[str, Any],
    title_field: str,
    rest: Sequence[tuple[str, str]],
    lang: object,
    select_by: str | None,
) -> html.Article:
    body = [
        html.H3(_text(row, title_field, lang)),
        html.Dl(
            [
                part
                for field, header in rest
                if row.get(field) not in (None, "")
                for part in (html.Dt(header), html.Dd(_text(row, field, lang)))
            ]
        ),
    ]
    if not select_by:
        return html.Article(body, className="table-card")
    identity = {"type": TABLE_CARD, "name": name, "row": str(row.get(select_by, ""))}
    return html.Article(body, id=identity, n_clicks=0, className="table-card selectable", tabIndex="0")


def _cards(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    lang: object,
    select_by: str | None,
) -> html.Div:
    """The rows as cards (the phone's view): the first column as the title, the rest as a list.

    With ``select_by``, a tap on a card selects its row in the grid, as a click on the row does.
    """
    (title_field, _), rest = columns[0], columns[1:]
    if title_field == "rank" and rest:
        (title_field, _), rest = rest[0], [c for c in columns if c[0] != rest[0][0]]
    cards = [_card(name, row, title_field, rest, lang, select_by) for row in rows[:CARDS]]
    more = (
        [html.P(T("first-cards", lang).format(shown=CARDS, total=formatting.number(len(rows), lang, 0)))]
        if len(rows) > CARDS
        else []
    )
    return html.Div([*cards, *more], className="table-cards")


def table(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    lang: object,
    *,
    widths: Mapping[str, int] | None = None,
    select_by: str | None = None,
) -> html.Div:
    """A grid of ``rows`` with ``columns`` as (field, header) pairs and a CSV download button.

    ``name`` identifies the table on the page (and names the CSV file); it must be
    unique across the app. ``widths`` gives columns relative widths (flex shares) in
    place of the fitted ones; ``select_by`` names the field that identifies a row and
    lets a click select it (read ``selectedRows``), on a phone a tap on its card.
    """
    chosen = language(lang)
    defs = column_defs(rows, columns, chosen, widths)
    options: dict[str, Any] = {
        "pagination": len(rows) > PAGE_SIZE,
        "paginationPageSize": PAGE_SIZE,
        "paginationPageSizeSelector": [PAGE_SIZE, 50, 100],
        "domLayout": "autoHeight",
        "localeText": dict(GRID_NL) if chosen == "nl" else {},
    }
    if select_by:
        options["rowSelection"] = {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
    data = _row_data(rows, defs, chosen)
    cards = [_cards(name, data, columns, chosen, select_by)] if columns else []
    return html.Div(
        [
            html.Button(
                LABELS("download-csv", chosen),
                id={"type": TABLE_CSV, "name": name},
                className="csv-button",
                n_clicks=0,
            ),
            dag.AgGrid(
                id={"type": TABLE, "name": name},
                rowData=data,
                columnDefs=defs,
                defaultColDef={
                    "sortable": True,
                    "filter": True,
                    "resizable": True,
                    "wrapText": True,
                    "autoHeight": True,
                    "wrapHeaderText": True,
                    "autoHeaderHeight": True,
                    "cellDataType": False,
                },
                getRowId=f"params.data.{select_by}" if select_by else None,
                csvExportParams={"fileName": f"{name}.csv"},
                dashGridOptions=options,
                style={"width": "100%", "maxWidth": _max_width(defs)},
                className="ag-theme-alpine",
            ),
            *cards,
            dcc.Download(id={"type": TABLE_DOWNLOAD, "name": name}),
        ],
        className="table-box has-cards" if cards else "table-box",
    )


clientside(
    """function(clicks) {
    const chosen = window.dash_clientside.callback_context.triggered_id;
    const tapped = clicks && clicks.some(function (n) { return n; });
    if (!chosen || !tapped) { return window.dash_clientside.no_update; }
    return {ids: [chosen.row]};
}""",
    Output({"type": TABLE, "name": MATCH}, "selectedRows"),
    Input({"type": TABLE_CARD, "name": MATCH, "row": ALL}, "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output({"type": TABLE_DOWNLOAD, "name": MATCH}, "data"),
    Input({"type": TABLE_CSV, "name": MATCH}, "n_clicks"),
    State({"type": TABLE, "name": MATCH}, "virtualRowData"),
    State({"type": TABLE, "name": MATCH}, "rowData"),
    State({"type": TABLE, "name": MATCH}, "columnDefs"),
    State(ids.Shell.LANG, "value"),
    prevent_initial_call=True,
)
def download(
    clicks: int | None,
    shown: list[dict[str, Any]] | None,
    rows: list[dict[str, Any]] | None,
    defs: list[dict[str, Any]] | None,
    lang: str | None,
) -> dict[str, Any]:
    """The grid's rows (as sorted and filtered) as a CSV file for a spreadsheet in the language."""
    name = ctx.triggered_id["name"] if isinstance(ctx.triggered_id, Mapping) else "table"
    columns = [(str(d["field"]), str(d.get("headerName", d["field"]))) for d in defs or []]
    content = formatting.csv_bytes(shown if shown is not None else rows or [], columns, language(lang))
    return {"content": base64.b64encode(content).decode("ascii"), "filename": f"{name}.csv", "base64": True}
