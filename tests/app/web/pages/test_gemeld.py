"""What partners reported, where it belongs: Overzicht, Kansen and a partner's start page, on a real store.

A round is opened and answered in a real SQLite store holding the demo; the pages' real
callbacks and layouts are called inside a request of the real app, as the analyst or a partner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from dash import Dash

from app.access import ANALYST, Role, Viewer
from app.present.filters import Filters
from app.settings import Settings
from app.survey import links, rounds
from app.survey.reading import read_surveys
from app.web import ids
from app.web.factory import create_app
from app.web.gemeld import partner_notice
from app.web.pages import kaart, kansen, koffie, overzicht
from app.web.services import services
from graph.model import Ecosystem
from graph.survey import Interest, Response, SuggestionAnswer, TieAnswer, TieStatus
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.trees import components, grid_rows

PARTNER = "ORG0043"
DATA: dict[str, Any] = {"areas": [], "layers": ["agreements", "professionals", "referrals"]}
TODAY = date.today()


@pytest.fixture
def store(demo: Ecosystem) -> Iterator[SqliteStore]:
    """The demo in a fresh store each test: these tests write rounds and answers."""
    with SqliteStore() as fresh:
        fresh.apply(demo)
        yield fresh


@pytest.fixture
def app(store: SqliteStore) -> Dash:
    users = users_with(("ana", "analist", None), ("piet", "partner", PARTNER), ("els", "partner", "ORG0001"))
    return create_app(Settings(), store, users=users)


def text_of(tree: object) -> str:
    """Every text of a component tree, in order, joined by spaces."""
    if tree is None:
        return ""
    found: list[str] = []
    for c in components(tree):
        children = getattr(c, "children", None)
        if isinstance(children, str):
            found.append(children)
        elif isinstance(children, list):
            found += [child for child in children if isinstance(child, str)]
    return " ".join(found)


def by_id(tree: object, wanted: str) -> Any:
    return next((c for c in components(tree) if getattr(c, "id", None) == wanted), None)


def _open(store: SqliteStore, name: str = "Najaar", **choice: Any) -> str:
    opened = rounds.open_round(
        store,
        name,
        TODAY + timedelta(days=14),
        today=TODAY,
        now=f"{TODAY}T09:00:00",
        by="ana",
        **choice,
    )
    return opened.id


def _rates(round_id: str, rater: str, rated: str, trust: int, value: int | None = None) -> Response:
    ratings = (("reliable", trust), ("open", trust)) + ((("contributes", value),) if value else ())
    tie = TieAnswer(rated, TieStatus.ADDED, frequency=3, ratings=ratings)
    return Response(round_id, rater, ties=(tie,), submitted=True, by="link", at=f"{TODAY}T10:00:00+00:00")


def _wants(round_id: str, org: str, partner: str, answer: Interest) -> Response:
    given = (SuggestionAnswer(partner, answer),)
    return Response(round_id, org, suggestions=given, submitted=True, by="link", at=f"{TODAY}T10:00:00+00:00")


# ---------------------------------------------------------------- Overzicht


def test_overzicht_has_no_survey_block_without_a_round(app: Dash) -> None:
    with request_as(app, "ana"):
        tree = overzicht.overview(DATA, "nl")
    assert by_id(tree, ids.Overzicht.REPORTED) is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overzicht_shows_response_reciprocity_confirmation_warning_and_a_link_to_rondes(
    app: Dash, store: SqliteStore, lang: Any
) -> None:
    round_id = _open(store)
    invited = store.rounds()[0].invited
    a, b, c = invited[:3]
    store.save_response(_rates(round_id, a, b, 3))
    store.save_response(_rates(round_id, b, a, 4))  # a-b named by both
    store.save_response(_rates(round_id, c, a, 2))  # c-a named by c only, and a answered
    with request_as(app, "ana"):
        block = by_id(overzicht.overview(DATA, lang), ids.Overzicht.REPORTED)
    text = text_of(block)
    invited_n = len(invited)
    if lang == "nl":
        assert f"3 van {invited_n} organisaties" in text
        assert "50% 1 van 2 paren door beide kanten genoemd" in text  # a-b mutual; c-a one-sided
        assert "Ronde Najaar" in text
        assert "voorlopige cijfers" in text
        assert "Minder dan 60% respons" in text or "minder dan 60%" in text  # the bias warning
    else:
        assert f"3 of {invited_n} organisations" in text
        assert "50% 1 of 2 pairs named by both sides" in text
        assert "not known yet 0 of 0 ties from the data confirmed" in text  # only added ties: none judged
        assert "provisional" in text
    assert [c.href for c in components(block) if getattr(c, "href", None)] == ["/rondes"]
    assert any("warning" in str(getattr(c, "className", "")) for c in components(block))
    assert "3.5" not in text  # no rating per tie on this block
    assert "3,5" not in text


def test_overzicht_counts_confirmed_and_rejected_data_ties(app: Dash, store: SqliteStore) -> None:
    round_id = _open(store)
    with request_as(app, "ana"):
        graph = services().graph(Filters(), ANALYST)
    org = next(o for o in store.rounds()[0].invited if graph.degree(o) >= 3)
    first, second, third = sorted(graph[org])[:3]
    answer = Response(
        round_id,
        org,
        ties=(
            TieAnswer(first, TieStatus.CONFIRMED),
            TieAnswer(second, TieStatus.CONFIRMED),
            TieAnswer(third, TieStatus.REJECTED),
        ),
        submitted=True,
        by="link",
        at=f"{TODAY}T10:00:00+00:00",
    )
    store.save_response(answer)
    with request_as(app, "ana"):
        text = text_of(by_id(overzicht.overview(DATA, "en"), ids.Overzicht.REPORTED))
    assert "67% 2 of 3 ties from the data confirmed" in text


# ---------------------------------------------------------------- Kansen


def _link_rows(tree: object) -> list[dict[str, Any]]:
    return grid_rows(tree, "kansen-links")


def test_kansen_marks_coffee_matches_and_leaves_out_pairs_that_know_each_other(
    app: Dash, store: SqliteStore
) -> None:
    with request_as(app, "ana"):
        before = services().best_links(Filters.from_data(DATA), ANALYST)
        names = services().organisation_names()
    first, second, third = before.suggestions[:3]
    assert before.left_out == 0
    assert all(s["answers"] == {} for s in before.suggestions)
    round_id = _open(store)
    said: dict[str, list[SuggestionAnswer]] = defaultdict(list)
    said[first["source"]].append(SuggestionAnswer(first["target"], Interest.INTERESTED))
    said[first["target"]].append(SuggestionAnswer(first["source"], Interest.INTERESTED))
    said[second["target"]].append(SuggestionAnswer(second["source"], Interest.KNOWN))
    reported = {third["source"]: (TieAnswer(third["target"], TieStatus.ADDED),)}  # a tie: no missing link
    for org in {*said, *reported}:
        given = tuple(said.get(org, ()))
        store.save_response(
            Response(round_id, org, ties=reported.get(org, ()), suggestions=given, submitted=True, by="link")
        )
    with request_as(app, "ana"):
        tree = kansen.chances(DATA, "en")
    rows = _link_rows(tree)
    pairs = [{r["organisation-a"], r["organisation-b"]} for r in rows]
    match = {names[first["source"]], names[first["target"]]}
    assert match in pairs
    assert {names[second["source"]], names[second["target"]]} not in pairs
    assert {names[third["source"]], names[third["target"]]} not in pairs
    assert next(r for r in rows if {r["organisation-a"], r["organisation-b"]} == match)["partners"] == (
        "Coffee match: both want to meet"
    )
    assert len(rows) == len(before.suggestions)  # the next best took their places
    assert "2 suggestion(s) left out" in text_of(tree)


def test_kansen_without_answers_has_no_partner_column(app: Dash, store: SqliteStore) -> None:
    _open(store)
    with request_as(app, "ana"):
        rows = _link_rows(kansen.chances(DATA, "nl"))
    assert rows
    assert "partners" not in rows[0]


def test_a_partner_cannot_reach_the_kansen_or_overzicht_callbacks(app: Dash, store: SqliteStore) -> None:
    _open(store)
    with request_as(app, "piet"), pytest.raises(PermissionError):
        kansen.chances(DATA, "nl")
    with request_as(app, "piet"), pytest.raises(PermissionError):
        overzicht.overview(DATA, "nl")


# ---------------------------------------------------------------- a partner's entry on the start page


def _viewer(name: str, org: str | None) -> Viewer:
    return Viewer(name, Role.PARTNER if org else Role.ANALIST, org)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_invited_partner_sees_an_entry_to_its_own_questionnaire(
    app: Dash, store: SqliteStore, lang: Any
) -> None:
    round_id = _open(store)
    with request_as(app, "piet"):
        tree = kaart.layout(lang, _viewer("piet", PARTNER))
        secret = links.link_secret(services().settings)
    link = by_id(tree, ids.Kaart.SURVEY_LINK)
    assert link is not None
    assert link.href.startswith("/enquete/")
    token, _, query = link.href.removeprefix("/enquete/").partition("?")
    assert links.read_token(secret, token) == (round_id, PARTNER)
    assert query == f"lang={lang}"
    assert link.children == ("Naar de vragenlijst" if lang == "nl" else "To the questionnaire")
    assert "Najaar" in text_of(by_id(tree, ids.Kaart.SURVEY))


def test_the_entry_says_whether_the_partner_saved_or_submitted(app: Dash, store: SqliteStore) -> None:
    round_id = _open(store)
    store.save_response(Response(round_id, PARTNER, by="link", at=f"{TODAY}T10:00:00+00:00"))
    with request_as(app, "piet"):
        draft = text_of(partner_notice(_viewer("piet", PARTNER), "en"))
    store.save_response(_wants(round_id, PARTNER, "ORG0001", Interest.NO))
    with request_as(app, "piet"):
        sent = text_of(partner_notice(_viewer("piet", PARTNER), "en"))
    assert "did not submit them yet" in draft
    assert "You submitted your answers" in sent


def test_no_entry_for_an_organisation_not_invited_for_analysts_or_after_closing(
    app: Dash, store: SqliteStore, demo: Ecosystem
) -> None:
    sector = next(o.sector for o in demo.organisations if o.id == PARTNER)
    round_id = _open(store, sectors=[sector])
    outsider = next(o.id for o in demo.organisations if o.sector != sector)
    with request_as(app, "ana"):
        assert partner_notice(_viewer("els", outsider), "nl") is None
        assert partner_notice(Viewer("ana", Role.ANALIST), "nl") is None
        assert by_id(kaart.layout("nl", Viewer("ana", Role.ANALIST)), ids.Kaart.SURVEY) is None
        assert partner_notice(_viewer("piet", PARTNER), "nl") is not None
    rounds.close(store, round_id, now=f"{TODAY}T12:00:00+00:00")
    with request_as(app, "piet"):
        assert partner_notice(_viewer("piet", PARTNER), "nl") is None


# ---------------------------------------------------------------- privacy: averages only


def test_a_partner_sees_no_rating_below_the_small_count_and_never_one_raters_score(
    app: Dash, store: SqliteStore
) -> None:
    round_id = _open(store)
    invited = [o for o in store.rounds()[0].invited if o != PARTNER]
    small = Settings().small_count
    scores = [1, 2, 4, 4, 3, 2, 1, 4][: small + 1]
    for rater, score in zip(invited[: small - 1], scores, strict=False):
        store.save_response(_rates(round_id, rater, PARTNER, score, value=score))
    rounds.close(store, round_id, now=f"{TODAY}T12:00:00+00:00")
    with request_as(app, "piet"):
        few = text_of(partner_notice(_viewer("piet", PARTNER), "en"))
    assert f"too few to show ({small - 1} organisations)" in few
    assert not any(f"{s}.00" in few for s in range(1, 5))
    assert "Trust" in few
    assert "Value" in few


def test_a_partner_sees_the_mean_over_enough_raters_of_a_closed_round_only(
    app: Dash, store: SqliteStore
) -> None:
    round_id = _open(store)
    invited = [o for o in store.rounds()[0].invited if o != PARTNER]
    small = Settings().small_count
    scores = [1, 2, 4, 4, 3, 2, 1, 4][:small]
    for rater, score in zip(invited, scores, strict=False):
        store.save_response(_rates(round_id, rater, PARTNER, score))
    with request_as(app, "piet"):
        open_round = text_of(partner_notice(_viewer("piet", PARTNER), "en"))
    assert "Trust" not in open_round  # an open round: averages could still move one rater at a time
    rounds.close(store, round_id, now=f"{TODAY}T12:00:00+00:00")
    with request_as(app, "piet"):
        notice = partner_notice(_viewer("piet", PARTNER), "en")
    text = text_of(notice)
    mean = sum(scores) / len(scores)
    assert f"{mean:.2f} ({small} organisations)" in text
    names = {o.id: o.name for o in store.snapshot().organisations}
    assert not any(names[rater] in text for rater in invited[:small])  # nobody is named


def test_the_app_reads_the_surveys_once_per_revision(app: Dash, store: SqliteStore) -> None:
    round_id = _open(store)
    with request_as(app, "ana"):
        first = services().surveys()
        assert services().surveys() is first
        store.save_response(_wants(round_id, PARTNER, "ORG0001", Interest.INTERESTED))
        again = services().surveys()
    assert again is not first
    assert again == read_surveys(store)


# ---------------------------------------------------------------- Koffie: a partner's own answers only


def test_koffie_drops_a_suggestion_only_when_the_partner_itself_knows_them_already(
    app: Dash, store: SqliteStore
) -> None:
    filters = Filters().to_data()
    with request_as(app, "piet"):
        before = [
            r["id"]
            for r in grid_rows(koffie.suggestions(PARTNER, filters, "en"), ids.Koffie.SUGGESTIONS_TABLE)
        ]
    first, second = before[:2]
    round_id = _open(store)
    store.save_response(_wants(round_id, PARTNER, first, Interest.KNOWN))
    store.save_response(_wants(round_id, second, PARTNER, Interest.KNOWN))  # the other side's answer
    with request_as(app, "piet"):
        after = [
            r["id"]
            for r in grid_rows(koffie.suggestions(PARTNER, filters, "en"), ids.Koffie.SUGGESTIONS_TABLE)
        ]
    assert first not in after
    assert second in after  # another organisation's answer has no effect on what a partner sees
    assert [o for o in before if o != first] == after
