"""The need measures of :mod:`graph.needs` and how wijken are scored against each other.

:data:`NEED_MEASURES` says how each need figure is derived from the CBS kerncijfers of a
wijk and which sectors answer it. The codes and definitions are CBS's own (*Toelichting
variabelen kerncijfers wijken en buurten*):

=====================  =============================  =====================================
key                    value                          CBS definition (sectors)
=====================  =============================  =====================================
``youth_share``        a_00_14 / a_inw, %             residents aged 0-14 (jeugd, onderwijs)
``elderly_share``      a_65_oo / a_inw, %             residents aged 65+ (zorg, welzijn)
``single_households``  a_1p_hh / a_hh, %              one-person households among private
                                                      households (welzijn, informeel)
``low_income``         p_hh_li, %                     households with a low income (below
                                                      CBS's low-income threshold) (werk en
                                                      inkomen, hulpverlening)
``social_assistance``  a_soz_wb / a_inw, per 1,000    people with a bijstand benefit (under
                                                      state pension age) (werk en inkomen,
                                                      hulpverlening)
``disability_benefits``  a_soz_ao / a_inw, per 1,000  people with a disability benefit (werk
                                                      en inkomen, zorg)
``youth_care``         p_jz_tn, %                     young people with jeugdzorg in natura
                                                      (jeugd)
``wmo``                p_wmo_t, per 1,000             Wmo clients (maatwerkvoorziening) per
                                                      1,000 residents (zorg, welzijn)
=====================  =============================  =====================================

Origin and migration background (``a_nl_all``, ``a_eur_al``, ``a_neu_al``, ``a_geb_*``,
``a_gbl_*``) are deliberately not need measures: where people or their parents were born
says nothing about what help they need, and ranking wijken on it would single out groups,
not needs. Income, benefits and care use already measure what such figures are often
taken to stand for.

:func:`score_wijken` turns the figures into standard scores within each municipality, and
into need and coverage scores with their reasons; :func:`graph.needs.needs_vs_coverage`
ranks the result.

>>> from graph.model import Area
>>> from graph.taxonomy import AreaLevel
>>> area = Area("WK0101", "Noord", AreaLevel.WIJK, "GM01",
...             indicators=(("a_inw", 2000.0), ("a_00_14", 440.0), ("a_soz_wb", 90.0)))
>>> [(spec.key, measure_value(spec, area)) for spec in NEED_MEASURES[:2]]
[('youth_share', 22.0), ('elderly_share', None)]

References
----------
.. [1] CBS (2024). *Toelichting variabelen kerncijfers wijken en buurten 2024*. Centraal
   Bureau voor de Statistiek, Den Haag.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph import reasons as say
from graph.model import Area
from graph.reasons import Reason
from graph.taxonomy import Sector

__all__ = [
    "BELOW_MEDIAN",
    "HIGH_NEED",
    "LOW_COVERAGE",
    "NEED_MEASURES",
    "MeasureSpec",
    "NeedMeasure",
    "Scored",
    "WijkInput",
    "measure_value",
    "score_wijken",
    "standard_scores",
]

HIGH_NEED = 0.5  # a measure with z >= this is a high need (and a reason)
LOW_COVERAGE = -0.5  # organisations per 10k or ties per organisation with z <= this ...
BELOW_MEDIAN = 0.1  # ... and at least 10% below the median is a reason


@dataclass(frozen=True, slots=True)
class NeedMeasure:
    """One derived need figure of a wijk, compared with the other wijken of its municipality.

    ``value`` is in the unit of its :class:`MeasureSpec` (percent, or per 1,000
    residents); ``median`` is over the compared wijken; ``z`` is the standard score among
    them (0.0 when they do not vary).
    """

    key: str
    value: float
    median: float
    z: float


@dataclass(frozen=True, slots=True)
class MeasureSpec:
    """How one need measure is derived from CBS indicators, and the sectors that answer it.

    The value is ``numerator / denominator * scale`` when ``denominator`` is set (and
    positive), else the ``numerator`` indicator as CBS gives it. ``unit`` is ``"%"`` or
    ``"‰"`` (per 1,000 residents); ``nl`` and ``en`` are short labels for a sentence.
    """

    key: str
    nl: str
    en: str
    unit: str
    sectors: tuple[Sector, ...]
    numerator: str = ""
    denominator: str | None = None
    scale: float = 1.0


NEED_MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec(
        "youth_share", "jongeren onder 15", "young people under 15", "%",
        (Sector.JEUGD, Sector.ONDERWIJS), "a_00_14", "a_inw", 100.0,
    ),
    MeasureSpec(
        "elderly_share", "65-plussers", "people aged 65 or over", "%",
        (Sector.ZORG, Sector.WELZIJN), "a_65_oo", "a_inw", 100.0,
    ),
    MeasureSpec(
        "single_households", "eenpersoonshuishoudens", "single-person households", "%",
        (Sector.WELZIJN, Sector.INFORMEEL), "a_1p_hh", "a_hh", 100.0,
    ),
    MeasureSpec(
        "low_income", "huishoudens met een laag inkomen", "households with a low income", "%",
        (Sector.WERK_INKOMEN, Sector.HULPVERLENING), "p_hh_li",
    ),
    MeasureSpec(
        "social_assistance", "bijstandsuitkeringen", "social assistance benefits", "‰",
        (Sector.WERK_INKOMEN, Sector.HULPVERLENING), "a_soz_wb", "a_inw", 1000.0,
    ),
    MeasureSpec(
        "disability_benefits", "arbeidsongeschiktheidsuitkeringen", "disability benefits", "‰",
        (Sector.WERK_INKOMEN, Sector.ZORG), "a_soz_ao", "a_inw", 1000.0,
    ),
    MeasureSpec(
        "youth_care", "jongeren met jeugdzorg", "young people in youth care", "%",
        (Sector.JEUGD,), "p_jz_tn",
    ),
    MeasureSpec(
        "wmo", "Wmo-cliënten", "Wmo clients", "‰",
        (Sector.ZORG, Sector.WELZIJN), "p_wmo_t",
    ),
)  # fmt: skip


def measure_value(spec: MeasureSpec, area: Area) -> float | None:
    """The measure of one area, or ``None`` when its indicators do not allow it.

    Parameters
    ----------
    spec : MeasureSpec
        Which measure.
    area : Area
        An area with CBS indicators.

    Returns
    -------
    float or None
        ``numerator / denominator * scale``, or the numerator itself for a measure CBS
        gives ready-made; ``None`` when an indicator is absent or the denominator is not
        positive.

    Examples
    --------
    >>> from graph.model import Area
    >>> from graph.taxonomy import AreaLevel
    >>> figures = (("a_inw", 2000.0), ("a_soz_wb", 90.0), ("p_hh_li", 12.5))
    >>> area = Area("WK0101", "Noord", AreaLevel.WIJK, indicators=figures)
    >>> wanted = ("social_assistance", "low_income")
    >>> [measure_value(spec, area) for spec in NEED_MEASURES if spec.key in wanted]
    [12.5, 45.0]
    """
    top = area.indicator(spec.numerator)
    if top is None or spec.denominator is None:
        return top
    bottom = area.indicator(spec.denominator)
    if bottom is None or bottom <= 0:
        return None
    return top / bottom * spec.scale


def standard_scores(values: Sequence[float]) -> list[float]:
    """``(x - mean) / population sd`` for each value; all 0.0 when the values do not vary.

    >>> standard_scores([1.0, 2.0, 3.0])
    [-1.224744871391589, 0.0, 1.224744871391589]
    >>> standard_scores([4.0, 4.0]), standard_scores([])
    ([0.0, 0.0], [])
    """
    if len(values) < 2:
        return [0.0] * len(values)
    mean, sd = statistics.fmean(values), statistics.pstdev(values)
    if sd <= 1e-12 * max(1.0, abs(mean)):
        return [0.0] * len(values)
    return [(x - mean) / sd for x in values]


WijkInput = tuple[Area, str | None, tuple[tuple[Sector, int], ...], float | None]
"""A wijk, its GM code, organisations per sector serving it, and their ties per organisation
(the mean number of partners an organisation has among the others serving the wijk;
``None`` below two organisations)."""


@dataclass(frozen=True, slots=True)
class Scored:
    """A wijk with its scores and reasons (not yet ranked)."""

    area: Area
    municipality: str | None
    residents: float | None
    measures: tuple[NeedMeasure, ...]
    coverage: tuple[tuple[Sector, int], ...]
    per_10k: float | None
    ties_per_organisation: float | None
    need_score: float
    coverage_score: float
    gap: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class _Compared:
    """A figure's value, median and standard score among the wijken that have it."""

    value: float
    median: float
    z: float


