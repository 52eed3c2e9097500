"""The Rondes page's callbacks: open and close a round, its status, the review lists, the report, links,
and mailing invitations and reminders.

Each is a thin adapter: it checks the viewer is an analyst, calls :mod:`app.survey`
(the same functions as ``ketenkaart survey``) or the store, and lays out what
:mod:`app.present.rondes` and :mod:`app.present.rondes_report` make of it. After a
change (a round opened or closed, a decision) ``rondes-changed`` is bumped, so the
status, review lists and report are read again.

Mailing asks first (to how many, who has no address), then sends in the callback itself,
through :func:`app.survey.mail.send_mailing` as ``ketenkaart survey send`` does. That holds
one of the server's worker threads (waitress has 16) for as long as the mail server takes,
so the wait for each step is :data:`MAIL_TIMEOUT`; other users are served by the other
threads meanwhile. A confirmation is used once, so a double click sends once.
"""

from __future__ import annotations

import csv
import io
import secrets
import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, Final

from dash import Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from app.access import ANALYST
from app.i18n import Language, language
from app.present import rondes as present
from app.present import rondes_report
from app.present.common import Section
from app.present.filters import Filters
from app.present.rondes import T
from app.survey import corrections, links, mail, rounds
from app.web import ids
from app.web.auth import require_analyst
from app.web.sections import section_view
from app.web.services import services
from app.web.tables import TABLE, table
from app.web.wiring import callback
from graph.duplicates import probable_duplicates
from graph.errors import ConfigError, ExplorerError, MailFailed
from graph.survey import PairDecision
from graph.taxonomy import Sector

__all__ = [
    "MAIL_TIMEOUT",
    "ask_mail",
    "decide",
    "links_file",
    "mail_state",
    "open_or_close",
    "pick_change",
    "pick_pair",
    "report",
    "review",
    "send_mail",
    "show_round",
]

K = ids.Rondes
S = ids.Shell
_INVITED: Final = (
    ("organisation", "organisation"),
    ("state", "state"),
    ("when", "when"),
    ("version", "version"),
)
_CHANGES: Final = (
    ("organisation", "organisation"),
    ("value", "value"),
    ("by", "by"),
    ("when", "when"),
    ("decision", "decision"),
)
_NEW_ORGS: Final = (("named", "named"), ("named-by", "named-by"))
_DUPLICATES: Final = (
    ("first", "first"),
    ("second", "second"),
    ("reasons", "reasons"),
    ("suggestion", "suggestion"),
)
_DUPLICATE_LIMIT: Final = 200
MAIL_TIMEOUT: Final = 10.0
"""Seconds the page waits for the mail server at each step (connect, each message), not the CLI's 30."""
_SENT_ASKS: set[str] = set()
_SENT_LOCK = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _message(text: str, ok: bool = True) -> html.P:
    return html.P(text, className="notice" if ok else "notice rondes-refused")


def _open(name: Any, period: Any, closes: Any, how: Any, sectors: Any, wijken: Any, lang: Language) -> str:
    """Open a round from the form's values; returns its id (raises ``ExplorerError`` with a reason)."""
    viewer, deps = require_analyst(), services()
    chosen = present.parse_period(period)
    try:
        closing = date.fromisoformat(str(closes or ""))
    except ValueError:
        raise _Refused(T("need-closes", lang)) from None
    if not str(name or "").strip():
        raise _Refused(T("need-name", lang))
    if chosen is None:
        raise _Refused(T("need-period", lang))
    picked_sectors = (
        [Sector(s) for s in sectors or [] if s in Sector._value2member_map_] if how == "sector" else []
    )
    picked_wijken = [str(w) for w in wijken or []] if how == "wijk" else []
    if how in ("sector", "wijk") and not (picked_sectors or picked_wijken):
        raise _Refused(T("need-choice", lang))
    opened = rounds.open_round(
        deps.store,
        str(name),
        closing,
        today=date.today(),
        now=_now(),
        by=viewer.name,
        period=chosen,
        sectors=picked_sectors,
        wijken=picked_wijken,
    )
    return opened.id


