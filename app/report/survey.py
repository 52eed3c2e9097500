"""The report's survey part: what partners reported, from ``analyse``'s ``survey`` section.

Tables (also written as CSV) for response per sector and wijk, reciprocity, trust and
value per organisation and per tie, the gap between data and reports, coffee matches and
the round against the one before; and a note per table in Dutch or English, with the
warnings where non-response could bias a figure first. The report is an analyst's
document: it holds ratings per tie (``graph.reported``; partners see averages only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from app.i18n import LABELS, Texts
from app.present import formatting
from app.present.common import sector_label
from graph.reported import MIN_RATE
from graph.taxonomy import Language

__all__ = ["SurveyPart", "T", "survey_parts", "survey_tables", "warning_lines"]

T: Final = Texts(
    {
        "response": ("Enquête: respons", "Survey: response"),
        "response-note": (
            "Ronde {name} ({period}, {state}): {responded} van {invited} uitgenodigde organisaties "
            "dienden hun antwoorden in ({rate}).",
            "Round {name} ({period}, {state}): {responded} of {invited} invited organisations "
            "submitted their answers ({rate}).",
        ),
        "closed": ("gesloten", "closed"),
        "open": ("nog open", "still open"),
        "warn-low_rate-round": (
            "Let op: de ronde als geheel heeft {value} respons, minder dan {min}.",
            "Caution: the round as a whole has {value} response, less than {min}.",
        ),
        "warn-skewed-round": (
            "Let op: {group} is onder de invullers {value} over- of ondervertegenwoordigd; cijfers over "
            "de hele ronde leunen naar de sectoren die antwoordden.",
            "Caution: {group} is over- or under-represented by {value} among those who answered; figures "
            "over the whole round lean toward the sectors that answered.",
        ),
        "warn-low_rate-sector": (
            "Let op: sector {group} heeft {value} respons, minder dan {min}.",
            "Caution: sector {group} has {value} response, less than {min}.",
        ),
        "warn-low_rate-wijk": (
            "Let op: wijk {group} heeft {value} respons, minder dan {min}.",
            "Caution: wijk {group} has {value} response, less than {min}.",
        ),
        "points": ("{n} procentpunt", "{n} percentage points"),
        "reciprocity": ("Enquête: wederkerigheid", "Survey: reciprocity"),
        "reciprocity-note": (
            "{mutual} paren noemden elkaar allebei, {one} maar van één kant terwijl de ander wel "
            "antwoordde (wederkerigheid {rate}); bij {open} paren antwoordde de ander niet.",
            "{mutual} pairs named each other, {one} only from one side while the other did answer "
            "(reciprocity {rate}); in {open} pairs the other side did not answer.",
        ),
        "kind-mutual": ("allebei", "both"),
        "kind-one_sided": ("één kant", "one side"),
        "kind-unanswered": ("ander antwoordde niet", "other did not answer"),
        "organisations": (
            "Enquête: vertrouwen en waarde per organisatie",
            "Survey: trust and value per organisation",
        ),
        "organisations-note": (
            "Hoe de anderen een organisatie beoordelen (1 tot 4), gemiddeld over wie beoordeelde, met "
            "hun aantal. Partners zien alleen gemiddelden over genoeg beoordelaars.",
            "How the others rate an organisation (1 to 4), averaged over those who rated it, with their "
            "number. Partners see averages over enough raters only.",
        ),
        "ties": ("Enquête: vertrouwen en waarde per band", "Survey: trust and value per tie"),
        "ties-note": (
            "Per band het gemiddelde van de kanten die de ander beoordeelden (1 tot 4); laagste vertrouwen "
            "eerst. Alleen voor analisten.",
            "Per tie the mean of the sides that rated the other (1 to 4); lowest trust first. For "
            "analysts only.",
        ),
        "gap": ("Enquête: gegevens tegenover meldingen", "Survey: data against reports"),
        "gap-note": (
            "{confirmed} banden uit de gegevens bevestigd, {rejected} afgewezen (bevestigd: {rate}); "
            "{unseen} gemelde banden staan niet in de gegevens; {unknown} banden met organisaties die "
            "nog beoordeeld moeten worden.",
            "{confirmed} ties from the data confirmed, {rejected} rejected (confirmed: {rate}); {unseen} "
            "reported ties are not in the data; {unknown} ties to organisations awaiting review.",
        ),
        "rejected": ("afgewezen", "rejected"),
        "unseen": ("niet in de gegevens", "not in the data"),
        "coffee": ("Enquête: koffiematches", "Survey: coffee matches"),
        "coffee-note": (
            "Paren die allebei interesse hadden om kennis te maken.",
            "Pairs where both sides were interested in meeting.",
        ),
        "change": ("Enquête: ronde tegenover de vorige", "Survey: round against the previous one"),
        "change-note": (
            "Tegenover ronde {previous}: {new} nieuwe en {lost} verdwenen gemelde banden; {open} paren "
            "niet te vergelijken (geen van beiden antwoordde in de andere ronde).",
            "Against round {previous}: {new} new and {lost} lost reported ties; {open} pairs not "
            "comparable (neither side answered the other round).",
        ),
        "new": ("nieuw", "new"),
        "lost": ("verdwenen", "lost"),
        "trust-change": ("vertrouwen {before} → {after}", "trust {before} → {after}"),
        "value-change": ("waarde {before} → {after}", "value {before} → {after}"),
    }
)
"""The texts of the report's survey part."""


