"""``period_graphs`` gives, period by period, exactly what ``organisation_graph`` gives for that period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from graph.layers import Layers
from graph.model import Agreement, Ecosystem
from graph.periods import PeriodRange
from graph.project import organisation_graph, period_graphs
from graph.taxonomy import AgreementKind
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
    return replace(eco, agreements=(*dated, extra))


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
