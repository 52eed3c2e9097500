"""What the Wijken page shows, as plain data: the ranking, the need measures, the coverage per sector.

Everything comes from :func:`graph.needs.needs_vs_coverage` (memoised per filter by
``Services.wijk_needs`` in the web app); this module only chooses the wijken in scope and words the rows in
Dutch or English. Numbers stay numbers, so every column sorts; the CSV buttons export
the same rows. :mod:`app.present.wijken_map` draws the figures.

>>> from graph.needs import WijkNeed
>>> from graph.taxonomy import Sector
>>> w = WijkNeed("WK1", "Noord", "GM1", 2000.0, (), ((Sector.JEUGD, 2),), 2, 10.0, 0.5, 0.5,
...              None, 0.0, 0.1, -0.1, 1, ())
>>> [w.code for w in in_scope([w], ("WK2",))], [w.code for w in in_scope([w], ())]
([], ['WK1'])
>>> coverage_section([w], "en").rows[0]["jeugd"]
2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from app.i18n import LABELS, Language, Texts
from app.present.common import Row, Section, listing, sector_label
from app.present.overzicht import thin_areas
from graph.needs import NEED_MEASURES, MeasureSpec, WijkNeed
from graph.reasons import summary
from graph.taxonomy import Sector

__all__ = [
    "Matrix",
    "T",
    "coverage_matrix",
    "coverage_section",
    "has_indicators",
    "in_scope",
    "measure_label",
    "need_matrix",
    "needs_section",
    "ranking_section",
]

_DIGITS: Final = 2

T: Final = Texts(
    {
        "rank": ("#", "#"),
        "wijk": ("Wijk", "District"),
        "code": ("Code", "Code"),
        "need": ("Nood", "Need"),
        "coverage": ("Dekking", "Coverage"),
        "gap": ("Kloof", "Gap"),
        "flagged": ("Gemarkeerd", "Flagged"),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
        "reasons": ("Redenen", "Reasons"),
        "no-reasons": ("geen cijfer valt op", "no figure stands out"),
        "residents": ("Inwoners", "Residents"),
        "organisations": ("Organisaties", "Organisations"),
        "per-10k": ("Per 10.000 inwoners", "Per 10,000 residents"),
        "density": ("Dichtheid", "Density"),
        "ties-per-organisation": ("Samenwerkingen per organisatie", "Ties per organisation"),
        "cross-sector": ("Tussen sectoren (%)", "Across sectors (%)"),
        "thin": ("Dun", "Thin"),
        "thin-action": (
            "Dun (minder dan half zoveel samenwerkingen per organisatie als de middelste wijk): {names}. "
            "Organiseer daar een netwerkbijeenkomst.",
            "Thin (fewer than half as many ties per organisation as the middle district): {names}. "
            "Organise a network meeting there.",
        ),
        "median": ("Mediaan {name}", "Median {name}"),
        "ranking": ("Ranglijst: hoge nood, dunne dekking", "Ranking: high need, thin coverage"),
        "ranking-meaning": (
            "Nood is hoeveel de wijkcijfers gemiddeld boven die van de andere wijken van dezelfde "
            "gemeente liggen (in standaardscores; cijfers onder het gemiddelde tellen als 0); "
            "dekking telt de partners per 10.000 inwoners, met hoeveel andere partners in de wijk elk "
            "gemiddeld samenwerkt en of de sectoren die bij een hoge nood horen er zijn. "
            "Kloof = nood min dekking.",
            "Need is how far the district figures lie above those of the other districts of the same "
            "municipality, on average (in standard scores; figures below the mean count as 0); "
            "coverage counts partners per 10,000 residents, with how many other partners in the "
            "district each works on average, and whether the sectors that answer a high need are "
            "there. Gap = need minus coverage.",
        ),
        "ranking-action": (
            "Begin bij de gemarkeerde wijken: vraag een partner uit de ontbrekende sector de wijk te "
            "bedienen, of organiseer een wijkoverleg.",
            "Start with the flagged districts: ask a partner of the missing sector to serve the "
            "district, or hold a district meeting.",
        ),
        "needs": ("Wijkcijfers", "District figures"),
        "needs-meaning": (
            "De nood-maten per wijk, met de mediaan van de wijken van de gemeente.",
            "The need measures per district, with the median of the municipality's districts.",
        ),
        "needs-action": (
            "Vergelijk een wijk met de mediaan: waar ligt de nood duidelijk hoger?",
            "Compare a district with the median: where is need clearly higher?",
        ),
        "coverage-table": ("Dekking per sector", "Coverage per sector"),
        "coverage-table-meaning": (
            "Hoeveel organisaties per sector de wijk bedienen, per 10.000 inwoners, "
            "en hoe zij met elkaar samenwerken: de dichtheid, en met hoeveel andere organisaties in de "
            "wijk een organisatie gemiddeld samenwerkt. Dat laatste is het getal om wijken op te "
            "vergelijken: de dichtheid is in een kleine wijk vanzelf hoger. Tussen sectoren: het deel "
            "van die samenwerkingen dat twee sectoren verbindt. Hier telt een organisatie voor de hele "
            "gemeente mee in elke wijk ervan; Overzicht telt per wijk alleen organisaties die de wijk "
            "of een buurt erin noemen.",
            "How many organisations per sector serve the district, per 10,000 "
            "residents, and how they work together: the density, and with how many other organisations "
            "in the district an organisation works on average. The latter is the figure to compare "
            "districts by: density is higher in a small district by itself. Across sectors: the share "
            "of those ties that join two sectors. Here an organisation serving the whole municipality "
            "counts in each of its districts; Overzicht counts per district only organisations that "
            "name the district or a neighbourhood in it.",
        ),
        "coverage-table-action": (
            "Een nul naast een hoge nood is een gat: zoek een partner die daar kan werken.",
            "A zero beside a high need is a gap: look for a partner that can work there.",
        ),
    }
)


def in_scope(needs: Iterable[WijkNeed], areas: Sequence[str]) -> list[WijkNeed]:
    """The wijken the filter picks (all when it picks none), in rank order."""
    chosen = set(areas)
    return [w for w in needs if not chosen or w.code in chosen]


def has_indicators(needs: Iterable[WijkNeed]) -> bool:
    """Whether any of these wijken has a need measure (CBS figures loaded)."""
    return any(w.measures for w in needs)


def measure_label(spec: MeasureSpec, lang: Language) -> str:
    """A measure's column header: its label with a capital and its unit.

    >>> measure_label(NEED_MEASURES[0], "en")
    'Young people under 15 (%)'
    """
    label = spec.nl if lang == "nl" else spec.en
    return f"{label[:1].upper()}{label[1:]} ({spec.unit})"


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, _DIGITS)


def ranking_section(needs: Sequence[WijkNeed], lang: Language) -> Section:
    """The ranked wijken with their scores, whether they are flagged, and the reasons."""
    keys = ("rank", "wijk", "need", "coverage", "gap", "flagged", "reasons")
    rows: list[Row] = [
        {
            "rank": w.rank,
            "wijk": w.name,
            "need": round(w.need_score, _DIGITS),
            "coverage": round(w.coverage_score, _DIGITS),
            "gap": round(w.gap, _DIGITS),
            "flagged": T("yes" if w.flagged else "no", lang),
            "reasons": summary(w.reasons, lang) or T("no-reasons", lang),
        }
        for w in needs
    ]
    return _section("wijken-ranking", "ranking", [(k, T(k, lang)) for k in keys], rows, lang)


def _specs(needs: Sequence[WijkNeed]) -> list[MeasureSpec]:
    held = {m.key for w in needs for m in w.measures}
    return [spec for spec in NEED_MEASURES if spec.key in held]


def needs_section(needs: Sequence[WijkNeed], names: Mapping[str, str], lang: Language) -> Section:
    """Per wijk its need measures, then one row per municipality with the medians."""
    specs = _specs(needs)
    columns = [(k, T(k, lang)) for k in ("rank", "wijk", "residents")]
    columns += [(spec.key, measure_label(spec, lang)) for spec in specs]
    rows: list[Row] = []
    medians: dict[str, Row] = {}
    for w in needs:
        row: Row = {"rank": w.rank, "wijk": w.name, "residents": _round(w.residents)}
        gemeente = w.municipality or ""
        median = medians.setdefault(
            gemeente,
            {"rank": "", "wijk": T("median", lang).format(name=names.get(gemeente, gemeente)).strip()},
        )
        for m in w.measures:
            row[m.key] = round(m.value, _DIGITS)
            median[m.key] = round(m.median, _DIGITS)
        rows.append(row)
    blank: Row = {"residents": ""}
    blank |= dict.fromkeys((spec.key for spec in specs), "")
    rows += [blank | m for m in medians.values()]
    return _section("wijken-needs", "needs", columns, rows, lang)


def _percentage(share: float | None) -> float | str:
    return "" if share is None else round(100 * share, 1)


def coverage_section(needs: Sequence[WijkNeed], lang: Language) -> Section:
    """Per wijk the organisations serving it per sector, in total, per 10,000 residents; the density,
    the ties per organisation, the share of ties across sectors (%) and whether the wijk is thin.

    The tie figures are those of ``WijkNeed`` (:func:`graph.density.density_by_membership`,
    the computation behind Overzicht's density per wijk) over the same organisations as the
    other columns, gemeente-wide ones included. Ties per organisation is the size-adjusted
    reading of the density (the mean degree). A wijk is thin when it lies below half the
    median wijk's (:func:`app.present.overzicht.thin_areas`); the advice then names the thin wijken.
    """
    keys = (
        "rank",
        "wijk",
        "organisations",
        "per-10k",
        "density",
        "ties-per-organisation",
        "cross-sector",
        "thin",
    )
    columns = [(k, T(k, lang)) for k in keys]
    columns += [(sector.value, sector_label(sector.value, lang)) for sector in Sector]
    figures: dict[str, Mapping[str, Any]] = {
        w.code: {"organisations": w.organisations, "ties_per_organisation": tie}
        for w in needs
        if (tie := w.ties_per_organisation) is not None
    }
    thin = set(thin_areas(figures))
    rows: list[Row] = []
    for w in needs:
        row: Row = {"rank": w.rank, "wijk": w.name}
        row |= {sector.value: count for sector, count in w.coverage}
        row |= {"organisations": w.organisations, "per-10k": _round(w.per_10k), "density": _round(w.density)}
        row |= {
            "ties-per-organisation": _round(w.ties_per_organisation),
            "cross-sector": _percentage(w.cross_sector_share),
            "thin": T("yes" if w.code in thin else "no", lang) if w.code in figures else "",
        }
        rows.append(row)
    section = _section("wijken-coverage", "coverage-table", columns, rows, lang)
    if not thin:
        return section
    names = listing([w.name for w in needs if w.code in thin], lang)
    return replace(section, action=f"{T('thin-action', lang).format(names=names)} {section.action}")


def _section(name: str, key: str, columns: list[tuple[str, str]], rows: list[Row], lang: Language) -> Section:
    return Section(name, T(key, lang), T(f"{key}-meaning", lang), T(f"{key}-action", lang), columns, rows)


@dataclass(frozen=True, slots=True)
class Matrix:
    """A wijk x column grid for a heatmap: labels, colour values, cell texts and hover texts."""

    rows: list[str]
    columns: list[str]
    z: list[list[float | None]]
    text: list[list[str]]
    hover: list[list[str]]


def _figure(value: float, lang: Language) -> str:
    text = f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def need_matrix(needs: Sequence[WijkNeed], lang: Language) -> Matrix:
    """Need measures per wijk: coloured by standard score, showing the value; hover adds the median."""
    specs = _specs(needs)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    for w in needs:
        held = {m.key: m for m in w.measures}
        z.append([held[s.key].z if s.key in held else None for s in specs])
        text.append([_figure(held[s.key].value, lang) if s.key in held else "" for s in specs])
        hover.append([_need_hover(w, s, lang) for s in specs])
    return Matrix([w.name for w in needs], [measure_label(s, lang) for s in specs], z, text, hover)


def _need_hover(w: WijkNeed, spec: MeasureSpec, lang: Language) -> str:
    m = w.measure(spec.key)
    if m is None:
        return "–"
    median = T("median", lang).format(name="").strip().lower()
    return (
        f"{_figure(m.value, lang)} {spec.unit} ({median} {_figure(m.median, lang)}; z {_figure(m.z, lang)})"
    )


def coverage_matrix(needs: Sequence[WijkNeed], lang: Language) -> Matrix:
    """Organisations per sector serving each wijk (the sectors no wijk in scope has are left out)."""
    sectors = [s for s in Sector if any(dict(w.coverage).get(s) for w in needs)]
    counts = [[dict(w.coverage).get(s, 0) for s in sectors] for w in needs]
    label = LABELS("organisations", lang).lower()
    return Matrix(
        [w.name for w in needs],
        [s.label(lang) for s in sectors],
        [[float(c) for c in row] for row in counts],
        [[str(c) for c in row] for row in counts],
        [[f"{c} {label}" for c in row] for row in counts],
    )
