"""Time: how the ecosystem changes between periods.

Every measure in ``graph`` can be computed for a chosen period range by projecting the
snapshot with ``periods=`` (``graph.project.organisation_graph``). This module adds
what only makes sense across periods: the trend per period, the difference between two
period ranges (new and lost ties with their sectors and wijken, organisations that joined
or left, articulation points gained or lost, density and silo change), and which range a
selection is compared with (:func:`previous_range`: a quarter against the quarter before).

The silo figure here is the same as ``silo_index`` in :func:`graph.analysis.analyse`: the
sector modularity with ties weighted by what they carry (:func:`graph.mixing.sector_modularity`
with ``weight="weight"``), and ``None`` where it is not defined (no tie, or one sector only:
:func:`graph.mixing.mixing_defined`).

>>> from graph.model import Ecosystem, Organisation, ReferralFlow
>>> from graph.periods import Period, PeriodRange
>>> from graph.taxonomy import ActorKind, Sector
>>> orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
>>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
>>> flows = (ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "", 3),
...          ReferralFlow(ActorKind.ORGANISATION, "A", "C", feb, "", 2))
>>> change = diff(Ecosystem(organisations=orgs, flows=flows), PeriodRange(jan, jan), PeriodRange(feb, feb))
>>> change.new_ties, change.lost_ties
((('A', 'C'),), (('A', 'B'),))

References
----------
.. [1] Snijders, T. A. B. (2005). Models for longitudinal network data. In *Models and
   Methods in Social Network Analysis*, 215-247 (tie change between observations).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import networkx as nx
import numpy as np

from graph.arrays import EdgeArrays, FloatArray, IntArray
from graph.bottlenecks import articulation_points, tie_articulation_points
from graph.density import tie_density
from graph.mixing import mixing_defined, modularity_of, sector_modularity
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import (
    Layers,
    TieArrays,
    organisation_nodes,
    organisation_ties,
    period_tie_arrays,
    referrals_by_period,
)

__all__ = [
    "OrganisationChange",
    "PeriodDiff",
    "PeriodPoint",
    "TieChange",
    "diff",
    "periods_of",
    "previous_range",
    "silo_figure",
    "trend",
]


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """One period: active organisations, ties, density, silo (``None``: not defined), referrals."""

    period: str
    active_organisations: int
    ties: int
    density: float
    sector_modularity: float | None
    referrals: int


@dataclass(frozen=True, slots=True)
class TieChange:
    """A tie ``a < b`` that is new in the later range (``change`` ``"new"``) or gone from it (``"lost"``).

    ``wijken`` are the wijk codes both organisations serve; ``weight`` is the tie's weight in
    the range where it exists.
    """

    change: str
    a: str
    b: str
    a_name: str
    b_name: str
    a_sector: str
    b_sector: str
    wijken: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class OrganisationChange:
    """An organisation that joined or left the network, or became or stopped being a cut point."""

    id: str
    name: str
    sector: str


@dataclass(frozen=True, slots=True)
class PeriodDiff:
    """What changed from one period range (``before``) to another (``after``)."""

    before: str
    after: str
    new_ties: tuple[tuple[str, str], ...]
    lost_ties: tuple[tuple[str, str], ...]
    tie_changes: tuple[TieChange, ...]
    joined: tuple[OrganisationChange, ...]
    left: tuple[OrganisationChange, ...]
    cut_points_gained: tuple[OrganisationChange, ...]
    cut_points_lost: tuple[OrganisationChange, ...]
    organisations_before: int
    organisations_after: int
    density_before: float
    density_after: float
    sector_modularity_before: float | None
    sector_modularity_after: float | None

    @property
    def density_change(self) -> float:
        """Density after minus before."""
        return self.density_after - self.density_before

    @property
    def silo_change(self) -> float | None:
        """Sector modularity after minus before (above 0: sectors drift apart); ``None`` if undefined."""
        if self.sector_modularity_before is None or self.sector_modularity_after is None:
            return None
        return self.sector_modularity_after - self.sector_modularity_before


def periods_of(eco: Ecosystem) -> list[Period]:
    """The distinct periods of the referral flows, in time order (``graph.project.referrals_by_period``).

    >>> periods_of(Ecosystem())
    []
    """
    return list(referrals_by_period(eco))


def previous_range(
    periods: PeriodRange, available: Sequence[Period]
) -> tuple[PeriodRange, PeriodRange] | None:
    """The range a selection is compared with, and the selection itself as a range of months.

    Parameters
    ----------
    periods : PeriodRange
        The selection (``--from`` / ``--to``, the app's period filter).
    available : sequence of Period
        The periods that hold data (:func:`periods_of`).

    Returns
    -------
    tuple of PeriodRange, or None
        ``(before, after)``. A closed selection is compared with the range of equal length
        just before it (a quarter with the quarter before, two months with the two months
        before). An open selection (no ``--from`` or no ``--to``) has no length of its own: its
        latest period with data is compared with the period of equal length before it.
        ``None`` when no period with data lies in the selection or in the range before it.

    Examples
    --------
    >>> months = [Period.parse(f"2025-{m:02d}") for m in range(1, 7)]
    >>> q2 = PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2"))
    >>> [r.code for r in previous_range(q2, months)]
    ['2025-Q1', '2025-Q2']
    >>> [r.code for r in previous_range(PeriodRange(), months)]
    ['2025-05', '2025-06']
    >>> previous_range(PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1")), months) is None
    True
    """
    inside = [p for p in available if p in periods]
    if not inside:
        return None
    months = periods.months
    if months is None:
        latest = inside[-1]
        after = PeriodRange(latest, latest)
        months = latest.last - latest.first + 1
    else:
        after = periods.shifted(0)
    before = after.shifted(-months)
    if not any(p in before for p in available):
        return None
    return before, after


def silo_figure(graph: nx.Graph[str]) -> float | None:
    """The silo index of an organisation graph: weighted sector modularity, ``None`` where not defined.

    The one definition that ``silo_index``, ``trend[].sector_modularity`` and ``change.*``
    share (see the module docstring).

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=10); G.add_edge("a", "c", weight=1); G.add_edge("c", "d", weight=1)
    >>> nx.set_node_attributes(G, {"a": "zorg", "b": "zorg", "c": "wonen", "d": "wonen"}, "sector")
    >>> round(silo_figure(G), 4)
    0.1354
    >>> silo_figure(nx.Graph()) is None
    True
    """
    return sector_modularity(graph, weight="weight") if mixing_defined(graph) else None


@dataclass(frozen=True, slots=True)
class _Range:
    """One side of :func:`diff`: the ties of a period range and its figures.

    ``ties`` as ``graph.project.organisation_ties`` gives them, ``codes`` one number per tie
    (``lo * n + hi``, ``n`` organisations), ``active`` the organisations with a tie.
    """

    ties: TieArrays
    codes: IntArray
    active: set[str]
    cut_points: set[str]
    density: float
    silo: float | None


def _silo_of(eco: Ecosystem) -> Callable[[IntArray, IntArray, FloatArray], float | None]:
    """:func:`silo_figure` of an organisation graph of ``eco``, from its tie arrays.

    The function returned takes the ties ``lo[j] - hi[j]`` (places in ``Ecosystem.organisations``)
    and their ``weights``. The weights are whole counts, so every sum is exact and the figure
    is that of the graph to the last bit, whatever the order of its ties.
    """
    nodes = tuple(org.id for org in eco.organisations)
    index = {node: i for i, node in enumerate(nodes)}
    sectors = [org.sector.value for org in eco.organisations]
    groups = {sector: i for i, sector in enumerate(sorted(set(sectors), key=str))}  # as graph.density
    labels = np.fromiter((groups[s] for s in sectors), dtype=np.int64, count=len(sectors))

    def silo(lo: IntArray, hi: IntArray, weights: FloatArray) -> float | None:
        if not len(lo) or len(groups) < 2:  # as graph.mixing.mixing_defined
            return None
        return modularity_of(EdgeArrays(nodes, index, lo, hi, weights, weighted=True, directed=False), labels)

    return silo


def _range(
    eco: Ecosystem,
    layers: Layers,
    periods: PeriodRange,
    graph: nx.Graph[str] | None,
    silo: Callable[[IntArray, IntArray, FloatArray], float | None],
) -> _Range:
    """The ties of ``periods`` and their figures; the cut points from ``graph`` (the organisation
    graph of the range) when given, else from the tie arrays alone."""
    ties = organisation_ties(eco, layers=layers, periods=periods)
    ids = [org.id for org in eco.organisations]
    if graph is None:  # the cut points need the ties only, not what they carry
        cut_points = {ids[i] for i in tie_articulation_points(len(ids), ties.lo, ties.hi)}
    else:
        cut_points = set(articulation_points(graph))
    return _Range(
        ties,
        ties.lo * max(len(ids), 1) + ties.hi,
        {ids[i] for i in np.union1d(ties.lo, ties.hi).tolist()},
        cut_points,
        tie_density(len(eco.organisations), len(ties.lo)),
        silo(ties.lo, ties.hi, ties.weights),
    )


def _only_in(side: _Range, other: _Range, ids: Sequence[str]) -> list[tuple[str, str, float]]:
    """The ties of ``side`` that ``other`` lacks, as ``(a, b, weight)`` with ``a < b``, sorted."""
    missing = ~np.isin(side.codes, other.codes)
    found = []
    for i, j, weight in zip(
        side.ties.lo[missing].tolist(),
        side.ties.hi[missing].tolist(),
        side.ties.weights[missing].tolist(),
        strict=True,
    ):
        a, b = ids[i], ids[j]
        found.append((a, b, weight) if a < b else (b, a, weight))
    return sorted(found)


def _organisations(nodes: dict[str, dict[str, object]], ids: set[str]) -> tuple[OrganisationChange, ...]:
    found = (
        OrganisationChange(node, str(nodes[node]["name"]), str(nodes[node]["sector"] or "")) for node in ids
    )
    return tuple(sorted(found, key=lambda o: (o.name, o.id)))


def _tie(change: str, nodes: dict[str, dict[str, object]], a: str, b: str, weight: float) -> TieChange:
    first, second = nodes[a], nodes[b]
    wijken = tuple(
        sorted(set(cast("tuple[str, ...]", first["wijken"])) & set(cast("tuple[str, ...]", second["wijken"])))
    )
    return TieChange(
        change,
        a,
        b,
        str(first["name"]),
        str(second["name"]),
        str(first["sector"] or ""),
        str(second["sector"] or ""),
        wijken,
        weight,
    )


def diff(
    eco: Ecosystem,
    before: PeriodRange,
    after: PeriodRange,
    *,
    layers: Layers = Layers(),
    built: tuple[PeriodRange, nx.Graph[str]] | None = None,
) -> PeriodDiff:
    """Compare the organisation graph of two period ranges.

    Parameters
    ----------
    eco : Ecosystem
        The snapshot, holding both period ranges.
    before, after : PeriodRange
        The ranges to compare.
    layers : Layers
        The layers to compare; agreements count in a range when they are active in it.
    built : tuple of PeriodRange and networkx.Graph, optional
        An organisation graph of these ``layers`` the caller has built already, with the
        range it was built for (``organisation_graph(eco, layers=layers, periods=...)``): a
        range of ``before`` or ``after`` that covers the same months takes its cut points
        from it (inside ``graph.arrays.shared_views`` worked out once for both).

    Returns
    -------
    PeriodDiff
        New and lost ties (sorted pairs, and as ``tie_changes`` with names, sectors, the
        wijken both ends serve and the weight: new ties first, heaviest first);
        organisations that ``joined`` (a tie after, none before) or ``left`` (the reverse);
        articulation points gained and lost; active organisations, density and silo
        figure (:func:`silo_figure`) on both sides.

    Notes
    -----
    The figures are those of ``organisation_graph`` of each range, counted on its tie
    arrays (``graph.project.organisation_ties``) without building the graph, the cut
    points too (``graph.bottlenecks.tie_articulation_points``).

    Examples
    --------
    >>> from graph.model import Organisation, ReferralFlow
    >>> from graph.taxonomy import ActorKind, Sector
    >>> orgs = tuple(Organisation(i, f"Org {i}", Sector.ZORG) for i in "ABC")
    >>> jan, feb = Period.parse("2025-01"), Period.parse("2025-02")
    >>> flows = (ReferralFlow(ActorKind.ORGANISATION, "A", "B", jan, "", 3),
    ...          ReferralFlow(ActorKind.ORGANISATION, "B", "C", feb, "", 2),
    ...          ReferralFlow(ActorKind.ORGANISATION, "A", "B", feb, "", 1))
    >>> eco = Ecosystem(organisations=orgs, flows=flows)
    >>> change = diff(eco, PeriodRange(jan, jan), PeriodRange(feb, feb))
    >>> [(t.change, t.a, t.b) for t in change.tie_changes], [o.id for o in change.joined]
    ([('new', 'B', 'C')], ['C'])
    >>> [o.id for o in change.cut_points_gained], change.sector_modularity_after is None
    (['B'], True)
    """

    def graph_of(periods: PeriodRange) -> nx.Graph[str] | None:
        return built[1] if built is not None and built[0].bounds == periods.bounds else None

    silo = _silo_of(eco)
    old = _range(eco, layers, before, graph_of(before), silo)
    new = _range(eco, layers, after, graph_of(after), silo)
    nodes = dict(organisation_nodes(eco))
    ids = [org.id for org in eco.organisations]
    gained, lost = _only_in(new, old, ids), _only_in(old, new, ids)
    changes = [_tie("new", nodes, a, b, weight) for a, b, weight in gained]
    changes += [_tie("lost", nodes, a, b, weight) for a, b, weight in lost]
    changes.sort(key=lambda t: (t.change != "new", -t.weight, t.a_name, t.b_name, t.a, t.b))
    return PeriodDiff(
        before=before.code,
        after=after.code,
        new_ties=tuple((a, b) for a, b, _ in gained),
        lost_ties=tuple((a, b) for a, b, _ in lost),
        tie_changes=tuple(changes),
        joined=_organisations(nodes, new.active - old.active),
        left=_organisations(nodes, old.active - new.active),
        cut_points_gained=_organisations(nodes, new.cut_points - old.cut_points),
        cut_points_lost=_organisations(nodes, old.cut_points - new.cut_points),
        organisations_before=len(old.active),
        organisations_after=len(new.active),
        density_before=old.density,
        density_after=new.density,
        sector_modularity_before=old.silo,
        sector_modularity_after=new.silo,
    )


def trend(eco: Ecosystem, *, layers: Layers = Layers()) -> list[PeriodPoint]:
    """The ecosystem period by period (one point per referral period).

    Agreements and shared professionals count in every period they are active in;
    referrals only in their own period. The flows are split by period once, so the
    cost grows with the number of flows, not with flows times periods. The figures are
    those of each period's organisation graph (``graph.project.period_graphs``): density as
    :func:`graph.density.density`, the silo figure as :func:`silo_figure` (``None`` in a
    period without ties or with one sector), counted on the period's tie arrays
    (``graph.project.period_tie_arrays``) without building the graphs.
    """
    referrals, silo = referrals_by_period(eco), _silo_of(eco)
    points = []
    for ties in period_tie_arrays(eco, layers=layers):  # static layers worked out once
        points.append(
            PeriodPoint(
                ties.period.code,
                len(np.union1d(ties.lo, ties.hi)),
                len(ties.lo),
                tie_density(len(eco.organisations), len(ties.lo)),
                silo(ties.lo, ties.hi, ties.weights),
                referrals[ties.period],
            )
        )
    return points