class _Refused(Exception):
    """A form value the page refuses before asking the store (the message says why)."""


@callback(
    Output(K.ROUND, "options"),
    Output(K.ROUND, "value", allow_duplicate=True),
    Output(K.MESSAGE, "children"),
    Output(K.CHANGED, "data"),
    Input(K.OPEN, "n_clicks"),
    Input(K.CLOSE_CONFIRM, "submit_n_clicks"),
    State(K.ROUND, "value"),
    State(K.NAME, "value"),
    State(K.PERIOD, "value"),
    State(K.CLOSES, "date"),
    State(K.INVITE, "value"),
    State(K.SECTORS, "value"),
    State(K.WIJKEN, "value"),
    State(K.CHANGED, "data"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def open_or_close(
    opened: int | None,
    closed: int | None,
    current: Any,
    name: Any,
    period: Any,
    closes: Any,
    how: Any,
    sectors: Any,
    wijken: Any,
    changed: Any,
    lang: Any,
) -> tuple[Any, ...]:
    """Open a new round from the form, or close the chosen one (once the analyst confirmed); then show it."""
    require_analyst()
    chosen, store = language(lang), services().store
    trigger = ctx.triggered_id
    if trigger not in (K.OPEN, K.CLOSE_CONFIRM) or not (opened or closed):
        raise PreventUpdate
    try:
        if trigger == K.OPEN:
            shown = _open(name, period, closes, how, sectors, wijken, chosen)
            done = next(r for r in store.rounds() if r.id == shown)
            text = T("opened", chosen).format(name=done.name, n=len(done.invited))
        else:
            if not isinstance(current, str):
                raise PreventUpdate
            done = rounds.close(store, current, now=_now())
            shown, text = done.id, T("closed", chosen).format(name=done.name)
    except (_Refused, ExplorerError) as exc:
        return no_update, no_update, _message(T("refused", chosen).format(why=exc), ok=False), no_update
    options = present.round_options(store.rounds(), chosen)
    return options, shown, _message(text), int(changed or 0) + 1


@callback(
    Output(K.STATUS, "children"),
    Output(K.INVITED, "children"),
    Output(K.CLOSE, "disabled"),
    Output(K.LINKS, "disabled"),
    Input(K.ROUND, "value"),
    Input(K.CHANGED, "data"),
    State(S.LANG, "value"),
)
def show_round(round_id: Any, _changed: Any, lang: Any) -> tuple[Any, ...]:
    """Where the chosen round stands, and every invited organisation's state."""
    require_analyst()
    chosen, deps = language(lang), services()
    found = rounds.find_round(deps.store, round_id) if isinstance(round_id, str) else None
    if found is None:
        nobody = html.P(T("no-invited", chosen), className="section-none")
        return html.P(T("no-rounds", chosen), className="notice"), nobody, True, True
    status = rounds.round_status(deps.store, found.id, today=date.today())
    lines = [
        part
        for label, value in present.status_lines(status, chosen)
        for part in (html.Dt(label), html.Dd(value))
    ]
    rows = present.invited_rows(found, deps.store.responses(found.id), deps.organisation_names(), chosen)
    invited = table(K.INVITED_TABLE, rows, [(f, T(k, chosen)) for f, k in _INVITED], chosen)
    return html.Dl(lines, className="rondes-status"), invited, found.closed_at is not None, False


@callback(
    Output(K.CHANGES, "children"),
    Output(K.NEW_ORGS, "children"),
    Output(K.DUPLICATES, "children"),
    Input(K.ROUND, "value"),
    Input(K.CHANGED, "data"),
    State(S.LANG, "value"),
)
def review(round_id: Any, _changed: Any, lang: Any) -> tuple[Any, ...]:
    """The review lists: proposed corrections, new organisations named, probable duplicates."""
    require_analyst()
    chosen, deps = language(lang), services()
    names = deps.organisation_names()
    none = html.P(T("none", chosen), className="section-none")
    changes = present.change_rows(deps.store.proposed_changes(), names, chosen)
    answers = deps.store.responses(round_id) if isinstance(round_id, str) and round_id else []
    named = present.new_organisation_rows(answers, names, chosen)
    eco = deps.ecosystem()
    candidates = probable_duplicates(
        eco.organisations,
        place_names=[a.name for a in eco.areas],
        decisions=deps.store.pair_decisions(),
    )[:_DUPLICATE_LIMIT]
    pairs = present.duplicate_rows(candidates, names, chosen)

    def shown(name: str, rows: list[Any], columns: tuple[tuple[str, str], ...], select: bool) -> Any:
        if not rows:
            return none
        headers = [(f, T(k, chosen)) for f, k in columns]
        return table(name, rows, headers, chosen, select_by="id" if select else None)

    return (
        shown(K.CHANGES_TABLE, changes, _CHANGES, True),
        shown(K.NEW_ORGS_TABLE, named, _NEW_ORGS, False),
        shown(K.DUPLICATES_TABLE, pairs, _DUPLICATES, True),
    )


def _selected(rows: Any) -> str | None:
    wanted = (rows or [{}])[0].get("id")
    return wanted if isinstance(wanted, str) and wanted else None


@callback(
    Output(K.PICKED_CHANGE, "data"),
    Input({"type": TABLE, "name": K.CHANGES_TABLE}, "selectedRows"),
)
def pick_change(rows: Any) -> str | None:
    """The correction chosen in its table (kept apart, so the buttons work whichever tables show)."""
    return _selected(rows)


@callback(
    Output(K.PICKED_PAIR, "data"),
    Input({"type": TABLE, "name": K.DUPLICATES_TABLE}, "selectedRows"),
)
def pick_pair(rows: Any) -> str | None:
    """The probable duplicate pair chosen in its table."""
    return _selected(rows)


@callback(
    Output(K.MESSAGE, "children", allow_duplicate=True),
    Output(K.CHANGED, "data", allow_duplicate=True),
    Input(K.ACCEPT, "n_clicks"),
    Input(K.REJECT, "n_clicks"),
    Input(K.NOT_SAME, "n_clicks"),
    State(K.PICKED_CHANGE, "data"),
    State(K.PICKED_PAIR, "data"),
    State(K.NEW_SECTOR, "value"),
    State(K.REASON, "value"),
    State(K.CHANGED, "data"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def decide(
    accept: int | None,
    reject: int | None,
    not_same: int | None,
    change: Any,
    pair: Any,
    sector: Any,
    reason: Any,
    changed: Any,
    lang: Any,
) -> tuple[Any, Any]:
    """Accept or reject the chosen correction, or say the chosen pair are not the same organisation."""
    viewer, chosen, store = require_analyst(), language(lang), services().store
    trigger = ctx.triggered_id
    if not (accept or reject or not_same) or trigger not in (K.ACCEPT, K.REJECT, K.NOT_SAME):
        raise PreventUpdate
    picked = pair if trigger == K.NOT_SAME else change
    picked = picked if isinstance(picked, str) and picked else None
    if picked is None:
        return _message(T("choose-row", chosen), ok=False), no_update
    try:
        if trigger == K.NOT_SAME:
            first, _, second = picked.partition("|")
            store.decide_pair(PairDecision(first, second, same=False, by=viewer.name, at=_now()))
        elif trigger == K.ACCEPT:
            given = Sector(sector) if sector in Sector._value2member_map_ else None
            corrections.accept(store, picked, by=viewer.name, at=_now(), sector=given)
        else:
            corrections.reject(store, picked, by=viewer.name, at=_now(), reason=str(reason or ""))
    except ExplorerError as exc:
        return _message(T("refused", chosen).format(why=exc), ok=False), int(changed or 0) + 1
    return _message(T("decided", chosen)), int(changed or 0) + 1


@callback(
    Output(K.REPORT, "children"),
    Input(K.ROUND, "value"),
    Input(K.CHANGED, "data"),
    State(S.LANG, "value"),
)
def report(round_id: Any, _changed: Any, lang: Any) -> Any:
    """What partners reported in the chosen round: response, reciprocity, ratings, gap, change."""
    require_analyst()
    chosen, deps = language(lang), services()
    every = deps.store.rounds()
    place = next((i for i, r in enumerate(every) if r.id == round_id), None)
    if place is None:
        return None
    found, answers = every[place], deps.store.responses(str(round_id))
    eco = deps.ecosystem()
    names = deps.organisation_names()
    said, sections = rondes_report.report_sections(
        found, answers, eco.organisations, names, deps.area_names(), chosen
    )
    sections.append(rondes_report.gap_section(answers, deps.graph(Filters(), ANALYST), names, chosen))
    if place + 1 < len(every):
        earlier = every[place + 1]
        before = deps.store.responses(earlier.id)
        sections.append(rondes_report.compare_section(earlier, before, answers, names, chosen))
    warning = [html.P(text, className="rondes-warning") for text in said]
    shown = [_report_section(section, chosen) for section in sections]
    return html.Div(
        [html.H2(rondes_report.T("title", chosen), className="rondes-report-title"), *warning, *shown]
    )


def _report_section(section: Section, lang: Language) -> html.Section:
    """A report table with what it means and what to do, or "nothing reported yet"."""
    if section.rows:
        return section_view(section, lang)
    return html.Section(
        [
            html.H2(section.title),
            html.P(section.meaning, className="explain"),
            html.P(rondes_report.T("nothing-yet", lang), className="section-none"),
        ],
        className=f"analyst-section section-{section.name}",
    )


@callback(
    Output(K.LINKS_FILE, "data"),
    Input(K.LINKS, "n_clicks"),
    State(K.ROUND, "value"),
    prevent_initial_call=True,
)
def links_file(clicks: int | None, round_id: Any) -> dict[str, Any]:
    """The links CSV for a mail merge: ``organisation``, ``name``, ``url``; a row per invited organisation."""
    require_analyst()
    deps = services()
    found = rounds.find_round(deps.store, round_id) if clicks and isinstance(round_id, str) else None
    if found is None:
        raise PreventUpdate
    rows = links.link_rows(
        found, deps.organisation_names(), links.link_secret(deps.settings), deps.settings.public_url
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("organisation", "name", "url"))
    writer.writerows((row.organisation, row.name, row.url) for row in rows)
    return {"content": out.getvalue(), "filename": f"links-{found.id}.csv", "type": "text/csv"}


def _mail_server() -> mail.MailServer | None:
    """The mail server the settings name, with the page's shorter wait; ``None`` without one."""
    try:
        server = mail.MailServer.from_settings(services().settings)
    except ConfigError:
        return None
    return replace(server, timeout=MAIL_TIMEOUT) if server else None


def _mailing(round_id: Any, reminder: bool) -> mail.Mailing | None:
    """Who gets a mail now, as ``ketenkaart survey send`` plans it; ``None`` for an unknown round."""
    deps = services()
    found = rounds.find_round(deps.store, round_id) if isinstance(round_id, str) else None
    if found is None:
        return None
    rows = links.link_rows(
        found, deps.organisation_names(), links.link_secret(deps.settings), deps.settings.public_url
    )
    answers = deps.store.responses(found.id) if reminder else []
    addresses = corrections.contacts(deps.store)
    return mail.plan_mailing(found, rows, addresses, reminder=reminder, responses=answers)


def _mail_lines(lines: list[present.MailLine]) -> list[Any]:
    shown: list[Any] = []
    for line in lines:
        shown.append(
            html.P(line.text, className="rondes-mail-problem" if line.problem else "rondes-mail-line")
        )
        if line.listed:
            shown.append(html.Ul([html.Li(text) for text in line.listed], className="rondes-mail-list"))
    return shown


@callback(
    Output(K.MAIL_INVITE, "disabled"),
    Output(K.MAIL_REMIND, "disabled"),
    Output(K.MAIL_CONFIRM, "hidden"),
    Output(K.MAIL_RESULT, "children"),
    Input(K.ROUND, "value"),
    Input(K.CHANGED, "data"),
)
def mail_state(round_id: Any, _changed: Any) -> tuple[bool, bool, bool, Any]:
    """The mail buttons work for an open round only; choosing another round drops a pending question."""
    require_analyst()
    found = rounds.find_round(services().store, round_id) if isinstance(round_id, str) else None
    closed = found is None or not found.is_open(date.today())
    return closed, closed, True, None


@callback(
    Output(K.MAIL_CONFIRM, "hidden", allow_duplicate=True),
    Output(K.MAIL_QUESTION, "children"),
    Output(K.MAIL_SEND, "disabled"),
    Output(K.MAIL_ASKED, "data"),
    Output(K.MAIL_RESULT, "children", allow_duplicate=True),
    Input(K.MAIL_INVITE, "n_clicks"),
    Input(K.MAIL_REMIND, "n_clicks"),
    Input(K.MAIL_CANCEL, "n_clicks"),
    State(K.ROUND, "value"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def ask_mail(
    invite: int | None, remind: int | None, cancel: int | None, round_id: Any, lang: Any
) -> tuple[Any, ...]:
    """Before mailing: to how many organisations, who has no address and (a reminder) who submitted."""
    require_analyst()
    chosen, trigger = language(lang), ctx.triggered_id
    if trigger == K.MAIL_CANCEL and cancel:
        return True, None, True, None, None
    if trigger not in (K.MAIL_INVITE, K.MAIL_REMIND) or not (invite or remind):
        raise PreventUpdate
    reminder = trigger == K.MAIL_REMIND
    planned, server = _mailing(round_id, reminder), _mail_server()
    if planned is None or server is None:
        raise PreventUpdate
    if not planned.round.is_open(date.today()):
        return True, None, True, None, _message(T("mail-closed", chosen), ok=False)
    lines = present.mail_question(planned, str(server), services().organisation_names(), chosen)
    asked = {"round": planned.round.id, "reminder": reminder, "once": secrets.token_urlsafe(12)}
    return False, _mail_lines(lines), not planned.invitations, asked, None


def _first_use(once: Any) -> bool:
    """Whether this confirmation has not been used to send yet (and mark it used)."""
    if not isinstance(once, str) or not once:
        return False
    with _SENT_LOCK:
        if once in _SENT_ASKS:
            return False
        _SENT_ASKS.add(once)
        return True


@callback(
    Output(K.MAIL_CONFIRM, "hidden", allow_duplicate=True),
    Output(K.MAIL_RESULT, "children", allow_duplicate=True),
    Output(K.MAIL_ASKED, "data", allow_duplicate=True),
    Input(K.MAIL_SEND, "n_clicks"),
    State(K.MAIL_ASKED, "data"),
    State(S.LANG, "value"),
    prevent_initial_call=True,
)
def send_mail(clicks: int | None, asked: Any, lang: Any) -> tuple[Any, ...]:
    """Send what the analyst confirmed, then say to whom it went, who was left out, or why it failed."""
    require_analyst()
    chosen = language(lang)
    if not clicks or not isinstance(asked, dict) or not _first_use(asked.get("once")):
        raise PreventUpdate
    planned, server = _mailing(asked.get("round"), asked.get("reminder") is True), _mail_server()
    if planned is None or server is None:
        raise PreventUpdate
    if not planned.round.is_open(date.today()):
        return True, _message(T("mail-closed", chosen), ok=False), None
    names = services().organisation_names()
    try:
        result = mail.send_mailing(server, planned)
    except MailFailed as exc:
        lines, failed = present.mail_result(planned, names, chosen, sent=exc.sent, failed=str(exc)), True
    else:
        lines = present.mail_result(planned, names, chosen, sent=result.sent, refused=result.refused)
        failed = bool(result.refused)
    box = html.Div(_mail_lines(lines), className="notice rondes-refused" if failed else "notice")
    return True, box, None
