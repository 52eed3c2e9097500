"""``referral_load`` and ``sole_tie_professionals`` (graph.bottlenecks) held against their definitions.

The module walks the flows and the professionals once; these references look at every
organisation, pair and flow in turn, as the docstrings define the results.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.bottlenecks import Load, SoleTie, referral_load, sole_tie_professionals
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import organisation_flows, organisation_graph
from tests.strategies import ecosystems

_months = st.builds(Period.month, st.integers(2024, 2025), st.integers(1, 12))
_ranges = st.builds(PeriodRange, st.none() | _months, st.none() | _months)


def _reference_load(eco: Ecosystem, periods: PeriodRange) -> list[Load]:
    flows = [f for f in eco.flows if f.period in periods]
    months = len({m for f in flows for m in range(f.period.first, f.period.last + 1)})
    rows = list(organisation_flows(eco, periods))
    loads = []
    for org in eco.organisations:
        inflow = sum(f.count for f in flows if f.target_id == org.id)
        partners = len({source for source, target, _ in rows if target == org.id})
        per_month = inflow / months if months else 0.0
        load = per_month / org.capacity if org.capacity else None
        loads.append(
            Load(
                org.id,
                months,
                per_month,
                org.capacity,
                load,
                partners,
                per_month / partners if partners else 0.0,
            )
        )
    return sorted(loads, key=lambda x: (x.load is None, -(x.load or 0.0), x.organisation))


@settings(max_examples=150, deadline=None)
@given(ecosystems(), _ranges)
def test_referral_load_follows_its_definition(eco: Ecosystem, periods: PeriodRange) -> None:
    assert referral_load(eco, periods=periods) == _reference_load(eco, periods)


def test_the_demo_load_follows_its_definition(demo: Ecosystem) -> None:
    for periods in (PeriodRange(), PeriodRange(Period.parse("2025-04"), Period.parse("2025-09"))):
        loads = referral_load(demo, periods=periods)
        assert loads == _reference_load(demo, periods)
        assert loads[0].months == (12 if periods == PeriodRange() else 6)


def _reference_sole_ties(eco: Ecosystem, graph: nx.Graph[str]) -> list[SoleTie]:
    found = []
    for pro in eco.professionals:
        for a, b in combinations(sorted({job.organisation_id for job in pro.employments}), 2):
            tie = graph.get_edge_data(a, b)
            if tie and tie["agreements"] == 0 and tie["professionals"] == 1 and tie["referrals"] == 0:
                found.append(SoleTie(pro.id, (a, b)))
    return sorted(found, key=lambda tie: (tie.organisations, tie.professional))


@settings(max_examples=150, deadline=None)
@given(ecosystems(), _ranges)
def test_sole_ties_follow_their_definition(eco: Ecosystem, periods: PeriodRange) -> None:
    graph = organisation_graph(eco, periods=periods)
    expected = _reference_sole_ties(eco, graph)
    assert sole_tie_professionals(eco, periods=periods) == expected
    assert sole_tie_professionals(eco, periods=periods, graph=graph) == expected


def test_the_demo_sole_ties_follow_their_definition(demo: Ecosystem) -> None:
    found = sole_tie_professionals(demo)
    assert found
    assert found == _reference_sole_ties(demo, organisation_graph(demo))
