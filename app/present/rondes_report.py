"""What partners reported in a round, as the Rondes page's tables (plain data, analysts only).

Response per sector and wijk (with the warning where non-response could bias a figure),
reciprocity (ties named by both sides, by one), trust and value per organisation and per
tie, the gap between the data and the reports, and the round against the one before. The
figures come from :mod:`graph.reported`; this module only words them, in Dutch or English.
Ratings per tie are for analysts: this page is analysts only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from app.i18n import Language, Texts
from app.present import formatting
from app.present.common import SHARED_TEXTS, Row, Section, sector_label, text_section
from app.present.common import T as COMMON
from graph import reported
from graph.model import Organisation
from graph.survey import Response, SurveyRound

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["T", "compare_section", "gap_section", "report_sections", "warnings"]

T: Final = Texts(
    {
        **SHARED_TEXTS,
        "title": ("Wat partners meldden", "What partners reported"),
        "organisation": ("Organisatie", "Organisation"),
        "group-sector": ("Sector", "Sector"),
        "group-wijk": ("Wijk", "District"),
        "invited": ("Uitgenodigd", "Invited"),
        "responded": ("Ingediend", "Submitted"),
        "rate": ("Respons (%)", "Response (%)"),
        "warning": ("Let op", "Caution"),
        "low": ("Lage respons", "Low response"),
        "by-sector": ("Respons per sector", "Response by sector"),
        "by-sector-meaning": (
            "Hoeveel uitgenodigde organisaties per sector hun antwoorden indienden.",
            "How many invited organisations in each sector submitted their answers.",
        ),
        "by-sector-action": (
            "Stuur een herinnering aan de sectoren met een lage respons voordat u conclusies trekt.",
            "Send a reminder to the sectors with low response before you draw conclusions.",
        ),
        "by-wijk": ("Respons per wijk", "Response by district"),
        "by-wijk-meaning": (
            "Hoeveel uitgenodigde organisaties die een wijk bedienen hun antwoorden indienden.",
            "How many invited organisations serving a district submitted their answers.",
        ),
        "by-wijk-action": (
            "Lees cijfers over wijken met een lage respons als voorlopig.",
            "Read figures about districts with low response as provisional.",
        ),
        "warn-round-low_rate": (
            "De ronde als geheel heeft {value} respons, minder dan {min}: cijfers over de hele ronde "
            "kunnen scheef zijn naar wie wel antwoordde.",
            "The round as a whole has {value} response, less than {min}: figures over the whole round "
            "may lean toward those who answered.",
        ),
        "warn-round-skewed": (
            "Wie indiende is geen goede afspiegeling van wie is uitgenodigd: het aandeel van {group} "
            "verschilt {value}. Totalen over de ronde leunen naar de sectoren die antwoordden.",
            "Those who submitted do not mirror those invited: the share of {group} differs by {value}. "
            "Totals over the round lean toward the sectors that answered.",
        ),
        "nothing-yet": ("Nog niets gemeld.", "Nothing reported yet."),
        "warn-sector-low_rate": (
            "Minder dan {min} respons in de sectoren {groups}: lees cijfers over die sectoren als voorlopig.",
            "Less than {min} response in the sectors {groups}: read figures about those sectors as "
            "provisional.",
        ),
        "warn-wijk-low_rate": (
            "Minder dan {min} respons in de wijken {groups}: lees cijfers over die wijken als voorlopig.",
            "Less than {min} response in the districts {groups}: read figures about those districts as "
            "provisional.",
        ),
        "reciprocity": ("Wederkerigheid", "Reciprocity"),
        "reciprocity-meaning": (
            "Banden die partners melden: door beide kanten genoemd, door één kant (terwijl de andere "
            "wel antwoordde), of door één kant terwijl de andere niet antwoordde.",
            "Ties partners report: named by both sides, by one side (while the other did answer), "
            "or by one side while the other did not answer.",
        ),
        "reciprocity-action": (
            "Een band die maar één kant noemt, is een goed gespreksonderwerp: ziet de ander de "
            "samenwerking anders?",
            "A tie only one side names is a good subject to talk about: does the other side see "
            "the work together differently?",
        ),
        "reciprocity-summary": (
            "{mutual} door beide kanten genoemd, {one} door één kant, {open} zonder antwoord van de "
            "andere kant; wederkerigheid {rate}.",
            "{mutual} named by both sides, {one} by one side, {open} without an answer from the other "
            "side; reciprocity {rate}.",
        ),
        "named-by": ("Genoemd door", "Named by"),
        "kind": ("Soort", "Kind"),
        "kind-mutual": ("Beide kanten", "Both sides"),
        "kind-one_sided": ("Eén kant", "One side"),
        "kind-unanswered": ("Andere kant antwoordde niet", "Other side did not answer"),
        "ratings": ("Vertrouwen en waarde per organisatie", "Trust and value per organisation"),
        "ratings-meaning": (
            "Hoe andere organisaties deze organisatie beoordelen, gemiddeld op een schaal van 1 "
            "(helemaal niet) tot 4 (zeer), met hoeveel organisaties dat deden.",
            "How other organisations rate this organisation, on average on a scale of 1 (not at "
            "all) to 4 (very), with how many organisations did.",
        ),
        "ratings-action": (
            "Een laag vertrouwen met veel beoordelaars verdient een gesprek; partners zien alleen "
            "gemiddelden over minstens drie beoordelaars.",
            "Low trust from many raters deserves a conversation; partners see only averages over "
            "at least three raters.",
        ),
        "trust": ("Vertrouwen", "Trust"),
        "trust-raters": ("Beoordelaars vertrouwen", "Trust raters"),
        "value": ("Waarde", "Value"),
        "value-raters": ("Beoordelaars waarde", "Value raters"),
        "ties": ("Vertrouwen en waarde per band", "Trust and value per tie"),
        "ties-meaning": (
            "Per band het gemiddelde van de kanten die de ander beoordeelden (alleen voor analisten).",
            "Per tie the mean of the sides that rated the other (for analysts only).",
        ),
        "ties-action": (
            "Zoek banden met een laag vertrouwen of een grote waarde op: die vragen aandacht.",
            "Look up ties with low trust or high value: they need attention.",
        ),
        "rate-none": ("geen", "none"),
        "gap": ("Gegevens tegenover meldingen", "Data against reports"),
        "gap-meaning": (
            "Banden die de gegevens tonen maar die partners afwijzen, en banden die partners melden "
            "maar die de gegevens niet tonen.",
            "Ties the data shows that partners reject, and ties partners report that the data does not show.",
        ),
        "gap-action": (
            "Vraag na waarom een band wordt afgewezen (oude afspraak, andere persoon) en leg gemelde "
            "banden vast in de gegevens als ze kloppen.",
            "Ask why a tie is rejected (an old agreement, another person) and record reported ties "
            "in the data if they are right.",
        ),
        "gap-summary": (
            "{confirmed} banden uit de gegevens bevestigd, {rejected} afgewezen (bevestigd: {rate}); "
            "{unseen} gemelde banden staan niet in de gegevens, {unknown} naar organisaties die nog "
            "niet bekend zijn.",
            "{confirmed} ties from the data confirmed, {rejected} rejected (confirmed: {rate}); "
            "{unseen} reported ties are not in the data, {unknown} to organisations not known yet.",
        ),
        "reporter": ("Gemeld door", "Reported by"),
        "partner": ("Over", "About"),
        "gap-kind": ("Verschil", "Difference"),
        "gap-rejected": ("Afgewezen; gegevens tonen: {layers}", "Rejected; the data shows: {layers}"),
        "gap-unseen": ("Gemeld, niet in de gegevens", "Reported, not in the data"),
        "layer-agreements": ("afspraken", "agreements"),
        "layer-professionals": ("gedeelde professionals", "shared professionals"),
        "layer-referrals": ("verwijzingen", "referrals"),
        "compare": ("Deze ronde tegenover {name}", "This round against {name}"),
        "compare-meaning": (
            "Nieuwe en verdwenen banden, en hoe vertrouwen en waarde veranderden, waar beide rondes "
            "iets over zeggen.",
            "New and lost ties, and how trust and value changed, where both rounds say something.",
        ),
        "compare-action": (
            "Ga na wat achter een verdwenen band of een daling in vertrouwen zit.",
            "Find out what lies behind a lost tie or a fall in trust.",
        ),
        "compare-summary": (
            "{new} nieuwe banden, {lost} verdwenen; {open} niet te vergelijken (beide kanten "
            "antwoordden in één van de rondes niet).",
            "{new} new ties, {lost} lost; {open} cannot be compared (both sides did not answer one "
            "of the rounds).",
        ),
        "change": ("Verandering", "Change"),
        "change-new": ("Nieuwe band", "New tie"),
        "change-lost": ("Verdwenen band", "Lost tie"),
        "change-trust": ("Vertrouwen {before} → {after}", "Trust {before} → {after}"),
        "change-value": ("Waarde {before} → {after}", "Value {before} → {after}"),
    }
)


def _share(value: float | None, lang: Language) -> str:
    return formatting.percent(value, lang, 0) if value is not None else T("rate-none", lang)


def _group(level: str, code: str, area_names: Mapping[str, str], lang: Language) -> str:
    if level == "sector":
        return sector_label(code, lang)
    if level == "wijk":
        return area_names.get(code, code)
    return code


def warnings(rates: reported.ResponseRates, area_names: Mapping[str, str], lang: Language) -> list[str]:
    """The round's bias warnings as sentences: the round's own, then one for the sectors and
    one for the wijken whose response is low (each named with its rate).

    >>> from graph.reported import BiasWarning, ResponseRates
    >>> low = (BiasWarning("round", "R1", "low_rate", 0.2), BiasWarning("sector", "zorg", "low_rate", 0.14),
    ...        BiasWarning("sector", "wonen", "low_rate", 0.5), BiasWarning("wijk", "WK1", "low_rate", 0.1))
    >>> said = warnings(ResponseRates(10, 2, 0.2, (), (), None, None, low), {"WK1": "Noord"}, "nl")
    >>> said[1:]  # doctest: +NORMALIZE_WHITESPACE
    ['Minder dan 60% respons in de sectoren Zorg (14%) en Wonen (50%): lees cijfers over die sectoren
      als voorlopig.', 'Minder dan 60% respons in de wijken Noord (10%): lees cijfers over die wijken
      als voorlopig.']
    """
    least = formatting.percent(reported.MIN_RATE, lang, 0)
    found: list[str] = []
    for warning in rates.warnings:
        if warning.level != "round":
            continue
        if warning.reason == "low_rate":
            value = formatting.percent(warning.value, lang, 0)
        else:
            value = formatting.number(100 * warning.value, lang, 0) + (
                " procentpunt" if lang == "nl" else " points"
            )
        group = sector_label(warning.group, lang) if warning.reason == "skewed" else warning.group
        found.append(T(f"warn-round-{warning.reason}", lang).format(group=group, value=value, min=least))
    for level in ("sector", "wijk"):
        low = [w for w in rates.warnings if w.level == level and w.reason == "low_rate"]
        if low:
            groups = [
                f"{_group(level, w.group, area_names, lang)} ({formatting.percent(w.value, lang, 0)})"
                for w in low
            ]
            found.append(T(f"warn-{level}-low_rate", lang).format(groups=_sentence(groups, lang), min=least))
    return found


def _sentence(items: Sequence[str], lang: Language) -> str:
    """Names joined as a sentence ("A, B en C"), all of them."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {COMMON('and', lang)} " + items[-1]


def _rate_rows(
    groups: Sequence[reported.GroupRate], field: str, label: Mapping[str, str], lang: Language
) -> list[Row]:
    return [
        {
            field: label.get(g.group, g.group),
            "invited": g.invited,
            "responded": g.responded,
            "rate": round(100 * g.rate, 1),
            "warning": T("low", lang) if g.warning else "",
        }
        for g in groups
    ]


def _score(value: float | None) -> float | str:
    return round(value, 2) if value is not None else ""


def _name(org: str, names: Mapping[str, str]) -> str:
    return names.get(org, org)


def report_sections(
    survey_round: SurveyRound,
    responses: Sequence[Response],
    organisations: Iterable[Organisation],
    names: Mapping[str, str],
    area_names: Mapping[str, str],
    lang: Language,
) -> tuple[list[str], list[Section]]:
    """The round's bias warnings (sentences) and its report tables.

    >>> from datetime import date
    >>> from graph.periods import Period
    >>> from graph.survey import TieAnswer, TieStatus
    >>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("A", "B"))
    >>> tie = TieAnswer("B", TieStatus.CONFIRMED, ratings=(("reliable", 4),))
    >>> said, sections = report_sections(r, [Response("R1", "A", (tie,), submitted=True)], [], {}, {}, "en")
    >>> said[0][:50]
    'The round as a whole has 50% response, less than 6'
    >>> [s.name for s in sections]
    ['rondes-by-sector', 'rondes-by-wijk', 'rondes-reciprocity', 'rondes-ratings', 'rondes-ties']
    """
    orgs = list(organisations)
    rates = reported.response_rates(survey_round, responses, orgs)
    sectors = {g.group: sector_label(g.group, lang) for g in rates.by_sector}
    mutual = reported.reciprocity(responses)
    pairs: list[Row] = [
        {
            "organisation-a": _name(p.a, names),
            "organisation-b": _name(p.b, names),
            "named-by": ", ".join(_name(o, names) for o in p.named_by),
            "kind": T(f"kind-{p.kind}", lang),
        }
        for p in mutual.pairs
    ]
    ratings: list[Row] = [
        {
            "organisation": _name(r.organisation, names),
            "trust": _score(r.trust),
            "trust-raters": r.trust_raters,
            "value": _score(r.value),
            "value-raters": r.value_raters,
        }
        for r in reported.organisation_ratings(responses)
    ]
    ties: list[Row] = [
        {
            "organisation-a": _name(t.a, names),
            "organisation-b": _name(t.b, names),
            "trust": _score(t.trust),
            "value": _score(t.value),
        }
        for t in reported.tie_ratings(responses)
    ]
    reciprocity = text_section(
        "rondes-reciprocity",
        "reciprocity",
        T,
        ("organisation-a", "organisation-b", "named-by", "kind"),
        pairs,
        lang,
    )
    summary = T("reciprocity-summary", lang).format(
        mutual=formatting.number(mutual.mutual, lang, 0),
        one=formatting.number(mutual.one_sided, lang, 0),
        open=formatting.number(mutual.unanswered, lang, 0),
        rate=_share(mutual.rate, lang),
    )
    reciprocity = _with_summary(reciprocity, summary)
    rates_of = ("invited", "responded", "rate", "warning")
    return warnings(rates, area_names, lang), [
        text_section(
            "rondes-by-sector",
            "by-sector",
            T,
            ("group-sector", *rates_of),
            _rate_rows(rates.by_sector, "group-sector", sectors, lang),
            lang,
        ),
        text_section(
            "rondes-by-wijk",
            "by-wijk",
            T,
            ("group-wijk", *rates_of),
            _rate_rows(rates.by_wijk, "group-wijk", area_names, lang),
            lang,
        ),
        reciprocity,
        text_section(
            "rondes-ratings",
            "ratings",
            T,
            ("organisation", "trust", "trust-raters", "value", "value-raters"),
            ratings,
            lang,
        ),
        text_section(
            "rondes-ties", "ties", T, ("organisation-a", "organisation-b", "trust", "value"), ties, lang
        ),
    ]


def _with_summary(section: Section, summary: str) -> Section:
    return Section(
        section.name,
        section.title,
        f"{section.meaning} {summary}",
        section.action,
        section.columns,
        section.rows,
    )


def gap_section(
    responses: Sequence[Response], data: nx.Graph[str], names: Mapping[str, str], lang: Language
) -> Section:
    """Ties the data shows that partners reject, and reported ties the data does not show."""
    gap = reported.data_gap(responses, data)

    def layers(found: Sequence[str]) -> str:
        return ", ".join(T(f"layer-{layer}", lang) for layer in found)

    said = [(t, T("gap-rejected", lang).format(layers=layers(t.layers))) for t in gap.rejected]
    said += [(t, T("gap-unseen", lang)) for t in gap.unseen]
    rows: list[Row] = [
        {"reporter": _name(t.reporter, names), "partner": _name(t.partner, names), "gap-kind": kind}
        for t, kind in said
    ]
    summary = T("gap-summary", lang).format(
        confirmed=formatting.number(gap.confirmed, lang, 0),
        rejected=formatting.number(len(gap.rejected), lang, 0),
        rate=_share(gap.confirmation_rate, lang),
        unseen=formatting.number(len(gap.unseen), lang, 0),
        unknown=formatting.number(gap.unknown_partners, lang, 0),
    )
    section = text_section("rondes-gap", "gap", T, ("reporter", "partner", "gap-kind"), rows, lang)
    return _with_summary(section, summary)


def compare_section(
    earlier: SurveyRound,
    before: Sequence[Response],
    after: Sequence[Response],
    names: Mapping[str, str],
    lang: Language,
) -> Section:
    """This round against an earlier one: new and lost ties, changes in trust and value."""
    change = reported.compare_rounds(before, after)

    def score(value: float | None) -> str:
        return formatting.number(value, lang, 2) if value is not None else "–"

    rows: list[Row] = [
        {
            "organisation-a": _name(a, names),
            "organisation-b": _name(b, names),
            "change": T(f"change-{kind}", lang),
        }
        for kind, pairs in (("new", change.new_ties), ("lost", change.lost_ties))
        for a, b in pairs
    ]
    for tie in change.ties:
        said = [
            T(f"change-{what}", lang).format(before=score(then), after=score(now))
            for what, then, now, moved in (
                ("trust", tie.trust_before, tie.trust_after, tie.trust_change),
                ("value", tie.value_before, tie.value_after, tie.value_change),
            )
            if moved
        ]
        if said:
            rows.append(
                {
                    "organisation-a": _name(tie.a, names),
                    "organisation-b": _name(tie.b, names),
                    "change": "; ".join(said),
                }
            )
    section = Section(
        "rondes-compare",
        T("compare", lang).format(name=earlier.name),
        T("compare-meaning", lang),
        T("compare-action", lang),
        [(k, T(k, lang)) for k in ("organisation-a", "organisation-b", "change")],
        rows,
    )
    summary = T("compare-summary", lang).format(
        new=formatting.number(len(change.new_ties), lang, 0),
        lost=formatting.number(len(change.lost_ties), lang, 0),
        open=formatting.number(change.not_comparable, lang, 0),
    )
    return _with_summary(section, summary)
