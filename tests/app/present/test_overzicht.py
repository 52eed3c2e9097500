"""The Overzicht presenter on the real demo analysis: KPIs, sector grid, wijk rows, trends."""

from __future__ import annotations

from typing import Any

import pytest

from app.i18n import MEASURES, Language
from app.present.formatting import month
from app.present.overzicht import area_rows, kpis, sector_grid, trend_series
from graph.analysis import analyse
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange

LANGS: list[Language] = ["nl", "en"]


@pytest.fixture(scope="module")
def analysis(demo: Ecosystem) -> dict[str, Any]:
    return analyse(demo)


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
    months = f"{month(change['before'], lang)} → {month(change['after'], lang)}"  # "nov 2025 → dec 2025"
    assert all(k.change.startswith(months) for k in found.values())
    assert str(len(change["new_ties"])) in found["ties"].change
    assert all(k.meaning and k.action for k in found.values())


def test_kpis_without_a_previous_period_say_so(demo: Ecosystem) -> None:
    month = Period.parse("2025-06")
    found = kpis(analyse(demo, periods=PeriodRange(month, month)), "en")
    assert {k.change for k in found} == {"No previous period to compare with."}


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
