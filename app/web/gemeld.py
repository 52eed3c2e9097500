"""What partners reported, on the pages: the Overzicht block and a partner's survey notice.

:func:`reported_block` is the "Wat partners meldden" block of Overzicht (analysts only), from
the memoised :meth:`app.web.services.Services.survey_summary`, with a link to the Rondes page.

:func:`partner_notice` is what a logged-in partner sees on its start page (the map): when its
organisation is invited to a round that is open today, an entry to its own questionnaire (the
server makes its personal link, :func:`app.survey.links.make_token`, the same
``/enquete/<token>`` page the mailed link opens), and how the others rate its organisation in
the latest closed round, as :func:`graph.reported.partner_view` allows. Nothing about other
organisations; analysts get nothing here. Both read the survey rounds once per store revision
(:meth:`app.web.services.Services.surveys`).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from dash import dcc, html

from app.access import Viewer
from app.i18n import Language
from app.present.gemeld import Brief, T, analyst_brief, invitation, partner_brief
from app.survey.links import link_secret, make_token, survey_url
from app.survey.reading import Surveys, open_invitation
from app.web import ids
from app.web.services import Services, services
from graph.reported import newest_first, partner_view
from graph.survey import Response

__all__ = ["brief_view", "partner_notice", "reported_block"]


def brief_view(brief: Brief, class_name: str) -> list[html.Div | html.H2 | html.P]:
    """A brief as a heading, its line about the round, its figures and warnings."""
    figures = [
        html.Div(
            [
                html.Div(f.name, className="kpi-name"),
                html.Div(f.value, className="kpi-value gemeld-value"),
                *([html.Div(f.detail, className="gemeld-detail")] if f.detail else []),
                html.P(f.meaning, className="kpi-meaning"),
            ],
            className=f"kpi {class_name}-figure",
        )
        for f in brief.figures
    ]
    return [
        html.H2(brief.title),
        html.P(brief.about, className="explain"),
        html.Div(figures, className="kpi-row"),
        *[html.P(text, className=f"{class_name}-warning notice") for text in brief.warnings],
    ]


def reported_block(lang: Language) -> html.Section | None:
    """The Overzicht block about the latest round (analysts only); ``None`` without a round."""
    deps = services()
    summary = deps.survey_summary()
    if summary is None:
        return None
    brief = analyst_brief(summary, deps.area_names(), lang)
    return html.Section(
        [
            *brief_view(brief, "gemeld"),
            html.P(dcc.Link(T("to-rondes", lang), href="/rondes"), className="gemeld-link"),
        ],
        id=ids.Overzicht.REPORTED,
        className="overzicht-reported",
    )


def _latest(answers: list[Response], organisation: str) -> Response | None:
    mine = [r for r in answers if r.organisation == organisation]
    return max(mine, key=lambda r: r.version) if mine else None


def _entry(deps: Services, surveys: Surveys, organisation: str, lang: Language) -> list[html.Div]:
    found = open_invitation(surveys, organisation, date.today())
    if found is None:
        return []
    link = survey_url("", make_token(link_secret(deps.settings), found.id, organisation))
    href = f"{link}?{urlencode({'lang': lang})}"  # the questionnaire opens in the app's language
    shown = invitation(found, _latest(surveys.answers(found.id), organisation), href, lang)
    return [
        html.Div(
            [
                html.H2(shown.title),
                html.P(shown.text),
                *([html.P(shown.state, className="survey-entry-state")] if shown.state else []),
                html.A(shown.label, href=shown.href, id=ids.Kaart.SURVEY_LINK, className="survey-entry-link"),
            ],
            className="survey-entry",
        )
    ]


def _ratings(deps: Services, surveys: Surveys, organisation: str, lang: Language) -> list[html.Div]:
    closed = next((r for r in newest_first(surveys.rounds) if r.closed_at is not None), None)
    if closed is None:
        return []
    view = partner_view(surveys.answers(closed.id), organisation, small=deps.settings.small_count)
    if not (view.trust_raters or view.value_raters):
        return []
    brief = partner_brief(view, closed.name, lang, small=deps.settings.small_count)
    return [html.Div(brief_view(brief, "survey-rating"), className="survey-rating")]


def partner_notice(viewer: Viewer, lang: Language) -> html.Aside | None:
    """A partner's survey notice for its start page, or ``None`` (analysts; nothing to say)."""
    if viewer.is_analyst or not viewer.organisation:
        return None
    deps = services()
    surveys = deps.surveys()
    parts = [
        *_entry(deps, surveys, viewer.organisation, lang),
        *_ratings(deps, surveys, viewer.organisation, lang),
    ]
    if not parts:
        return None
    return html.Aside(parts, id=ids.Kaart.SURVEY, className="survey-notice")
