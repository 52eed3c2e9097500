"""docs/analytics.md names every key of `change`, `trend` and the density per wijk that analyse prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.analysis import analyse
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange

ANALYTICS = (Path(__file__).parents[1] / "docs" / "analytics.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def quarter(demo: Ecosystem) -> dict[str, Any]:
    q4 = Period.parse("2025-Q4")
    return analyse(demo, periods=PeriodRange(q4, q4), top=5)


def test_every_key_of_change_trend_and_density_per_wijk_is_documented(quarter: dict[str, Any]) -> None:
    change = quarter["change"]
    keys = [
        *change,
        *change["tie_changes"][0],
        *quarter["trend"][0],
        *next(iter(quarter["density_by_area"].values())),
    ]
    assert [key for key in keys if f"`{key}`" not in ANALYTICS] == []
