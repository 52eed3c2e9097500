"""The questionnaire's callbacks: draw it for the link, search, add and remove ties, save and send.

Each one checks the link again (:func:`app.survey.links.check_link`); saving and sending first
check the page's CSRF token (:func:`app.web.csrf.check`: 403 and nothing stored without it), then
go through :func:`app.survey.answers.save`. A refused answer's message goes next to its question.
Declared with ``to="enquete"``: they belong to the questionnaire's own app
(:mod:`app.web.enquete_app`), never to the explorer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from dash import ALL, MATCH, Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from app.i18n import language
from app.present.enquete import (
    T,
    added_card,
    added_entries,
    answers,
    error_text,
    form,
    matches,
    place_of,
    refusal_text,
)
from app.present.formatting import moment
from app.survey import answers as answer_service
from app.survey.questionnaire import Questionnaire, build
from app.web import csrf, ids
from app.web.pages.enquete import (
    FORM_STATE,
    KIND,
    PREFIX,
    checked_link,
    current,
    link_secret_now,
    questionnaire_page,
    refusal_page,
    tie_card,
)
from app.web.pages.enquete_details import section_for
from app.web.services import services
from app.web.wiring import callback, clientside
from graph.errors import InvalidAnswer, LinkRefused
from graph.survey import SurveyRound

__all__ = ["add", "remove", "render", "search", "store_answers"]

E = ids.Enquete


def _questionnaire(survey_round: SurveyRound, organisation: str, *, latest: bool = True) -> Questionnaire:
    deps = services()
    history = deps.store.response_history(survey_round.id, organisation) if latest else []
    return build(
        deps.ecosystem(),
        survey_round,
        organisation,
        history[-1] if history else None,
        small=deps.settings.small_count,
        area_names=deps.area_names(),
    )


def _shown(survey_round: SurveyRound, organisation: str) -> frozenset[str]:
    """The partners whose ties the questionnaire shows (memoised per data revision)."""
    key = ("enquete-shown", survey_round.id, organisation)
    return services().memo(
        key, lambda: _questionnaire(survey_round, organisation, latest=False).shown_partners()
    )


# ---------------------------------------------------------------- callbacks


@callback(
    Output(E.PAGE, "children"),
    Output(E.CSRF, "data"),
    Output(E.ADDED, "data"),
    Input(E.URL, "pathname"),
    Input(E.LANG, "value"),
    State(E.CSRF, "data"),
    *FORM_STATE,
    to=KIND,
)
def render(pathname: str | None, lang: str | None, token: str | None, *values: Any) -> tuple[Any, ...]:
    """The questionnaire for the link in the address (or its refusal), with the page's CSRF token.

    A change of language draws the form again with the answers now on the page.
    """
    chosen = language(lang)
    try:
        survey_round, organisation, link = checked_link(pathname)
        q = _questionnaire(survey_round, organisation)
    except LinkRefused as refused:
        return refusal_page(refused.why, chosen), None, []
    carried = current(values) if ctx.triggered_id == E.LANG and token else None
    shown = form(q, chosen, carried)
    page = questionnaire_page(shown, chosen, section_for(organisation, chosen, survey_round.created_at))
    return page, csrf.issue(link, link_secret_now()), added_entries(shown.added)


@callback(
    Output(E.ADD_PICK, "options"),
    Input(E.ADD_PICK, "search_value"),
    State(E.ADD_PICK, "value"),
    State(E.ADD_PICK, "options"),
    State(E.URL, "pathname"),
    State({"type": E.STATUS, "key": ALL}, "id"),
    State(E.ADDED, "data"),
    prevent_initial_call=True,
    to=KIND,
)
def search(
    text: str | None,
    value: str | None,
    options: list[dict[str, str]] | None,
    pathname: str | None,
    status_ids: list[dict[str, str]] | None,
    added: list[dict[str, str]] | None,
) -> list[dict[str, str]]:
    """Organisations in the map whose name holds what the partner types (not those listed already)."""
    if not text:
        raise PreventUpdate
    try:
        _, organisation, _ = checked_link(pathname)
    except LinkRefused:
        return []
    listed = {organisation, *(i["key"] for i in status_ids or []), *(a.get("partner") for a in added or [])}
    found = matches(text, services().organisation_names(), {p for p in listed if p})
    chosen = [o for o in options or [] if o.get("value") == value and o not in found]
    return chosen + found


def _next_key(added: list[dict[str, Any]]) -> str:
    numbers = [int(str(a.get("key", ""))[1:]) for a in added if str(a.get("key", ""))[1:].isdigit()]
    return f"a{max(numbers, default=0) + 1}"


@callback(
    Output(E.ADDED_ROWS, "children", allow_duplicate=True),
    Output(E.ADDED, "data", allow_duplicate=True),
    Output(E.ADD_PICK, "value"),
    Output(E.ADD_NAME, "value"),
    Output(E.ADD_MESSAGE, "children"),
    Input(E.ADD_KNOWN, "n_clicks"),
    Input(E.ADD_NEW, "n_clicks"),
    State(E.ADD_PICK, "value"),
    State(E.ADD_NAME, "value"),
    State(E.ADDED, "data"),
    State(E.URL, "pathname"),
    State(E.LANG, "value"),
    State({"type": E.STATUS, "key": ALL}, "id"),
    prevent_initial_call=True,
    to=KIND,
)
def add(
    _known: int | None,
    _new: int | None,
    pick: str | None,
    name: str | None,
    added: list[dict[str, Any]] | None,
    pathname: str | None,
    lang: str | None,
    status_ids: list[dict[str, str]] | None,
) -> tuple[Any, ...]:
    """Add a tie the data misses: an organisation in the map, or a new one by name (nothing is stored yet)."""
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # the buttons were drawn, not pressed
    chosen, entries = language(lang), list(added or [])
    try:
        _, organisation, _ = checked_link(pathname)
        listed = {organisation, *(i["key"] for i in status_ids or []), *(a.get("partner") for a in entries)}
        if ctx.triggered_id == E.ADD_NEW:
            entry = _new_organisation(name, entries)
        else:
            entry = _known_organisation(pick, entries, {p for p in listed if p})
    except LinkRefused as refused:
        return no_update, no_update, no_update, no_update, refusal_text(refused.why, chosen)
    except InvalidAnswer as refused:
        return no_update, no_update, no_update, no_update, error_text(refused.code, refused.reason, chosen)
    except _NotAdded as refused:
        return no_update, no_update, no_update, no_update, T(str(refused), chosen)
    rows = Patch()
    rows.append(tie_card(added_card(entry, chosen), chosen))
    return rows, [*entries, entry], None, "", ""


class _NotAdded(Exception):
    """A tie that cannot be added; the message is a text key."""


def _new_organisation(name: str | None, entries: list[dict[str, Any]]) -> dict[str, str]:
    """The entry of a new organisation named by the partner (checked as the service will)."""
    new_name = answer_service.check_text("new_name", name)
    if not new_name:
        raise _NotAdded("name-first")
    if new_name.casefold() in {str(a.get("new_name", "")).casefold() for a in entries}:
        raise _NotAdded("already-listed")
    return {"key": _next_key(entries), "partner": "", "new_name": new_name, "name": new_name, "sector": ""}


def _known_organisation(pick: str | None, entries: list[dict[str, Any]], listed: set[str]) -> dict[str, str]:
    """The entry of an organisation in the map that the partner picked."""
    names = services().organisation_names()
    if not isinstance(pick, str) or pick not in names:
        raise _NotAdded("pick-first")
    if pick in listed:
        raise _NotAdded("already-listed")
    return {"key": _next_key(entries), "partner": pick, "new_name": "", "name": names[pick], "sector": ""}


@callback(
    Output(E.ADDED_ROWS, "children", allow_duplicate=True),
    Output(E.ADDED, "data", allow_duplicate=True),
    Input({"type": E.REMOVE, "key": ALL}, "n_clicks"),
    State(E.ADDED, "data"),
    prevent_initial_call=True,
    to=KIND,
)
def remove(_clicks: list[int | None], added: list[dict[str, Any]] | None) -> tuple[Any, Any]:
    """Take an added tie off the list again (nothing was stored for it until the next save)."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # a button was drawn, not pressed
    entries = list(added or [])
    keys = [str(a.get("key")) for a in entries]
    if trigger.get("key") not in keys:
        raise PreventUpdate
    index = keys.index(str(trigger["key"]))
    rows = Patch()
    del rows[index]
    return rows, entries[:index] + entries[index + 1 :]


