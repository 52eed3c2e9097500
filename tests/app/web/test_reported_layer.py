"""The gemeld (reported) layer in the app's shared filter: offered, labelled, kept in the address."""

from __future__ import annotations

import pytest
from dash import Dash

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.settings import Settings
from app.web import shell, urlstate
from app.web.factory import create_app
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")


@pytest.fixture
def app_with_users(demo_store: SqliteStore) -> Dash:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(), demo_store, users=users)


@pytest.mark.parametrize(("lang", "label"), [("nl", "Gemeld"), ("en", "Reported")])
def test_both_roles_are_offered_the_reported_layer(app_with_users: Dash, lang: str, label: str) -> None:
    with request_as(app_with_users, "ana"):
        analyst = shell.filter_options(lang)[2]
    with request_as(app_with_users, "piet"):
        partner = shell.filter_options(lang)[2]
    assert [o["value"] for o in analyst] == ["agreements", "professionals", "referrals", "reported"]
    assert [o["value"] for o in partner] == ["agreements", "professionals", "reported"]
    assert {"label": label, "value": "reported"} in analyst


def test_a_link_naming_the_reported_layer_restores_it(demo_app: Dash) -> None:
    with request_as(demo_app):
        restored = shell.restore("/", "?layers=reported,agreements")
    assert sorted(restored[1]) == ["agreements", "reported"]


def test_the_address_drops_the_layers_only_when_all_four_are_on() -> None:
    code = urlstate.writer_code(page_keys=False)
    assert "value.length >= 4" in code
    assert "value.length >= 3" not in code  # three layers on is a choice the address must keep


def test_the_filter_keeps_the_reported_layer_for_partners_and_analysts() -> None:
    chosen = Filters.from_data({"layers": ["reported", "referrals"]})
    assert chosen.layers == ("referrals", "reported")
    assert chosen.layer_set(ANALYST).names() == ["referrals", "reported"]
    assert chosen.layer_set(PARTNER).names() == ["reported"]
