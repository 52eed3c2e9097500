"""Survey records on a real Neo4j: what only a server can show.

The behaviour every store shares is in ``tests/queries/test_survey_contract.py``; here are
the Neo4j matters: twenty partners saving at once through twenty stores, each with its own
driver (as twenty app processes would), queue on the store's lock and lose or duplicate
nothing; the uniqueness constraints stand behind that; the schema can be created again and
again; a load that replaces the ecosystem keeps the answers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError

from graph.model import Area, Ecosystem, Organisation, Scope
from graph.periods import Period
from graph.survey import Response, SurveyRound, TieAnswer, TieStatus
from graph.taxonomy import AreaLevel, Sector
from queries.catalog import Cypher, cypher, statements
from queries.neo4j import Neo4jStore
from queries.neo4j_survey import response_params
from queries.registry import open_store
from tests.conftest import neo4j_options, neo4j_uri

PARTNERS = 20
T = TypeVar("T")
AREAS = (
    Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
    Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
    Area("WK990102", "Noord", AreaLevel.WIJK, "GM9901"),
)


def _organisations(count: int) -> tuple[Organisation, ...]:
    return tuple(
        Organisation(f"ORG{n:04d}", f"Partner {n}", Sector.WELZIJN, "GM9901", areas=("WK990101",))
        for n in range(1, count + 1)
    )


def _ecosystem(*organisations: Organisation) -> Ecosystem:
    return Ecosystem(areas=AREAS, organisations=organisations)


@pytest.fixture
def partners(neo4j: Neo4jStore) -> tuple[str, ...]:
    """Twenty organisations, all invited to round R1."""
    orgs = _organisations(PARTNERS)
    neo4j.apply(_ecosystem(*orgs))
    ids = tuple(o.id for o in orgs)
    neo4j.open_round(
        SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), invited=ids, created_at="t0")
    )
    return ids


@pytest.fixture
def stores() -> Iterator[list[Neo4jStore]]:
    """Twenty stores on the server, each on its own driver."""
    opened: list[Neo4jStore] = []
    try:
        for _ in range(PARTNERS):
            store = open_store(neo4j_uri(), neo4j_options())
            assert isinstance(store, Neo4jStore)
            opened.append(store)
        yield opened
    finally:
        for store in opened:
            store.close()


def _at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run every call in its own thread, released together."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        start.wait(timeout=60)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _save(store: Neo4jStore, response: Response) -> Callable[[], Response]:
    return lambda: store.save_response(response)


def _answer(organisation: str, partner: str, frequency: int) -> Response:
    tie = TieAnswer(partner, TieStatus.CONFIRMED, frequency=frequency, ratings=(("reliable", 3),))
    return Response("R1", organisation, ties=(tie,), submitted=True, by="link", at=f"t{frequency}")


def test_twenty_partners_submitting_at_once_through_twenty_drivers_lose_and_duplicate_nothing(
    neo4j: Neo4jStore, partners: tuple[str, ...], stores: list[Neo4jStore]
) -> None:
    before = neo4j.revision()
    answers = [_answer(org, partners[(n + 1) % PARTNERS], 1 + n % 5) for n, org in enumerate(partners)]
    saved = _at_once([_save(store, answer) for store, answer in zip(stores, answers, strict=True)])
    assert [s.version for s in saved] == [1] * PARTNERS
    held = neo4j.responses("R1")
    assert [r.organisation for r in held] == list(partners)
    assert [replace(r, version=0) for r in held] == answers
    assert all(len(neo4j.response_history("R1", org)) == 1 for org in partners)
    assert neo4j.revision() == before + PARTNERS
    reported = neo4j.snapshot().reported
    assert sorted((t.reporter, t.partner) for t in reported) == sorted(
        (a.organisation, a.ties[0].partner) for a in answers
    )


def test_twenty_saves_of_one_organisation_at_once_get_versions_one_to_twenty(
    neo4j: Neo4jStore, partners: tuple[str, ...], stores: list[Neo4jStore]
) -> None:
    org, partner = partners[0], partners[1]
    # Twenty different answers (frequency 1-5 times rating 1-4), so each is a new version
    # whatever order the server serialises them in.
    drafts = [
        Response(
            "R1",
            org,
            ties=(
                TieAnswer(partner, TieStatus.CONFIRMED, frequency=1 + n % 5, ratings=(("open", 1 + n // 5),)),
            ),
            submitted=n % 2 == 0,
            by=f"user{n}",
            at=f"t{n}",
        )
        for n in range(PARTNERS)
    ]
    assert len({(d.ties, d.submitted) for d in drafts}) == PARTNERS
    saved = _at_once([_save(store, draft) for store, draft in zip(stores, drafts, strict=True)])
    history = neo4j.response_history("R1", org)
    assert [r.version for r in history] == list(range(1, 21))
    assert sorted(s.version for s in saved) == list(range(1, 21))
    # Each stored version is the answer the thread that got that version sent.
    by_version = {s.version: s for s in saved}
    assert all(replace(r, version=0) == replace(by_version[r.version], version=0) for r in history)


def test_the_same_answers_saved_twenty_times_at_once_are_one_version(
    neo4j: Neo4jStore, partners: tuple[str, ...], stores: list[Neo4jStore]
) -> None:
    answer = _answer(partners[0], partners[1], 4)
    before = neo4j.revision()
    saved = _at_once([_save(store, answer) for store in stores])
    assert {s.version for s in saved} == {1}
    assert len(neo4j.response_history("R1", partners[0])) == 1
    assert neo4j.revision() == before + 1


def _server_run(query: Cypher, **params: object) -> None:
    options = neo4j_options()
    with (
        GraphDatabase.driver(neo4j_uri(), auth=(options.user, options.password or "")) as driver,
        driver.session(database=options.database) as session,
    ):
        session.run(cypher(query), params).consume()


def test_a_second_copy_of_a_version_is_refused_by_the_server(
    neo4j: Neo4jStore, partners: tuple[str, ...]
) -> None:
    saved = neo4j.save_response(_answer(partners[0], partners[1], 2))
    with pytest.raises(ConstraintError, match="SurveyResponse"):
        _server_run(Cypher.SAVE_RESPONSE, **response_params(saved, saved.version))
    assert len(neo4j.response_history("R1", partners[0])) == 1


def _constraints() -> list[tuple[str, str]]:
    options = neo4j_options()
    with GraphDatabase.driver(neo4j_uri(), auth=(options.user, options.password or "")) as driver:
        found, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type RETURN name, type ORDER BY name", database_=options.database
        )
    return [(r["name"], r["type"]) for r in found]


def test_creating_the_schema_again_changes_nothing_and_holds_the_survey_constraints(
    neo4j: Neo4jStore,
) -> None:
    first = _constraints()
    neo4j.init_schema()
    with open_store(neo4j_uri(), neo4j_options()) as other:
        other.init_schema()
        other.init_schema()
    assert _constraints() == first
    survey = {
        "survey_round_id",
        "survey_response_version",
        "proposed_change_id",
        "pair_decision_pair",
    }
    assert survey <= {name for name, _ in first}
    assert {kind for name, kind in first if name in survey} == {"UNIQUENESS"}
    assert len([s for s in statements(cypher(Cypher.SCHEMA)) if "CONSTRAINT" in s]) == len(first)


def test_a_replacing_load_keeps_the_answers_and_a_scope_keeps_ties_with_one_end_in_it(
    neo4j: Neo4jStore, partners: tuple[str, ...]
) -> None:
    neo4j.save_response(_answer(partners[0], partners[1], 3))
    orgs = {o.id: o for o in _organisations(PARTNERS)}
    moved = replace(orgs[partners[1]], areas=("WK990102",))
    neo4j.apply(_ecosystem(*(o for k, o in orgs.items() if k != moved.id), moved), replace=True)
    assert neo4j.response_history("R1", partners[0])[0].version == 1

    def reported(*areas: str) -> list[tuple[str, str]]:
        return [(t.reporter, t.partner) for t in neo4j.snapshot(Scope(areas=frozenset(areas))).reported]

    tie = [(partners[0], partners[1])]
    assert reported("WK990101") == reported("WK990102") == reported() == tie
    # Removing the partner from the store takes the tie out of the layer, not out of the answers.
    neo4j.apply(_ecosystem(*(o for k, o in orgs.items() if k != partners[1])), replace=True)
    assert reported() == []
    assert neo4j.responses("R1")[0].ties[0].partner == partners[1]