@dataclass(frozen=True, slots=True)
class SurveyPart:
    """One part of the report: its title, its note and the name of its table."""

    title: str
    note: str
    table: str


def _names(analysis: Mapping[str, Any]) -> dict[str, str]:
    return {n["id"]: n["name"] for n in analysis.get("nodes", [])}


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def survey_tables(analysis: Mapping[str, Any], lang: Language) -> dict[str, pd.DataFrame]:
    """The survey's tables by file name; none when the analysis has no ``survey``."""
    survey = analysis.get("survey")
    if not survey:
        return {}
    names = _names(analysis)

    def name(org: str) -> str:
        return names.get(org, org)

    area_names = analysis.get("areas", {})
    response = survey["response"]
    rates = [
        {"level": "sector", "group": sector_label(g["group"], lang)} | _rate(g) for g in response["by_sector"]
    ] + [
        {"level": "wijk", "group": area_names.get(g["group"], g["group"])} | _rate(g)
        for g in response["by_wijk"]
    ]
    pairs = [
        {"a": name(p["a"]), "b": name(p["b"]), "named_by": ", ".join(map(name, p["named_by"]))}
        | {"kind": T(f"kind-{p['kind']}", lang)}
        for p in survey["reciprocity"]["pairs"]
    ]
    ties = sorted(survey["ties"], key=lambda t: (t["trust"] is None, t["trust"] or 0.0, t["a"], t["b"]))
    gap = survey["gap"]

    def layers(found: Sequence[str]) -> str:
        return ", ".join(LABELS(f"layer-{x}", lang).lower() for x in found)

    return {
        "enquete-respons": pd.DataFrame(rates),
        "enquete-wederkerigheid": pd.DataFrame(pairs),
        "enquete-organisaties": _scores(
            [
                {
                    "organisation": name(r["organisation"]),
                    "trust": _score(r["trust"]),
                    "trust_raters": r["trust_raters"],
                    "value": _score(r["value"]),
                    "value_raters": r["value_raters"],
                }
                for r in survey["organisations"]
            ]
        ),
        "enquete-banden": _scores(
            [
                {
                    "a": name(t["a"]),
                    "b": name(t["b"]),
                    "trust": _score(t["trust"]),
                    "trust_raters": t["trust_raters"],
                    "value": _score(t["value"]),
                    "value_raters": t["value_raters"],
                }
                for t in ties
            ]
        ),
        "enquete-kloof": pd.DataFrame(
            [
                {"reporter": name(t["reporter"]), "partner": name(t["partner"]), "kind": T(kind, lang)}
                | {"layers": layers(t["layers"])}
                for kind in ("rejected", "unseen")
                for t in gap[kind]
            ]
        ),
        "enquete-koffie": pd.DataFrame([{"a": name(a), "b": name(b)} for a, b in survey["coffee_matches"]]),
        "enquete-verandering": pd.DataFrame(_change_rows(survey.get("change"), name, lang)),
    }


