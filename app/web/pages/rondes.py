"""Rondes: the analyst's survey rounds: open and close a round, hand out links, follow answers, review.

Analysts only (the router never builds it for a partner; every callback checks again).
Opening and closing go through :mod:`app.survey.rounds`, the links through
:mod:`app.survey.links`, invitations and reminders by mail through :mod:`app.survey.mail`
(the same functions as ``ketenkaart survey``; the mail buttons show only when the settings
name an SMTP server), accepting a
correction through :mod:`app.survey.corrections`, and a "not the same organisation"
verdict through ``store.decide_pair``. The content comes from :mod:`app.present.rondes`
and :mod:`app.present.rondes_report`; this module lays it out, and its callbacks are in
:mod:`app.web.pages.rondes_callbacks`.
The chosen round is kept in the address (``?ronde=ID``), so a saved view or a shared
link opens the same round.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final
from urllib.parse import parse_qs

from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from app.access import Viewer
from app.i18n import Language
from app.present import rondes as present
from app.present.rondes import T
from app.survey import rounds
from app.survey.mail import MailServer
from app.web import ids
from app.web.auth import require_analyst
from app.web.pages import rondes_callbacks as _callbacks  # noqa: F401  (declares the page's callbacks)
from app.web.services import services
from app.web.wiring import callback, clientside
from graph.errors import ConfigError
from graph.survey import MAX_TEXT

__all__ = ["CLOSES_AFTER", "layout", "start"]

K = ids.Rondes
S = ids.Shell
CLOSES_AFTER: Final = 21
"""A new round closes, unless the analyst chooses otherwise, three weeks after today."""


def _field(label: str, control: Any, target: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=target), control], className="rondes-field")


def _form(lang: Language) -> html.Details:
    """The form that opens a new round."""
    today = date.today()
    wijken = [
        {"label": name, "value": code}
        for code, name in services().area_names().items()
        if code.startswith("WK")
    ]
    invite = dcc.RadioItems(
        id=K.INVITE,
        options=[{"label": T(f"invite-{how}", lang), "value": how} for how in ("all", "sector", "wijk")],
        value="all",
        inline=True,
        className="rondes-invite",
    )
    fields = [
        _field(
            T("name", lang),
            dcc.Input(
                id=K.NAME, type="text", maxLength=rounds.MAX_NAME, placeholder=T("name-placeholder", lang)
            ),
            K.NAME,
        ),
        _field(
            T("period", lang),
            dcc.Dropdown(
                id=K.PERIOD,
                options=present.period_options(today, lang),
                value=rounds.quarter_of(today).code,
                clearable=False,
                placeholder=T("period", lang),
            ),
            K.PERIOD,
        ),
        _field(
            T("closes", lang),
            dcc.DatePickerSingle(
                id=K.CLOSES,
                date=(today + timedelta(days=CLOSES_AFTER)).isoformat(),
                min_date_allowed=today.isoformat(),
                display_format="D-M-YYYY" if lang == "nl" else "D MMM YYYY",
                first_day_of_week=1,
                placeholder=T("closes", lang),
            ),
            K.CLOSES,
        ),
        _field(T("invite", lang), invite, K.INVITE),
        _field(
            T("invite-sector", lang),
            dcc.Dropdown(
                id=K.SECTORS,
                options=present.sector_options(lang),
                multi=True,
                placeholder=T("choose-sectors", lang),
            ),
            K.SECTORS,
        ),
        _field(
            T("invite-wijk", lang),
            dcc.Dropdown(id=K.WIJKEN, options=wijken, multi=True, placeholder=T("choose-wijken", lang)),
            K.WIJKEN,
        ),
    ]
    return html.Details(
        [
            html.Summary(T("new-round", lang)),
            html.Div(fields, className="rondes-form"),
            html.Button(T("open", lang), id=K.OPEN, n_clicks=0, className="rondes-button primary"),
        ],
        className="rondes-new",
        open=not services().store.rounds(),
    )


def _section(title: str, explain: str, body_id: str, buttons: list[Any] | None = None) -> html.Section:
    parts: list[Any] = [html.H2(title)]
    if explain:
        parts.append(html.P(explain, className="explain"))
    parts.append(html.Div(id=body_id))
    if buttons:
        parts.append(html.Div(buttons, className="rondes-actions"))
    return html.Section(parts, className="analyst-section rondes-section")


def _local_links(lang: Language) -> list[html.P]:
    """A note when the links would point to this computer only (no public address set)."""
    url = services().settings.public_url
    return (
        [html.P(T("links-local", lang).format(url=url), className="explain")]
        if present.local_links(url)
        else []
    )


def _mail(lang: Language) -> html.Section:
    """The mail buttons, their confirmation and result; or, without a mail server, how to
    switch it on (the controls are then in the page but hidden, so every callback's
    components exist and none can be pressed)."""
    button = "rondes-button"
    confirm = html.Div(
        [
            html.Div(id=K.MAIL_QUESTION),
            html.Div(
                [
                    html.Button(
                        T("mail-send", lang), id=K.MAIL_SEND, n_clicks=0, className=f"{button} primary"
                    ),
                    html.Button(T("mail-cancel", lang), id=K.MAIL_CANCEL, n_clicks=0, className=button),
                ],
                className="rondes-actions",
            ),
        ],
        id=K.MAIL_CONFIRM,
        className="rondes-mail-box",
        hidden=True,
    )
    controls = [
        html.Div(
            [
                html.Button(T("mail-invite", lang), id=K.MAIL_INVITE, n_clicks=0, className=button),
                html.Button(T("mail-remind", lang), id=K.MAIL_REMIND, n_clicks=0, className=button),
            ],
            className="rondes-actions",
        ),
        confirm,
        html.Div(id=K.MAIL_RESULT, className="rondes-mail-result", role="status"),
        dcc.Store(id=K.MAIL_ASKED),
    ]
    try:
        server = MailServer.from_settings(services().settings)
    except ConfigError as exc:
        server = None
        said = html.P(T("mail-misconfigured", lang).format(why=exc), className="notice rondes-refused")
    else:
        said = html.P(T("mail-explain" if server else "mail-off", lang), className="explain")
    if server is None:
        controls = [html.Div(controls, hidden=True)]
    return html.Section(
        [html.H2(T("mail-title", lang)), said, *controls],
        id=K.MAIL,
        className="analyst-section rondes-section",
    )


def layout(lang: Language, viewer: Viewer) -> html.Div:
    """The page, fresh per visit: the round chooser and its actions, status, review lists, report."""
    found = services().store.rounds()
    chooser = dcc.Dropdown(
        id=K.ROUND,
        options=present.round_options(found, lang),
        value=present.pick_round(found, None),
        clearable=False,
        searchable=False,
        placeholder=T("choose-round", lang),
    )
    button = "rondes-button"
    return html.Div(
        [
            html.H1(T("title", lang)),
            html.P(T("intro", lang), className="explain"),
            html.Div(
                [
                    _field(T("round", lang), chooser, K.ROUND),
                    html.Div(
                        [
                            html.Button(
                                T("links", lang),
                                id=K.LINKS,
                                n_clicks=0,
                                className=button,
                                title=T("links-explain", lang),
                            ),
                            dcc.ConfirmDialogProvider(
                                html.Button(T("close", lang), id=K.CLOSE, n_clicks=0, className=button),
                                id=K.CLOSE_CONFIRM,
                                message=T("close-confirm", lang),
                            ),
                        ],
                        className="rondes-actions",
                    ),
                ],
                className="rondes-choose",
            ),
            *_local_links(lang),
            html.Div(id=K.MESSAGE, className="rondes-message", role="status"),
            _form(lang),
            _mail(lang),
            _section(T("status", lang), "", K.STATUS),
            _section(T("invited-title", lang), "", K.INVITED),
            _section(
                T("changes-title", lang),
                T("changes-explain", lang),
                K.CHANGES,
                [
                    _field(
                        T("new-sector", lang),
                        dcc.Dropdown(
                            id=K.NEW_SECTOR,
                            options=present.sector_options(lang),
                            placeholder=T("choose-sector", lang),
                        ),
                        K.NEW_SECTOR,
                    ),
                    _field(
                        T("reason", lang),
                        dcc.Input(
                            id=K.REASON,
                            type="text",
                            maxLength=MAX_TEXT,
                            placeholder=T("reason-placeholder", lang),
                        ),
                        K.REASON,
                    ),
                    html.Div(
                        [
                            html.Button(T("accept", lang), id=K.ACCEPT, n_clicks=0, className=button),
                            html.Button(T("reject", lang), id=K.REJECT, n_clicks=0, className=button),
                        ],
                        className="rondes-actions",
                    ),
                ],
            ),
            _section(T("new-orgs-title", lang), T("new-orgs-explain", lang), K.NEW_ORGS),
            _section(
                T("duplicates-title", lang),
                T("duplicates-explain", lang),
                K.DUPLICATES,
                [html.Button(T("not-same", lang), id=K.NOT_SAME, n_clicks=0, className=button)],
            ),
            html.Div(id=K.REPORT, className="rondes-report"),
            dcc.Store(id=K.CHANGED, data=0),
            dcc.Store(id=K.PICKED_CHANGE),
            dcc.Store(id=K.PICKED_PAIR),
            dcc.Store(id=K.URL_STATE),
            dcc.Download(id=K.LINKS_FILE),
        ],
        id=K.PAGE,
        className="analyst-page rondes-page",
    )


@callback(
    Output(K.ROUND, "value", allow_duplicate=True),
    Input(K.PAGE, "id"),
    State(S.ROUTE, "data"),
    prevent_initial_call="initial_duplicate",
)
def start(_page: str, route: dict[str, str] | None) -> Any:
    """The round the address names (``?ronde=ID``), when it is one."""
    require_analyst()
    asked = parse_qs(str((route or {}).get("search", "")).lstrip("?")).get("ronde")
    wanted = asked[-1] if asked else None
    found = present.pick_round(services().store.rounds(), wanted)
    if wanted is None or found != wanted:
        raise PreventUpdate
    return found


clientside(
    """function(chosen) {
    const query = new URLSearchParams(window.location.search);
    if (chosen) { query.set("ronde", chosen); } else { query.delete("ronde"); }
    const text = query.toString().replace(/%2C/g, ",");
    const path = window.location.pathname;
    window.history.replaceState(window.history.state, "", path + (text ? "?" + text : ""));
    return text;
}""",
    Output(K.URL_STATE, "data"),
    Input(K.ROUND, "value"),
)

clientside(
    """function(how) { return [how !== "sector", how !== "wijk"]; }""",
    Output(K.SECTORS, "disabled"),
    Output(K.WIJKEN, "disabled"),
    Input(K.INVITE, "value"),
)
