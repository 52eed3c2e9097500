"""What partners reported, in brief: the Overzicht block for analysts, the start-page note for partners.

Analysts get the round's figures (:func:`analyst_brief`): response, reciprocity and how many of
the ties the data shows partners confirmed, with the warnings where non-response could bias
them (:func:`app.present.rondes_report.warnings`), from :func:`graph.reported.survey_summary`.

A partner gets only what :func:`graph.reported.partner_view` allows (:func:`partner_brief`):
how the others rate its *own* organisation, as averages over at least ``small`` raters (never
fewer than :data:`graph.reported.MIN_RATERS`), and how many rated it. Never one rater's
score, and only from a *closed* round: while a round is open, an average that moves when one
more organisation submits would give that organisation's score away. Of an open round a
partner gets only its own invitation (:func:`invitation`), the entry to its questionnaire.

>>> from graph.reported import OrganisationRating
>>> brief = partner_brief(OrganisationRating("A", 3.25, 4, None, 2), "Zomer", "en", small=3)
>>> [(f.name, f.value) for f in brief.figures]
[('Trust', '3.25 (4 organisations)'), ('Value', 'too few to show (2 organisations)')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from app.i18n import Language, Texts
from app.present import formatting, rondes_report
from graph.reported import MIN_RATERS, OrganisationRating, SurveySummary
from graph.survey import Response, SurveyRound

__all__ = ["Brief", "Figure", "Invitation", "T", "analyst_brief", "invitation", "partner_brief"]

T: Final = Texts(
    {
        "title": ("Wat partners meldden", "What partners reported"),
        "round-closed": (
            "Ronde {name} ({period}), afgesloten: de antwoorden zijn definitief. Over de hele ronde, "
            "los van het filter.",
            "Round {name} ({period}), closed: the answers are final. Over the whole round, whatever "
            "the filter.",
        ),
        "round-open": (
            "Ronde {name} ({period}), loopt tot {closes}: voorlopige cijfers over wat tot nu toe is "
            "ingediend. Over de hele ronde, los van het filter.",
            "Round {name} ({period}), open until {closes}: provisional figures over what has been "
            "submitted so far. Over the whole round, whatever the filter.",
        ),
        "response": ("Respons", "Response"),
        "response-value": (
            "{responded} van {invited} organisaties",
            "{responded} of {invited} organisations",
        ),
        "response-meaning": (
            "Hoeveel uitgenodigde organisaties hun antwoorden indienden.",
            "How many invited organisations submitted their answers.",
        ),
        "reciprocity": ("Wederkerigheid", "Reciprocity"),
        "reciprocity-value": (
            "{mutual} van {pairs} paren door beide kanten genoemd",
            "{mutual} of {pairs} pairs named by both sides",
        ),
        "reciprocity-meaning": (
            "Van de samenwerkingen die een organisatie noemde terwijl de ander ook antwoordde: het deel "
            "dat beide kanten noemden.",
            "Of the ties one organisation named while the other answered too: the share both sides named.",
        ),
        "confirmed": ("Bevestigd", "Confirmed"),
        "confirmed-value": (
            "{confirmed} van {asked} samenwerkingen uit de gegevens bevestigd",
            "{confirmed} of {asked} ties from the data confirmed",
        ),
        "confirmed-meaning": (
            "Van de samenwerkingen die de gegevens tonen en die partners beoordeelden: het deel dat zij "
            "bevestigden (de rest wezen zij af).",
            "Of the ties the data shows that partners judged: the share they confirmed (they rejected "
            "the rest).",
        ),
        "not-yet": ("nog niet te bepalen", "not known yet"),
        "to-rondes": ("Alle cijfers per ronde staan op Rondes", "Every figure per round is on Rounds"),
        "partner-title": ("Hoe partners u beoordelen", "How partners rate you"),
        "partner-round": (
            "Uit ronde {name}: het gemiddelde van de organisaties die met u samenwerken, alleen als "
            "minstens {least} organisaties een oordeel gaven. Wie wat gaf, ziet niemand.",
            "From round {name}: the average of the organisations that work with you, only when at "
            "least {least} organisations gave a rating. Nobody sees who gave what.",
        ),
        "trust": ("Vertrouwen", "Trust"),
        "value": ("Waarde", "Value"),
        "scale": ("op een schaal van 1 tot 4", "on a scale of 1 to 4"),
        "raters": ("{n} organisaties", "{n} organisations"),
        "rater": ("1 organisatie", "1 organisation"),
        "too-few": ("te weinig om te tonen ({raters})", "too few to show ({raters})"),
        "invited": (
            "Uw organisatie is uitgenodigd voor de enquête {name}. Vertel welke samenwerkingen kloppen, "
            "welke ontbreken en hoe ze gaan; u kunt tussendoor opslaan. Open tot {closes}.",
            "Your organisation is invited to the survey {name}. Tell us which ties are right, which are "
            "missing and how they go; you can save halfway. Open until {closes}.",
        ),
        "invited-draft": (
            "U heeft antwoorden opgeslagen maar nog niet ingediend. Dien ze in vóór {closes}.",
            "You saved answers but did not submit them yet. Submit them before {closes}.",
        ),
        "invited-submitted": (
            "U heeft uw antwoorden ingediend. U kunt ze aanpassen tot {closes}.",
            "You submitted your answers. You can change them until {closes}.",
        ),
        "answer": ("Naar de vragenlijst", "To the questionnaire"),
        "invitation-title": ("Enquête: houd de kaart juist", "Survey: keep the map right"),
    }
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a brief: its name, value (as text), what it counts and what it means."""

    name: str
    value: str
    detail: str = ""
    meaning: str = ""


