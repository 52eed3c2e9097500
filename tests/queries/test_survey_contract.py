"""The contract every store keeps for survey records: rounds, responses, corrections, pairs.

One suite for every store, through the ``store`` fixture (tests/conftest.py): SQLite in
memory and in a file, and Neo4j when ``NEO4J_URI`` is set. The concurrency tests open a
store object per thread on the same database (the same file, the same server); an
in-memory SQLite database has one object, which the threads share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pytest

from graph.errors import DuplicateKey, LinkRefused, NotFound, StaleWrite
from graph.model import Area, Ecosystem, Organisation, Scope
from graph.periods import Period
from graph.survey import (
    RATING_ITEMS,
    ChangeStatus,
    Interest,
    PairDecision,
    ProposedChange,
    ReportedTie,
    Response,
    SuggestionAnswer,
    SurveyRound,
    TieAnswer,
    TieStatus,
)
from graph.taxonomy import AreaLevel, Sector
from queries.base import Store
from queries.registry import open_store
from queries.sqlite import MEMORY, SqliteStore
from tests.conftest import neo4j_options, neo4j_uri

AUTUMN = Period.parse("2026-Q4")
SPRING = Period.parse("2027-Q2")
CLOSES = date(2026, 12, 20)
T1, T2, T3 = "2026-12-01T09:00:00+00:00", "2026-12-02T09:00:00+00:00", "2026-12-03T09:00:00+00:00"
WORKERS = 20
T = TypeVar("T")


def _ecosystem(extra: int = 0) -> Ecosystem:
    """O1, O2 serve wijk WK990101; O3, O4 serve WK990102; ``extra`` more (P01, ...) serve both."""
    areas = (
        Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
        Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
        Area("WK990102", "Noord", AreaLevel.WIJK, "GM9901"),
    )
    wijk = {"O1": "WK990101", "O2": "WK990101", "O3": "WK990102", "O4": "WK990102"}
    orgs = [Organisation(i, f"Organisatie {i}", Sector.WELZIJN, "GM9901", (w,)) for i, w in wijk.items()]
    orgs += [
        Organisation(_extra(n), f"Partner {n}", Sector.ZORG, "GM9901", ("WK990101", "WK990102"))
        for n in range(extra)
    ]
    return Ecosystem(areas=areas, organisations=tuple(orgs))


def _extra(n: int) -> str:
    return f"P{n:02d}"


def _round(
    round_id: str = "R1",
    invited: tuple[str, ...] = ("O3", "O1", "O2"),
    created_at: str = T1,
    period: Period = AUTUMN,
) -> SurveyRound:
    return SurveyRound(round_id, f"Ronde {round_id}", period, CLOSES, invited, "analist", created_at)


def _tie(partner: str, status: TieStatus = TieStatus.CONFIRMED, frequency: int | None = 3) -> TieAnswer:
    ratings = (("reliable", 4), ("open", 3)) if status is not TieStatus.REJECTED else ()
    return TieAnswer(partner, status, frequency=frequency if ratings else None, ratings=ratings)


def _response(
    organisation: str, *ties: TieAnswer, submitted: bool = False, by: str = "link", at: str = T1
) -> Response:
    return Response("R1", organisation, ties=ties, submitted=submitted, by=by, at=at)


@pytest.fixture
def same_database(store: Store) -> Callable[[], AbstractContextManager[Store]]:
    """Open another store object on the database ``store`` uses (the same one in memory)."""

    def open_again() -> AbstractContextManager[Store]:
        if isinstance(store, SqliteStore):
            return nullcontext(store) if store.path == MEMORY else SqliteStore(store.path)
        return open_store(neo4j_uri(), neo4j_options())

    return open_again


# -- rounds ----------------------------------------------------------------------------


def test_a_new_store_holds_no_survey_records(store: Store) -> None:
    assert store.rounds() == []
    assert store.responses("R1") == []
    assert store.response_history("R1", "O1") == []
    assert store.proposed_changes() == []
    assert store.pair_decisions() == []
    assert store.snapshot().reported == ()


def test_an_opened_round_is_read_back_whole(store: Store) -> None:
    survey_round = _round()
    store.open_round(survey_round)
    assert store.rounds() == [survey_round]
    assert store.rounds()[0].invited == ("O1", "O2", "O3")
    assert store.rounds()[0].closed_at is None


def test_a_round_without_invitations_is_kept(store: Store) -> None:
    store.open_round(_round(invited=()))
    assert store.rounds() == [_round(invited=())]


def test_opening_a_taken_round_id_is_refused_and_keeps_the_first(store: Store) -> None:
    first = _round()
    store.open_round(first)
    revision = store.revision()
    with pytest.raises(DuplicateKey):
        store.open_round(replace(first, name="Andere naam", invited=("O4",)))
    assert store.rounds() == [first]
    assert store.revision() == revision


def test_rounds_come_newest_first(store: Store) -> None:
    store.open_round(_round("R1", created_at=T1))
    store.open_round(_round("R3", created_at=T3))
    store.open_round(_round("R2", created_at=T2))
    assert [r.id for r in store.rounds()] == ["R3", "R2", "R1"]


def test_closing_a_round_keeps_the_first_time(store: Store) -> None:
    store.open_round(_round())
    closed = store.close_round("R1", T2)
    assert closed == replace(_round(), closed_at=T2)
    revision = store.revision()
    assert store.close_round("R1", T3).closed_at == T2
    assert store.rounds() == [closed]
    assert store.revision() == revision


def test_closing_an_unknown_round_is_not_found(store: Store) -> None:
    store.open_round(_round())
    with pytest.raises(NotFound):
        store.close_round("R9", T2)
    assert store.rounds()[0].closed_at is None


# -- responses -------------------------------------------------------------------------


def test_a_response_is_read_back_with_every_answer(store: Store) -> None:
    store.open_round(_round())
    full = TieAnswer(
        "O2",
        TieStatus.CONFIRMED,
        frequency=5,
        ratings=tuple((i, 1 + n % 4) for n, i in enumerate(RATING_ITEMS)),
    )
    response = Response(
        "R1",
        "O1",
        ties=(
            full,
            TieAnswer("O3", TieStatus.REJECTED),
            TieAnswer(
                "", TieStatus.ADDED, new_name="Buurtkeuken 't Hoekje", frequency=1, ratings=(("open", 2),)
            ),
            TieAnswer("", TieStatus.ADDED, new_name="Zwembad", frequency=2),
            TieAnswer("O4", TieStatus.ADDED, frequency=4),
        ),
        suggestions=(
            SuggestionAnswer("O4", Interest.INTERESTED),
            SuggestionAnswer("O2", Interest.KNOWN),
            SuggestionAnswer("O3", Interest.NO),
        ),
        submitted=True,
        by="link",
        at=T1,
    )
    saved = store.save_response(response)
    assert saved == replace(response, version=1)
    assert store.responses("R1") == [saved]
    assert store.response_history("R1", "O1") == [saved]


def test_saving_the_same_answers_again_stores_nothing_and_submitting_is_a_new_version(
    store: Store,
) -> None:
    store.open_round(_round())
    draft = store.save_response(_response("O1", _tie("O2"), at=T1))
    assert draft.version == 1
    assert not draft.submitted
    revision = store.revision()
    again = store.save_response(_response("O1", _tie("O2"), by="analist", at=T2))
    assert again == draft  # the stored version, with its own who and when
    assert store.revision() == revision
    submitted = store.save_response(_response("O1", _tie("O2"), submitted=True, at=T3))
    assert submitted.version == 2
    assert submitted.submitted
    assert store.save_response(_response("O1", _tie("O2"), submitted=True, at=T3)) == submitted
    assert store.response_history("R1", "O1") == [draft, submitted]
    assert store.responses("R1") == [submitted]


def test_every_changed_save_is_a_new_version_and_the_history_is_kept(store: Store) -> None:
    store.open_round(_round())
    first = store.save_response(_response("O1", _tie("O2"), at=T1))
    second = store.save_response(_response("O1", _tie("O2"), _tie("O3", TieStatus.REJECTED), at=T2))
    third = store.save_response(_response("O1", _tie("O2"), at=T3))  # back to the first answers
    assert [r.version for r in (first, second, third)] == [1, 2, 3]
    history = store.response_history("R1", "O1")
    assert history == [first, second, third]
    assert [len(r.ties) for r in history] == [1, 2, 1]
    assert store.responses("R1") == [third]


def test_responses_are_the_latest_version_per_organisation_by_organisation(store: Store) -> None:
    store.open_round(_round())
    store.open_round(_round("R2", invited=("O1",), created_at=T2))
    store.save_response(_response("O2", _tie("O1"), at=T1))
    o2 = store.save_response(_response("O2", _tie("O1"), _tie("O3"), submitted=True, at=T2))
    o1 = store.save_response(_response("O1", _tie("O2"), at=T3))
    other = store.save_response(replace(_response("O1", _tie("O3")), round_id="R2"))
    assert store.responses("R1") == [o1, o2]
    assert store.responses("R2") == [other]
    assert store.response_history("R1", "O3") == []


def test_an_unknown_round_or_an_organisation_not_invited_is_refused_and_nothing_stored(
    store: Store,
) -> None:
    store.apply(_ecosystem())
    store.open_round(_round(invited=("O1", "O2")))
    revision = store.revision()
    with pytest.raises(NotFound):
        store.save_response(replace(_response("O1", _tie("O2"), submitted=True), round_id="R9"))
    with pytest.raises(NotFound):
        store.save_response(_response("O4", _tie("O1"), submitted=True))  # O4 is held, not invited
    with pytest.raises(NotFound):
        store.save_response(_response("O99", _tie("O1"), submitted=True))
    assert store.responses("R1") == []
    assert store.responses("R9") == []
    assert store.response_history("R1", "O4") == []
    assert store.revision() == revision
    assert store.snapshot().reported == ()


# -- closed rounds ---------------------------------------------------------------------


def test_a_closed_round_takes_no_answers_and_nothing_is_stored(store: Store) -> None:
    store.apply(_ecosystem())
    store.open_round(_round())
    draft = store.save_response(_response("O1", _tie("O2"), at=T1))
    store.close_round("R1", T2)
    revision = store.revision()
    refused = (
        _response("O1", _tie("O2"), submitted=True, at=T3),  # sending the saved draft
        _response("O1", _tie("O2"), _tie("O3"), at=T3),  # changing it
        _response("O1", _tie("O2"), at=T3),  # the very answers held: refused all the same
        _response("O2", _tie("O1"), submitted=True, at=T3),  # a first answer
    )
    for answer in refused:
        with pytest.raises(LinkRefused, match="closed") as caught:
            store.save_response(answer)
        assert caught.value.why == "expired"
    assert store.response_history("R1", "O1") == [draft]
    assert store.response_history("R1", "O2") == []
    assert store.responses("R1") == [draft]
    assert store.revision() == revision
    assert store.snapshot().reported == ()


def test_a_round_closed_after_the_caller_saw_it_open_refuses_the_answers(
    store: Store, same_database: Callable[[], AbstractContextManager[Store]]
) -> None:
    store.apply(_ecosystem())
    store.open_round(_round())
    with same_database() as partner_side:
        assert partner_side.rounds()[0].is_open(date(2026, 12, 6))  # the link was checked: open
        store.close_round("R1", T2)  # the analyst closes the round meanwhile
        revision = store.revision()
        with pytest.raises(LinkRefused) as caught:
            partner_side.save_response(_response("O1", _tie("O2"), submitted=True, at=T3))
    assert caught.value.why == "expired"
    assert store.response_history("R1", "O1") == []
    assert store.revision() == revision
    assert store.snapshot().reported == ()


def test_answers_racing_the_close_are_either_stored_whole_or_refused_with_nothing_stored(
    store: Store, same_database: Callable[[], AbstractContextManager[Store]]
) -> None:
    store.apply(_ecosystem(extra=WORKERS))
    store.open_round(_round(invited=tuple(_extra(n) for n in range(WORKERS))))

    def save_or_close(n: int) -> Response | str:
        with same_database() as mine:
            if n == WORKERS // 2:  # one analyst closes the round while nineteen partners send
                return mine.close_round("R1", T2).closed_at or ""
            try:
                return mine.save_response(_response(_extra(n), _tie("O1"), submitted=True, at=T3))
            except LinkRefused as refused:
                return refused.why

    outcomes = _all_at_once(save_or_close)
    assert outcomes.pop(WORKERS // 2) == T2
    stored = {r.organisation: r for r in outcomes if isinstance(r, Response)}
    assert {o for o in outcomes if not isinstance(o, Response)} <= {"expired"}
    assert {r.organisation: r for r in store.responses("R1")} == stored
    assert all(r.version == 1 for r in stored.values())
    assert len(store.snapshot().reported) == len(stored)
    for n in range(WORKERS):
        if n != WORKERS // 2 and _extra(n) not in stored:
            assert store.response_history("R1", _extra(n)) == []
    revision = store.revision()
    with pytest.raises(LinkRefused):
        store.save_response(_response(_extra(WORKERS // 2), _tie("O1"), submitted=True, at=T3))
    assert store.revision() == revision


# -- reported ties in snapshots --------------------------------------------------------


def test_the_snapshot_reports_the_ties_of_each_latest_submitted_version(store: Store) -> None:
    store.apply(_ecosystem())
    store.open_round(_round())
    store.save_response(
        _response(
            "O1",
            _tie("O2"),
            _tie("O3", TieStatus.ADDED),
            _tie("O4", TieStatus.REJECTED),
            TieAnswer("", TieStatus.ADDED, new_name="Buurtkeuken", frequency=2),
            _tie("O99", TieStatus.ADDED),  # an organisation the store does not hold
            submitted=True,
        )
    )
    store.save_response(_response("O2", _tie("O1"), _tie("O4")))  # a draft reports nothing
    expected = (ReportedTie("O1", "O2", "R1", AUTUMN), ReportedTie("O1", "O3", "R1", AUTUMN))
    assert store.snapshot().reported == expected

    store.save_response(_response("O1", _tie("O4"), at=T2))  # a later draft: the submission stands
    assert store.snapshot().reported == expected

    store.save_response(_response("O1", _tie("O4"), submitted=True, at=T3))
    assert store.snapshot().reported == (ReportedTie("O1", "O4", "R1", AUTUMN),)


def test_every_round_reports_with_its_own_period(store: Store) -> None:
    store.apply(_ecosystem())
    store.open_round(_round("R1", created_at=T1))
    store.open_round(_round("R2", created_at=T2, period=SPRING))
    store.save_response(_response("O1", _tie("O2"), submitted=True))
    store.save_response(replace(_response("O1", _tie("O2"), _tie("O3"), submitted=True), round_id="R2"))
    store.save_response(replace(_response("O3", _tie("O1"), submitted=True), round_id="R2"))
    assert store.snapshot().reported == (
        ReportedTie("O1", "O2", "R1", AUTUMN),
        ReportedTie("O1", "O2", "R2", SPRING),
        ReportedTie("O1", "O3", "R2", SPRING),
        ReportedTie("O3", "O1", "R2", SPRING),
    )


def test_a_scoped_snapshot_keeps_the_ties_whose_reporter_or_partner_is_in_scope(store: Store) -> None:
    store.apply(_ecosystem())
    store.open_round(_round(invited=("O1", "O2", "O3")))
    store.save_response(_response("O1", _tie("O2"), _tie("O3"), submitted=True))
    store.save_response(_response("O2", _tie("O1"), submitted=True))
    store.save_response(_response("O3", _tie("O4"), submitted=True))
    noord = store.snapshot(Scope(areas=frozenset({"WK990102"})))  # O3 and O4
    assert {o.id for o in noord.organisations} == {"O3", "O4"}
    assert noord.reported == (ReportedTie("O1", "O3", "R1", AUTUMN), ReportedTie("O3", "O4", "R1", AUTUMN))
    centrum = store.snapshot(Scope(areas=frozenset({"WK990101"})))  # O1 and O2
    assert [(t.reporter, t.partner) for t in centrum.reported] == [("O1", "O2"), ("O1", "O3"), ("O2", "O1")]
    assert store.snapshot(Scope(municipality="GM0000")).reported == ()
    assert len(store.snapshot().reported) == 4


def test_apply_never_writes_reported_ties(store: Store) -> None:
    store.apply(_ecosystem())
    tie = ReportedTie("O1", "O2", "R1", AUTUMN)
    assert store.apply(replace(_ecosystem(), reported=(tie,))).total == 0
    assert store.snapshot().reported == ()
    assert store.snapshot() == _ecosystem()


def test_a_reload_and_a_replace_leave_survey_records_alone(store: Store) -> None:
    eco = _ecosystem()
    store.apply(eco)
    store.open_round(_round())
    saved = store.save_response(_response("O1", _tie("O2"), _tie("O3"), submitted=True))
    store.close_round("R1", T3)
    change = ProposedChange("C1", "O1", (("name", "Welzijn Noord"),), by="link", at=T1)
    store.propose_change(change)
    store.decide_pair(PairDecision("O2", "O1", same=False, by="analist", at=T2))
    held = (store.rounds(), store.responses("R1"), store.proposed_changes(), store.pair_decisions())
    reported = store.snapshot().reported
    assert len(reported) == 2

    assert store.apply(eco).total == 0
    store.apply(eco, replace=True)
    assert (store.rounds(), store.responses("R1"), store.proposed_changes(), store.pair_decisions()) == held
    assert store.snapshot().reported == reported

    without_o3 = replace(eco, organisations=tuple(o for o in eco.organisations if o.id != "O3"))
    store.apply(without_o3, replace=True)
    assert store.response_history("R1", "O1") == [saved]  # the answer stays ...
    assert store.snapshot().reported == (ReportedTie("O1", "O2", "R1", AUTUMN),)  # ... O3 is not held
    store.apply(eco)
    assert store.snapshot().reported == reported


def test_clear_removes_every_survey_record(store: Store) -> None:
    store.apply(_ecosystem())
    store.open_round(_round())
    store.save_response(_response("O1", _tie("O2"), submitted=True))
    store.propose_change(ProposedChange("C1", "O1", (("name", "Nieuw"),)))
    store.decide_pair(PairDecision("O1", "O2", same=False))
    store.clear()
    assert store.rounds() == []
    assert store.responses("R1") == []
    assert store.response_history("R1", "O1") == []
    assert store.proposed_changes() == []
    assert store.pair_decisions() == []
    assert store.snapshot() == Ecosystem()
    with pytest.raises(NotFound):
        store.save_response(_response("O1", _tie("O2")))
    store.open_round(_round())  # the ids are free again
    assert store.save_response(_response("O1", _tie("O2"))).version == 1


def test_the_revision_grows_with_every_survey_write_that_changed_something(store: Store) -> None:
    revisions = [store.revision()]

    def changed() -> bool:
        revisions.append(store.revision())
        return revisions[-1] > revisions[-2]

    store.open_round(_round())
    assert changed()
    store.save_response(_response("O1", _tie("O2")))
    assert changed()
    store.save_response(_response("O1", _tie("O2"), at=T2))
    assert not changed()
    store.close_round("R1", T2)
    assert changed()
    store.close_round("R1", T3)
    assert not changed()
    store.propose_change(ProposedChange("C1", "O1", (("name", "Nieuw"),)))
    assert changed()
    store.decide_change("C1", ChangeStatus.REJECTED, "analist", T2)
    assert changed()
    store.decide_pair(PairDecision("O1", "O2", same=False, by="analist", at=T2))
    assert changed()
    store.decide_pair(PairDecision("O2", "O1", same=False, by="analist", at=T2))
    assert not changed()


# -- proposed changes ------------------------------------------------------------------


def _change(change_id: str, organisation: str, at: str, **fields: str) -> ProposedChange:
    return ProposedChange(change_id, organisation, tuple(fields.items()), by="link", at=at)


def test_proposed_changes_come_oldest_first_and_by_status(store: Store) -> None:
    later = _change("C1", "O1", T2, name="Welzijn Noord", areas="WK990101;WK990102")
    earlier = _change("C2", "O2", T1, contact="info@example.org", expertise="schuldhulp;jeugd")
    new_org = _change("C3", "", T3, name="Buurtkeuken")
    for change in (later, earlier, new_org):
        store.propose_change(change)
    assert store.proposed_changes() == [earlier, later, new_org]
    assert store.proposed_changes(ChangeStatus.PENDING) == [earlier, later, new_org]
    assert store.proposed_changes(ChangeStatus.ACCEPTED) == []
    assert store.proposed_changes()[2].organisation == ""


def test_a_taken_change_id_is_refused_and_keeps_the_first(store: Store) -> None:
    first = _change("C1", "O1", T1, name="Eerste")
    store.propose_change(first)
    with pytest.raises(DuplicateKey):
        store.propose_change(_change("C1", "O2", T2, name="Tweede", contact="x@example.org"))
    assert store.proposed_changes() == [first]


def test_deciding_a_change_records_who_when_and_why_once(store: Store) -> None:
    first = _change("C1", "O1", T1, name="Welzijn Noord")
    second = _change("C2", "O2", T2, expertise="jeugd")
    store.propose_change(first)
    store.propose_change(second)
    accepted = store.decide_change("C1", ChangeStatus.ACCEPTED, "analist", T3)
    expected = replace(first, status=ChangeStatus.ACCEPTED, decided_by="analist", decided_at=T3)
    assert accepted == expected
    rejected = store.decide_change("C2", ChangeStatus.REJECTED, "beheer", T3, reason="Geen bron")
    assert rejected.reason == "Geen bron"
    assert rejected.status is ChangeStatus.REJECTED
    assert store.proposed_changes(ChangeStatus.PENDING) == []
    assert store.proposed_changes(ChangeStatus.ACCEPTED) == [expected]
    assert store.proposed_changes(ChangeStatus.REJECTED) == [rejected]

    revision = store.revision()
    with pytest.raises(StaleWrite):
        store.decide_change("C1", ChangeStatus.REJECTED, "iemand", T3, reason="te laat")
    with pytest.raises(NotFound):
        store.decide_change("C9", ChangeStatus.ACCEPTED, "analist", T3)
    with pytest.raises(ValueError, match="pending"):
        store.decide_change("C1", ChangeStatus.PENDING, "analist", T3)
    assert store.proposed_changes() == [expected, rejected]
    assert store.revision() == revision


# -- pair decisions --------------------------------------------------------------------


def test_a_later_pair_decision_replaces_the_earlier_one(store: Store) -> None:
    store.decide_pair(PairDecision("O3", "O1", same=False, by="analist", at=T1))
    store.decide_pair(PairDecision("O2", "O4", same=False, by="analist", at=T1))
    assert store.pair_decisions() == [
        PairDecision("O1", "O3", same=False, by="analist", at=T1),
        PairDecision("O2", "O4", same=False, by="analist", at=T1),
    ]
    store.decide_pair(PairDecision("O1", "O3", same=True, by="beheer", at=T2))
    assert store.pair_decisions() == [
        PairDecision("O1", "O3", same=True, by="beheer", at=T2),
        PairDecision("O2", "O4", same=False, by="analist", at=T1),
    ]


# -- at the same time ------------------------------------------------------------------


def _all_at_once(work: Callable[[int], T]) -> list[T]:
    """Run ``work(n)`` for n in 0..19 in 20 threads released together."""
    start = threading.Barrier(WORKERS)

    def task(n: int) -> T:
        start.wait(timeout=60)
        return work(n)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(task, range(WORKERS)))


def test_twenty_organisations_saving_at_once_lose_none_and_duplicate_none(
    store: Store, same_database: Callable[[], AbstractContextManager[Store]]
) -> None:
    store.apply(_ecosystem(extra=WORKERS))
    store.open_round(_round(invited=tuple(_extra(n) for n in range(WORKERS))))

    def save(n: int) -> Response:
        org, partner = _extra(n), _extra((n + 1) % WORKERS)
        with same_database() as mine:
            mine.save_response(_response(org, _tie(partner), at=T1))
            return mine.save_response(_response(org, _tie(partner), _tie("O1"), submitted=True, at=T2))

    results = _all_at_once(save)
    assert [(r.organisation, r.version, r.submitted) for r in results] == [
        (_extra(n), 2, True) for n in range(WORKERS)
    ]
    assert store.responses("R1") == results
    for n in range(WORKERS):
        assert [r.version for r in store.response_history("R1", _extra(n))] == [1, 2]
    reported = store.snapshot().reported
    assert len(reported) == 2 * WORKERS
    assert len(set(reported)) == 2 * WORKERS


def test_twenty_identical_submissions_at_once_make_one_version(
    store: Store, same_database: Callable[[], AbstractContextManager[Store]]
) -> None:
    store.apply(_ecosystem())
    store.open_round(_round())

    def submit(n: int) -> Response:
        with same_database() as mine:
            return mine.save_response(
                _response("O1", _tie("O2"), _tie("O3"), submitted=True, at=f"2026-12-01T09:00:{n:02d}+00:00")
            )

    results = _all_at_once(submit)
    assert {r.version for r in results} == {1}
    assert len({r.at for r in results}) == 1  # every caller got the one stored version
    assert store.response_history("R1", "O1") == [results[0]]
    assert store.responses("R1") == [results[0]]
