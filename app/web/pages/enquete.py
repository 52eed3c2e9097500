"""Enquête: the partner's questionnaire at ``/enquete/<token>``, phone first, in Dutch and English.

No login: the signed link is the credential, checked again by every callback
(:func:`app.survey.links.check_link`); a forged, expired or unknown link gets a refusal page
and nothing is stored. The page is its own small Dash app (:mod:`app.web.enquete_app`). This
module lays the questionnaire out from what :mod:`app.present.enquete` computes (built on
:mod:`app.survey.questionnaire`); its callbacks, declared with ``to="enquete"``, are in
:mod:`app.web.pages.enquete_callbacks`. Free text is shown as text (Dash escapes it).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from dash import ALL, State, dcc, html
from dash.development.base_component import Component

from app.i18n import DEFAULT_LANGUAGE, Language
from app.present.enquete import (
    GROUPS,
    Current,
    Form,
    SuggestionCard,
    T,
    TieCard,
    frequency_options,
    rating_label,
    refusal_text,
    scale_options,
)
from app.survey.links import check_link, link_secret
from app.web import ids
from app.web.services import services
from graph.errors import LinkRefused
from graph.survey import SurveyRound

__all__ = [
    "FORM_STATE",
    "KIND",
    "PREFIX",
    "checked_link",
    "current",
    "layout",
    "link_of",
    "link_secret_now",
    "questionnaire_page",
    "refusal_page",
    "suggestion_card",
    "tie_card",
    "unexpected",
]

E = ids.Enquete
PREFIX: Final = "/enquete/"
KIND: Final = "enquete"
FORM_STATE: Final = (
    State({"type": E.STATUS, "key": ALL}, "value"),
    State({"type": E.STATUS, "key": ALL}, "id"),
    State({"type": E.FREQUENCY, "key": ALL}, "value"),
    State({"type": E.FREQUENCY, "key": ALL}, "id"),
    State({"type": E.RATING, "key": ALL, "item": ALL}, "value"),
    State({"type": E.RATING, "key": ALL, "item": ALL}, "id"),
    State({"type": E.SUGGESTION, "partner": ALL}, "value"),
    State({"type": E.SUGGESTION, "partner": ALL}, "id"),
    State(E.ADDED, "data"),
)
"""Every answer on the page: values with their ids, and the added ties."""
_LIVE: Final[dict[str, Any]] = {"aria-live": "polite"}


def unexpected(lang: object = DEFAULT_LANGUAGE) -> str:
    """The message for a failure that is not the partner's (both languages when unknown)."""
    return T("unexpected", lang)


def layout() -> html.Div:
    """The questionnaire app's frame: the language switch and the page, drawn for the link."""
    return html.Div(
        [
            dcc.Location(id=E.URL),
            dcc.Store(id=E.CSRF),
            dcc.Store(id=E.ADDED, data=[]),
            html.Header(
                [
                    html.Span("Ketenkaart", className="brand"),
                    dcc.RadioItems(
                        id=E.LANG,
                        options=[{"label": "NL", "value": "nl"}, {"label": "EN", "value": "en"}],
                        value=DEFAULT_LANGUAGE,
                        inline=True,
                        persistence=True,
                        persistence_type="local",
                        className="enq-lang",
                    ),
                ],
                className="enq-header",
            ),
            html.Div(id=E.ALERT),
            html.Main(id=E.PAGE, className="enq-page"),
        ],
        className="enq-root",
    )


def link_of(pathname: object) -> str:
    """The token in ``/enquete/<token>``; :class:`LinkRefused` (``forged``) for any other path."""
    path = str(pathname or "")
    token = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
    if not token or "/" in token:
        raise LinkRefused("forged", "no survey link in this address")
    return token


def link_secret_now() -> str:
    """The key that signs survey links and the page's CSRF tokens, from the running app's settings."""
    return link_secret(services().settings)


def checked_link(pathname: object) -> tuple[SurveyRound, str, str]:
    """The round, organisation and token of the page's link, if it may be used today;
    :class:`LinkRefused` otherwise. Every callback of the questionnaire checks its link here."""
    token = link_of(pathname)
    survey_round, organisation = check_link(services().store, link_secret_now(), token, date.today())
    return survey_round, organisation, token