clientside(
    "function(status) { return status !== 'confirmed'; }",
    Output({"type": E.DETAILS, "key": MATCH}, "hidden"),
    Input({"type": E.STATUS, "key": MATCH}, "value"),
    prevent_initial_call=True,
    to=KIND,
)


@callback(
    Output(E.MESSAGE, "children"),
    Output({"type": E.TIE_ERROR, "key": ALL}, "children"),
    Output(E.FORM, "hidden"),
    Output(E.DONE, "children"),
    Input(E.SAVE, "n_clicks"),
    Input(E.SUBMIT, "n_clicks"),
    State(E.URL, "pathname"),
    State(E.CSRF, "data"),
    State(E.LANG, "value"),
    *FORM_STATE,
    prevent_initial_call=True,
    to=KIND,
)
def store_answers(
    _save: int | None,
    _submit: int | None,
    pathname: str | None,
    token: str | None,
    lang: str | None,
    *values: Any,
) -> tuple[Any, ...]:
    """Save halfway or submit: the page's CSRF token first (403 without it), then the link, then
    the answers; a refused answer's message goes next to its question and nothing is stored."""
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    csrf.check(token, str(pathname or "").removeprefix(PREFIX), link_secret_now())
    chosen, slots = language(lang), ctx.outputs_list[1]
    cleared = ["" for _ in slots]
    submitted = ctx.triggered_id == E.SUBMIT
    now = datetime.now(UTC).isoformat(timespec="seconds")
    state = current(values)
    ties, suggestions, keys = answers(
        statuses=state.statuses,
        frequencies=state.frequencies,
        ratings=state.ratings,
        added=state.added,
        suggestions=state.suggestions,
    )
    try:
        survey_round, organisation, _ = checked_link(pathname)
        saved = answer_service.save(
            services().store,
            survey_round,
            organisation,
            ties,
            suggestions,
            submitted=submitted,
            by="link",
            now=now,
            today=date.today(),
            shown=_shown(survey_round, organisation),
        )
    except LinkRefused as refused:
        return html.P(refusal_text(refused.why, chosen), className="enq-error"), cleared, no_update, no_update
    except InvalidAnswer as refused:
        where, key = place_of(refused.field, keys, [s["partner"] for s in suggestions])
        message = error_text(refused.code, refused.reason, chosen)
        slot_key = f"s-{key}" if where == "suggestion" else key
        errors = [message if slot["id"]["key"] == slot_key else "" for slot in slots]
        top = T("not-saved", chosen) + ("" if where != "form" else " " + message)
        return html.P(top, className="enq-error"), errors, no_update, no_update
    when = moment(saved.at or now, chosen)
    if not submitted:
        return html.P(T("saved", chosen).format(time=when), className="enq-ok"), cleared, no_update, no_update
    done = html.Div(
        [
            html.H2(T("done-title", chosen)),
            html.P(T("done", chosen).format(time=when)),
            html.A(T("review", chosen), href=str(pathname), className="enq-review"),
        ],
        className="enq-done",
        role="status",
    )
    return "", cleared, True, done


clientside(
    """function(search) {
        const asked = /[?&]lang=(nl|en)(&|$)/.exec(search || '');
        return asked ? asked[1] : window.dash_clientside.no_update;
    }""",
    Output(E.LANG, "value"),
    Input(E.URL, "search"),
    to=KIND,
)
"""A link may name its language (``?lang=en``): the app's entry for a logged-in partner passes the
language the partner reads the app in (``app.web.gemeld``); the switch still works as before."""
