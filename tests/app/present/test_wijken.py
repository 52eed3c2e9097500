"""The Wijken presenter: ties per organisation beside density, the cross-sector share, and the advice."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.present.wijken import T, coverage_section
from graph.needs import WijkNeed
from graph.taxonomy import Sector

BASE = WijkNeed(
    "WK1", "Noord", "GM1", 2000.0, (), ((Sector.JEUGD, 2),), 2, 10.0, 0.5, 0.5, None, 0.0, 0.1, -0.1, 1, ()
)


def _wijk(
    code: str, name: str, organisations: int, density: float | None, per_organisation: float | None
) -> WijkNeed:
    return replace(
        BASE,
        code=code,
        name=name,
        organisations=organisations,
        density=density,
        ties_per_organisation=per_organisation,
    )


def test_a_small_dense_wijk_is_thin_and_a_large_sparse_one_is_not() -> None:
    """Klein: 4 organisations, all tied (density 1, 3 partners each); Groot: 40 at density 0.2 (7.8 each)."""
    needs = [
        _wijk("WK1", "Klein", 4, 1.0, 3.0),
        _wijk("WK2", "Groot", 40, 0.2, 7.8),
        _wijk("WK3", "Midden", 30, 0.25, 7.25),
        _wijk("WK4", "Leeg", 1, None, None),
    ]
    section = coverage_section(needs, "nl")
    rows = {r["wijk"]: r for r in section.rows}
    assert rows["Klein"]["ties-per-organisation"] == 3.0
    assert rows["Groot"]["ties-per-organisation"] == pytest.approx(7.8)
    assert [name for name, r in rows.items() if r["thin"] == "ja"] == ["Klein"]
    assert rows["Leeg"]["thin"] == rows["Leeg"]["ties-per-organisation"] == ""
    assert section.action.startswith("Dun (minder dan half zoveel samenwerkingen per organisatie")
    assert "Klein" in section.action


def test_equal_ties_per_organisation_name_no_thin_wijk() -> None:
    needs = [_wijk("WK1", "A", 4, 1.0, 3.0), _wijk("WK2", "B", 7, 0.5, 3.0)]  # 3 partners each in both
    section = coverage_section(needs, "en")
    assert {r["thin"] for r in section.rows} == {"no"}
    assert not section.action.startswith("Thin")


def test_the_cross_sector_share_is_a_percentage_column_blank_without_ties() -> None:
    needs = [
        replace(_wijk("WK1", "A", 3, 1.0, 2.0), cross_sector_share=2 / 3),
        replace(_wijk("WK2", "B", 2, 0.0, 0.0), cross_sector_share=None),
    ]
    section = coverage_section(needs, "nl")
    assert ("cross-sector", "Tussen sectoren (%)") in section.columns
    keys = [key for key, _ in section.columns]
    assert keys.index("ties-per-organisation") < keys.index("cross-sector") < keys.index("thin")
    assert [r["cross-sector"] for r in section.rows] == [66.7, ""]
    assert coverage_section(needs, "en").columns[keys.index("cross-sector")][1] == "Across sectors (%)"


def test_the_meaning_says_which_organisations_count_and_how_overzicht_differs() -> None:
    for lang, whole, other in (
        ("nl", "hele gemeente", "Overzicht telt"),
        ("en", "whole municipality", "Overzicht counts"),
    ):
        meaning = T("coverage-table-meaning", lang)
        assert whole in meaning
        assert other in meaning
