"""Callbacks of the kaart page: thin adapters from controls to :mod:`app.present.kaart`.

- :func:`draw`: the filter bar and the page's controls -> elements, legend, status line;
- :func:`tap`: a tapped organisation becomes the selection (``ids.Shell.SELECTED``, which
  the coffee page starts from); a tapped group node opens or closes that group;
- :func:`search`: a chosen name becomes the selection and the map focuses on it;
- :func:`show_panel`: the selection -> the side panel;
- :func:`compare`: several organisations box-selected (shift + drag) -> a comparison in the panel;
- in the browser, the canvas' shape (width / height, ``ids.Kaart.SHAPE``) as the page opens,
  estimated by ``assets/kaart.js`` before the canvas exists and measured again as the window
  changes: the map is drawn upright on a portrait canvas (a phone).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final, cast

from dash import Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from app.i18n import Texts, language
from app.present.filters import Filters
from app.present.formatting import count, number
from app.present.kaart import (
    LAYOUTS,
    MapRequest,
    MapView,
    canvas_aspect,
    comparison,
    export_meta,
    map_view,
    panel_data,
)
from app.present.kaart_elements import GROUP_PREFIX, GroupBy, Ties, toggle_group
from app.present.kaart_style import COLOUR_BY, ColourBy, legend
from app.web import ids
from app.web.auth import require_viewer
from app.web.graphview import export_id, graph_id, legend_children, legend_id
from app.web.kaart_panel import compare_panel, empty_panel, panel
from app.web.services import services
from app.web.wiring import callback, clientside

__all__ = ["compare", "draw", "map_request", "search", "show_panel", "status", "tap"]

K, S = ids.Kaart, ids.Shell
MAP: Final = "kaart"
T: Final = Texts(
    {
        "shown": ("{n} en {m}", "{n} and {m}"),
        "drawn": ("; {d} daarvan getekend (de ruggengraat)", "; {d} of them drawn (the backbone)"),
        "organisation": ("organisatie", "organisation"),
        "organisations": ("organisaties", "organisations"),
        "tie": ("samenwerking", "tie"),
        "ties": ("samenwerkingen", "ties"),
        "grouped": (
            "Veel organisaties: gegroepeerd. Klik op een groep om haar open te klappen.",
            "Many organisations: grouped. Click a group to expand it.",
        ),
    }
)


def _number(value: object, default: float) -> float:
    try:
        return max(default, float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _steps(value: object) -> int:
    return value if isinstance(value, int) and value in (0, 1, 2) else 0


def map_request(
    filter_data: dict[str, Any] | None,
    sectors: list[str] | None,
    min_weight: object,
    size_by: str | None,
    steps: object,
    show: list[str] | None,
    group_by: str | None,
    expanded: list[str] | None,
    selected: str | None,
    lang: object,
    ties: object = "backbone",
    colour_by: object = "sector",
    layout: object = "network",
    aspect: object = None,
) -> MapRequest:
    """The map request from the raw control values (anything odd falls back to a default)."""
    group: GroupBy = "wijk" if group_by == "wijk" else "sector"
    drawn: Ties = "all" if ties == "all" else "backbone"
    colour = colour_by if colour_by in COLOUR_BY else "sector"
    return MapRequest(
        filters=Filters.from_data(filter_data),
        sectors=tuple(sorted({str(s) for s in sectors or ()})),
        min_weight=_number(min_weight, 1.0),
        size_by=str(size_by or "degree"),
        steps=_steps(steps),
        selected=selected if isinstance(selected, str) else None,
        bottlenecks="bottlenecks" in (show or ()),
        suggestions="suggestions" in (show or ()),
        group_by=group,
        expanded=tuple(sorted({str(e) for e in expanded or ()})),
        lang=language(lang),
        ties=drawn,
        colour_by=cast(ColourBy, colour),
        layout=str(layout) if layout in LAYOUTS else "network",
        aspect=canvas_aspect(aspect),
    )


def status(view: MapView, lang: object) -> list[Any]:
    """The status line above the map."""
    line = T("shown", lang).format(
        n=count(view.organisations, T("organisation", lang), T("organisations", lang), lang),
        m=count(view.ties, T("tie", lang), T("ties", lang), lang),
    )
    if view.drawn is not None:  # the backbone: say how many of the ties are drawn
        line += T("drawn", lang).format(d=number(view.drawn, lang, 0))
    return [
        html.Span(line),
        *([html.Span(" " + T("grouped", lang), className="kaart-grouped")] if view.grouped else []),
    ]


@callback(
    Output(graph_id(MAP), "elements"),
    Output(legend_id(MAP), "children"),
    Output(K.STATUS, "children"),
    Output(export_id(MAP), "data"),
    Input(S.FILTER, "data"),
    Input(K.SECTORS, "value"),
    Input(K.MIN_WEIGHT, "value"),
    Input(K.SIZE_BY, "value"),
    Input(K.FOCUS, "value"),
    Input(K.SHOW, "value"),
    Input(K.GROUP_BY, "value"),
    Input(K.EXPANDED, "data"),
    Input(S.SELECTED, "data"),
    Input(K.TIES, "value"),
    Input(K.COLOUR_BY, "value"),
    Input(K.LAYOUT, "value"),
    State(S.LANG, "value"),
    Input(K.SHAPE, "data"),
)
def draw(
    filter_data: dict[str, Any] | None,
    sectors: list[str] | None,
    min_weight: object,
    size_by: str | None,
    steps: object,
    show: list[str] | None,
    group_by: str | None,
    expanded: list[str] | None,
    selected: str | None,
    ties: str | None,
    colour_by: str | None,
    layout: str | None,
    lang: str | None,
    shape: object = None,
) -> tuple[Any, ...]:
    """The map's elements, legend, status line and export texts for the controls and the shared filter."""
    request = map_request(
        filter_data,
        sectors,
        min_weight,
        size_by,
        steps,
        show,
        group_by,
        expanded,
        selected,
        lang,
        ties,
        colour_by,
        layout,
        shape,
    )
    if ctx.triggered_id == S.SELECTED and request.steps == 0:
        raise PreventUpdate  # without focus, a new selection changes nothing on the map
    deps = services()
    viewer = require_viewer()
    view = map_view(deps, viewer, request)
    items = legend(request.lang, markers=view.markers, colouring=view.colouring)
    today = date.today().isoformat()
    meta = export_meta(
        request, view, deps.organisation_names(), deps.area_names(), today, referrals=viewer.is_analyst
    )
    return view.elements, legend_children(items, request.lang), status(view, request.lang), meta


