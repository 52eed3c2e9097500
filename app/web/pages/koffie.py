"""Koffie: whom to meet for coffee and why, and a printable briefing card for a pair.

Everyone may open it. A partner is fixed to their own organisation (the server ignores
any other choice), gets suggestions on a graph without other organisations' referrals,
and sees their own flows on the card as ``viewer.count`` shows them. The content comes
from :mod:`app.present.koffie`; this module lays it out and wires the callbacks.
"""

from __future__ import annotations

from typing import Any, Final

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from app.access import ANALYST, Viewer
from app.i18n import Language, language
from app.present.filters import Filters
from app.present.koffie import (
    Card,
    T,
    briefing_card,
    coffee_partners,
    organisation_for,
    organisation_options,
    other_for,
    suggestion_rows,
)
from app.survey.reading import already_known
from app.web import ids
from app.web.auth import require_viewer
from app.web.services import services
from app.web.tables import TABLE, table
from app.web.wiring import callback, clientside

__all__ = ["card", "layout", "matches", "pick", "pick_match", "render_card", "start", "suggestions"]

K = ids.Koffie
S = ids.Shell
_COLUMNS: Final = (
    ("kind", "col-kind"),
    ("name", "col-name"),
    ("sector", "col-sector"),
    ("score", "col-score"),
    ("introducer", "col-introducer"),
    ("why", "col-why"),
)
_FLEX: Final = {"kind": 1, "name": 2, "sector": 1, "score": 1, "introducer": 2, "why": 5}


