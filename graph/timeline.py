"""Time: how the ecosystem changes between periods.

Every measure in ``graph`` can be computed for a chosen period range by projecting the
snapshot with ``periods=`` (``graph.project.organisation_graph``). This module adds
what only makes sense across periods: the trend per period and the difference between
two period ranges (new and lost ties, density and silo change).

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

from collections import defaultdict
from dataclasses import dataclass, replace

import networkx as nx

from graph.density import density
from graph.mixing import sector_modularity
from graph.model import Ecosystem, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.project import Layers, organisation_graph

__all__ = ["PeriodDiff", "PeriodPoint", "diff", "periods_of", "trend"]


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """The ecosystem in one period: active organisations, ties, density, silo, volume."""

    period: str
    active_organisations: int
    ties: int
    density: float
    sector_modularity: float
    referrals: int


@dataclass(frozen=True, slots=True)
class PeriodDiff:
    """What changed from one period range to another."""

    before: str
    after: str
    new_ties: tuple[tuple[str, str], ...]
    lost_ties: tuple[tuple[str, str], ...]
    density_before: float
    density_after: float
    sector_modularity_before: float
    sector_modularity_after: float

    @property
    def density_change(self) -> float:
        """Density after minus before."""
        return self.density_after - self.density_before

    @property
    def silo_change(self) -> float:
        """Sector modularity after minus before: above 0, the sectors drift further apart."""
        return self.sector_modularity_after - self.sector_modularity_before


def periods_of(eco: Ecosystem) -> list[Period]:
    """The distinct periods of the referral flows, in time order.

    >>> periods_of(Ecosystem())
    []
    """
    return sorted({flow.period for flow in eco.flows})


def _label(periods: PeriodRange) -> str:
    start = periods.start.code if periods.start else "..."
    end = periods.end.code if periods.end else "..."
    return start if start == end else f"{start}..{end}"


def _ties(graph: nx.Graph[str]) -> set[tuple[str, str]]:
    return {(min(a, b), max(a, b)) for a, b in graph.edges}


def _sector_modularity(graph: nx.Graph[str]) -> float:
    return sector_modularity(graph) if graph.number_of_edges() else 0.0


def diff(eco: Ecosystem, before: PeriodRange, after: PeriodRange, *, layers: Layers = Layers()) -> PeriodDiff:
    """Compare the organisation graph of two period ranges.

    Parameters
    ----------
    eco : Ecosystem
        The snapshot, holding both period ranges.
    before, after : PeriodRange
        The ranges to compare.
    layers : Layers
        The layers to compare; agreements count in a range when they are active in it.

    Returns
    -------
    PeriodDiff
        New and lost ties (sorted pairs), density and sector modularity on both sides.
    """
    old = organisation_graph(eco, layers=layers, periods=before)
    new = organisation_graph(eco, layers=layers, periods=after)
    old_ties, new_ties = _ties(old), _ties(new)
    return PeriodDiff(
        before=_label(before),
        after=_label(after),
        new_ties=tuple(sorted(new_ties - old_ties)),
        lost_ties=tuple(sorted(old_ties - new_ties)),
        density_before=density(old),
        density_after=density(new),
        sector_modularity_before=_sector_modularity(old),
        sector_modularity_after=_sector_modularity(new),
    )


def trend(eco: Ecosystem, *, layers: Layers = Layers()) -> list[PeriodPoint]:
    """The ecosystem period by period (one point per referral period).

    Agreements and shared professionals count in every period they are active in;
    referrals only in their own period. The flows are split by period once, so the
    cost grows with the number of flows, not with flows times periods.
    """
    by_period: dict[Period, list[ReferralFlow]] = defaultdict(list)
    for flow in eco.flows:
        by_period[flow.period].append(flow)
    points = []
    for period in sorted(by_period):
        flows = by_period[period]
        one = PeriodRange(period, period)
        graph = organisation_graph(replace(eco, flows=tuple(flows)), layers=layers, periods=one)
        active = sum(1 for node in graph if graph.degree(node))
        points.append(
            PeriodPoint(
                period.code,
                active,
                graph.number_of_edges(),
                density(graph),
                _sector_modularity(graph),
                sum(f.count for f in flows),
            )
        )
    return points
