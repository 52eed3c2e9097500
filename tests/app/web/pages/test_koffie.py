"""The coffee page: suggestions, the briefing card, and what a partner may see."""

from __future__ import annotations

import pytest
from dash import Dash, no_update
from dash.exceptions import PreventUpdate

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.present.koffie import briefing_card, organisation_for, suggestion_rows, visible_reasons
from app.settings import Settings
from app.web.factory import create_app
from app.web.pages import koffie
from app.web.services import services
from graph.reasons import referrals_both_ways, shared_areas
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components, grid_rows, text_of

PIET = Viewer("piet", Role.PARTNER, "ORG0043")
JANUARY = Filters(start="2025-01", end="2025-01").to_data()


@pytest.fixture(scope="module")
def login_app(demo_store: SqliteStore) -> Dash:
    """The explorer with login: an analyst and a partner at the broker ORG0043."""
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(), demo_store, users=users)


def test_suggestions_for_de_linie_include_schuldhulp_with_reasons_in_both_languages(demo_app: Dash) -> None:
    with request_as(demo_app):
        dutch = grid_rows(
            koffie.suggestions("ORG0007", Filters().to_data(), "nl"), "koffie-suggestions-table"
        )
        english = grid_rows(
            koffie.suggestions("ORG0007", Filters().to_data(), "en"), "koffie-suggestions-table"
        )
    linie_nl = next(row for row in dutch if row["id"] == "ORG0070")
    linie_en = next(row for row in english if row["id"] == "ORG0070")
    assert linie_nl["name"] == "Schuldhulp Ketendam"
    assert linie_nl["sector"] == "Werk en inkomen"
    assert linie_en["sector"] == "Work and income"
    assert "gedeelde partners" in linie_nl["why"]
    assert linie_nl["kind"] == "Kennismaken"
    assert linie_nl["introducer"]
    assert f"{linie_nl['introducer']} kan hen voorstellen" in linie_nl["why"]
    assert "shared partners" in linie_en["why"]
    assert "have no tie" in linie_en["why"]


def test_briefing_card_for_the_planted_missing_link(demo_app: Dash) -> None:
    with request_as(demo_app):
        found, print_disabled = koffie.card("ORG0007", "ORG0070", Filters().to_data(), "nl")
        deps = services()
        card = briefing_card(deps.graph(Filters(), ANALYST), "ORG0007", "ORG0070", ANALYST, "en")
    assert print_disabled is False
    text = text_of(found)
    assert "Koffie: Woonstichting De Linie en Schuldhulp Ketendam" in text
    assert "Gemeente Ketendam - Werk en Inkomen kan hen voorstellen" in text  # the introducer
    assert "Om te bespreken" in text
    lines = dict(card.lines)
    assert lines["Already tied"] == "no"
    assert lines["Referrals Woonstichting De Linie → Schuldhulp Ketendam"] == "-"  # no ecosystem given
    assert any(reason.startswith("connected through") for reason in card.reasons)


def test_card_needs_a_pair(demo_app: Dash) -> None:
    with request_as(demo_app):
        found, disabled = koffie.card("ORG0007", None, Filters().to_data(), "en")
        same, same_disabled = koffie.card("ORG0007", "ORG0007", Filters().to_data(), "en")
    assert disabled
    assert same_disabled
    assert "Choose a second organisation" in text_of(found)
    assert "Choose a second organisation" in text_of(same)


def test_partner_cannot_get_another_organisations_suggestions(login_app: Dash) -> None:
    with request_as(login_app, "piet"):
        asked = grid_rows(
            koffie.suggestions("ORG0007", Filters().to_data(), "nl"), "koffie-suggestions-table"
        )
        graph, names = services().graph(Filters(), PIET), services().area_names()
        own = suggestion_rows(graph, "ORG0043", "nl", PIET, area_names=names)
        linie = suggestion_rows(graph, "ORG0007", "nl", PIET, area_names=names)
    shown = [{k: v for k, v in row.items() if not k.startswith("__fmt_")} for row in asked]
    assert shown == own
    assert shown != linie
    assert organisation_for(PIET, "ORG0007") == "ORG0043"


def test_partner_sees_own_flows_masked_and_no_count_reasons(login_app: Dash) -> None:
    with request_as(login_app, "piet"):
        found, _ = koffie.card("ORG0070", "ORG0007", JANUARY, "nl")  # the first is ignored: piet is ORG0043
    text = text_of(found)
    assert "Koffie: Stichting Welzijn Ketendam en Woonstichting De Linie" in text
    assert "<5" in text  # De Linie sent 4 referrals to the broker in January
    assert "4 terug" not in text
    assert "verwijzingen heen" not in text
    with request_as(login_app, "ana"):
        analyst, _ = koffie.card("ORG0043", "ORG0007", JANUARY, "nl")
    assert "0 verwijzingen heen, 4 terug" in text_of(analyst)
    assert "<5" not in text_of(analyst)


def test_visible_reasons_drop_counts_for_partners_only() -> None:
    reasons = [shared_areas(("WK990102",), {"WK990102": "Noord"}), referrals_both_ways(3, 1)]
    assert [r.code for r in visible_reasons(reasons, PIET)] == ["shared-areas"]
    assert [r.code for r in visible_reasons(reasons, ANALYST)] == ["shared-areas", "referrals"]


def test_start_follows_the_selected_organisation(login_app: Dash) -> None:
    with request_as(login_app, "ana"):
        assert koffie.start("koffie-page", "ORG0007") == ("ORG0007", no_update)
        assert koffie.start("koffie-page", "../nonsense") == (None, no_update)
    with request_as(login_app, "piet"):
        assert koffie.start("koffie-page", "ORG0007") == ("ORG0043", "ORG0007")
        assert koffie.start("koffie-page", "ORG0043") == ("ORG0043", None)


def test_clicking_a_suggestion_picks_the_second_organisation() -> None:
    assert koffie.pick([{"id": "ORG0070", "name": "Schuldhulp Ketendam"}]) == "ORG0070"
    with pytest.raises(PreventUpdate):
        koffie.pick([])


def test_suggestions_outside_the_filter_say_so(demo_app: Dash) -> None:
    with request_as(demo_app):
        found = koffie.suggestions("ORG0004", Filters(areas=("WK990107",)).to_data(), "en")  # a Noord church
    assert "outside the filter" in text_of(found)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layout_for_both_roles(login_app: Dash, lang: str) -> None:
    with request_as(login_app, "ana"):
        analyst = koffie.layout("en" if lang == "en" else "nl", ANALYST)
    with request_as(login_app, "piet"):
        partner = koffie.layout("en" if lang == "en" else "nl", PIET)
    mine = next(c for c in components(partner) if getattr(c, "id", None) == "koffie-organisation")
    assert mine.options == [{"label": "Stichting Welzijn Ketendam", "value": "ORG0043"}]
    assert mine.disabled is True
    assert mine.value == "ORG0043"
    everyone = next(c for c in components(analyst) if getattr(c, "id", None) == "koffie-organisation")
    assert len(everyone.options) == 150
    assert everyone.disabled is False
    assert ("Print" if lang == "en" else "Afdrukken") in text_of(analyst)
