"""The directory: who else works in these wijken, by sector and free text; plan coffee from it."""

from __future__ import annotations

import pytest
from dash import Dash, html
from dash.exceptions import PreventUpdate

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.present.gids import directory_rows, sector_options
from app.settings import Settings
from app.web.factory import create_app
from app.web.pages import gids
from graph.model import Ecosystem, Scope
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import grid_rows

NOORD = Filters(areas=("WK990102",)).to_data()


def test_housing_in_noord(demo_app: Dash) -> None:
    with request_as(demo_app):
        found, chosen = gids.results(NOORD, "wonen", None, "nl")
    rows = grid_rows(found, "gids-table")
    assert chosen is None
    assert "Woonstichting De Linie" in {r["name"] for r in rows}
    assert {r["sector"] for r in rows} == {"Wonen"}
    assert all("Noord" in r["wijken"] or r["wijken"] == "alle wijken" for r in rows)


def test_search_ignores_case_and_accents_and_reads_descriptions(demo_app: Dash) -> None:
    with request_as(demo_app):
        by_name = grid_rows(gids.results(Filters().to_data(), None, "LINIE", "en")[0], "gids-table")
        accents = grid_rows(gids.results(Filters().to_data(), None, "cooperatie", "en")[0], "gids-table")
    assert [r["id"] for r in by_name] == ["ORG0007"]
    assert by_name[0]["sector"] == "Housing"
    assert "Wooncoöperatie Het Rad" in {r["name"] for r in accents}


def test_rows_show_agreements_and_umbrella_but_no_referral_counts(demo: Ecosystem) -> None:
    rows = {r["id"]: r for r in directory_rows(demo, "nl", names={o.id: o.name for o in demo.organisations})}
    assert set(rows["ORG0097"]) == {"id", "name", "sector", "wijken", "agreements", "description", "parent"}
    assert "wijkteam (7)" in rows["ORG0043"]["agreements"]  # the broker is in every wijkteam
    assert rows["ORG0097"]["agreements"] == "convenant, overig"  # Verwijsafspraak AGR051, Platform AGR041
    assert rows["ORG0097"]["wijken"] == "alle wijken"
    umbrella = [r for r in rows.values() if r["parent"] == "Buurtzorg Ketendam"]
    assert len(umbrella) == 3  # Team Noord, De Hoven and Havenkwartier (docs/demo-data.md)


def test_havenkwartier_has_no_youth_organisation(demo_store: SqliteStore) -> None:
    havenkwartier = demo_store.snapshot(Scope(areas=frozenset({"WK990107"})))
    assert directory_rows(havenkwartier, "nl", sector="jeugd") == []
    assert directory_rows(havenkwartier, "nl", sector="zorg") != []


def test_nothing_found_says_so(demo_app: Dash) -> None:
    with request_as(demo_app):
        found, _ = gids.results(Filters().to_data(), None, "zzzz-nothing", "en")
    assert isinstance(found, html.P)
    assert "No organisations found" in str(found.children)


def test_plan_coffee_selects_the_organisation_and_opens_the_coffee_page(demo_app: Dash) -> None:
    with request_as(demo_app):
        chosen = gids.choose([{"id": "ORG0007", "name": "Woonstichting De Linie"}])
        label, disabled = gids.button(chosen, "en")
        assert gids.plan(1, chosen) == ("ORG0007", "/koffie")
        assert gids.button(None, "nl") == ("Kies eerst een organisatie in de lijst", True)
        assert gids.choose([{"id": "../../etc"}]) is None
        with pytest.raises(PreventUpdate):
            gids.plan(1, "ORG9999")
    assert chosen == "ORG0007"
    assert (label, disabled) == ("Plan coffee with Woonstichting De Linie", False)


def test_sector_options_are_labelled_in_the_language() -> None:
    assert {"label": "Work and income", "value": "werk_inkomen"} in sector_options("en")
    assert len(sector_options("nl")) == 11


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_for_both_roles(demo_store: SqliteStore, lang: str) -> None:
    app = create_app(Settings(), demo_store, users=users_with(("piet", "partner", "ORG0043")))
    with request_as(app, "piet"):
        partner = gids.layout("en" if lang == "en" else "nl", Viewer("piet", Role.PARTNER, "ORG0043"))
        found, _ = gids.results(NOORD, None, None, lang)
    analyst = gids.layout("en" if lang == "en" else "nl", ANALYST)
    assert str(partner) == str(analyst)
    assert ("Directory" if lang == "en" else "Gids") in str(partner)
    assert len(grid_rows(found, "gids-table")) > 20
