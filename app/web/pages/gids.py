"""Gids: the directory of organisations in the chosen wijken, by sector and free text.

Everyone may open it; it holds no referral counts. A click on a row and "plan coffee"
selects that organisation (``ids.Shell.SELECTED``) and opens the coffee page. The rows
come from :mod:`app.present.gids`.
"""

from __future__ import annotations

from typing import Any, Final

from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from app.access import Viewer
from app.i18n import Language, language
from app.present.common import number
from app.present.filters import Filters
from app.present.gids import T, directory_rows, sector_options
from app.web import ids
from app.web.auth import require_viewer
from app.web.services import services
from app.web.tables import TABLE, table
from app.web.wiring import callback

__all__ = ["button", "choose", "layout", "plan", "results"]

G = ids.Gids
S = ids.Shell
GRID: Final = {"type": TABLE, "name": G.TABLE}
_COLUMNS: Final = (
    ("name", "col-name"),
    ("sector", "col-sector"),
    ("wijken", "col-wijken"),
    ("agreements", "col-agreements"),
    ("description", "col-description"),
    ("parent", "col-parent"),
)
_FLEX: Final = {"name": 2, "sector": 1, "wijken": 2, "agreements": 2, "description": 4, "parent": 1}


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit: sector and search, the list, the coffee button."""
    del viewer  # the directory is the same for every role
    controls = html.Div(
        [
            html.Label(T("sector", lang), htmlFor=G.SECTOR),
            dcc.Dropdown(
                id=G.SECTOR,
                options=sector_options(lang),
                placeholder=T("all-sectors", lang),
                className="gids-sector",
            ),
            html.Label(T("search", lang), htmlFor=G.SEARCH),
            html.Div(
                dcc.Input(
                    id=G.SEARCH,
                    type="search",
                    debounce=True,
                    placeholder=T("search-placeholder", lang),
                    maxLength=100,
                    className="gids-search",
                ),
                className="gids-search-box",
            ),
            html.Button(T("plan-none", lang), id=G.PLAN, n_clicks=0, disabled=True, className="gids-plan"),
        ],
        className="gids-controls",
    )
    return html.Div(
        [
            html.H1(T("title", lang)),
            html.P(T("explain", lang), className="explain"),
            controls,
            html.Div(id=G.RESULTS, className="gids-results"),
            dcc.Store(id=G.CHOSEN),
        ],
        id=G.PAGE,
        className="gids-page",
    )


@callback(
    Output(G.RESULTS, "children"),
    Output(G.CHOSEN, "data"),
    Input(S.FILTER, "data"),
    Input(G.SECTOR, "value"),
    Input(G.SEARCH, "value"),
    State(S.LANG, "value"),
)
def results(
    filter_data: dict[str, Any] | None, sector: object, text: object, lang: object
) -> tuple[Any, None]:
    """The organisations in the filter's wijken, this sector, matching the text; nothing chosen yet."""
    require_viewer()
    deps, chosen = services(), language(lang)
    rows = directory_rows(
        deps.ecosystem(Filters.from_data(filter_data).areas),
        chosen,
        sector=sector if isinstance(sector, str) else None,
        text=str(text or "")[:100],
        names=deps.organisation_names(),
    )
    if not rows:
        return html.P(T("none-found", chosen), className="notice"), None
    columns = [(name, T(key, chosen)) for name, key in _COLUMNS]
    found = html.P(
        T("found" if len(rows) != 1 else "found-one", chosen).format(n=number(len(rows), chosen, 0)),
        className="gids-count",
    )
    return [found, table(G.TABLE, rows, columns, chosen, widths=_FLEX, select_by="id")], None


def _known(wanted: object) -> str | None:
    return wanted if isinstance(wanted, str) and wanted in services().organisation_names() else None


@callback(
    Output(G.CHOSEN, "data", allow_duplicate=True),
    Input(GRID, "selectedRows"),
    prevent_initial_call=True,
)
def choose(selected_rows: list[dict[str, Any]] | None) -> str | None:
    """The organisation clicked in the list (its id), if it exists."""
    require_viewer()
    return _known((selected_rows or [{}])[0].get("id"))


@callback(
    Output(G.PLAN, "children"),
    Output(G.PLAN, "disabled"),
    Input(G.CHOSEN, "data"),
    State(S.LANG, "value"),
)
def button(chosen: object, lang: object) -> tuple[str, bool]:
    """The coffee button names the chosen organisation; without one it is disabled."""
    require_viewer()
    known = _known(chosen)
    if known is None:
        return T("plan-none", lang), True
    return T("plan", lang).format(name=services().organisation_names()[known]), False


@callback(
    Output(S.SELECTED, "data", allow_duplicate=True),
    Output(S.URL, "pathname", allow_duplicate=True),
    Input(G.PLAN, "n_clicks"),
    State(G.CHOSEN, "data"),
    prevent_initial_call=True,
)
def plan(n_clicks: int | None, chosen: object) -> tuple[str, str]:
    """Select the chosen organisation and open the coffee page."""
    require_viewer()
    known = _known(chosen)
    if not n_clicks or known is None:
        raise PreventUpdate
    return known, "/koffie"
