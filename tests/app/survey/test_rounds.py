"""Opening, closing and following a round: who is invited, its id, where it stands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from app.survey.answers import save
from app.survey.rounds import close, get_round, open_round, round_id, round_status
from graph.errors import ConfigError, NotFound
from graph.periods import Period
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import CLOSES, NOW, TODAY, mini_ecosystem


@pytest.fixture
def store() -> Iterator[SqliteStore]:
    """The small municipality, no round open yet."""
    opened = SqliteStore()
    opened.init_schema()
    opened.apply(mini_ecosystem())
    yield opened
    opened.close()


def _open(store: SqliteStore, name: str = "Najaar 2026", **options: object) -> tuple[str, tuple[str, ...]]:
    opened = open_round(store, name, CLOSES, today=TODAY, now=NOW, by="ana", **options)  # type: ignore[arg-type]
    assert get_round(store, opened.id) == opened
    return opened.id, opened.invited


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Najaar 2026", set(), "najaar-2026"),
        ("  Ronde één: Zuid & Oost! ", set(), "ronde-een-zuid-oost"),
        ("Najaar 2026", {"najaar-2026", "najaar-2026-2"}, "najaar-2026-3"),
        ("•••", set(), "ronde"),
        ("x" * 100, set(), "x" * 40),
    ],
)
def test_round_ids_are_short_and_readable(name: str, taken: set[str], expected: str) -> None:
    assert round_id(name, taken) == expected


def test_a_round_invites_everyone_by_default(store: SqliteStore) -> None:
    found = open_round(store, " Najaar   2026 ", CLOSES, today=TODAY, now=NOW, by="ana")
    assert (found.id, found.name, found.invited) == ("najaar-2026", "Najaar 2026", ("A", "B", "C", "D", "E"))
    assert (found.period, found.created_by, found.created_at, found.closed_at) == (
        Period.parse("2026-Q4"),
        "ana",
        NOW,
        None,
    )
    assert _open(store)[0] == "najaar-2026-2"  # the same name again gets its own id


def test_a_round_invites_by_sector_by_wijk_or_both(store: SqliteStore) -> None:
    assert _open(store, sectors=[Sector.ZORG, Sector.JEUGD])[1] == ("A", "D")
    assert _open(store, wijken=["WK990102"])[1] == ("C", "D", "E")  # D serves a buurt of it
    assert _open(store, sectors=[Sector.JEUGD, Sector.WONEN], wijken=["WK990101"])[1] == ("B",)
    spring, everyone = _open(store, period=Period.parse("2027-Q1"))
    assert everyone == ("A", "B", "C", "D", "E")
    assert get_round(store, spring).period == Period.parse("2027-Q1")


@pytest.mark.parametrize(
    ("name", "closes", "options", "words"),
    [
        ("", CLOSES, {}, "needs a name"),
        ("x" * 81, CLOSES, {}, "needs a name"),
        ("Najaar", TODAY - timedelta(days=1), {}, "has passed"),
        ("Najaar", CLOSES, {"wijken": ["WK999999"]}, "no wijk WK999999"),
        ("Najaar", CLOSES, {"wijken": ["BU99010201"]}, "no wijk BU99010201"),
        ("Najaar", CLOSES, {"sectors": [Sector.ONDERWIJS]}, "nobody to invite"),
    ],
)
def test_a_round_that_cannot_work_is_refused_and_not_stored(
    store: SqliteStore, name: str, closes: object, options: dict[str, object], words: str
) -> None:
    with pytest.raises(ConfigError, match=words):
        open_round(store, name, closes, today=TODAY, now=NOW, by="ana", **options)  # type: ignore[arg-type]
    assert store.rounds() == []


def test_status_counts_invited_responses_submissions_and_drafts(store: SqliteStore) -> None:
    found, _ = _open(store)
    tie = [{"partner": "B", "status": "confirmed"}]
    save(store, found, "A", tie, [], submitted=True, by="link", now=NOW, today=TODAY)
    save(store, found, "C", tie, [], submitted=False, by="link", now=NOW, today=TODAY)
    status = round_status(store, found, today=TODAY)
    assert (status.invited, status.responded, status.submitted, status.drafts) == (5, 2, 1, 1)
    assert status.waiting == ("B", "D", "E")
    assert status.open
    data = status.to_data()
    assert {k: data[k] for k in ("round", "closes", "closed", "invited", "responded", "submitted")} == {
        "round": "najaar-2026",
        "closes": "2026-12-20",
        "closed": False,
        "invited": 5,
        "responded": 2,
        "submitted": 1,
    }
    assert data["response_rate"] == 0.2
    assert round_status(store, found, today=CLOSES + timedelta(days=1)).to_data()["closed"] is True


def test_closing_keeps_the_first_time_and_shows_in_the_status(store: SqliteStore) -> None:
    found, _ = _open(store)
    first = close(store, found, now=NOW)
    again = close(store, found, now="2026-12-07T10:00:00+00:00")
    assert first.closed_at == again.closed_at == NOW
    data = round_status(store, found, today=TODAY).to_data()
    assert (data["closed"], data["closed_at"]) == (True, NOW)


def test_an_unknown_round_is_not_found_and_the_message_names_the_rounds(store: SqliteStore) -> None:
    with pytest.raises(NotFound, match="none yet"):
        get_round(store, "najaar")
    _open(store)
    with pytest.raises(NotFound, match="rounds: najaar-2026"):
        get_round(store, "najaar")
    with pytest.raises(NotFound, match="rounds: najaar-2026"):
        close(store, "najaar", now=NOW)
