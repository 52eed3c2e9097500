"""The frame around every page: navigation, language switch, shared filter, saved views, router.

Shared state lives in the ``dcc.Store``s and controls here: the language (remembered
in the browser), the filter every page reads (wijken, kinds of tie, period range) and
the organisation selected on the map (which the coffee page starts from). The same state
is in the address (:mod:`app.web.urlstate`), so a reload or a shared link shows the same
view; a user can save it under a name (:mod:`app.views`).

On a phone (below 760 px) the menu and the filter bar fold away behind two buttons.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import has_app_context

from app.access import Viewer
from app.i18n import DEFAULT_LANGUAGE, LABELS, Language, Texts, language
from app.present.filters import Filters
from app.present.formatting import month
from app.views import delete_view, read_views, save_view
from app.web import ids
from app.web.auth import LOGOUT_PATH, require_viewer
from app.web.pages import PAGES, page_for
from app.web.services import services
from app.web.urlstate import PAGE_KEYS, apply_page_state, parse, writer_code
from app.web.wiring import callback, clientside
from graph.errors import ConfigError
from graph.project import LAYER_NAMES

__all__ = [
    "T",
    "change_views",
    "empty_store",
    "filter_options",
    "layout",
    "navigation",
    "render_page",
    "restore",
    "saved_views",
    "store_filter",
]

S = ids.Shell

T: Final = Texts(
    {
        "menu": ("Menu", "Menu"),
        "filters": ("Filter", "Filter"),
        "views": ("Opgeslagen weergaven", "Saved views"),
        "view-name": ("Naam voor deze weergave", "Name for this view"),
        "save-view": ("Bewaar weergave", "Save view"),
        "copy-link": ("Kopieer link", "Copy link"),
        "manage-views": ("Weergaven beheren", "Manage views"),
        "no-views": ("Nog geen opgeslagen weergaven.", "No saved views yet."),
        "delete-view": ("Verwijder", "Delete"),
        "delete-named": ("Verwijder weergave ‘{name}’", "Delete view ‘{name}’"),
        "view-deleted": ("Weergave ‘{name}’ verwijderd.", "View ‘{name}’ deleted."),
        "undo": ("Ongedaan maken", "Undo"),
        "empty-analyst": (
            "Er zijn nog geen gegevens in {database}. Laad uw bestanden op de pagina Gegevens, of laad "
            "de voorbeeldgemeente met het commando: ketenkaart demo",
            "There is no data in {database} yet. Load your files on the Data page, or load the demo "
            "municipality with the command: ketenkaart demo",
        ),
        "empty-partner": (
            "Er zijn nog geen gegevens geladen; vraag de analist van uw gemeente ze te laden.",
            "No data has been loaded yet; ask your municipality's analyst to load it.",
        ),
        "to-gegevens": ("Naar Gegevens", "Go to Data"),
    }
)


def _choices() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The wijken and periods to choose from, in the layout already, so a value from the address is
    a valid choice from the start (the language's labels follow in :func:`filter_options`)."""
    if not has_app_context():
        return [], []
    deps = services()
    wijken = [
        {"label": name, "value": code} for code, name in deps.area_names().items() if code.startswith("WK")
    ]
    return wijken, [{"label": month(code, DEFAULT_LANGUAGE), "value": code} for code in deps.periods()]