# ---------------------------------------------------------------- layout of the questionnaire


def _radio(id_: dict[str, str], options: list[dict[str, Any]], value: Any, kind: str) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=id_, options=options, value=value, className=f"enq-options {kind}", inputClassName="enq-input"
    )


def _ratings(card: TieCard, lang: Language) -> list[Component]:
    groups: list[Component] = []
    for group, items in GROUPS:
        rows = [
            html.Fieldset(
                [
                    html.Legend(rating_label(item, lang)),
                    _radio(
                        {"type": E.RATING, "key": card.key, "item": item},
                        scale_options(lang),
                        card.ratings.get(item),
                        "enq-scale",
                    ),
                ],
                className="enq-item",
            )
            for item in items
        ]
        groups.append(html.Div([html.H4(T(group, lang)), *rows], className="enq-group"))
    return groups


def tie_card(card: TieCard, lang: Language) -> html.Article:
    """One tie: the partner, what the data shows, confirm or reject, and how it goes."""
    head: list[Component] = [html.H3(card.name)]
    if card.sector:
        head.append(html.Span(card.sector, className="enq-sector"))
    body: list[Component] = [html.Div(head, className="enq-card-head")]
    if card.lines:
        body += [
            html.P(T("evidence", lang), className="enq-caption"),
            html.Ul([html.Li(line) for line in card.lines], className="enq-evidence"),
        ]
    if card.added:
        note = T("added-new", lang) if card.new_name else T("added", lang)
        body.append(
            html.Div(
                [
                    html.Span(note, className="enq-caption"),
                    html.Button(
                        T("remove", lang),
                        id={"type": E.REMOVE, "key": card.key},
                        n_clicks=0,
                        className="enq-remove",
                    ),
                ],
                className="enq-added-note",
            )
        )
    else:
        choices = [
            {"label": T("confirm", lang), "value": "confirmed"},
            {"label": T("reject", lang), "value": "rejected"},
        ]
        body.append(_radio({"type": E.STATUS, "key": card.key}, choices, card.status, "enq-status"))
    body.append(html.Div(id={"type": E.TIE_ERROR, "key": card.key}, className="enq-error", **_LIVE))
    details = [
        html.Fieldset(
            [
                html.Legend(T("how-often", lang)),
                _radio(
                    {"type": E.FREQUENCY, "key": card.key},
                    frequency_options(lang),
                    card.frequency,
                    "enq-chips",
                ),
            ],
            className="enq-item",
        ),
        html.P(T("scale", lang), className="enq-scale-legend"),
        *_ratings(card, lang),
    ]
    shown = card.added or card.status == "confirmed"
    body.append(
        html.Div(details, id={"type": E.DETAILS, "key": card.key}, hidden=not shown, className="enq-details")
    )
    return html.Article(body, id={"type": E.TIE, "key": card.key}, className="enq-card")


def suggestion_card(card: SuggestionCard, lang: Language) -> html.Article:
    """One kennismaken suggestion: whom, why, and interested / known / no."""
    head: list[Component] = [html.H3(card.name)]
    if card.sector:
        head.append(html.Span(card.sector, className="enq-sector"))
    choices = [{"label": T(answer, lang), "value": answer} for answer in ("interested", "known", "no")]
    return html.Article(
        [
            html.Div(head, className="enq-card-head"),
            html.Ul([html.Li(reason) for reason in card.why], className="enq-evidence") if card.why else None,
            _radio({"type": E.SUGGESTION, "partner": card.partner}, choices, card.answer, "enq-status"),
            html.Div(id={"type": E.TIE_ERROR, "key": f"s-{card.partner}"}, className="enq-error"),
        ],
        className="enq-card",
    )


