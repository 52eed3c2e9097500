"""The Kansen page: missing links, absent sectors, specialists, practice gaps; CSV buttons."""

from __future__ import annotations

from typing import Any

import pytest
from dash import Dash

from app.access import ANALYST
from app.i18n import LABELS
from app.settings import Settings
from app.web import ids
from app.web.factory import create_app
from app.web.pages import kansen, knelpunten, overzicht
from app.web.tables import TABLE, TABLE_CSV
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components

ALL: dict[str, Any] = {"areas": []}


def table_names(tree: Any, kind: str = TABLE) -> list[str]:
    return [
        cid["name"]
        for cid in (getattr(c, "id", None) for c in components(tree))
        if isinstance(cid, dict) and cid.get("type") == kind
    ]


def rows(tree: Any, name: str) -> list[dict[str, Any]]:
    grid: Any = next(c for c in components(tree) if getattr(c, "id", None) == {"type": TABLE, "name": name})
    found: list[dict[str, Any]] = grid.rowData
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_renders(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree: Any = kansen.layout(lang, ANALYST)
    assert tree.id == ids.Kansen.PAGE
    assert kansen.T("title", lang) == tree.children[0].children


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chances_hold_the_planted_structures_with_reasons(demo_app: Dash, lang: Any) -> None:
    with request_as(demo_app):
        tree = kansen.chances(ALL, lang)
    links = rows(tree, "kansen-links")
    linie = next(r for r in links if r["organisation-a"] == "Woonstichting De Linie")
    assert linie["organisation-b"] == "Schuldhulp Ketendam"
    assert ("gedeelde partners" if lang == "nl" else "shared partners") in linie["reasons"]
    absent = rows(tree, "kansen-absent-sectors")
    assert [(r["area"], r["sector"]) for r in absent] == [
        ("Havenkwartier", "Jeugd" if lang == "nl" else "Youth")
    ]
    assert "Havenkwartier" in absent[0]["reasons"]
    assert any(r["role"] == "vastgoedbeheerder" for r in rows(tree, "kansen-shared-specialists"))
    assert rows(tree, "kansen-ambassadors")[0]["professional"] == "PRO00112"


def test_every_table_has_a_csv_button_and_a_unique_name(demo_app: Dash) -> None:
    with request_as(demo_app):
        trees = [
            kansen.chances(ALL, "nl"),
            knelpunten.bottlenecks(ALL, "nl"),
            overzicht.overview(ALL, "nl"),
        ]
    names = [name for tree in trees for name in table_names(tree)]
    assert len(names) == len(set(names)) == 18
    assert sorted(names) == sorted(name for tree in trees for name in table_names(tree, TABLE_CSV))
    assert all(name.startswith(("kansen-", "knelpunten-", "overzicht-")) for name in names)


def test_a_filter_on_one_wijk_narrows_the_chances(demo_app: Dash) -> None:
    with request_as(demo_app):
        everything = kansen.chances(ALL, "en")
        centrum = kansen.chances({"areas": ["WK990101"]}, "en")
    narrow, wide = rows(centrum, "kansen-links"), rows(everything, "kansen-links")
    assert 0 < len(narrow) <= len(wide) == 50
    assert narrow != wide
    assert {r["area"] for r in rows(centrum, "kansen-sector-gaps")} <= {
        r["area"] for r in rows(everything, "kansen-sector-gaps")
    }


def test_an_empty_store_shows_a_friendly_notice() -> None:
    store = SqliteStore()
    try:
        with request_as(create_app(Settings(), store)):
            tree = kansen.chances(ALL, "en")
    finally:
        store.close()
    assert tree.children == LABELS("empty", "en")


def test_a_partner_may_not_call_the_chances(demo_store: SqliteStore) -> None:
    app = create_app(Settings(), demo_store, users=users_with(("piet", "partner", "ORG0043")))
    with request_as(app, "piet"), pytest.raises(PermissionError):
        kansen.chances(ALL, "nl")


def test_a_partner_gets_no_chance_data_over_http(demo_store: SqliteStore) -> None:
    app = create_app(Settings(), demo_store, users=users_with(("piet", "partner", "ORG0043")))
    client = app.server.test_client()
    client.post("/login", data={"name": "piet", "password": "wachtwoord-123"})
    body = {
        "output": f"{ids.Kansen.BODY}.children",
        "outputs": {"id": ids.Kansen.BODY, "property": "children"},
        "inputs": [
            {"id": ids.Shell.FILTER, "property": "data", "value": ALL},
            {"id": ids.Shell.LANG, "property": "value", "value": "nl"},
        ],
        "changedPropIds": [f"{ids.Shell.FILTER}.data"],
        "state": [],
    }
    answer = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert ids.Kansen.BODY not in answer
    assert "Woonstichting De Linie" not in answer
    assert "shell-alert" in answer
