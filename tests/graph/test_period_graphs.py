"""``period_graphs`` gives, period by period, exactly what ``organisation_graph`` gives for that period;
``period_tie_arrays`` and the trend count the same ties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from graph.density import density
from graph.layers import Layers
from graph.model import Agreement, Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import organisation_graph, period_graphs, period_tie_arrays
from graph.survey import ReportedTie
from graph.taxonomy import AgreementKind
from graph.timeline import silo_figure, trend
from loaders.demo import DemoSpec, generate_demo


def _dated(eco: Ecosystem) -> Ecosystem:
    """The demo with some agreements that start or end within the year, so in force differs per month."""
    dated = [
        replace(a, start=date(2025, 4, 1))
        if i % 3 == 0
        else replace(a, end=date(2025, 6, 30))
        if i % 3 == 1
        else a
        for i, a in enumerate(eco.agreements)
    ]
    extra = Agreement(
        "ZZ-late",
        "Late",
        AgreementKind.COVENANT,
        start=date(2025, 11, 1),
        parties=tuple(o.id for o in eco.organisations[:4]),
    )
    ids = [o.id for o in eco.organisations]
    month = min(f.period for f in eco.flows)
    reported = (  # the gemeld layer: one side, both sides, and a round of a quarter (no month holds it)
        ReportedTie(ids[0], ids[5], "R1", month),
        ReportedTie(ids[1], ids[2], "R1", month),
        ReportedTie(ids[2], ids[1], "R1", month),
        ReportedTie(ids[3], ids[4], "R2", Period.parse("2025-Q3")),
    )
    return replace(eco, agreements=(*dated, extra), reported=reported)


def _same(a: nx.Graph[str], b: nx.Graph[str]) -> bool:
    return (
        list(a.nodes(data=True)) == list(b.nodes(data=True))
        and list(a.edges(data=True)) == list(b.edges(data=True))
        and all(list(a[v]) == list(b[v]) for v in a)
    )


@pytest.mark.parametrize(
    "layers", [Layers(), Layers.parse(["referrals"]), Layers.parse(["agreements", "professionals"])]
)
def test_each_period_graph_is_the_organisation_graph_of_that_period(layers: Layers) -> None:
    eco = _dated(generate_demo(DemoSpec()))
    found = list(period_graphs(eco, layers=layers))
    periods = sorted({f.period for f in eco.flows})
    assert [p for p, _ in found] == periods
    for period, graph in found:
        flows = tuple(f for f in eco.flows if f.period == period)
        expected = organisation_graph(
            replace(eco, flows=flows), layers=layers, periods=PeriodRange(period, period)
        )
        assert _same(graph, expected), period.code


def test_no_flows_no_periods() -> None:
    assert list(period_graphs(replace(generate_demo(DemoSpec()), flows=()))) == []


@pytest.mark.parametrize(
    "layers", [Layers(), Layers.parse(["referrals"]), Layers.parse(["agreements", "professionals"])]
)
def test_the_tie_arrays_of_each_period_are_its_graph(layers: Layers) -> None:
    """``period_tie_arrays`` (what the trend counts) holds the ties and weights of ``period_graphs``."""
    eco = _dated(generate_demo(DemoSpec()))
    ids = [o.id for o in eco.organisations]
    arrays = list(period_tie_arrays(eco, layers=layers))
    graphs = list(period_graphs(eco, layers=layers))
    assert [t.period for t in arrays] == [p for p, _ in graphs]
    for ties, (period, graph) in zip(arrays, graphs, strict=True):
        rows = zip(ties.lo.tolist(), ties.hi.tolist(), ties.weights.tolist(), strict=True)
        found = {(ids[a], ids[b]): w for a, b, w in rows}
        edges: list[tuple[str, str, int]] = list(graph.edges(data="weight"))
        expected = {tuple(sorted((a, b), key=ids.index)): float(weight) for a, b, weight in edges}
        assert found == expected, period.code
        assert all(a < b for a, b in zip(ties.lo.tolist(), ties.hi.tolist(), strict=True))


def test_the_trend_counts_what_each_period_graph_holds() -> None:
    """Every trend figure equals the same figure computed on the period's organisation graph."""
    eco = _dated(generate_demo(DemoSpec()))
    points = trend(eco)
    graphs = list(period_graphs(eco))
    assert [p.period for p in points] == [period.code for period, _ in graphs]
    for point, (period, graph) in zip(points, graphs, strict=True):
        assert point.active_organisations == sum(1 for v in graph if graph.degree(v)), period.code
        assert point.ties == graph.number_of_edges()
        assert point.density == density(graph)  # the same float, not just close
        assert point.sector_modularity == silo_figure(graph)
        assert point.referrals == sum(f.count for f in eco.flows if f.period == period)
