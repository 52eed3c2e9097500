"""``GraphView``: the reusable all-in-one graph canvas (cytoscape, legend, tooltip, PNG/SVG export).

Pages compose it rather than copy it (the pattern of ``dash_cytoscape.CyLeaflet``): every
part has a dict id ``{"type": <ids.Kaart.GRAPH...>, "name": name}``, so one page can hold
several views and the export buttons work through ``MATCH`` clientside callbacks, entirely
in the browser: ``assets/kaart.js`` draws the current view at 2,400 px or more wide with a
title, the active filters, the date and the legend (``export_id``: a store the page fills)
and downloads it as PNG or SVG. SVG needs the cytoscape-svg extension, which dash-cytoscape
only ships in its "extra" bundle: :func:`dash_cytoscape.load_extra_layouts` switches to it
(plotly/dash-cytoscape ``demos/usage-image-export.py``). The same script shows a tooltip
on hover, names by zoom, keeps dragged nodes in place for the visit and fits the view, again
whenever the canvas changes size (it tells the kaart page the canvas' shape, ``ids.Kaart.SHAPE``).

Positions come from the server (layout ``preset``); the stylesheet is data from
:mod:`app.present.kaart_style`.

>>> view = GraphView("kaart", lang="en")
>>> graph_id("kaart") in [c.id for c in view._traverse() if hasattr(c, "id")]
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

import dash_cytoscape as cyto
from dash import MATCH, Input, Output, State, dcc, html

from app.i18n import Texts
from app.present.kaart_style import LegendItem, legend, stylesheet
from app.web import ids
from app.web.wiring import clientside

__all__ = ["GraphView", "export_id", "graph_id", "legend_children", "legend_id"]

cyto.load_extra_layouts()  # the "extra" bundle carries cytoscape-svg, needed for SVG export

K = ids.Kaart
T: Final = Texts(
    {
        "png": ("Download PNG", "Download PNG"),
        "svg": ("Download SVG", "Download SVG"),
        "legend": ("Legenda", "Legend"),
    }
)


def graph_id(name: str) -> dict[str, str]:
    """The id of the cytoscape canvas of the view ``name``."""
    return {"type": K.GRAPH, "name": name}


def export_id(name: str) -> dict[str, str]:
    """The id of the store holding what an export draws in: title, filters, date, legend."""
    return {"type": K.EXPORT_META, "name": name}


def legend_id(name: str) -> dict[str, str]:
    """The id of the legend box of the view ``name``."""
    return {"type": K.GRAPH_LEGEND, "name": name}


def legend_children(items: Sequence[LegendItem], lang: object) -> list[Any]:
    """The legend's content: a title and one swatch plus text per item."""
    return [
        html.Strong(T("legend", lang)),
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(
                            className=f"swatch swatch-{item.kind} swatch-{item.key}",
                            style={"background": item.colour},
                        ),
                        html.Span(item.text),
                    ],
                    className="legend-item",
                )
                for item in items
            ],
            className="legend-list",
        ),
    ]


class GraphView(html.Div):
    """A cytoscape canvas with a legend and export buttons, all with dict ids of ``name``."""

    def __init__(
        self,
        name: str,
        *,
        lang: object = "nl",
        elements: Sequence[dict[str, Any]] = (),
        items: Sequence[LegendItem] | None = None,
        height: str = "70vh",
        **cytoscape_props: Any,
    ) -> None:
        canvas = cyto.Cytoscape(
            id=graph_id(name),
            elements=list(elements),
            layout={"name": "preset", "fit": True, "padding": 40, "animate": False},
            stylesheet=stylesheet(),
            minZoom=0.05,
            maxZoom=4,
            boxSelectionEnabled=True,
            wheelSensitivity=0.3,
            style={"width": "100%", "height": height},
            className="graph-canvas",
            **cytoscape_props,
        )
        tools = html.Div(
            [
                html.Button(
                    T("png", lang),
                    id={"type": K.GRAPH_PNG, "name": name},
                    n_clicks=0,
                    className="graph-export",
                ),
                html.Button(
                    T("svg", lang),
                    id={"type": K.GRAPH_SVG, "name": name},
                    n_clicks=0,
                    className="graph-export",
                ),
            ],
            className="graph-tools no-print",
        )
        box = html.Div(
            legend_children(legend(lang) if items is None else items, lang),
            id=legend_id(name),
            className="graph-legend",
        )
        tip = html.Div(id={"type": K.TOOLTIP, "name": name}, className="graph-tooltip", role="tooltip")
        meta = dcc.Store(id=export_id(name), data={})
        super().__init__(
            [tools, canvas, tip, box, meta], id={"type": K.GRAPH_BOX, "name": name}, className="graph-view"
        )


_EXPORT: Final = """
function(clicks, meta) {
    const trigger = dash_clientside.callback_context.triggered_id;
    if (!trigger || !clicks) { return dash_clientside.no_update; }
    const kind = trigger.type === SVG_TYPE ? "svg" : "png";
    window.ketenkaart.exportView(trigger.name, kind, meta || {});
    return dash_clientside.no_update;
}
""".replace("SVG_TYPE", json.dumps(K.GRAPH_SVG))

for _button in (K.GRAPH_PNG, K.GRAPH_SVG):
    clientside(
        _EXPORT,
        Output({"type": _button, "name": MATCH}, "title"),
        Input({"type": _button, "name": MATCH}, "n_clicks"),
        State({"type": K.EXPORT_META, "name": MATCH}, "data"),
        prevent_initial_call=True,
    )
