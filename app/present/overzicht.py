"""What the Overzicht page shows, as plain data: key figures, the sector grid, wijk rows, trends, change.

Everything comes from ``services().analysis(filters)`` (the output of
:func:`graph.analysis.analyse`), in Dutch or English; :mod:`app.present.charts` draws the figures.
The change is the selected periods against the periods of equal length before them
(``analysis["change"]``): the key figures show it as before → after, and
:func:`change_sections` lists which ties came and went and which organisations joined,
left, or became or stopped being a cut point. The report shows the same sections.

>>> grid = sector_grid({"sector_matrix": {"jeugd": {"jeugd": {"density": 0.5, "ties": 3}}}}, "en")
>>> grid.labels, grid.density, grid.ties
(['Youth'], [[0.5]], [[3]])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from app.i18n import LABELS, MEASURES, Language, Texts
from app.present.common import Row, Section, listing, number, sector_label, signed
from app.present.formatting import month

__all__ = [
    "THIN_SHARE",
    "Kpi",
    "SectorGrid",
    "T",
    "area_advice",
    "area_rows",
    "change_sections",
    "kpis",
    "period_label",
    "sector_grid",
    "thin_areas",
    "trend_series",
]

THIN_SHARE: Final = 0.5
"""A wijk is thin when its ties per organisation are below this share of the median wijk's."""