def _filter_bar() -> html.Div:
    wijken, periods = _choices()
    return html.Div(
        [
            html.Div(
                [
                    html.Label(id=S.AREA_LABEL, htmlFor=S.AREA),
                    dcc.Dropdown(id=S.AREA, options=wijken, multi=True, className="filter-area"),
                ],
                className="filter-group",
            ),
            html.Div(
                [
                    html.Label(id=S.LAYERS_LABEL, htmlFor=S.LAYERS),
                    dcc.Checklist(id=S.LAYERS, value=list(LAYER_NAMES), inline=True),
                ],
                className="filter-group",
            ),
            html.Div(
                [
                    html.Label(id=S.PERIOD_LABEL, htmlFor=S.START),
                    dcc.Dropdown(id=S.START, options=periods, clearable=True, className="filter-period"),
                    dcc.Dropdown(id=S.END, options=periods, clearable=True, className="filter-period"),
                ],
                className="filter-group",
            ),
            html.Div(
                [
                    dcc.Dropdown(id=S.VIEWS, className="filter-views", searchable=False),
                    dcc.Input(id=S.VIEW_NAME, type="text", maxLength=60, debounce=False),
                    html.Button(id=S.VIEW_SAVE, n_clicks=0, className="view-save"),
                    html.Button(id=S.COPY_LINK, n_clicks=0, className="copy-link"),
                    html.Details(
                        [
                            html.Summary(id=S.VIEW_MANAGE_LABEL),
                            html.Div(
                                [
                                    html.Div(
                                        [
                                            html.Span(id=S.VIEW_UNDO_TEXT),
                                            html.Button(
                                                id=S.VIEW_UNDO, n_clicks=0, className="view-undo-button"
                                            ),
                                        ],
                                        id=S.VIEW_UNDO_BOX,
                                        className="view-undo",
                                        role="status",
                                        hidden=True,
                                    ),
                                    html.Ul(id=S.VIEW_LIST, className="view-list"),
                                ],
                                className="view-panel",
                            ),
                        ],
                        id=S.VIEW_MANAGE,
                        className="view-manage",
                    ),
                ],
                className="filter-group view-group",
            ),
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
            dcc.Store(id=S.VIEW_REQUEST),
            dcc.Store(id=S.VIEW_OPENED),
            dcc.Store(id=S.VIEW_DELETED),
            dcc.Store(id=S.COPIED),
            dcc.Store(id=S.URL_SHELL),
            dcc.Store(id=S.URL_PAGE),
            dcc.Store(id=S.ROUTE),
            html.Header(
                [
                    html.Div([html.Span("Ketenkaart", className="brand")], className="brand-box"),
                    html.Button(id=S.MENU, n_clicks=0, className="menu-toggle"),
                    html.Button(id=S.FILTER_TOGGLE, n_clicks=0, className="filter-toggle"),
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
            html.Div(id=S.EMPTY),
            html.Main(id=S.PAGE, className="page"),
        ],
        id=S.ROOT,
        className="shell",
    )


@callback(
    Output(S.NAV, "children"),
    Output(S.USER, "children"),
    Output(S.AREA_LABEL, "children"),
    Output(S.LAYERS_LABEL, "children"),
    Output(S.PERIOD_LABEL, "children"),
    Output(S.MENU, "children"),
    Output(S.FILTER_TOGGLE, "children"),
    Input(S.LANG, "value"),
    Input(S.URL, "pathname"),
)
def navigation(lang: str | None, pathname: str | None) -> tuple[Any, ...]:
    """The navigation links this viewer may open, the user box, the filter labels and the phone's buttons."""
    viewer, current = require_viewer(), page_for(pathname)
    links = [
        dcc.Link(
            page.name(lang), href=page.path, className="nav-link active" if page is current else "nav-link"
        )
        for page in PAGES
        if page.opens_for(viewer)
    ]
    user: list[Component] = []
    if services().current_users() is not None:
        user = [
            html.Span(f"{viewer.name} ({viewer.role.value})", className="user-name"),
            html.A(LABELS("logout", lang), href=LOGOUT_PATH),
        ]
    here = current.name(lang) if current else T("menu", lang)
    return (
        links,
        user,
        LABELS("area", lang),
        LABELS("layers", lang),
        LABELS("period", lang),
        f"☰ {here}",
        T("filters", lang),
    )


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
    """Choices of the filter bar: the wijken, the layers this viewer may use, the periods (as months)."""
    viewer, deps = require_viewer(), services()
    wijken = [
        {"label": name, "value": code} for code, name in deps.area_names().items() if code.startswith("WK")
    ]
    layers = [
        {"label": LABELS(f"layer-{name}", lang), "value": name}
        for name in LAYER_NAMES
        if viewer.is_analyst or name != "referrals"
    ]
    periods = [{"label": month(code, lang), "value": code} for code in deps.periods()]
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


def _restored(viewer: Viewer, state: dict[str, Any]) -> tuple[Any, ...]:
    """Filter-bar values and selection from an address, limited to what exists and this viewer may use."""
    deps = services()
    areas = set(deps.area_names())
    periods = set(deps.periods())
    allowed = [n for n in LAYER_NAMES if viewer.is_analyst or n != "referrals"]
    wijk = [code for code in state.get("wijk", []) if code in areas]
    layers = [n for n in state.get("layers", LAYER_NAMES) if n in allowed] or list(LAYER_NAMES)
    start = state.get("from") if state.get("from") in periods else None
    end = state.get("to") if state.get("to") in periods else None
    org = state.get("org") if state.get("org") in deps.organisation_names() else None
    return wijk, layers, start, end, org


@callback(
    Output(S.AREA, "value"),
    Output(S.LAYERS, "value"),
    Output(S.START, "value"),
    Output(S.END, "value"),
    Output(S.SELECTED, "data", allow_duplicate=True),
    Output(S.ROUTE, "data"),
    Input(S.URL, "pathname"),
    Input(S.URL, "search"),
    prevent_initial_call="initial_duplicate",
)
def restore(pathname: str | None, search: str | None) -> tuple[Any, ...]:
    """The filter and selection of an opened or reloaded address, then the route to render.

    The page is rendered only after this (from ``shell-route``), so its callbacks start
    from the restored filter and selection instead of racing them. Without a query nothing
    but the route changes.
    """
    viewer, state = require_viewer(), parse(search)
    route = {"path": pathname or "/", "search": search or ""}
    if not state:
        return (*(no_update,) * 5, route)
    return (*_restored(viewer, state), route)


clientside(
    writer_code(page_keys=False),
    Output(S.URL_SHELL, "data"),
    Input(S.AREA, "value"),
    Input(S.LAYERS, "value"),
    Input(S.START, "value"),
    Input(S.END, "value"),
    Input(S.SELECTED, "data"),
    Input(S.URL, "pathname"),
    prevent_initial_call=True,
)

clientside(
    writer_code(page_keys=True),
    Output(S.URL_PAGE, "data"),
    *(Input(control, "value") for _, control, _, _ in PAGE_KEYS.values()),
    prevent_initial_call=True,
)

clientside(
    """function(menu, filters, path, current) {
    const chosen = dash_clientside.callback_context.triggered_id;
    const classes = new Set((current || "shell").split(" "));
    const flip = function (name) {
        if (classes.has(name)) { classes.delete(name); } else { classes.add(name); }
    };
    if (chosen === "shell-menu") { flip("menu-open"); classes.delete("filters-open"); }
    else if (chosen === "shell-filter-toggle") { flip("filters-open"); classes.delete("menu-open"); }
    else { classes.delete("menu-open"); }
    return Array.from(classes).join(" ");
}""",
    Output(S.ROOT, "className"),
    Input(S.MENU, "n_clicks"),
    Input(S.FILTER_TOGGLE, "n_clicks"),
    Input(S.URL, "pathname"),
    State(S.ROOT, "className"),
    prevent_initial_call=True,
)


@callback(
    Output(S.EMPTY, "children"),
    Input(S.URL, "pathname"),
    Input(S.LANG, "value"),
)
def empty_store(pathname: str | None, lang: str | None) -> Component | None:
    """What to do when the store holds nothing yet: load files (analysts) or ask the analyst (partners)."""
    viewer, deps = require_viewer(), services()
    if deps.counts().organisations:
        return None
    if not viewer.is_analyst:
        return html.P(T("empty-partner", lang), className="notice empty-store")
    database = str(getattr(deps.store, "path", "") or deps.settings.database_location())
    text = T("empty-analyst", lang).format(database=database)
    link = (
        []
        if page_for(pathname) is page_for("/gegevens")
        else [dcc.Link(T("to-gegevens", lang), href="/gegevens")]
    )
    return html.Div([html.P(text), *link], className="notice empty-store")


def _views_path() -> Path:
    return services().settings.data_dir / "views.json"


def _view_items(views: dict[str, str], lang: Language) -> list[Component]:
    """One line per saved view: its name (opens it) and a delete button."""
    if not views:
        return [html.Li(T("no-views", lang), className="view-none")]
    items: list[Component] = []
    for name, url in views.items():
        label: dict[str, Any] = {"aria-label": T("delete-named", lang).format(name=name)}
        delete = html.Button(
            T("delete-view", lang),
            id={"type": S.VIEW_DELETE, "name": name},
            n_clicks=0,
            className="view-delete",
            title=label["aria-label"],
            **label,
        )
        items.append(
            html.Li(
                [html.A(name, href=url, className="view-open", title=name), delete], className="view-item"
            )
        )
    return items


@callback(
    Output(S.VIEWS, "options"),
    Output(S.VIEWS, "placeholder"),
    Output(S.VIEW_NAME, "placeholder"),
    Output(S.VIEW_SAVE, "children"),
    Output(S.COPY_LINK, "children"),
    Output(S.VIEW_NAME, "value"),
    Output(S.VIEW_MANAGE_LABEL, "children"),
    Output(S.VIEW_LIST, "children"),
    Output(S.VIEW_UNDO_TEXT, "children"),
    Output(S.VIEW_UNDO, "children"),
    Output(S.VIEW_UNDO_BOX, "hidden"),
    Input(S.LANG, "value"),
    Input(S.VIEW_REQUEST, "data"),
    Input(S.VIEW_DELETED, "data"),
)
def saved_views(
    lang: str | None, request: dict[str, Any] | None, deleted: dict[str, Any] | None = None
) -> tuple[Any, ...]:
    """This user's saved views, to open or delete; saving one first when asked.

    After a delete the view's name shows with an *undo* button until the next save.
    """
    viewer, path = require_viewer(), _views_path()
    cleared: Any = no_update
    if ctx.triggered_id == S.VIEW_REQUEST and request:
        try:
            save_view(path, viewer.name, str(request.get("name", "")), str(request.get("url", "")))
            cleared = ""
        except ConfigError:
            cleared = no_update
    try:
        views = read_views(path, viewer.name)
    except ConfigError:
        views = {}
    chosen = language(lang)
    undo = bool(deleted and deleted.get("name") and not deleted.get("undone"))
    undo = undo and ctx.triggered_id != S.VIEW_REQUEST
    return (
        [{"label": name, "value": url} for name, url in views.items()],
        T("views", chosen),
        T("view-name", chosen),
        T("save-view", chosen),
        T("copy-link", chosen),
        cleared,
        T("manage-views", chosen),
        _view_items(views, chosen),
        T("view-deleted", chosen).format(name=deleted["name"]) if undo and deleted else "",
        T("undo", chosen),
        not undo,
    )


@callback(
    Output(S.VIEW_DELETED, "data"),
    Input({"type": S.VIEW_DELETE, "name": ALL}, "n_clicks"),
    Input(S.VIEW_UNDO, "n_clicks"),
    State(S.VIEW_DELETED, "data"),
    prevent_initial_call=True,
)
def change_views(
    _deletes: list[int | None], _undo: int | None, deleted: dict[str, Any] | None
) -> dict[str, Any]:
    """Delete one of this user's views (remembering it), or put the last deleted one back.

    Only the viewer's own views are touched: the name comes from the button, the user from the login.
    """
    viewer, path = require_viewer(), _views_path()
    trigger = ctx.triggered_id
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # a button was (re)drawn, not pressed
    if trigger == S.VIEW_UNDO:
        if not deleted or deleted.get("undone") or not deleted.get("name"):
            raise PreventUpdate
        save_view(path, viewer.name, str(deleted["name"]), str(deleted["url"]))
        return {**deleted, "undone": True}
    if not isinstance(trigger, dict) or trigger.get("type") != S.VIEW_DELETE:
        raise PreventUpdate
    name = str(trigger.get("name", ""))
    url = read_views(path, viewer.name).get(name)
    if url is None:
        raise PreventUpdate
    delete_view(path, viewer.name, name)
    return {"name": name, "url": url, "undone": False}


clientside(
    """function(n, name) {
    if (!n || !name || !name.trim()) { return window.dash_clientside.no_update; }
    return {name: name, url: window.location.pathname + window.location.search, at: Date.now()};
}""",
    Output(S.VIEW_REQUEST, "data"),
    Input(S.VIEW_SAVE, "n_clicks"),
    State(S.VIEW_NAME, "value"),
    prevent_initial_call=True,
)

clientside(
    """function(url) {
    if (url && url.charAt(0) === "/" && url.charAt(1) !== "/") { window.location.assign(url); }
    return url || null;
}""",
    Output(S.VIEW_OPENED, "data"),
    Input(S.VIEWS, "value"),
    prevent_initial_call=True,
)

clientside(
    """function(n) {
    if (n && navigator.clipboard) {
        navigator.clipboard.writeText(window.location.href).catch(function () {});
    }
    return n;
}""",
    Output(S.COPIED, "data"),
    Input(S.COPY_LINK, "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output(S.PAGE, "children"),
    Input(S.ROUTE, "data"),
    Input(S.LANG, "value"),
)
def render_page(route: dict[str, str] | None, lang: str | None) -> Component:
    """The page for the route, if this viewer may open it, with its controls as the address sets them."""
    route = route or {}
    viewer, page, chosen = require_viewer(), page_for(route.get("path")), language(lang)
    if page is None:
        return html.P(LABELS("not-found", chosen), className="notice")
    if not page.opens_for(viewer):
        return html.P(LABELS("forbidden", chosen), className="notice")
    return apply_page_state(page.layout(chosen, viewer), page.path, parse(route.get("search")))
