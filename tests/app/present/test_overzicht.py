"""The Overzicht presenter on the real demo analysis: KPIs, sector grid, wijk rows, trends."""

from __future__ import annotations

from typing import Any

import pytest

from app.i18n import MEASURES, Language
from app.present.common import number, sector_label
from app.present.overzicht import (
    T,
    area_advice,
    area_rows,
    change_sections,
    kpis,
    period_label,
    sector_grid,
    thin_areas,
    trend_series,
)
from graph.analysis import analyse
from graph.model import Ecosystem, Organisation, ReferralFlow
from graph.periods import Period, PeriodRange
from graph.taxonomy import ActorKind, Sector

LANGS: list[Language] = ["nl", "en"]


@pytest.fixture(scope="module")
def analysis(demo: Ecosystem) -> dict[str, Any]:
    return analyse(demo)


@pytest.mark.parametrize("lang", LANGS)
def test_kpis_of_the_demo_with_change_and_what_to_do(analysis: dict[str, Any], lang: Language) -> None:
    found = {k.key: k for k in kpis(analysis, lang)}
    assert list(found) == ["organisations", "ties", "density", "silo_index"]
    assert found["organisations"].value == "150"
    ties = f"{analysis['scope']['ties']:,}"  # grouped: a dot in Dutch, a comma in English
    assert found["ties"].value == (ties.replace(",", ".") if lang == "nl" else ties)
    assert found["density"].value == number(analysis["density"], lang, 3)
    assert found["density"].name == MEASURES["density"].name(lang)
    assert found["silo_index"].action == MEASURES["silo_index"].action(lang)
    change = analysis["change"]
    months = f"{period_label(change['before'], lang)} → {period_label(change['after'], lang)}"
    assert all(k.change.startswith(months) for k in found.values())
    assert str(len(change["new_ties"])) in found["ties"].change
    assert all(k.meaning and k.action for k in found.values())


def test_kpis_without_a_previous_period_say_so(demo: Ecosystem) -> None:
    month = Period.parse("2025-01")  # the demo's first month: nothing before it
    found = kpis(analyse(demo, periods=PeriodRange(month, month)), "en")
    assert {k.change for k in found} == {"No previous period to compare with."}


@pytest.mark.parametrize("lang", LANGS)
def test_a_quarter_is_compared_with_the_quarter_before_in_words(demo: Ecosystem, lang: Language) -> None:
    q4 = Period.parse("2025-Q4")
    analysis = analyse(demo, periods=PeriodRange(q4, q4))
    found = {k.key: k for k in kpis(analysis, lang)}
    quarters = "K3 2025 → K4 2025" if lang == "nl" else "Q3 2025 → Q4 2025"
    assert all(k.change.startswith(quarters) for k in found.values())
    change = analysis["change"]
    ties, organisations = change_sections(analysis, lang)
    assert quarters in ties.title
    assert len(ties.rows) == len(change["new_ties"]) + len(change["lost_ties"])
    assert [r["change-kind"] for r in ties.rows].count(T("new", lang)) == len(change["new_ties"])
    names = {n["id"]: n["name"] for n in analysis["nodes"]}
    for row, tie in zip(ties.rows, change["tie_changes"], strict=True):
        assert (row["organisation-a"], row["organisation-b"]) == (names[tie["a"]], names[tie["b"]])
        assert row["sector-a"] == sector_label(tie["a_sector"], lang)
    listed = (
        len(change["joined"])
        + len(change["left"])
        + len(change["cut_points_gained"])
        + len(change["cut_points_lost"])
    )
    assert len(organisations.rows) == listed


def test_one_sector_makes_the_silo_index_not_defined_in_words() -> None:
    orgs = tuple(Organisation(i, i, Sector.ZORG) for i in "ABC")
    flows = tuple(
        ReferralFlow(ActorKind.ORGANISATION, s, t, Period.parse(m), "", 2)
        for m in ("2025-01", "2025-02")
        for s, t in (("A", "B"), ("B", "C"))
    )
    analysis = analyse(Ecosystem(organisations=orgs, flows=flows))
    silo = {k.key: k for k in kpis(analysis, "en")}["silo_index"]
    assert (silo.value, silo.change) == ("not defined", "not defined")
    assert "only one sector" in silo.meaning
    _, series = trend_series(analysis, "en")
    assert series[T("modularity", "en")] == [None, None]  # a gap in the chart, not a zero


def test_the_thin_advice_follows_ties_per_organisation_not_density() -> None:
    """A small wijk is dense by itself; what counts is how many local partners an organisation has."""
    cells = {
        "WK1": {
            "organisations": 4,
            "ties": 6,
            "density": 1.0,
            "ties_per_organisation": 3.0,
            "cross_sector_share": 0.5,
        },
        "WK2": {
            "organisations": 40,
            "ties": 160,
            "density": 0.205,
            "ties_per_organisation": 8.0,
            "cross_sector_share": 0.2,
        },
        "WK3": {
            "organisations": 30,
            "ties": 120,
            "density": 0.276,
            "ties_per_organisation": 8.0,
            "cross_sector_share": 0.4,
        },
    }
    analysis = {"density_by_area": cells, "areas": {"WK1": "Klein", "WK2": "Groot", "WK3": "Midden"}}
    assert thin_areas(cells) == ["WK1"]
    rows = area_rows(analysis, (), "en")
    assert [r["area"] for r in rows] == ["Klein", "Groot", "Midden"]
    assert [r["thin"] for r in rows] == ["yes", "no", "no"]
    assert rows[0]["cross_sector"] == 50.0
    assert area_advice(analysis, (), "en").startswith("Thin: Klein.")
    equal = {code: cell | {"ties_per_organisation": 5.0} for code, cell in cells.items()}
    assert thin_areas(equal) == []
    assert area_advice({"density_by_area": equal}, (), "nl").startswith("Geen wijk valt op")


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
    assert [r["ties_per_organisation"] for r in rows] == sorted(r["ties_per_organisation"] for r in rows)
    assert [r["area"] for r in area_rows(analysis, ["WK990107"])] == ["Havenkwartier"]


@pytest.mark.parametrize("lang", LANGS)
def test_trend_series_per_period(analysis: dict[str, Any], lang: Language) -> None:
    periods, series = trend_series(analysis, lang)
    assert periods[0] == "2025-01"
    assert len(periods) == 12
    assert MEASURES["density"].name(lang) in series
    assert all(len(values) == 12 for values in series.values())
    assert all(v is not None and v > 0 for values in series.values() for v in values)
