"""Needs versus coverage: which wijken have high need and thin partner coverage.

For every wijk, need measures are derived from the CBS kerncijfers it holds
(:data:`NEED_MEASURES`) and set beside the partner coverage there: the organisations
serving the wijk per sector, per 10,000 residents, and the ties among them in the
organisation graph (density, ties per organisation, cross-sector share: computed by
:func:`graph.density.density_by_membership`, as Overzicht's density per wijk, over this
module's membership rule). Wijken are compared with the other wijken of their own municipality
only, as standard scores (z). The wijken are ranked by the gap between need and coverage,
each with its reasons in Dutch and English.

>>> from graph.model import Area, Ecosystem, Organisation
>>> from graph.taxonomy import AreaLevel, Sector
>>> def wijk(code, young):
...     return Area(code, code, AreaLevel.WIJK, "GM01",
...                 indicators=(("a_inw", 1000.0), ("a_00_14", young)))
>>> eco = Ecosystem(
...     areas=(Area("GM01", "Stad", AreaLevel.GEMEENTE), wijk("WK0101", 100.0),
...            wijk("WK0102", 120.0), wijk("WK0103", 300.0)),
...     organisations=(Organisation("J", "Jeugdhulp", Sector.JEUGD, areas=("WK0101", "WK0102")),
...                    Organisation("Z", "Zorg", Sector.ZORG, areas=("GM01",))),
... )
>>> ranked = needs_vs_coverage(eco)
>>> [(w.code, w.rank, w.organisations, w.flagged) for w in ranked]
[('WK0103', 1, 1, True), ('WK0101', 2, 2, False), ('WK0102', 3, 2, False)]
>>> for reason in ranked[0].reasons[:2]:
...     print(reason.nl)
30% jongeren onder 15 (mediaan gemeente 12%)
geen jeugd-partner (voor jongeren onder 15)

References
----------
.. [1] CBS (2024). *Toelichting variabelen kerncijfers wijken en buurten 2024*.
   Centraal Bureau voor de Statistiek, Den Haag (the indicator definitions).
.. [2] Wasserman, S., & Faust, K. (1994). *Social Network Analysis*, 4.2. Cambridge UP
   (density).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.areacodes import area_parent
from graph.density import AreaDensity, density_by_membership
from graph.model import Area, Ecosystem, Organisation
from graph.needs_scores import NEED_MEASURES, MeasureSpec, NeedMeasure, Scored, score_wijken
from graph.preconditions import simple_undirected
from graph.project import organisation_graph
from graph.reasons import Reason
from graph.taxonomy import AreaLevel, Sector

__all__ = [
    "FLAG_COVERAGE",
    "FLAG_NEED",
    "NEED_MEASURES",
    "MeasureSpec",
    "NeedMeasure",
    "WijkNeed",
    "needs_vs_coverage",
]

FLAG_NEED = 0.5  # a wijk is flagged when its need score is above this ...
FLAG_COVERAGE = 0.0  # ... and its coverage score below this


@dataclass(frozen=True, slots=True)
class WijkNeed:
    """One wijk: its need measures beside its partner coverage, its gap and its rank.

    ``density``, ``ties_per_organisation`` and ``cross_sector_share`` are those of
    :func:`graph.density.density_by_membership` over the organisations serving the wijk
    (the rule of :func:`needs_vs_coverage`); density and ties per organisation are ``None``
    below two organisations (no tie is possible), the share ``None`` without ties.

    ``flagged`` follows the rule: ``need_score > FLAG_NEED`` (0.5: need half a standard
    deviation above the municipal mean) and ``coverage_score < FLAG_COVERAGE`` (0.0:
    coverage below the municipal mean, or needs without a partner).
    """

    code: str
    name: str
    municipality: str | None
    residents: float | None
    measures: tuple[NeedMeasure, ...]
    coverage: tuple[tuple[Sector, int], ...]
    organisations: int
    per_10k: float | None
    density: float | None
    ties_per_organisation: float | None
    cross_sector_share: float | None
    need_score: float
    coverage_score: float
    gap: float
    rank: int
    reasons: tuple[Reason, ...]

    @property
    def flagged(self) -> bool:
        """Whether need is clearly high and coverage thin (see the class docstring)."""
        return self.need_score > FLAG_NEED and self.coverage_score < FLAG_COVERAGE

    def measure(self, key: str) -> NeedMeasure | None:
        """The measure with this key, or ``None`` when the wijk's indicators do not allow it."""
        return next((m for m in self.measures if m.key == key), None)

    def organisations_in(self, sector: Sector) -> int:
        """How many organisations of this sector serve the wijk."""
        return dict(self.coverage)[sector]


