"""The analyst pages' presenters on the real demo analysis: KPIs, bottlenecks, chances, both languages."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pytest

from app.i18n import MEASURES, Language
from app.present import (
    Section,
    area_rows,
    bottleneck_sections,
    chance_sections,
    cut_off,
    is_empty,
    kpis,
    number,
    sector_grid,
    sector_label,
    signed,
    spread_suggestions,
    trend_series,
)
from graph.analysis import analyse
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import organisation_graph
from loaders.demo import PLANTED

LANGS: list[Language] = ["nl", "en"]


@pytest.fixture(scope="module")
def analysis(demo: Ecosystem) -> dict[str, Any]:
    return analyse(demo)


@pytest.fixture(scope="module")
def graph(demo: Ecosystem) -> nx.Graph[str]:
    return organisation_graph(demo)


@pytest.fixture(scope="module")
def names(demo: Ecosystem) -> dict[str, str]:
    return {o.id: o.name for o in demo.organisations}


@pytest.fixture(scope="module")
def person_names(demo: Ecosystem) -> set[str]:
    return {p.name for p in demo.professionals}


def by_name(sections: list[Section]) -> dict[str, Section]:
    return {s.name: s for s in sections}


def cells(section: Section) -> str:
    return " | ".join(str(v) for row in section.rows for v in row.values())


def test_numbers_follow_the_language() -> None:
    assert number(1070, "nl", 0) == "1.070"
    assert number(1070, "en", 0) == "1,070"
    assert number(0.09575, "nl", 3) == "0,096"
    assert signed(0.0001, "en", 4) == "+0.0001"
    assert signed(0.0, "nl", 2) == "±0,00"
    assert sector_label("jeugd", "nl") == "Jeugd"
    assert sector_label("jeugd", "en") == "Youth"


@pytest.mark.parametrize("lang", LANGS)
def test_kpis_of_the_demo_with_change_and_what_to_do(analysis: dict[str, Any], lang: Language) -> None:
    found = {k.key: k for k in kpis(analysis, lang)}
    assert list(found) == ["organisations", "ties", "density", "silo_index"]
    assert found["organisations"].value == "150"
    assert found["ties"].value == ("1.070" if lang == "nl" else "1,070")
    assert found["density"].value == ("0,096" if lang == "nl" else "0.096")
    assert found["density"].name == MEASURES["density"].name(lang)
    assert found["silo_index"].action == MEASURES["silo_index"].action(lang)
    change = analysis["change"]
    assert all(k.change.startswith(f"{change['before']} → {change['after']}") for k in found.values())
    assert str(len(change["new_ties"])) in found["ties"].change
    assert all(k.meaning and k.action for k in found.values())


def test_kpis_without_a_previous_period_say_so(demo: Ecosystem) -> None:
    month = Period.parse("2025-06")
    found = kpis(analyse(demo, periods=PeriodRange(month, month)), "en")
    assert {k.change for k in found} == {"No previous period to compare with."}


def test_an_empty_analysis_is_empty(analysis: dict[str, Any]) -> None:
    assert is_empty(analyse(Ecosystem()))
    assert not is_empty(analysis)


def test_sector_grid_is_symmetric_with_labels_in_the_language(analysis: dict[str, Any]) -> None:
    grid = sector_grid(analysis, "en")
    assert "Youth" in grid.labels
    assert "Work and income" in grid.labels
    size = len(grid.labels)
    assert all(grid.ties[i][j] == grid.ties[j][i] for i in range(size) for j in range(size))
    assert "Jeugd" in sector_grid(analysis, "nl").labels


def test_area_rows_name_the_wijken_and_follow_the_filter(analysis: dict[str, Any]) -> None:
    rows = area_rows(analysis)
    assert {r["area"] for r in rows} == {
        "Centrum",
        "Noord",
        "Oost",
        "Zuid",
        "West",
        "De Hoven",
        "Havenkwartier",
    }
    assert [r["density"] for r in rows] == sorted((r["density"] for r in rows), reverse=True)
    assert [r["area"] for r in area_rows(analysis, ["WK990107"])] == ["Havenkwartier"]


@pytest.mark.parametrize("lang", LANGS)
def test_trend_series_per_period(analysis: dict[str, Any], lang: Language) -> None:
    periods, series = trend_series(analysis, lang)
    assert periods[0] == "2025-01"
    assert len(periods) == 12
    assert MEASURES["density"].name(lang) in series
    assert all(len(values) == 12 for values in series.values())
    assert all(v > 0 for values in series.values() for v in values)


def test_cut_off_finds_the_planted_cluster(graph: nx.Graph[str]) -> None:
    cluster = PLANTED["isolated_cluster"]
    assert cut_off(graph, node=PLANTED["articulation_point"]) == cluster
    a, b = PLANTED["bridge"]
    assert cut_off(graph, edge=(a, b)) == sorted([*cluster, PLANTED["articulation_point"]])
    assert cut_off(graph, node=PLANTED["broker"]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_bottlenecks_rank_the_planted_structures(
    analysis: dict[str, Any],
    graph: nx.Graph[str],
    names: dict[str, str],
    person_names: set[str],
    lang: Language,
) -> None:
    sections = by_name(bottleneck_sections(analysis, graph, names, lang))
    broker = names[PLANTED["broker"]]
    connectors = sections["knelpunten-connectors"]
    assert connectors.title == MEASURES["betweenness"].name(lang)
    assert connectors.rows[0]["organisation"] == broker
    assert "28" in str(connectors.rows[0]["why"])
    assert sections["knelpunten-busy"].rows[0]["organisation"] == broker
    assert [r["organisation"] for r in sections["knelpunten-load"].rows] == [broker]
    assert sections["knelpunten-load"].rows[0]["capacity"] == 95
    articulation = {r["organisation"]: r for r in sections["knelpunten-articulation"].rows}
    voedselbank = articulation[names[PLANTED["articulation_point"]]]
    assert voedselbank["cut"] == 5
    assert all(names[o] in str(voedselbank["why"]) for o in PLANTED["isolated_cluster"])
    assert voedselbank["action"] == MEASURES["articulation_point"].action(lang)
    assert sections["knelpunten-bridges"].title == MEASURES["bridge"].name(lang)
    assert sections["knelpunten-bridges"].rows[0]["cut"] == 6
    professional, a, b = PLANTED["sole_tie_professional"]
    sole = sections["knelpunten-sole-ties"].rows
    assert [(r["professional"], r["organisation-a"], r["organisation-b"]) for r in sole] == [
        (professional, names[a], names[b])
    ]
    every_cell = " ".join(cells(s) for s in sections.values())
    assert "ORG0" not in every_cell  # organisation names, not ids
    assert not any(person in every_cell for person in person_names)  # professionals by pseudonymous id only
    assert all(row["why"] and row["action"] for s in sections.values() for row in s.rows)


def test_bottleneck_texts_differ_per_language(
    analysis: dict[str, Any], graph: nx.Graph[str], names: dict[str, str]
) -> None:
    nl, en = (by_name(bottleneck_sections(analysis, graph, names, lang)) for lang in LANGS)
    assert nl["knelpunten-articulation"].title == "Knelpunt"
    assert en["knelpunten-articulation"].title == "Bottleneck"
    assert nl["knelpunten-load"].rows[0]["why"] != en["knelpunten-load"].rows[0]["why"]
    assert [h for _, h in nl["knelpunten-load"].columns] != [h for _, h in en["knelpunten-load"].columns]


@pytest.fixture(scope="module")
def suggestions(demo: Ecosystem, graph: nx.Graph[str]) -> list[dict[str, Any]]:
    return spread_suggestions(graph, {a.code: a.name for a in demo.areas})


def test_spread_suggestions_hold_the_planted_missing_link(suggestions: list[dict[str, Any]]) -> None:
    a, b = PLANTED["missing_links"][0]
    pairs = [(s["source"], s["target"]) for s in suggestions]
    assert (min(a, b), max(a, b)) in pairs
    covered = Counter(o for pair in pairs for o in pair)
    assert len(covered) >= 140  # each organisation's best chance, not a list filled by a few hubs


@pytest.mark.parametrize("lang", LANGS)
def test_chances_of_the_demo(
    analysis: dict[str, Any],
    suggestions: list[dict[str, Any]],
    names: dict[str, str],
    person_names: set[str],
    lang: Language,
) -> None:
    sections = by_name(chance_sections(analysis, suggestions, names, lang))
    linie, schuldhulp = (names[o] for o in PLANTED["missing_links"][0])
    link = next(
        r
        for r in sections["kansen-links"].rows
        if {r["organisation-a"], r["organisation-b"]} == {linie, schuldhulp}
    )
    assert ("gedeelde partners" if lang == "nl" else "shared partners") in str(link["reasons"])
    absent = sections["kansen-absent-sectors"].rows
    assert [(r["area"], r["sector"]) for r in absent] == [
        ("Havenkwartier", "Jeugd" if lang == "nl" else "Youth")
    ]
    specialist = next(
        r for r in sections["kansen-shared-specialists"].rows if r["role"] == PLANTED["duplicated_role"]
    )
    assert specialist["areas"] == "Oost"
    assert specialist["professionals"] == 6
    paper = sections["kansen-paper-agreements"].rows
    assert [r["agreement"] for r in paper] == ["Convenant Laaggeletterdheid Ketendam"]
    assert paper[0]["kind"] == ("Convenant" if lang == "nl" else "Covenant")
    source, target = (names[o] for o in PLANTED["flow_without_agreement"])
    assert any(
        {r["organisation-a"], r["organisation-b"]} == {source, target}
        for r in sections["kansen-unagreed-flows"].rows
    )
    ping = sections["kansen-ping-pong"].rows[0]
    assert {ping["organisation-a"], ping["organisation-b"]} == {names[o] for o in PLANTED["ping_pong"]}
    ambassador = sections["kansen-ambassadors"].rows[0]
    assert ambassador["professional"] == PLANTED["ambassador"]
    assert ambassador["own-share"] == 82.4
    every_cell = " ".join(cells(s) for s in sections.values())
    assert not any(person in every_cell for person in person_names)
    assert all(s.action and s.meaning for s in sections.values())


def test_every_table_name_is_unique_and_prefixed(
    analysis: dict[str, Any], graph: nx.Graph[str], suggestions: list[dict[str, Any]], names: dict[str, str]
) -> None:
    sections = [
        *bottleneck_sections(analysis, graph, names, "nl"),
        *chance_sections(analysis, suggestions, names, "nl"),
    ]
    table_names = [s.name for s in sections] + ["overzicht-areas"]
    assert len(table_names) == len(set(table_names))
    assert all(n.split("-")[0] in {"overzicht", "knelpunten", "kansen"} for n in table_names)
    for section in sections:
        fields = [f for f, _ in section.columns]
        assert all(set(row) == set(fields) for row in section.rows), section.name
