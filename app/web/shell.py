"""The frame around every page: navigation, language switch, shared filter, router.

Shared state lives in the ``dcc.Store``s and controls here: the language (remembered
in the browser), the filter every page reads (wijken, kinds of tie, period range) and
the organisation selected on the map (which the coffee page starts from).
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, dcc, html
from dash.development.base_component import Component

from app.i18n import DEFAULT_LANGUAGE, LABELS, language
from app.present.filters import Filters
from app.web import ids
from app.web.auth import LOGOUT_PATH, require_viewer
from app.web.pages import PAGES, page_for
from app.web.services import services
from app.web.wiring import callback
from graph.project import LAYER_NAMES

__all__ = ["filter_options", "layout", "navigation", "render_page", "store_filter"]

S = ids.Shell


def _filter_bar() -> html.Div:
    return html.Div(
        [
            html.Label(id=S.AREA_LABEL, htmlFor=S.AREA),
            dcc.Dropdown(id=S.AREA, multi=True, className="filter-area"),
            html.Label(id=S.LAYERS_LABEL, htmlFor=S.LAYERS),
            dcc.Checklist(id=S.LAYERS, value=list(LAYER_NAMES), inline=True),
            html.Label(id=S.PERIOD_LABEL, htmlFor=S.START),
            dcc.Dropdown(id=S.START, clearable=True, className="filter-period"),
            dcc.Dropdown(id=S.END, clearable=True, className="filter-period"),
        ],
        id=S.FILTER_BAR,
        className="filter-bar",
    )


def layout() -> html.Div:
    """The shell; the router fills ``shell-page`` with the page for the URL."""
    return html.Div(
        [
            dcc.Location(id=S.URL),
            dcc.Store(id=S.FILTER, data=Filters().to_data()),
            dcc.Store(id=S.SELECTED, storage_type="session"),
            html.Header(
                [
                    html.Div([html.Span("Ketenkaart", className="brand")], className="brand-box"),
                    html.Nav(id=S.NAV, className="nav"),
                    dcc.RadioItems(
                        id=S.LANG,
                        options=[{"label": "NL", "value": "nl"}, {"label": "EN", "value": "en"}],
                        value=DEFAULT_LANGUAGE,
                        inline=True,
                        persistence=True,
                        persistence_type="local",
                        className="lang-switch",
                    ),
                    html.Div(id=S.USER, className="user"),
                ],
                className="header",
            ),
            _filter_bar(),
            html.Div(id=S.ALERT),
            html.Main(id=S.PAGE, className="page"),
        ],
        className="shell",
    )


@callback(
    Output(S.NAV, "children"),
    Output(S.USER, "children"),
    Output(S.AREA_LABEL, "children"),
    Output(S.LAYERS_LABEL, "children"),
    Output(S.PERIOD_LABEL, "children"),
    Input(S.LANG, "value"),
    Input(S.URL, "pathname"),
)
def navigation(lang: str | None, pathname: str | None) -> tuple[Any, ...]:
    """The navigation links this viewer may open, the user box and the filter labels."""
    viewer, current = require_viewer(), page_for(pathname)
    links = [
        dcc.Link(
            page.name(lang), href=page.path, className="nav-link active" if page is current else "nav-link"
        )
        for page in PAGES
        if page.opens_for(viewer)
    ]
    user: list[Component] = []
    if services().users is not None:
        user = [
            html.Span(f"{viewer.name} ({viewer.role.value})"),
            html.A(LABELS("logout", lang), href=LOGOUT_PATH),
        ]
    return links, user, LABELS("area", lang), LABELS("layers", lang), LABELS("period", lang)


@callback(
    Output(S.AREA, "options"),
    Output(S.AREA, "placeholder"),
    Output(S.LAYERS, "options"),
    Output(S.START, "options"),
    Output(S.END, "options"),
    Output(S.START, "placeholder"),
    Output(S.END, "placeholder"),
    Input(S.LANG, "value"),
)
def filter_options(lang: str | None) -> tuple[Any, ...]:
    """Choices of the filter bar: the wijken, the layers this viewer may use, the periods."""
    viewer, deps = require_viewer(), services()
    wijken = [
        {"label": name, "value": code} for code, name in deps.area_names().items() if code.startswith("WK")
    ]
    layers = [
        {"label": LABELS(f"layer-{name}", lang), "value": name}
        for name in LAYER_NAMES
        if viewer.is_analyst or name != "referrals"
    ]
    periods = [{"label": code, "value": code} for code in deps.periods()]
    return (
        wijken,
        LABELS("all-areas", lang),
        layers,
        periods,
        periods,
        LABELS("from", lang),
        LABELS("to", lang),
    )


@callback(
    Output(S.FILTER, "data"),
    Input(S.AREA, "value"),
    Input(S.LAYERS, "value"),
    Input(S.START, "value"),
    Input(S.END, "value"),
)
def store_filter(
    areas: list[str] | None, layers: list[str] | None, start: str | None, end: str | None
) -> dict[str, Any]:
    """The shared filter, from the filter bar."""
    return Filters.from_data({"areas": areas, "layers": layers, "start": start, "end": end}).to_data()


@callback(Output(S.PAGE, "children"), Input(S.URL, "pathname"), Input(S.LANG, "value"))
def render_page(pathname: str | None, lang: str | None) -> Component:
    """The page for the URL, if this viewer may open it."""
    viewer, page, chosen = require_viewer(), page_for(pathname), language(lang)
    if page is None:
        return html.P(LABELS("not-found", chosen), className="notice")
    if not page.opens_for(viewer):
        return html.P(LABELS("forbidden", chosen), className="notice")
    return page.layout(chosen, viewer)