def _add_controls(lang: Language) -> html.Div:
    labels: Any = {"search": T("search", lang), "no_options_found": T("no-match", lang)}
    return html.Div(
        [
            html.Label(T("search", lang), htmlFor=E.ADD_PICK, className="enq-label"),
            html.Div(
                [
                    dcc.Dropdown(
                        id=E.ADD_PICK,
                        options=[],
                        placeholder=T("search", lang),
                        labels=labels,
                        className="enq-pick",
                        optionHeight=44,
                    ),
                    html.Button(T("add", lang), id=E.ADD_KNOWN, n_clicks=0, className="enq-add"),
                ],
                className="enq-add-row",
            ),
            html.Label(T("new-name", lang), htmlFor=E.ADD_NAME, className="enq-label"),
            html.Div(
                [
                    dcc.Input(
                        id=E.ADD_NAME, type="text", maxLength=400, debounce=False, className="enq-name"
                    ),
                    html.Button(T("add-new", lang), id=E.ADD_NEW, n_clicks=0, className="enq-add"),
                ],
                className="enq-add-row",
            ),
            html.Div(id=E.ADD_MESSAGE, className="enq-error", **_LIVE),
        ],
        className="enq-add-box",
    )


def questionnaire_page(shown: Form, lang: Language, details: Component | None = None) -> html.Div:
    """The whole questionnaire: Klopt dit?, the ties to add, kennismaken, save and send; ``details``
    is section 4, the organisation's own record (:mod:`app.web.pages.enquete_details`)."""
    check: list[Component] = [html.H2(T("check-title", lang))]
    if shown.shown:
        check += [
            html.P(T("check-explain", lang), className="explain"),
            *(tie_card(c, lang) for c in shown.shown),
        ]
    else:
        check.append(html.P(T("none-shown", lang), className="explain"))
    suggest: list[Component] = [html.H2(T("suggest-title", lang))]
    if shown.suggestions:
        suggest += [
            html.P(T("suggest-explain", lang), className="explain"),
            *(suggestion_card(c, lang) for c in shown.suggestions),
        ]
    else:
        suggest.append(html.P(T("no-suggestions", lang), className="explain"))
    intro: list[Component] = [
        html.H1(T("title", lang)),
        html.P(shown.heading, className="enq-for"),
        html.P(T("intro", lang), className="explain"),
        html.P([shown.closes, " ", T("privacy", lang)], className="explain"),
    ]
    note = [html.P(shown.previous, className="enq-note")] if shown.previous else []
    return html.Div(
        [
            *intro,
            html.Div(note, id=E.DONE),  # sending replaces the note with the confirmation
            html.Div(
                [
                    html.Section(check, className="enq-section"),
                    html.Section(
                        [
                            html.H2(T("add-title", lang)),
                            html.P(T("add-explain", lang), className="explain"),
                            _add_controls(lang),
                            html.Div([tie_card(c, lang) for c in shown.added], id=E.ADDED_ROWS),
                        ],
                        className="enq-section",
                    ),
                    html.Section(suggest, className="enq-section"),
                    details,
                    html.Div(
                        [
                            html.Div(id=E.MESSAGE, className="enq-message", role="status"),
                            html.Div(
                                [
                                    html.Button(T("save", lang), id=E.SAVE, n_clicks=0, className="enq-save"),
                                    html.Button(
                                        T("submit", lang), id=E.SUBMIT, n_clicks=0, className="enq-submit"
                                    ),
                                ],
                                className="enq-buttons",
                            ),
                        ],
                        className="enq-actions",
                    ),
                ],
                id=E.FORM,
            ),
        ],
        id=E.QUESTIONNAIRE,
    )


def refusal_page(why: str, lang: Language) -> html.Div:
    """The page for a link that cannot be used; nothing was stored."""
    return html.Div(
        [
            html.H1(T("refused-title", lang)),
            html.P(refusal_text(why, lang)),
            html.P(T("refused-help", lang), className="explain"),
        ],
        id=E.REFUSED,
        className="enq-refused",
    )


# ---------------------------------------------------------------- reading the form back


def current(values: tuple[Any, ...]) -> Current:
    """The answers on the page, from the values of :data:`FORM_STATE` (in its order)."""
    statuses, status_ids, freqs, freq_ids, ratings, rating_ids, suggested, suggested_ids, added = values
    return Current(
        statuses={i["key"]: v for i, v in zip(status_ids or [], statuses or [], strict=False)},
        frequencies={i["key"]: v for i, v in zip(freq_ids or [], freqs or [], strict=False)},
        ratings={(i["key"], i["item"]): v for i, v in zip(rating_ids or [], ratings or [], strict=False)},
        added=[entry for entry in (added or []) if isinstance(entry, dict)],
        suggestions={i["partner"]: v for i, v in zip(suggested_ids or [], suggested or [], strict=False)},
    )