def _field(label: str, control: Any, target: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=target), control], className="koffie-field")


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit: the two choices, the suggestions and the card."""
    names = services().organisation_names()
    own = None if viewer.is_analyst else viewer.organisation
    first = dcc.Dropdown(
        id=K.ORGANISATION,
        options=organisation_options(names, viewer),
        value=own,
        disabled=own is not None,
        clearable=viewer.is_analyst,
        placeholder=T("choose", lang),
    )
    second = dcc.Dropdown(
        id=K.OTHER, options=organisation_options(names, ANALYST, leave_out=own), placeholder=T("choose", lang)
    )
    return html.Div(
        [
            html.H1(T("title", lang), className="no-print"),
            html.P(T("explain", lang), className="explain no-print"),
            html.Div(
                [
                    _field(T("organisation", lang), first, K.ORGANISATION),
                    _field(T("other", lang), second, K.OTHER),
                ],
                className="koffie-choose no-print",
            ),
            html.Div(id=K.MATCHES, className="koffie-matches no-print", role="status"),
            html.H2(T("suggestions", lang), className="no-print"),
            html.Div(id=K.SUGGESTIONS, className="koffie-suggestions no-print"),
            html.Div(
                [
                    html.H2(T("card", lang)),
                    html.Button(
                        T("print", lang), id=K.PRINT, n_clicks=0, disabled=True, className="koffie-print"
                    ),
                ],
                className="koffie-card-head no-print",
            ),
            html.Div(id=K.CARD, className="koffie-card"),
            dcc.Store(id=K.PRINTED),
        ],
        id=K.PAGE,
        className="koffie-page",
    )


def render_card(card: Card) -> html.Article:
    """The briefing card as components (text only; Dash escapes it)."""
    lines = [part for label, value in card.lines for part in (html.Dt(label), html.Dd(value))]
    return html.Article(
        [
            html.H3(card.title),
            html.Dl(lines, className="koffie-card-lines"),
            html.H4(card.why),
            html.Ul([html.Li(reason) for reason in card.reasons]),
            html.H4(card.ask),
            html.Ul([html.Li(question) for question in card.questions]),
        ],
        className="koffie-card-body",
    )


@callback(
    Output(K.ORGANISATION, "value"),
    Output(K.OTHER, "value", allow_duplicate=True),
    Input(K.PAGE, "id"),
    State(S.SELECTED, "data"),
    prevent_initial_call="initial_duplicate",
)
def start(_page: str, selected: object) -> tuple[Any, Any]:
    """Start from the organisation selected elsewhere: the first for analysts, the second for partners."""
    viewer = require_viewer()
    known = selected if isinstance(selected, str) and selected in services().organisation_names() else None
    if viewer.is_analyst:
        return organisation_for(viewer, known), no_update
    return viewer.organisation, other_for(viewer.organisation, known)


@callback(
    Output(K.SUGGESTIONS, "children"),
    Input(K.ORGANISATION, "value"),
    Input(S.FILTER, "data"),
    State(S.LANG, "value"),
)
def suggestions(organisation: object, filter_data: dict[str, Any] | None, lang: object) -> Any:
    """The suggestions for the chosen organisation (a partner's own, whatever the browser sent)."""
    viewer, deps, chosen_lang = require_viewer(), services(), language(lang)
    chosen = organisation_for(viewer, organisation)
    if chosen is None:
        return html.P(T("choose", chosen_lang), className="notice")
    graph = deps.graph(Filters.from_data(filter_data), viewer)
    if chosen not in graph:
        return html.P(T("not-in-filter", chosen_lang), className="notice")
    rows = suggestion_rows(graph, chosen, chosen_lang, viewer, area_names=deps.area_names())
    known = already_known(deps.interests(), chosen)  # its own survey answers: "we know them already"
    rows = [row for row in rows if row["id"] not in known]
    if not rows:
        return html.P(T("no-suggestions", chosen_lang), className="notice")
    columns = [(name, T(key, chosen_lang)) for name, key in _COLUMNS]
    return table(K.SUGGESTIONS_TABLE, rows, columns, chosen_lang, widths=_FLEX, select_by="id")


@callback(
    Output(K.MATCHES, "children"),
    Input(K.ORGANISATION, "value"),
    State(S.LANG, "value"),
)
def matches(organisation: object, lang: object) -> Any:
    """The coffee matches of the chosen organisation (a partner's own): both said *interested*."""
    viewer, deps, chosen_lang = require_viewer(), services(), language(lang)
    chosen = organisation_for(viewer, organisation)
    if chosen is None:
        return None
    found = coffee_partners(deps.coffee_pairs(), chosen, deps.organisation_names())
    if not found:
        return None
    lines = [
        html.Li(
            [
                html.Span(T("match-line", chosen_lang).format(name=name)),
                html.Button(
                    T("match-plan", chosen_lang),
                    id={"type": K.MATCH_BUTTON, "organisation": org},
                    n_clicks=0,
                    className="koffie-match-plan",
                ),
            ]
        )
        for org, name in found
    ]
    return [html.H2(T("matches", chosen_lang)), html.Ul(lines, className="koffie-match-list")]


@callback(
    Output(K.OTHER, "value", allow_duplicate=True),
    Input({"type": K.MATCH_BUTTON, "organisation": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def pick_match(clicks: list[int | None]) -> str:
    """A match's button chooses that organisation for the briefing card."""
    trigger = ctx.triggered_id
    if not any(clicks or []) or not isinstance(trigger, dict):
        raise PreventUpdate
    return str(trigger.get("organisation", ""))


@callback(
    Output(K.OTHER, "value", allow_duplicate=True),
    Input({"type": TABLE, "name": K.SUGGESTIONS_TABLE}, "selectedRows"),
    prevent_initial_call=True,
)
def pick(selected_rows: list[dict[str, Any]] | None) -> str:
    """A click on a suggestion chooses the second organisation of the pair."""
    wanted = (selected_rows or [{}])[0].get("id")
    if not isinstance(wanted, str) or not wanted:
        raise PreventUpdate
    return wanted


@callback(
    Output(K.CARD, "children"),
    Output(K.PRINT, "disabled"),
    Input(K.ORGANISATION, "value"),
    Input(K.OTHER, "value"),
    Input(S.FILTER, "data"),
    State(S.LANG, "value"),
)
def card(
    organisation: object, other: object, filter_data: dict[str, Any] | None, lang: object
) -> tuple[Any, bool]:
    """The briefing card for the pair, as this viewer may see it; printing needs a card."""
    viewer, deps, chosen_lang = require_viewer(), services(), language(lang)
    first = organisation_for(viewer, organisation)
    second = other_for(first, other)
    if first is None or second is None:
        return html.P(T("pick-pair", chosen_lang), className="notice no-print"), True
    filters = Filters.from_data(filter_data)
    graph = deps.graph(filters, viewer)
    if first not in graph or second not in graph:
        return html.P(T("not-in-filter", chosen_lang), className="notice no-print"), True
    found = briefing_card(
        graph,
        first,
        second,
        viewer,
        chosen_lang,
        eco=deps.ecosystem(filters.areas),
        periods=filters.periods,
        area_names=deps.area_names(),
        small=deps.settings.small_count,
    )
    return render_card(found), False


clientside(
    "function(n) { if (n) { window.print(); } return n; }",
    Output(K.PRINTED, "data"),
    Input(K.PRINT, "n_clicks"),
    prevent_initial_call=True,
)
