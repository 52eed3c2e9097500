"""Time: trends per period and the difference between two period ranges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import networkx as nx

from graph.arrays import shared_views
from graph.bottlenecks import articulation_points
from graph.density import density
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import Layers, organisation_graph
from graph.timeline import diff, periods_of, previous_range, silo_figure, trend


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


def test_a_closed_range_is_compared_with_the_range_of_equal_length_before_it() -> None:
    months = [Period.parse(f"2025-{m:02d}") for m in range(1, 13)]
    q3 = PeriodRange(Period.parse("2025-Q3"), Period.parse("2025-Q3"))
    two = PeriodRange(Period.parse("2025-05"), Period.parse("2025-06"))
    ranges = {r: previous_range(r, months) for r in (q3, two)}
    assert [x.code for x in ranges[q3] or ()] == ["2025-Q2", "2025-Q3"]
    assert [x.code for x in ranges[two] or ()] == ["2025-03..2025-04", "2025-05..2025-06"]
    assert previous_range(PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1")), months) is None
    assert previous_range(PeriodRange(Period.parse("2026-01"), None), months) is None  # no data in range
    open_end = previous_range(PeriodRange(Period.parse("2025-03"), None), months)
    assert [x.code for x in open_end or ()] == ["2025-11", "2025-12"]
    quarters = [Period.parse(f"2025-Q{q}") for q in range(1, 5)]
    assert [x.code for x in previous_range(PeriodRange(), quarters) or ()] == ["2025-Q3", "2025-Q4"]


def test_the_change_lists_ties_organisations_and_cut_points_as_the_graphs_differ(demo: Ecosystem) -> None:
    q1 = PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1"))
    q2 = PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2"))
    layers = Layers.parse(["referrals"])
    change = diff(demo, q1, q2, layers=layers)
    old = organisation_graph(demo, layers=layers, periods=q1)
    new = organisation_graph(demo, layers=layers, periods=q2)
    assert {(t.a, t.b) for t in change.tie_changes if t.change == "new"} == set(change.new_ties)
    assert {(t.a, t.b) for t in change.tie_changes if t.change == "lost"} == set(change.lost_ties)
    assert change.new_ties
    assert change.lost_ties
    for tie in change.tie_changes:
        graph = new if tie.change == "new" else old
        assert (tie.a_sector, tie.b_sector) == (graph.nodes[tie.a]["sector"], graph.nodes[tie.b]["sector"])
        assert set(tie.wijken) == set(graph.nodes[tie.a]["wijken"]) & set(graph.nodes[tie.b]["wijken"])
        assert tie.weight == graph.edges[tie.a, tie.b]["weight"]
    active_old = {n for n in old if old.degree(n)}
    active_new = {n for n in new if new.degree(n)}
    assert {o.id for o in change.joined} == active_new - active_old
    assert {o.id for o in change.left} == active_old - active_new
    assert (change.organisations_before, change.organisations_after) == (len(active_old), len(active_new))
    cuts_old, cuts_new = set(nx.articulation_points(old)), set(nx.articulation_points(new))
    assert {o.id for o in change.cut_points_gained} == cuts_new - cuts_old
    assert {o.id for o in change.cut_points_lost} == cuts_old - cuts_new


def _dated(eco: Ecosystem) -> Ecosystem:
    """The demo with a third of its agreements starting in April and a third ending in June."""
    agreements = tuple(
        replace(a, start=date(2025, 4, 1))
        if i % 3 == 0
        else replace(a, end=date(2025, 6, 30))
        if i % 3 == 1
        else a
        for i, a in enumerate(eco.agreements)
    )
    return replace(eco, agreements=agreements)


def test_the_change_holds_the_figures_of_both_graphs_to_the_last_bit(demo: Ecosystem) -> None:
    """With every layer, counted on the tie arrays: the density, silo figure and cut points of each
    range's organisation graph, the weights of its ties, exactly."""
    eco = _dated(demo)
    q1 = PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1"))
    q3 = PeriodRange(Period.parse("2025-Q3"), Period.parse("2025-Q3"))
    change = diff(eco, q1, q3)
    old, new = organisation_graph(eco, periods=q1), organisation_graph(eco, periods=q3)
    assert (change.density_before, change.density_after) == (density(old), density(new))
    assert change.sector_modularity_before == silo_figure(old)
    assert change.sector_modularity_after == silo_figure(new)
    assert change.sector_modularity_before != change.sector_modularity_after
    cuts_old, cuts_new = set(articulation_points(old)), set(articulation_points(new))
    assert {o.id for o in change.cut_points_gained} == cuts_new - cuts_old
    assert {o.id for o in change.cut_points_lost} == cuts_old - cuts_new
    lost_agreements = [
        t for t in change.tie_changes if t.change == "lost" and old.edges[t.a, t.b]["agreements"]
    ]
    assert lost_agreements  # agreements that ended in June
    for tie in change.tie_changes:
        graph = new if tie.change == "new" else old
        assert tie.weight == graph.edges[tie.a, tie.b]["weight"]
        assert (tie.a_name, tie.b_name) == (graph.nodes[tie.a]["name"], graph.nodes[tie.b]["name"])


def test_a_graph_the_caller_built_gives_the_same_change(demo: Ecosystem) -> None:
    """``built``: the graph of one of the ranges lends its cut points; one of another range is not used."""
    months, layers = periods_of(demo), Layers.parse(["referrals"])
    before, after = PeriodRange(months[4], months[4]), PeriodRange(months[5], months[5])
    expected = diff(demo, before, after, layers=layers)
    assert expected.cut_points_gained
    for periods in (before, after, after.shifted(0)):
        graph = organisation_graph(demo, layers=layers, periods=periods)
        with shared_views():
            assert diff(demo, before, after, layers=layers, built=(periods, graph)) == expected
    whole = organisation_graph(demo, layers=layers)
    assert set(articulation_points(whole)) != set(
        articulation_points(organisation_graph(demo, layers=layers, periods=after))
    )
    assert diff(demo, before, after, layers=layers, built=(PeriodRange(), whole)) == expected