@callback(
    Output(S.SELECTED, "data", allow_duplicate=True),
    Output(K.EXPANDED, "data"),
    Input(graph_id(MAP), "tapNodeData"),
    State(K.EXPANDED, "data"),
    prevent_initial_call=True,
)
def tap(node: dict[str, Any] | None, expanded: list[str] | None) -> tuple[Any, Any]:
    """A tapped organisation is selected; a tapped group opens (or closes) in place."""
    if not node or not isinstance(node.get("id"), str):
        raise PreventUpdate
    if node["id"].startswith(GROUP_PREFIX):
        return no_update, toggle_group(expanded or [], node["id"].removeprefix(GROUP_PREFIX))
    if node["id"] not in services().organisation_names():
        raise PreventUpdate
    return node["id"], no_update


@callback(
    Output(S.SELECTED, "data", allow_duplicate=True),
    Output(K.FOCUS, "value"),
    Input(K.SEARCH, "value"),
    State(K.FOCUS, "value"),
    prevent_initial_call=True,
)
def search(organisation: str | None, steps: object) -> tuple[Any, Any]:
    """A chosen name selects that organisation and focuses the map on its neighbourhood."""
    if not organisation or organisation not in services().organisation_names():
        raise PreventUpdate
    return organisation, steps if steps in (1, 2) else 1


@callback(
    Output(K.PANEL, "children"),
    Input(S.SELECTED, "data"),
    Input(S.FILTER, "data"),
    State(S.LANG, "value"),
)
def show_panel(selected: str | None, filter_data: dict[str, Any] | None, lang: str | None) -> Any:
    """The side panel of the selected organisation."""
    chosen = language(lang)
    if not isinstance(selected, str) or not selected:
        return empty_panel(chosen)
    viewer, deps = require_viewer(), services()
    data = panel_data(deps, viewer, Filters.from_data(filter_data), selected, chosen)
    return panel(data, chosen, deps.area_names(), own_counts_only=not viewer.is_analyst)


@callback(
    Output(K.PANEL, "children", allow_duplicate=True),
    Input(graph_id(MAP), "selectedNodeData"),
    State(S.FILTER, "data"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def compare(nodes: list[dict[str, Any]] | None, filter_data: dict[str, Any] | None, lang: str | None) -> Any:
    """Two or more selected organisations (shift + drag) -> their comparison in the side panel."""
    chosen = [
        n["id"] for n in nodes or () if isinstance(n.get("id"), str) and not n["id"].startswith(GROUP_PREFIX)
    ]
    if len(chosen) < 2:
        raise PreventUpdate
    data = comparison(services(), require_viewer(), Filters.from_data(filter_data), chosen)
    return compare_panel(data, language(lang))


clientside(
    "function(_) { return window.ketenkaart ? window.ketenkaart.shape() : null; }",
    Output(K.SHAPE, "data"),
    Input(K.PAGE, "id"),
)