def _compare(values: dict[str, float]) -> dict[str, _Compared]:
    codes = list(values)
    median = statistics.median(values.values()) if values else 0.0
    zs = standard_scores([values[c] for c in codes])
    return {c: _Compared(values[c], median, z) for c, z in zip(codes, zs, strict=True)}


def _per_10k(area: Area, coverage: tuple[tuple[Sector, int], ...]) -> float | None:
    residents = area.indicator("a_inw")
    if residents is None or residents <= 0:
        return None
    return sum(count for _, count in coverage) / residents * 10_000


def score_wijken(wijken: Sequence[WijkInput]) -> list[Scored]:
    """Score each wijk against the wijken of its own municipality.

    Parameters
    ----------
    wijken : sequence of (Area, str or None, coverage, float or None)
        Each wijk with its GM code, the organisations per sector serving it (every
        sector) and their ties per organisation, the mean number of partners an
        organisation has among the others serving the wijk (``None`` below two
        organisations: no tie is possible; it is scored as 0).

    Returns
    -------
    list of Scored
        In wijk code order. The rules are those of :func:`graph.needs.needs_vs_coverage`.

    Examples
    --------
    >>> from graph.model import Area
    >>> from graph.taxonomy import AreaLevel, Sector
    >>> none = tuple((s, 0) for s in Sector)
    >>> def wijk(code, elderly):
    ...     return Area(code, code, AreaLevel.WIJK, indicators=(("a_inw", 1000.0), ("a_65_oo", elderly)))
    >>> rows = [(wijk("WK01", 100.0), "GM01", none, None), (wijk("WK02", 300.0), "GM01", none, None)]
    >>> [(s.area.code, s.need_score, s.coverage_score, s.gap) for s in score_wijken(rows)]
    [('WK01', 0.0, 0.0, 0.0), ('WK02', 1.0, -1.0, 2.0)]
    >>> score_wijken(rows)[1].reasons[1].en
    'no care partner (for people aged 65 or over)'
    """
    groups: dict[str | None, list[WijkInput]] = defaultdict(list)
    for row in wijken:
        groups[row[1]].append(row)
    scored = [s for group in groups.values() for s in _score_group(group)]
    return sorted(scored, key=lambda s: s.area.code)


