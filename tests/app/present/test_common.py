"""The analyst presenters' shared helpers: numbers, sector labels, columns, unique table names."""

from __future__ import annotations

import networkx as nx
import pytest

from app.present.common import T, columns, is_empty, listing, number, sector_label, signed
from app.present.kansen import chance_sections, spread_suggestions
from app.present.knelpunten import bottleneck_sections
from graph.analysis import analyse
from graph.model import Ecosystem
from tests.app.analysed import Analysed


@pytest.fixture(scope="module")
def analysed(demo: Ecosystem) -> Analysed:
    return Analysed.of(demo)


def test_numbers_follow_the_language() -> None:
    assert number(1070, "nl", 0) == "1.070"
    assert number(1070, "en", 0) == "1,070"
    assert number(0.09575, "nl", 3) == "0,096"
    assert signed(0.0001, "en", 4) == "+0.0001"
    assert signed(0.0, "nl", 2) == "±0,00"
    assert sector_label("jeugd", "nl") == "Jeugd"
    assert sector_label("jeugd", "en") == "Youth"


def test_listing_and_columns_follow_the_language() -> None:
    assert listing(["Jeugd", "Zorg"], "nl") == "Jeugd en Zorg"
    assert listing(["A"], "en") == "A"
    assert columns(["area", "areas", "action"], T, "nl") == [
        ("area", "Wijk"),
        ("areas", "Wijken"),
        ("action", "Wat te doen"),
    ]


def test_an_empty_analysis_is_empty(analysed: Analysed) -> None:
    assert is_empty(analyse(Ecosystem()))
    assert not is_empty(analysed.analysis)


def test_every_table_name_is_unique_and_prefixed(demo: Ecosystem, analysed: Analysed) -> None:
    graph: nx.Graph[str] = analysed.graph
    suggestions = spread_suggestions(graph, {a.code: a.name for a in demo.areas})
    sections = [
        *bottleneck_sections(analysed.analysis, graph, analysed.names, "nl"),
        *chance_sections(analysed.analysis, suggestions, analysed.names, "nl"),
    ]
    table_names = [s.name for s in sections] + ["overzicht-areas"]
    assert len(table_names) == len(set(table_names))
    assert all(n.split("-")[0] in {"overzicht", "knelpunten", "kansen"} for n in table_names)
    for section in sections:
        fields = [f for f, _ in section.columns]
        assert all(set(row) == set(fields) for row in section.rows), section.name