def _scores(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows with ``trust`` and ``value`` as numbers, a missing score as a gap (not "None")."""
    frame = pd.DataFrame(rows)
    for column in ("trust", "value"):
        if column in frame:
            frame[column] = frame[column].astype(float)
    return frame


def _rate(group: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "invited": group["invited"],
        "responded": group["responded"],
        "rate": round(group["rate"], 4),
        "warning": "!" if group["warning"] else "",
    }


def _change_rows(change: Mapping[str, Any] | None, name: Any, lang: Language) -> list[dict[str, str]]:
    if not change:
        return []
    rows = [
        {"a": name(a), "b": name(b), "change": T(kind, lang)}
        for kind in ("new", "lost")
        for a, b in change[f"{kind}_ties"]
    ]
    for tie in change["ties"]:
        said = [
            T(f"{what}-change", lang).format(
                before=formatting.number(tie[f"{what}_before"], lang, 2),
                after=formatting.number(tie[f"{what}_after"], lang, 2),
            )
            for what in ("trust", "value")
            if tie[f"{what}_change"] is not None
        ]
        rows.append({"a": name(tie["a"]), "b": name(tie["b"]), "change": "; ".join(said)})
    return rows


def warning_lines(analysis: Mapping[str, Any], lang: Language) -> list[str]:
    """Each warning where non-response could bias a figure, as a sentence."""
    survey = analysis.get("survey")
    if not survey:
        return []
    area_names = analysis.get("areas", {})
    least = formatting.percent(MIN_RATE, lang, 0)
    lines = []
    for w in survey["response"]["warnings"]:
        if w["reason"] == "skewed":
            group = sector_label(w["group"], lang)
            value = T("points", lang).format(n=formatting.number(100 * w["value"], lang, 0))
        else:
            group = (
                sector_label(w["group"], lang)
                if w["level"] == "sector"
                else area_names.get(w["group"], w["group"])
            )
            value = formatting.percent(w["value"], lang, 0)
        lines.append(T(f"warn-{w['reason']}-{w['level']}", lang).format(group=group, value=value, min=least))
    return lines


def survey_parts(analysis: Mapping[str, Any], lang: Language) -> Sequence[SurveyPart]:
    """The report's survey parts in order; none when the analysis has no ``survey``."""
    survey = analysis.get("survey")
    if not survey:
        return []
    brief = next(r for r in survey["rounds"] if r["id"] == survey["round"])
    response, mutual, gap = survey["response"], survey["reciprocity"], survey["gap"]

    def n(value: int) -> str:
        return formatting.number(value, lang, 0)

    heading = T("response-note", lang).format(
        name=brief["name"],
        period=brief["period"],
        state=T("closed" if survey["closed"] else "open", lang),
        responded=n(response["responded"]),
        invited=n(response["invited"]),
        rate=formatting.percent(response["rate"], lang, 0),
    )
    parts = [
        SurveyPart(
            T("response", lang), " ".join([heading, *warning_lines(analysis, lang)]), "enquete-respons"
        ),
        SurveyPart(
            T("reciprocity", lang),
            T("reciprocity-note", lang).format(
                mutual=n(mutual["mutual"]),
                one=n(mutual["one_sided"]),
                open=n(mutual["unanswered"]),
                rate=formatting.percent(mutual["rate"], lang, 0),
            ),
            "enquete-wederkerigheid",
        ),
        SurveyPart(T("organisations", lang), T("organisations-note", lang), "enquete-organisaties"),
        SurveyPart(T("ties", lang), T("ties-note", lang), "enquete-banden"),
        SurveyPart(
            T("gap", lang),
            T("gap-note", lang).format(
                confirmed=n(gap["confirmed"]),
                rejected=n(len(gap["rejected"])),
                rate=formatting.percent(gap["confirmation_rate"], lang, 0),
                unseen=n(len(gap["unseen"])),
                unknown=n(gap["unknown_partners"]),
            ),
            "enquete-kloof",
        ),
        SurveyPart(T("coffee", lang), T("coffee-note", lang), "enquete-koffie"),
    ]
    change = survey.get("change")
    if change:
        previous = next(
            (r["name"] for r in survey["rounds"] if r["id"] == survey["previous"]), survey["previous"]
        )
        parts.append(
            SurveyPart(
                T("change", lang),
                T("change-note", lang).format(
                    previous=previous,
                    new=n(len(change["new_ties"])),
                    lost=n(len(change["lost_ties"])),
                    open=n(change["not_comparable"]),
                ),
                "enquete-verandering",
            )
        )
    return parts