def _score_group(group: list[WijkInput]) -> list[Scored]:
    measures: dict[str, dict[str, _Compared]] = {}
    for spec in NEED_MEASURES:
        values = {area.code: measure_value(spec, area) for area, *_ in group}
        measures[spec.key] = _compare({c: v for c, v in values.items() if v is not None})
    per_10k = {area.code: _per_10k(area, coverage) for area, _, coverage, _ in group}
    orgs = _compare({c: v for c, v in per_10k.items() if v is not None})
    ties = _compare({area.code: per_org or 0.0 for area, _, _, per_org in group})
    return [
        _score_one(row, measures, orgs.get(row[0].code), ties[row[0].code], per_10k[row[0].code])
        for row in group
    ]


def _score_one(
    row: WijkInput,
    measures: dict[str, dict[str, _Compared]],
    orgs: _Compared | None,
    ties: _Compared,
    per_10k: float | None,
) -> Scored:
    area, municipality, coverage, per_organisation = row
    own = [(spec, measures[spec.key][area.code]) for spec in NEED_MEASURES if area.code in measures[spec.key]]
    need = statistics.fmean(max(c.z, 0.0) for _, c in own) if own else 0.0
    high = sorted(((spec, c) for spec, c in own if c.z >= HIGH_NEED), key=lambda item: -item[1].z)
    present = {sector for sector, count in coverage if count}
    answered = statistics.fmean(_answered(spec, present) for spec, _ in high) if high else 1.0
    parts = [ties.z] if orgs is None else [orgs.z, ties.z]
    covered = statistics.fmean(parts) - (1.0 - answered)
    reasons = (
        *(say.high_need((spec.nl, spec.en), spec.unit, c.value, c.median, weight=c.z) for spec, c in high),
        *_missing_partners(high, present),
        *_thin(orgs, ties, per_organisation),
    )
    return Scored(
        area=area,
        municipality=municipality,
        residents=area.indicator("a_inw"),
        measures=tuple(NeedMeasure(spec.key, c.value, c.median, c.z) for spec, c in own),
        coverage=coverage,
        per_10k=per_10k,
        ties_per_organisation=per_organisation,
        need_score=need,
        coverage_score=covered,
        gap=need - covered,
        reasons=reasons,
    )


def _answered(spec: MeasureSpec, present: set[Sector]) -> float:
    return sum(sector in present for sector in spec.sectors) / len(spec.sectors)


def _missing_partners(high: list[tuple[MeasureSpec, _Compared]], present: set[Sector]) -> list[Reason]:
    """One reason per sector that answers a high need and has no organisation in the wijk."""
    needs: dict[Sector, list[tuple[MeasureSpec, _Compared]]] = defaultdict(list)
    for spec, compared in high:
        for sector in spec.sectors:
            if sector not in present:
                needs[sector].append((spec, compared))
    found = [
        say.missing_partner(
            sector.value,
            ([spec.nl for spec, _ in listed], [spec.en for spec, _ in listed]),
            weight=sum(c.z for _, c in listed),
        )
        for sector, listed in needs.items()
    ]
    return sorted(found, key=lambda r: -r.weight)


def _clearly_low(figure: _Compared) -> bool:
    """``z <= LOW_COVERAGE`` and at least ``BELOW_MEDIAN`` below the median: where wijken
    hardly differ, a small difference can have a large z, but it is no reason. A value equal
    to the median (0 against a median of 0) is never below it."""
    below = figure.value < figure.median and figure.value <= (1 - BELOW_MEDIAN) * figure.median
    return figure.z <= LOW_COVERAGE and below


def _thin(orgs: _Compared | None, ties: _Compared, per_organisation: float | None) -> list[Reason]:
    """Reasons for organisations per 10k and ties per organisation clearly below the municipality's."""
    found = []
    if orgs is not None and _clearly_low(orgs):
        found.append(say.thin_coverage(orgs.value, orgs.median, weight=-orgs.z))
    if _clearly_low(ties):
        found.append(say.sparse_ties(per_organisation, ties.median, weight=-ties.z))
    return sorted(found, key=lambda r: -r.weight)
