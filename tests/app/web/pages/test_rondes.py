"""The Rondes page: open and close a round, links, status, review lists and the report, on a real store."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate

from app.access import ANALYST
from app.settings import Settings
from app.survey import corrections, links
from app.web import ids
from app.web.factory import create_app
from app.web.pages import koffie, rondes, rondes_callbacks
from app.web.services import services
from graph.model import Ecosystem
from graph.survey import ChangeStatus, Interest, Response, SuggestionAnswer, TieAnswer, TieStatus
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components, grid_rows

K = ids.Rondes
CLOSES = (date.today() + timedelta(days=14)).isoformat()


@pytest.fixture
def store(demo: Ecosystem) -> Iterator[SqliteStore]:
    """The demo in a fresh store each test: these tests write rounds, answers and decisions."""
    with SqliteStore() as fresh:
        fresh.apply(demo)
        yield fresh


@pytest.fixture
def app(store: SqliteStore) -> Dash:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(), store, users=users)


def text_of(tree: object) -> str:
    """The texts of a component tree, in order, joined by spaces."""
    if isinstance(tree, str):
        return tree
    found = [c.children for c in components(tree) if isinstance(getattr(c, "children", None), str)]
    return " ".join(found)


def _open(app: Dash, name: str = "Najaar <b>2026</b>", how: str = "all", **choice: list[str]) -> str:
    with request_as(app, "ana", triggered_id=K.OPEN):
        options, chosen, message, _ = rondes_callbacks.open_or_close(
            1, 0, None, name, "2026-Q4", CLOSES, how, choice.get("sectors"), choice.get("wijken"), 0, "nl"
        )
    assert "is geopend" in text_of(message), text_of(message)
    assert chosen in [o["value"] for o in options]
    return str(chosen)


def test_an_analyst_opens_a_round_for_one_wijk_and_sees_who_is_invited(app: Dash, store: SqliteStore) -> None:
    wijk = next(a.code for a in store.snapshot().areas if a.code.startswith("WK"))
    round_id = _open(app, how="wijk", wijken=[wijk])
    opened = store.rounds()[0]
    assert opened.id == round_id
    assert opened.name == "Najaar <b>2026</b>"  # kept as text, shown escaped
    every = len(store.snapshot().organisations)
    assert 0 < len(opened.invited) < every
    with request_as(app, "ana"):
        status, invited, close_disabled, links_disabled = rondes_callbacks.show_round(round_id, 1, "nl")
    assert f"Uitgenodigd {len(opened.invited)}" in text_of(status).replace(".", "")
    rows = grid_rows(invited, K.INVITED_TABLE)
    assert len(rows) == len(opened.invited)
    assert {r["state"] for r in rows} == {"Niet gereageerd"}
    assert (close_disabled, links_disabled) == (False, False)


def test_a_form_without_a_choice_is_refused_and_opens_nothing(app: Dash, store: SqliteStore) -> None:
    with request_as(app, "ana", triggered_id=K.OPEN):
        *_, message, _ = rondes_callbacks.open_or_close(
            1, 0, None, "Ronde", "2026-Q4", CLOSES, "sector", [], None, 0, "en"
        )
    assert "at least one sector" in text_of(message)
    assert store.rounds() == []


def test_a_saved_draft_and_a_submission_show_as_responded(app: Dash, store: SqliteStore) -> None:
    round_id = _open(app)
    invited = store.rounds()[0].invited
    store.save_response(Response(round_id, invited[0], by="link", at="2026-12-06T10:00:00+00:00"))
    store.save_response(
        Response(round_id, invited[1], submitted=True, by="link", at="2026-12-06T11:00:00+00:00")
    )
    with request_as(app, "ana"):
        status, invited_table, *_ = rondes_callbacks.show_round(round_id, 2, "en")
    text = text_of(status)
    assert "Responded (draft or submitted) 2 (" in text
    assert "Submitted 1 (" in text
    states = [r["state"] for r in grid_rows(invited_table, K.INVITED_TABLE)]
    assert states[:2] == ["Submitted", "Draft saved"]


def test_the_links_csv_has_one_signed_link_per_invited_organisation(app: Dash, store: SqliteStore) -> None:
    round_id = _open(app, how="sector", sectors=["zorg"])
    with request_as(app, "ana"):
        sent = rondes_callbacks.links_file(1, round_id)
        secret = links.link_secret(services().settings)
    content = sent["content"] if not sent.get("base64") else base64.b64decode(sent["content"]).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == ["organisation", "name", "url"]
    assert sorted(r["organisation"] for r in rows) == list(store.rounds()[0].invited)
    token = rows[0]["url"].rsplit("/enquete/", 1)[1]
    assert links.read_token(secret, token) == (round_id, rows[0]["organisation"])


def test_closing_a_round_disables_close_and_says_so(app: Dash, store: SqliteStore) -> None:
    round_id = _open(app)
    with request_as(app, "ana", triggered_id=K.CLOSE_CONFIRM):
        _, shown, message, _ = rondes_callbacks.open_or_close(
            0, 1, round_id, None, None, None, None, None, None, 3, "en"
        )
    assert shown == round_id
    assert "is closed" in text_of(message)
    assert store.rounds()[0].closed_at
    with request_as(app, "ana"):
        status, _, close_disabled, _ = rondes_callbacks.show_round(round_id, 4, "en")
    assert close_disabled is True
    assert "Closed on" in text_of(status)


def test_accepting_a_correction_changes_the_record_and_rejecting_needs_a_reason(
    app: Dash, store: SqliteStore
) -> None:
    at = "2026-12-06T09:00:00+00:00"
    renamed = corrections.propose(store, "ORG0043", {"name": "Buurtteam Noord & Zuid"}, by="link", at=at)
    other = corrections.propose(store, "ORG0007", {"expertise": "schulden"}, by="link", at=at)
    with request_as(app, "ana"):
        shown, *_ = rondes_callbacks.review(None, 0, "nl")
    rows = grid_rows(shown, K.CHANGES_TABLE)
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {renamed.id, other.id}
    assert by_id[renamed.id]["value"] == "Naam: Buurtteam Noord & Zuid"  # text in the grid, never markup
    with request_as(app, "ana", triggered_id=K.ACCEPT):
        message, _ = rondes_callbacks.decide(1, 0, 0, renamed.id, None, None, None, 0, "nl")
    assert "opgeslagen" in text_of(message)
    assert {o.id: o.name for o in store.snapshot().organisations}["ORG0043"] == "Buurtteam Noord & Zuid"
    with request_as(app, "ana", triggered_id=K.REJECT):
        message, _ = rondes_callbacks.decide(0, 1, 0, other.id, None, None, "", 1, "en")
    assert "Did not work" in text_of(message)
    with request_as(app, "ana", triggered_id=K.REJECT):
        rondes_callbacks.decide(0, 2, 0, other.id, None, None, "not ours", 2, "en")
    status = {c.id: c.status for c in store.proposed_changes()}
    assert status == {renamed.id: ChangeStatus.ACCEPTED, other.id: ChangeStatus.REJECTED}


def test_not_the_same_organisation_is_remembered_and_the_pair_leaves_the_list(
    app: Dash, store: SqliteStore
) -> None:
    twin = next(o for o in store.snapshot().organisations if o.id == "ORG0043")
    store.apply(Ecosystem(organisations=(replace(twin, id="ORG9043", kvk=None, parent_id=None),)))
    with request_as(app, "ana"):
        *_, before = rondes_callbacks.review(None, 0, "en")
    pairs = grid_rows(before, K.DUPLICATES_TABLE)
    chosen = next(r["id"] for r in pairs if "ORG9043" in r["id"])
    with request_as(app, "ana", triggered_id=K.NOT_SAME):
        rondes_callbacks.decide(0, 0, 1, None, chosen, None, None, 0, "en")
    with request_as(app, "ana"):
        *_, after = rondes_callbacks.review(None, 1, "en")
    assert chosen not in [r["id"] for r in grid_rows(after, K.DUPLICATES_TABLE)]
    assert [(d.first, d.second, d.same) for d in store.pair_decisions()] == [(*chosen.split("|"), False)]


def test_the_report_shows_response_reciprocity_ratings_and_new_organisations(
    app: Dash, store: SqliteStore
) -> None:
    round_id = _open(app)
    a, b, c = store.rounds()[0].invited[:3]
    rated = (("reliable", 4), ("open", 3), ("contributes", 2))
    store.save_response(
        Response(
            round_id,
            a,
            ties=(
                TieAnswer(b, TieStatus.ADDED, frequency=3, ratings=rated),
                TieAnswer("", TieStatus.ADDED, new_name="<script>Buurtkamer</script>"),
            ),
            suggestions=(SuggestionAnswer(c, Interest.INTERESTED),),
            submitted=True,
        )
    )
    store.save_response(Response(round_id, b, ties=(TieAnswer(a, TieStatus.ADDED),), submitted=True))
    with request_as(app, "ana"):
        shown = rondes_callbacks.report(round_id, 1, "en")
        _, named, _ = rondes_callbacks.review(round_id, 1, "en")
    text = text_of(shown)
    assert "What partners reported" in text
    for title in ("Response by sector", "Response by district", "Reciprocity", "Data against reports"):
        assert title in text
    assert "1 named by both sides" in text
    assert "less than 60%" in text  # two of many answered: the bias warning
    ratings = grid_rows(shown, "rondes-ratings")
    assert [r["trust"] for r in ratings] == [3.5]
    assert [r["named"] for r in grid_rows(named, K.NEW_ORGS_TABLE)] == ["<script>Buurtkamer</script>"]


def test_a_partner_cannot_use_the_page(app: Dash) -> None:
    with request_as(app, "piet"), pytest.raises(PermissionError):
        rondes_callbacks.show_round(None, 0, "nl")
    with request_as(app, "piet", triggered_id=K.OPEN), pytest.raises(PermissionError):
        rondes_callbacks.open_or_close(1, 0, None, "x", "2026-Q4", CLOSES, "all", None, None, 0, "nl")
    with request_as(app, "piet"), pytest.raises(PermissionError):
        rondes.start("rondes-page", {"search": "?ronde=x"})


def test_the_address_chooses_the_round(app: Dash) -> None:
    first = _open(app, name="Voorjaar")
    _open(app, name="Najaar")
    with request_as(app, "ana"):
        assert rondes.start("rondes-page", {"search": f"?wijk=WK1&ronde={first}"}) == first
        with pytest.raises(PreventUpdate):
            rondes.start("rondes-page", {"search": "?ronde=bogus"})
        page = rondes.layout("en", ANALYST)
    assert getattr(page, "id", None) == K.PAGE


def test_koffie_shows_a_coffee_match_to_both_sides_only(app: Dash, store: SqliteStore) -> None:
    round_id = _open(app)
    invited = store.rounds()[0].invited
    assert "ORG0043" in invited
    other, third = [o for o in invited if o != "ORG0043"][:2]

    def wants(org: str, partner: str, answer: Interest) -> Response:
        return Response(round_id, org, suggestions=(SuggestionAnswer(partner, answer),), submitted=True)

    store.save_response(wants("ORG0043", other, Interest.INTERESTED))
    store.save_response(wants(other, "ORG0043", Interest.INTERESTED))
    store.save_response(wants(third, "ORG0043", Interest.INTERESTED))  # one-sided: no match
    names = {o.id: o.name for o in store.snapshot().organisations}
    with request_as(app, "piet"):
        mine = text_of(koffie.matches("ORG9999", "nl"))  # a partner always gets their own
    with request_as(app, "ana"):
        theirs = text_of(koffie.matches(other, "en"))
        nobody = koffie.matches(third, "en")
    assert f"U en {names[other]} willen allebei kennismaken" in mine
    assert names[third] not in mine
    assert f"You and {names['ORG0043']} both want to meet" in theirs
    assert nobody is None