T: Final = Texts(
    {
        "organisations-meaning": (
            "Organisaties in dit filter, met of zonder samenwerking.",
            "Organisations in this filter, with or without ties.",
        ),
        "organisations-action": (
            "Mist u partners? Laad hun gegevens op de pagina Gegevens.",
            "Partners missing? Load their data on the Data page.",
        ),
        "ties-meaning": (
            "Paren organisaties die samenwerken via een afspraak, een gedeelde professional of verwijzingen.",
            "Pairs of organisations that work together through an agreement, "
            "a shared professional or referrals.",
        ),
        "ties-action": (
            "Kijk op Kansen welke lijntjes nog ontbreken.",
            "See Chances for the links still missing.",
        ),
        "change": (
            "{before} → {after}: {old} → {new} ({delta})",
            "{before} → {after}: {old} → {new} ({delta})",
        ),
        "ties-change": (
            "{before} → {after}: {new} nieuw, {lost} verdwenen",
            "{before} → {after}: {new} new, {lost} lost",
        ),
        "no-change": ("Geen vorige periode om mee te vergelijken.", "No previous period to compare with."),
        "modularity": ("Kokerindex (sector-modulariteit)", "Silo index (sector modularity)"),
        "not-defined": ("niet bepaald", "not defined"),
        "one-sector": (
            "Niet bepaald: in dit filter werkt maar één sector, dus er zijn geen kokers om te meten.",
            "Not defined: only one sector works in this filter, so there are no silos to measure.",
        ),
        "no-ties": (
            "Niet bepaald: in dit filter werkt niemand samen.",
            "Not defined: nobody works together in this filter.",
        ),
        "new": ("Nieuw", "New"),
        "lost": ("Verdwenen", "Lost"),
        "joined": ("Nieuw in het netwerk", "Joined the network"),
        "left": ("Uit het netwerk", "Left the network"),
        "cut-gained": ("Nieuw knelpunt", "New cut point"),
        "cut-lost": ("Geen knelpunt meer", "No longer a cut point"),
        "change-kind": ("Verandering", "Change"),
        "organisation": ("Organisatie", "Organisation"),
        "organisation-a": ("Organisatie A", "Organisation A"),
        "organisation-b": ("Organisatie B", "Organisation B"),
        "sector-a": ("Sector A", "Sector A"),
        "sector-b": ("Sector B", "Sector B"),
        "wijken": ("Gedeelde wijken", "Shared districts"),
        "weight": ("Gewicht", "Weight"),
        "tie-changes": (
            "Samenwerkingen: nieuw en verdwenen ({before} → {after})",
            "Ties: new and lost ({before} → {after})",
        ),
        "tie-changes-meaning": (
            "Welke paren organisaties in {after} samenwerken en in {before} niet (nieuw), of omgekeerd "
            "(verdwenen), met hun sectoren en de wijken die zij allebei bedienen. Gewicht: afspraken, "
            "gedeelde professionals en verwijzingen samen; zwaarste eerst.",
            "Which pairs of organisations work together in {after} and did not in {before} (new), or the "
            "other way round (lost), with their sectors and the districts both serve. Weight: agreements, "
            "shared professionals and referrals together; heaviest first.",
        ),
        "tie-changes-action": (
            "Noem nieuwe samenwerkingen als succes; vraag bij verdwenen samenwerkingen wat er gebeurde.",
            "Name new ties as successes; for lost ties, ask what happened.",
        ),
        "organisation-changes": (
            "Organisaties en knelpunten ({before} → {after})",
            "Organisations and cut points ({before} → {after})",
        ),
        "organisation-changes-meaning": (
            "Organisaties die in {after} samenwerken en in {before} niet (of omgekeerd), en organisaties "
            "die een knelpunt werden of het niet meer zijn (valt een knelpunt weg, dan raken anderen "
            "elkaar kwijt).",
            "Organisations that work with others in {after} and did not in {before} (or the other way "
            "round), and organisations that became a cut point or stopped being one (when a cut point "
            "drops out, others lose each other).",
        ),
        "organisation-changes-action": (
            "Verwelkom nieuwe organisaties; zoek bij een nieuw knelpunt een tweede route.",
            "Welcome new organisations; for a new cut point, build a second route.",
        ),
        "ties-per-organisation": ("Samenwerkingen per organisatie", "Ties per organisation"),
        "cross-sector": ("Tussen sectoren (%)", "Across sectors (%)"),
        "thin": ("Dun", "Thin"),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
        "areas-meaning": (
            "Samenwerkingen per organisatie: met hoeveel andere organisaties in de wijk een organisatie "
            "gemiddeld samenwerkt. Anders dan de dichtheid hangt dit getal niet af van hoeveel "
            "organisaties er werken (een kleine wijk is vanzelf dichter). Tussen sectoren: het deel "
            "van die samenwerkingen dat twee sectoren verbindt.",
            "Ties per organisation: with how many other organisations in the district an organisation "
            "works, on average. Unlike density, this figure does not depend on how many organisations "
            "work there (a small district is denser by itself). Across sectors: the share of those ties "
            "that join two sectors.",
        ),
        "thin-advice": (
            "Dun: {names}. Daar werkt een organisatie met minder dan half zoveel partners in de wijk "
            "samen als in de middelste wijk ({median}); organiseer daar een netwerkbijeenkomst.",
            "Thin: {names}. There an organisation works with fewer than half as many partners in the "
            "district as in the middle district ({median}); organise a network meeting there.",
        ),
        "no-thin-advice": (
            "Geen wijk valt op: overal werkt een organisatie met minstens half zoveel partners in de "
            "wijk samen als in de middelste wijk ({median}); het minst in {lowest}. Een "
            "netwerkbijeenkomst is nergens dringend; kijk naar het deel tussen sectoren voor een "
            "ontmoeting over de sectoren heen.",
            "No district stands out: everywhere an organisation works with at least half as many "
            "partners in the district as in the middle district ({median}); fewest in {lowest}. A "
            "network meeting is nowhere urgent; look at the share across sectors for a meeting "
            "across sectors.",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Kpi:
    """One key figure: its role name, value, change against the previous period and explanation."""

    key: str
    name: str
    value: str
    change: str
    meaning: str
    action: str


@dataclass(frozen=True, slots=True)
class SectorGrid:
    """The sector x sector heatmap: labels in the chosen language, density and tie counts."""

    labels: list[str]
    density: list[list[float | None]]
    ties: list[list[int]]


def period_label(code: str, lang: Language) -> str:
    """A period range code as people write it: ``2025-Q2`` → ``K2 2025``, ``a..b`` → ``a – b``.

    >>> period_label("2025-Q2", "en"), period_label("2025-03..2025-04", "en")
    ('Q2 2025', 'Mar 2025 – Apr 2025')
    """
    return " – ".join(month(part, lang) for part in code.split(".."))


def _change_text(analysis: Mapping[str, Any], field: str, lang: Language, digits: int) -> str:
    change = analysis.get("change")
    if not change:
        return T("no-change", lang)
    old, new = change.get(f"{field}_before"), change.get(f"{field}_after")
    if old is None or new is None:
        return T("not-defined", lang)
    return T("change", lang).format(
        before=period_label(str(change["before"]), lang),
        after=period_label(str(change["after"]), lang),
        old=number(old, lang, digits),
        new=number(new, lang, digits),
        delta=signed(new - old, lang, digits),
    )


def _ties_change(analysis: Mapping[str, Any], lang: Language) -> str:
    change = analysis.get("change")
    if not change:
        return T("no-change", lang)
    return T("ties-change", lang).format(
        before=period_label(str(change["before"]), lang),
        after=period_label(str(change["after"]), lang),
        new=len(change["new_ties"]),
        lost=len(change["lost_ties"]),
    )


def _silo_meaning(analysis: Mapping[str, Any], lang: Language) -> str:
    if analysis.get("silo_index") is not None:
        return MEASURES["silo_index"].meaning(lang)
    return T("one-sector" if analysis["scope"]["ties"] else "no-ties", lang)


def kpis(analysis: Mapping[str, Any], lang: Language) -> list[Kpi]:
    """Organisations, ties, density and silo index, each with its change and a "what to do".

    The silo index is "not defined" with one sector (or no tie), as the E-I index is.
    """
    scope = analysis["scope"]
    density, silo = MEASURES["density"], MEASURES["silo_index"]
    silo_value = analysis.get("silo_index")
    return [
        Kpi(
            "organisations",
            LABELS("organisations", lang),
            number(scope["organisations"], lang, 0),
            _change_text(analysis, "organisations", lang, 0),
            T("organisations-meaning", lang),
            T("organisations-action", lang),
        ),
        Kpi(
            "ties",
            LABELS("ties", lang),
            number(scope["ties"], lang, 0),
            _ties_change(analysis, lang),
            T("ties-meaning", lang),
            T("ties-action", lang),
        ),
        Kpi(
            "density",
            density.name(lang),
            number(analysis["density"], lang, 3),
            _change_text(analysis, "density", lang, 4),
            density.meaning(lang),
            density.action(lang),
        ),
        Kpi(
            "silo_index",
            silo.name(lang),
            T("not-defined", lang) if silo_value is None else number(silo_value, lang, 2),
            _change_text(analysis, "sector_modularity", lang, 3),
            _silo_meaning(analysis, lang),
            silo.action(lang),
        ),
    ]


def _area_names(codes: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes)


def change_sections(analysis: Mapping[str, Any], lang: Language) -> list[Section]:
    """The change against the previous periods as two tables: ties, then organisations and cut points.

    Empty when there is no previous period to compare with.
    """
    change = analysis.get("change")
    if not change:
        return []
    names: Mapping[str, str] = analysis.get("areas") or {}
    labels = {
        "before": period_label(str(change["before"]), lang),
        "after": period_label(str(change["after"]), lang),
    }
    ties: list[Row] = [
        {
            "change-kind": T(tie["change"], lang),
            "organisation-a": tie["a_name"],
            "sector-a": sector_label(tie["a_sector"], lang),
            "organisation-b": tie["b_name"],
            "sector-b": sector_label(tie["b_sector"], lang),
            "wijken": _area_names(tie["wijken"], names),
            "weight": tie["weight"],
        }
        for tie in change.get("tie_changes", [])
    ]
    organisations: list[Row] = [
        {"change-kind": T(kind, lang), "organisation": o["name"], "sector": sector_label(o["sector"], lang)}
        for key, kind in (
            ("joined", "joined"),
            ("left", "left"),
            ("cut_points_gained", "cut-gained"),
            ("cut_points_lost", "cut-lost"),
        )
        for o in change.get(key, [])
    ]
    tie_keys = ("change-kind", "organisation-a", "sector-a", "organisation-b", "sector-b", "wijken", "weight")
    organisation_columns = [
        ("change-kind", T("change-kind", lang)),
        ("organisation", T("organisation", lang)),
        ("sector", LABELS("sector", lang)),
    ]
    return [
        _change_section(
            "overzicht-tie-changes", "tie-changes", [(k, T(k, lang)) for k in tie_keys], ties, labels, lang
        ),
        _change_section(
            "overzicht-organisation-changes",
            "organisation-changes",
            organisation_columns,
            organisations,
            labels,
            lang,
        ),
    ]


def _change_section(
    name: str,
    key: str,
    columns: list[tuple[str, str]],
    rows: list[Row],
    labels: Mapping[str, str],
    lang: Language,
) -> Section:
    return Section(
        name,
        T(key, lang).format(**labels),
        T(f"{key}-meaning", lang).format(**labels),
        T(f"{key}-action", lang),
        columns,
        rows,
    )


def sector_grid(analysis: Mapping[str, Any], lang: Language) -> SectorGrid:
    """The sector x sector matrix (density and ties) with sector labels in ``lang``."""
    matrix: Mapping[str, Mapping[str, Mapping[str, Any]]] = analysis.get("sector_matrix") or {}
    codes = sorted(matrix, key=lambda c: sector_label(c, lang))
    density = [[matrix[a].get(b, {}).get("density") for b in codes] for a in codes]
    ties = [[int(matrix[a].get(b, {}).get("ties", 0)) for b in codes] for a in codes]
    return SectorGrid([sector_label(c, lang) for c in codes], density, ties)


def area_rows(analysis: Mapping[str, Any], areas: Sequence[str] = (), lang: Language = "nl") -> list[Row]:
    """Per wijk (names, not codes): ties per organisation (fewest first), density, cross-sector share, thin.

    Only ``areas`` when given. ``cross_sector`` is a percentage (0 to 100), ``""`` for a
    wijk without ties; ``thin`` says (in ``lang``) whether the wijk is among :func:`thin_areas`.
    """
    names: Mapping[str, str] = analysis.get("areas") or {}
    by_area: Mapping[str, Mapping[str, Any]] = analysis.get("density_by_area") or {}
    chosen = {code: values for code, values in by_area.items() if not areas or code in areas}
    thin = set(thin_areas(chosen))
    rows: list[Row] = [
        {
            "area": names.get(code, code),
            "organisations": int(values["organisations"]),
            "ties": int(values["ties"]),
            "ties_per_organisation": round(float(values["ties_per_organisation"]), 2),
            "density": round(float(values["density"]), 3),
            "cross_sector": _percentage(values.get("cross_sector_share")),
            "thin": T("yes" if code in thin else "no", lang),
        }
        for code, values in chosen.items()
    ]
    return sorted(rows, key=lambda r: (float(r["ties_per_organisation"]), str(r["area"])))


def _percentage(share: float | None) -> float | str:
    return "" if share is None else round(100 * float(share), 1)


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def thin_areas(by_area: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The wijk codes whose ties per organisation lie below :data:`THIN_SHARE` of the median wijk's.

    Wijken served by fewer than two organisations are left out (no tie is possible there).
    With equal figures no wijk is thin.

    >>> figures = (("A", 4), ("B", 3.5), ("C", 1))
    >>> cells = {c: {"organisations": 9, "ties_per_organisation": t} for c, t in figures}
    >>> thin_areas(cells), thin_areas({"A": cells["A"], "B": cells["A"]})
    (['C'], [])
    """
    figures = {
        c: float(v["ties_per_organisation"]) for c, v in by_area.items() if int(v["organisations"]) > 1
    }
    if not figures:
        return []
    floor = THIN_SHARE * _median(list(figures.values()))
    return sorted(code for code, figure in figures.items() if figure < floor)


def area_advice(analysis: Mapping[str, Any], areas: Sequence[str], lang: Language) -> str:
    """What to do, driven by ties per organisation: name the thin wijken, or say none stands out."""
    by_area: Mapping[str, Mapping[str, Any]] = analysis.get("density_by_area") or {}
    chosen = {code: values for code, values in by_area.items() if not areas or code in areas}
    figures = {c: float(v["ties_per_organisation"]) for c, v in chosen.items() if int(v["organisations"]) > 1}
    if not figures:
        return ""
    median = number(_median(list(figures.values())), lang, 1)
    names: Mapping[str, str] = analysis.get("areas") or {}
    thin = [names.get(code, code) for code in thin_areas(chosen)]
    if not thin:
        lowest = min(figures, key=lambda c: (figures[c], names.get(c, c)))
        label = f"{names.get(lowest, lowest)} ({number(figures[lowest], lang, 1)})"
        return T("no-thin-advice", lang).format(median=median, lowest=label)
    return T("thin-advice", lang).format(names=listing(thin, lang), median=median)


def trend_series(
    analysis: Mapping[str, Any], lang: Language
) -> tuple[list[str], dict[str, list[float | None]]]:
    """Periods and, per measure label in ``lang``: density, ties, sector modularity (``None`` where
    not defined: a gap in the line, not a zero), referrals."""
    trend: Sequence[Mapping[str, Any]] = analysis.get("trend") or []
    fields = {
        "density": MEASURES["density"].name(lang),
        "ties": LABELS("ties", lang),
        "sector_modularity": T("modularity", lang),
        "referrals": LABELS("layer-referrals", lang),
    }
    series = {
        label: [None if p[field] is None else float(p[field]) for p in trend]
        for field, label in fields.items()
    }
    return [str(p["period"]) for p in trend], series