@dataclass(frozen=True, slots=True)
class Brief:
    """A short block: a title, a line about the round, figures and warnings."""

    title: str
    about: str
    figures: tuple[Figure, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Invitation:
    """A partner's entry to an open round: the title, what to do, and where (``href``)."""

    round_id: str
    title: str
    text: str
    state: str
    label: str
    href: str


def _rate(share: float | None, lang: Language) -> str:
    return formatting.percent(share, lang, 0) if share is not None else T("not-yet", lang)


def analyst_brief(summary: SurveySummary, area_names: Mapping[str, str], lang: Language) -> Brief:
    """The round's response, reciprocity and confirmation of data ties, with the bias warnings.

    For analysts (the summary holds ratings per tie; this brief shows none of them).
    """
    about = next(r for r in summary.rounds if r.id == summary.round)
    period = formatting.month(about.period, lang)
    line = (
        T("round-closed", lang).format(name=about.name, period=period)
        if summary.closed
        else T("round-open", lang).format(
            name=about.name, period=period, closes=formatting.day(about.closes, lang)
        )
    )
    response, mutual, gap = summary.response, summary.reciprocity, summary.gap
    asked = gap.confirmed + len(gap.rejected)
    figures = (
        Figure(
            T("response", lang),
            _rate(response.rate, lang),
            T("response-value", lang).format(responded=response.responded, invited=response.invited),
            T("response-meaning", lang),
        ),
        Figure(
            T("reciprocity", lang),
            _rate(mutual.rate, lang),
            T("reciprocity-value", lang).format(mutual=mutual.mutual, pairs=mutual.mutual + mutual.one_sided),
            T("reciprocity-meaning", lang),
        ),
        Figure(
            T("confirmed", lang),
            _rate(gap.confirmation_rate, lang),
            T("confirmed-value", lang).format(confirmed=gap.confirmed, asked=asked),
            T("confirmed-meaning", lang),
        ),
    )
    said = rondes_report.warnings(response, area_names, lang)
    return Brief(T("title", lang), line, figures, tuple(said))


def _raters(n: int, lang: Language) -> str:
    return T("rater", lang) if n == 1 else T("raters", lang).format(n=n)


def _score(mean: float | None, raters: int, lang: Language) -> str:
    if mean is None:
        return T("too-few", lang).format(raters=_raters(raters, lang))
    return f"{formatting.number(mean, lang, 2)} ({_raters(raters, lang)})"


def partner_brief(view: OrganisationRating, round_name: str, lang: Language, *, small: int) -> Brief:
    """How the others rate the partner's own organisation, from ``view``
    (:func:`graph.reported.partner_view` of a closed round): means only where enough
    organisations gave one, and how many did."""
    least = max(small, MIN_RATERS)
    scale = T("scale", lang)
    return Brief(
        T("partner-title", lang),
        T("partner-round", lang).format(name=round_name, least=least),
        (
            Figure(T("trust", lang), _score(view.trust, view.trust_raters, lang), meaning=scale),
            Figure(T("value", lang), _score(view.value, view.value_raters, lang), meaning=scale),
        ),
    )


def invitation(survey_round: SurveyRound, answer: Response | None, href: str, lang: Language) -> Invitation:
    """The entry to a partner's questionnaire in an open round; ``answer`` is its latest saved
    version (``None`` before it saved anything), ``href`` the address of its own link.

    >>> from datetime import date
    >>> from graph.periods import Period
    >>> r = SurveyRound("R2", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("A",))
    >>> shown = invitation(r, Response("R2", "A", submitted=True), "/enquete/x", "en")
    >>> shown.state, shown.href
    ('You submitted your answers. You can change them until 20 Dec 2026.', '/enquete/x')
    """
    closes = formatting.day(survey_round.closes, lang)
    state = "" if answer is None else T("invited-submitted" if answer.submitted else "invited-draft", lang)
    return Invitation(
        survey_round.id,
        T("invitation-title", lang),
        T("invited", lang).format(name=survey_round.name, closes=closes),
        state.format(closes=closes),
        T("answer", lang),
        href,
    )