def _municipality(area: Area, by_code: dict[str, Area]) -> str | None:
    """The GM code above an area, following the parent chain (``None`` when there is none)."""
    seen: set[str] = set()
    current: Area | None = area
    while current is not None and current.code not in seen:
        if current.level is AreaLevel.GEMEENTE:
            return current.code
        seen.add(current.code)
        parent = current.parent
        if parent is not None and parent.startswith("GM") and parent not in by_code:
            return parent
        current = by_code.get(parent) if parent is not None else None
    return None


def _wijk_of(code: str, by_code: dict[str, Area]) -> str | None:
    """The wijk a buurt code lies in: its parent in the area tree, else by its CBS code."""
    area = by_code.get(code)
    if area is not None and area.parent is not None and area.parent.startswith("WK"):
        return area.parent
    return area_parent(code) if code.startswith("BU") and len(code) >= 8 else None


def _serving(eco: Ecosystem, wijken: list[Area], by_code: dict[str, Area]) -> dict[str, set[str]]:
    """Wijk code -> ids of the organisations serving it (wijk, a buurt in it, or its gemeente)."""
    in_gemeente: dict[str, list[str]] = defaultdict(list)
    for w in wijken:
        in_gemeente[_municipality(w, by_code) or ""].append(w.code)
    served: dict[str, set[str]] = {w.code: set() for w in wijken}
    for org in eco.organisations:
        for code in org.areas:
            for target in _targets(code, by_code, in_gemeente):
                if target in served:
                    served[target].add(org.id)
    return served


def _targets(code: str, by_code: dict[str, Area], in_gemeente: dict[str, list[str]]) -> list[str]:
    if code.startswith("GM"):
        return in_gemeente.get(code, [])
    if code.startswith("BU"):
        wijk = _wijk_of(code, by_code)
        return [wijk] if wijk else []
    return [code]


