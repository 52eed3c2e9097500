"""The Knelpunten page: ranked bottleneck tables with why and what to do, through its real callback."""

from __future__ import annotations

from typing import Any

import pytest
from dash import Dash

from app.access import ANALYST
from app.i18n import LABELS, MEASURES
from app.settings import Settings
from app.web import ids, sections
from app.web.factory import create_app
from app.web.pages import knelpunten
from app.web.tables import TABLE
from graph.model import Ecosystem
from loaders.demo import PLANTED
from queries.sqlite import SqliteStore
from tests.app.analysed import agreement_islands
from tests.app.conftest import request_as, users_with
from tests.app.trees import components

ALL: dict[str, Any] = {"areas": []}


def grids(tree: Any) -> dict[str, Any]:
    return {
        str(getattr(c, "id", {}).get("name")): c
        for c in components(tree)
        if isinstance(getattr(c, "id", None), dict) and getattr(c, "id", {}).get("type") == TABLE
    }


def headings(tree: Any) -> list[str]:
    return [c.children for c in components(tree) if type(c).__name__ == "H2"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_renders(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree: Any = knelpunten.layout(lang, ANALYST)
    assert tree.id == ids.Knelpunten.PAGE
    assert any(getattr(c, "id", None) == ids.Knelpunten.BODY for c in components(tree))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bottlenecks_are_ranked_with_why_and_what_to_do(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree = knelpunten.bottlenecks(ALL, lang)
    tables = grids(tree)
    assert set(tables) == {
        "knelpunten-articulation",
        "knelpunten-connectors",
        "knelpunten-busy",
        "knelpunten-brokers",
        "knelpunten-bridges",
        "knelpunten-load",
        "knelpunten-sole-ties",
    }
    assert MEASURES["articulation_point"].name(lang) in headings(tree)
    assert MEASURES["brokerage"].name(lang) in headings(tree)
    brokers = tables["knelpunten-brokers"].rowData
    assert brokers[0]["organisation"] == "Stichting Welzijn Ketendam"  # the planted broker leads here too
    assert all(r["role"] and r["why"] and r["action"] for r in brokers)
    top = tables["knelpunten-connectors"].rowData[0]
    assert top["organisation"] == "Stichting Welzijn Ketendam"  # the planted broker, by name
    assert top["action"] == MEASURES["betweenness"].action(lang)
    assert [r["organisation"] for r in tables["knelpunten-load"].rowData] == ["Stichting Welzijn Ketendam"]
    assert tables["knelpunten-sole-ties"].rowData[0]["professional"] == PLANTED["sole_tie_professional"][0]
    assert tables["knelpunten-load"].csvExportParams["fileName"] == "knelpunten-load.csv"
    islands = next(
        c for c in components(tree) if "section-knelpunten-islands" in str(getattr(c, "className", ""))
    )
    assert MEASURES["isolate"].name(lang) in headings(islands)
    assert sections.T("none", lang) in [getattr(c, "children", None) for c in components(islands)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_islands_of_an_agreements_only_filter(demo_app: Dash, demo: Ecosystem, lang: Any) -> None:
    with request_as(demo_app):
        tree = knelpunten.bottlenecks({"areas": [], "layers": ["agreements"]}, lang)
    rows = grids(tree)["knelpunten-islands"].rowData
    names = {o.id: o.name for o in demo.organisations}
    assert sorted(r["organisation"] for r in rows) == sorted(names[o] for o in agreement_islands(demo))
    assert all(r["action"] == MEASURES["isolate"].action(lang) for r in rows)


def test_a_filter_without_organisations_shows_the_notice(demo_app: Dash) -> None:
    with request_as(demo_app):
        tree = knelpunten.bottlenecks({"areas": ["WK000000"]}, "nl")
    assert tree.children == LABELS("empty-filter", "nl")


def test_a_partner_may_not_call_the_bottlenecks(demo_store: SqliteStore) -> None:
    app = create_app(Settings(), demo_store, users=users_with(("piet", "partner", "ORG0043")))
    with request_as(app, "piet"), pytest.raises(PermissionError):
        knelpunten.bottlenecks(ALL, "nl")
