"""What the Overzicht page shows, as plain data: key figures, the sector grid, wijk rows, trends.

Everything comes from ``services().analysis(filters)`` (the output of
:func:`graph.analysis.analyse`), in Dutch or English; :mod:`app.present.charts` draws the figures.

>>> grid = sector_grid({"sector_matrix": {"jeugd": {"jeugd": {"density": 0.5, "ties": 3}}}}, "en")
>>> grid.labels, grid.density, grid.ties
(['Youth'], [[0.5]], [[3]])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from app.i18n import LABELS, MEASURES, Language, Texts
from app.present.common import Row, number, sector_label, signed
from app.present.formatting import month

__all__ = ["Kpi", "SectorGrid", "T", "area_rows", "kpis", "sector_grid", "trend_series"]

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


def _period_change(analysis: Mapping[str, Any], field: str) -> tuple[float, float] | None:
    change = analysis.get("change")
    if not change:
        return None
    by_period = {p["period"]: p for p in analysis.get("trend", [])}
    before, after = by_period.get(change["before"]), by_period.get(change["after"])
    if before is None or after is None:
        return None
    return float(before[field]), float(after[field])


def _change_text(
    analysis: Mapping[str, Any], values: tuple[float, float] | None, lang: Language, digits: int
) -> str:
    change = analysis.get("change")
    if not change or values is None:
        return T("no-change", lang)
    old, new = values
    return T("change", lang).format(
        before=month(str(change["before"]), lang),
        after=month(str(change["after"]), lang),
        old=number(old, lang, digits),
        new=number(new, lang, digits),
        delta=signed(new - old, lang, digits),
    )


def _ties_change(analysis: Mapping[str, Any], lang: Language) -> str:
    change = analysis.get("change")
    if not change:
        return T("no-change", lang)
    return T("ties-change", lang).format(
        before=month(str(change["before"]), lang),
        after=month(str(change["after"]), lang),
        new=len(change["new_ties"]),
        lost=len(change["lost_ties"]),
    )


def kpis(analysis: Mapping[str, Any], lang: Language) -> list[Kpi]:
    """Organisations, ties, density and silo index, each with its change and a "what to do"."""
    scope, change = analysis["scope"], analysis.get("change") or {}
    density, silo = MEASURES["density"], MEASURES["silo_index"]
    silo_value = analysis.get("silo_index")
    silo_pair = (
        (change["sector_modularity_before"], change["sector_modularity_after"])
        if change and change.get("sector_modularity_before") is not None
        else None
    )
    return [
        Kpi(
            "organisations",
            LABELS("organisations", lang),
            number(scope["organisations"], lang, 0),
            _change_text(analysis, _period_change(analysis, "active_organisations"), lang, 0),
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
            _change_text(
                analysis, (change["density_before"], change["density_after"]) if change else None, lang, 4
            ),
            density.meaning(lang),
            density.action(lang),
        ),
        Kpi(
            "silo_index",
            silo.name(lang),
            "–" if silo_value is None else number(silo_value, lang, 2),
            _change_text(analysis, silo_pair, lang, 3),
            silo.meaning(lang),
            silo.action(lang),
        ),
    ]


def sector_grid(analysis: Mapping[str, Any], lang: Language) -> SectorGrid:
    """The sector x sector matrix (density and ties) with sector labels in ``lang``."""
    matrix: Mapping[str, Mapping[str, Mapping[str, Any]]] = analysis.get("sector_matrix") or {}
    codes = sorted(matrix, key=lambda c: sector_label(c, lang))
    density = [[matrix[a].get(b, {}).get("density") for b in codes] for a in codes]
    ties = [[int(matrix[a].get(b, {}).get("ties", 0)) for b in codes] for a in codes]
    return SectorGrid([sector_label(c, lang) for c in codes], density, ties)


def area_rows(analysis: Mapping[str, Any], areas: Sequence[str] = ()) -> list[Row]:
    """Density per wijk (wijk names, not codes), densest first; only ``areas`` when given."""
    names: Mapping[str, str] = analysis.get("areas") or {}
    by_area: Mapping[str, Mapping[str, Any]] = analysis.get("density_by_area") or {}
    rows: list[Row] = [
        {
            "area": names.get(code, code),
            "organisations": int(values["organisations"]),
            "ties": int(values["ties"]),
            "density": round(float(values["density"]), 3),
        }
        for code, values in by_area.items()
        if not areas or code in areas
    ]
    return sorted(rows, key=lambda r: (-float(r["density"]), str(r["area"])))


def trend_series(analysis: Mapping[str, Any], lang: Language) -> tuple[list[str], dict[str, list[float]]]:
    """Periods and, per measure label in ``lang``: density, ties, sector modularity, referrals."""
    trend: Sequence[Mapping[str, Any]] = analysis.get("trend") or []
    fields = {
        "density": MEASURES["density"].name(lang),
        "ties": LABELS("ties", lang),
        "sector_modularity": T("modularity", lang),
        "referrals": LABELS("layer-referrals", lang),
    }
    series = {label: [float(p[field] or 0) for p in trend] for field, label in fields.items()}
    return [str(p["period"]) for p in trend], series