def needs_vs_coverage(eco: Ecosystem, graph: nx.Graph[str] | None = None) -> list[WijkNeed]:
    r"""Every wijk of ``eco.areas``, ranked by the gap between need and coverage.

    Parameters
    ----------
    eco : Ecosystem
        Areas (with CBS indicators) and organisations; wijken are the areas of level wijk.
    graph : networkx.Graph, optional
        The organisation graph (:func:`graph.project.organisation_graph`, all layers) for
        the tie figures; built from ``eco`` when ``None``. A directed graph is read as
        undirected (a tie either way is a tie).

    Returns
    -------
    list of WijkNeed
        Every wijk, rank 1 (biggest gap) first; equal gaps in code order. Wijken without
        indicators are listed too (need score 0, no measures).

    Notes
    -----
    *Serving.* An organisation serves a wijk when its areas hold the wijk, a buurt in it
    (by the area tree, else by the CBS code), or the wijk's gemeente (gemeente-wide
    organisations count for every wijk of that gemeente). An organisation without areas
    serves no wijk. Overzicht's density per wijk (:func:`graph.density.density_by_area`)
    reads the node attribute ``wijken`` instead, which leaves gemeente-wide organisations
    out; both compute the figures with :func:`graph.density.density_by_membership`.

    *Ties.* ``density``, ``ties_per_organisation`` (mean partners per organisation inside
    the wijk) and ``cross_sector_share`` (share of those ties joining two sectors) are
    :func:`graph.density.density_by_membership` over the serving organisations; an
    organisation absent from ``graph`` counts with no ties.

    *Comparison.* Each wijk is compared with the wijken of its own municipality (the GM
    code up its parent chain). For a figure :math:`x` the standard score is
    :math:`z = (x - \bar x) / s` with the mean and population standard deviation over
    the wijken of the municipality that have the figure; :math:`z = 0` when they do not
    vary (or there is one wijk).

    *Need.* ``need_score`` is the mean of :math:`\max(z, 0)` over the wijk's measures (0
    without any): only figures above the municipal mean add need, and a figure below it
    does not offset one above it (a young wijk has few people over 65, which says nothing
    about its youth need; with a plain mean of :math:`z` the two age shares would cancel).
    A measure with :math:`z \ge 0.5` is a *high need*.

    *Coverage.* With :math:`z_o` the score of organisations per 10,000 residents and
    :math:`z_t` that of the ties per organisation (the mean number of partners an
    organisation has among the others serving the wijk, ``2 * ties / organisations``; a
    wijk with fewer than two organisations counts as 0 here: no tie exists among them),

    .. math::

        \text{coverage} = \operatorname{mean}(z_o, z_t) - (1 - a)

    where :math:`a` is the *answered share*: over the wijk's high needs, the mean share of
    the sectors named for the need (:attr:`MeasureSpec.sectors`) that have at least one
    organisation serving the wijk (1 without high needs). So a wijk whose high needs have
    no partner at all loses one full standard deviation of coverage. :math:`z_o` is left
    out when the wijk has no resident count. Ties per organisation, not density, because
    density falls with the number of organisations (the possible pairs grow with its
    square, the ties one organisation keeps up do not [4]_ [5]_): by density a wijk with
    many organisations would look thin for the same local effort.

    *Gap.* ``gap = need_score - coverage_score``: both are in standard deviations, so a
    wijk ranks high when it needs more than its municipality's wijken typically do and is
    served less. This equal-weight sum of standard scores is our own rule, in the manner of
    composite deprivation indices that add standardised indicators [3]_.

    *Reasons* (``Reason.code``), most important first: each high need (``high-need``,
    highest :math:`z` first); each sector named for a high need that no organisation in
    the wijk belongs to (``missing-partner``, listing the needs it would answer); then
    organisations per 10,000 residents and ties per organisation when clearly low
    (``thin-coverage``, ``sparse-ties``: :math:`z \le -0.5` and at least 10% below the
    median).

    *Flagged*: ``need_score > 0.5`` and ``coverage_score < 0``: on average its figures lie half a
    standard deviation above the municipal mean while coverage is below it.

    References
    ----------
    .. [1] CBS (2024). *Toelichting variabelen kerncijfers wijken en buurten 2024*.
    .. [2] Wasserman, S., & Faust, K. (1994). *Social Network Analysis*, 4.2. Cambridge UP.
    .. [3] Townsend, P., Phillimore, P., & Beattie, A. (1988). *Health and Deprivation:
       Inequality and the North*. Croom Helm (a sum of z-scores of area indicators).
    .. [4] Anderson, B. S., Butts, C., & Carley, K. (1999). The interaction of size and
       density with graph-level indices. *Social Networks* 21(3), 239-267.
    .. [5] Faust, K. (2006). Comparing social networks: size, density, and local structure.
       *Metodološki zvezki* 3(2), 185-216.

    Examples
    --------
    >>> from graph.model import Area, Ecosystem
    >>> from graph.taxonomy import AreaLevel
    >>> eco = Ecosystem(areas=(Area("WK0101", "Noord", AreaLevel.WIJK, "GM01"),))
    >>> [(w.code, w.municipality, w.need_score, w.measures, w.rank) for w in needs_vs_coverage(eco)]
    [('WK0101', 'GM01', 0.0, (), 1)]
    """
    by_code = {area.code: area for area in eco.areas}
    wijken = [area for area in eco.areas if area.level is AreaLevel.WIJK]
    G = simple_undirected(organisation_graph(eco) if graph is None else graph)
    served = _serving(eco, wijken, by_code)
    ties = {code: _defined(cell) for code, cell in density_by_membership(G, served).items()}
    orgs = {org.id: org for org in eco.organisations}
    rows = [(w, _municipality(w, by_code), _coverage(served[w.code], orgs)) for w in wijken]
    scored = score_wijken([(*row, ties[row[0].code].ties_per_organisation) for row in rows])
    ranked = sorted(scored, key=lambda s: (-round(s.gap, 12), s.area.code))
    return [_result(s, rank, ties[s.area.code]) for rank, s in enumerate(ranked, start=1)]


@dataclass(frozen=True, slots=True)
class _Ties:
    density: float | None
    ties_per_organisation: float | None
    cross_sector_share: float | None


def _defined(cell: AreaDensity) -> _Ties:
    """The wijk's tie figures, density and ties per organisation ``None`` below two organisations."""
    if cell.organisations < 2:
        return _Ties(None, None, None)
    return _Ties(cell.density, cell.ties_per_organisation, cell.cross_sector_share)


def _coverage(members: set[str], orgs: dict[str, Organisation]) -> tuple[tuple[Sector, int], ...]:
    counts = dict.fromkeys(Sector, 0)
    for org_id in members:
        counts[orgs[org_id].sector] += 1
    return tuple(counts.items())


def _result(s: Scored, rank: int, ties: _Ties) -> WijkNeed:
    return WijkNeed(
        code=s.area.code,
        name=s.area.name,
        municipality=s.municipality,
        residents=s.residents,
        measures=s.measures,
        coverage=s.coverage,
        organisations=sum(count for _, count in s.coverage),
        per_10k=s.per_10k,
        density=ties.density,
        ties_per_organisation=ties.ties_per_organisation,
        cross_sector_share=ties.cross_sector_share,
        need_score=s.need_score,
        coverage_score=s.coverage_score,
        gap=s.gap,
        rank=rank,
        reasons=s.reasons,
    )
