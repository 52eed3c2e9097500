"""The Overzicht page: KPIs, heatmap, density per wijk and trends, through its real callback."""

from __future__ import annotations

import re
from typing import Any

import pytest
from dash import Dash

from app.access import ANALYST
from app.i18n import LABELS, MEASURES
from app.present.overzicht import T as OVERVIEW
from app.settings import Settings
from app.web import ids
from app.web.factory import create_app
from app.web.pages import overzicht
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components

ALL: dict[str, Any] = {"areas": [], "layers": ["agreements", "professionals", "referrals"]}


def by_id(tree: Any, wanted: str) -> Any:
    return next(c for c in components(tree) if getattr(c, "id", None) == wanted)


def texts(tree: Any) -> list[str]:
    found = [c.children for c in components(tree) if isinstance(getattr(c, "children", None), str)]
    for component in components(tree):
        children = getattr(component, "children", None)
        if isinstance(children, list):
            found += [child for child in children if isinstance(child, str)]
    return found


def kpi_values(tree: Any) -> dict[str, str]:
    cards = [
        c for c in components(by_id(tree, ids.Overzicht.KPIS)) if "kpi " in str(getattr(c, "className", ""))
    ]
    return {card.children[0].children: card.children[1].children for card in cards}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_has_the_body_the_callback_fills(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree: Any = overzicht.layout(lang, ANALYST)
    assert tree.id == ids.Overzicht.PAGE
    assert by_id(tree, ids.Overzicht.BODY) is not None
    assert overzicht.T("title", lang) in texts(tree)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_shows_kpis_heatmap_areas_and_trend(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree = overzicht.overview(ALL, lang)
    values = kpi_values(tree)
    assert values[LABELS("organisations", lang)] == "150"
    assert re.fullmatch(r"0,\d{3}" if lang == "nl" else r"0\.\d{3}", values[MEASURES["density"].name(lang)])
    heatmap = by_id(tree, ids.Overzicht.HEATMAP)
    assert type(heatmap).__name__ == "Graph"
    assert ("Jeugd" if lang == "nl" else "Youth") in list(heatmap.figure.data[0].x)
    areas = by_id(tree, ids.Overzicht.AREAS)
    assert "Havenkwartier" in list(areas.figure.data[0].x)
    assert len(by_id(tree, ids.Overzicht.TREND).figure.data) == 4
    assert MEASURES["silo_index"].action(lang) in texts(tree)


def test_a_filter_on_one_wijk_changes_the_kpis(demo_app: Dash) -> None:
    with request_as(demo_app):
        everything = kpi_values(overzicht.overview(ALL, "nl"))
        haven = overzicht.overview(ALL | {"areas": ["WK990107"]}, "nl")
    values = kpi_values(haven)
    assert 0 < int(values["Organisaties"]) < int(everything["Organisaties"])
    assert values["Dichtheid"] != everything["Dichtheid"]
    assert list(by_id(haven, ids.Overzicht.AREAS).figure.data[0].x) == ["Havenkwartier"]


def test_an_empty_store_shows_a_friendly_notice() -> None:
    store = SqliteStore()
    try:
        with request_as(create_app(Settings(), store)):
            tree = overzicht.overview(None, "en")
    finally:
        store.close()
    assert texts(tree) == [LABELS("empty", "en")]


def test_a_partner_may_not_call_the_overview(demo_store: SqliteStore) -> None:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    app = create_app(Settings(), demo_store, users=users)
    with request_as(app, "piet"), pytest.raises(PermissionError):
        overzicht.overview(ALL, "nl")
    with request_as(app, "ana"):
        assert kpi_values(overzicht.overview(ALL, "nl"))["Organisaties"] == "150"


def grid(tree: Any, name: str) -> Any:
    return next(c for c in components(tree) if getattr(c, "id", None) == {"type": "table", "name": name})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_quarter_shows_the_ties_that_came_and_went_since_the_quarter_before(
    demo_app: Dash, lang: Any
) -> None:
    quarter = ALL | {"start": "2025-Q4", "end": "2025-Q4"}
    with request_as(demo_app):
        tree = overzicht.overview(quarter, lang)
    headings = [c.children for c in components(tree) if type(c).__name__ == "H2"]
    assert any(("K3 2025 → K4 2025" if lang == "nl" else "Q3 2025 → Q4 2025") in str(h) for h in headings)
    rows = grid(tree, "overzicht-tie-changes").rowData
    assert rows
    assert {r["change-kind"] for r in rows} <= {OVERVIEW("new", lang), OVERVIEW("lost", lang)}
    assert all(r["organisation-a"] and r["sector-a"] and r["organisation-b"] for r in rows)
    areas = grid(tree, "overzicht-areas").rowData
    assert [r["ties_per_organisation"] for r in areas] == sorted(r["ties_per_organisation"] for r in areas)
    advice = [c for c in components(tree) if "overzicht-area-advice" in str(getattr(c, "className", ""))]
    assert len(advice) == 1
    trend = by_id(tree, ids.Overzicht.TREND).figure
    y_axes = [axis for name, axis in trend.layout.to_plotly_json().items() if name.startswith("yaxis")]
    assert len(y_axes) == 4
    assert {axis["rangemode"] for axis in y_axes} == {"tozero"}
