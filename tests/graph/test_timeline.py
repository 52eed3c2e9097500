"""Time: trends per period and the difference between two period ranges."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx

from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import Layers, organisation_graph
from graph.timeline import diff, periods_of, trend


def test_periods_are_the_distinct_flow_periods_in_time_order(demo: Ecosystem) -> None:
    periods = periods_of(demo)
    assert len(periods) == 12
    assert periods == sorted(periods)


def test_a_range_compared_with_itself_has_no_change(demo: Ecosystem) -> None:
    months = periods_of(demo)
    same = PeriodRange(months[0], months[2])
    change = diff(demo, same, same)
    assert change.new_ties == ()
    assert change.lost_ties == ()
    assert change.density_change == 0
    assert change.silo_change == 0


def test_new_and_lost_ties_are_exactly_the_edge_set_differences(demo: Ecosystem) -> None:
    months = periods_of(demo)
    first, last = PeriodRange(months[0], months[0]), PeriodRange(months[-1], months[-1])
    layers = Layers.parse(["referrals"])
    change = diff(demo, first, last, layers=layers)
    old = {tuple(sorted(e)) for e in organisation_graph(demo, layers=layers, periods=first).edges}
    new = {tuple(sorted(e)) for e in organisation_graph(demo, layers=layers, periods=last).edges}
    assert set(change.new_ties) == new - old
    assert set(change.lost_ties) == old - new
    assert change.new_ties  # month-to-month referral ties do change in the demo
    assert change.density_after == nx.density(organisation_graph(demo, layers=layers, periods=last))


def test_dropping_every_flow_of_a_period_loses_those_ties(demo: Ecosystem) -> None:
    months = periods_of(demo)
    kept = tuple(f for f in demo.flows if f.period != months[-1])
    change = diff(
        replace(demo, flows=kept),
        PeriodRange(months[0], months[0]),
        PeriodRange(months[-1], months[-1]),
        layers=Layers.parse(["referrals"]),
    )
    assert change.new_ties == ()
    assert change.density_after == 0


def test_trend_has_one_point_per_period_with_that_period_volume(demo: Ecosystem) -> None:
    points = trend(demo, layers=Layers.parse(["referrals"]))
    assert [p.period for p in points] == [p.code for p in periods_of(demo)]
    assert sum(p.referrals for p in points) == sum(f.count for f in demo.flows)
    assert all(0 < p.density < 1 for p in points)
    assert all(p.active_organisations <= len(demo.organisations) for p in points)


def test_agreements_count_only_in_periods_they_are_active(demo: Ecosystem) -> None:
    agreement = next(a for a in demo.agreements if a.start is not None and len(a.parties) >= 2)
    assert agreement.start is not None
    ended = replace(agreement, end=agreement.start)
    eco = replace(demo, agreements=(ended,), professionals=(), flows=())
    month = Period.month(agreement.start.year, agreement.start.month)
    later = Period.parse("2030-01")
    assert organisation_graph(eco, periods=PeriodRange(month, month)).number_of_edges() > 0
    assert organisation_graph(eco, periods=PeriodRange(later, later)).number_of_edges() == 0
    assert organisation_graph(eco).number_of_edges() > 0  # no range: every agreement counts
