"""``Neo4jStore``'s transactions, batching, retries and error mapping, on a driver double.

No Neo4j server runs in CI, so these tests check what the store sends (the exact query
files and parameters), how it groups them into transactions, what it makes of a
server's answers, and which of the project's errors it raises. The contract suite
(test_store_contract.py) runs the same store against a real Neo4j when NEO4J_URI is set.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any, cast

import pytest
from hypothesis import given, settings
from neo4j import READ_ACCESS, WRITE_ACCESS, Driver
from neo4j.exceptions import ServiceUnavailable

from graph.errors import ConfigError, DuplicateKey, QueryFailed, StaleWrite, StoreError, StoreUnavailable
from graph.model import Counts, Ecosystem, Employment, Professional, Scope
from graph.periods import Period, PeriodRange
from loaders.templates import template_ecosystem
from queries import neo4j_rows as rows
from queries.base import KnownIds, LoadRecord
from queries.catalog import Cypher
from queries.neo4j import Neo4jStore, connect
from queries.registry import StoreOptions, open_store
from tests.queries.neo4j_double import Failure, RecordingDriver, server_error
from tests.strategies import ecosystems

DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
CONSTRAINT = "Neo.ClientError.Schema.ConstraintValidationFailed"
SYNTAX = "Neo.ClientError.Statement.SyntaxError"
NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"
READS = [
    Cypher.READ_ORGANISATIONS,
    Cypher.READ_PROFESSIONALS,
    Cypher.READ_AREAS,
    Cypher.READ_AGREEMENTS,
    Cypher.READ_FLOWS,
]


def _store(driver: RecordingDriver, **kwargs: Any) -> Neo4jStore:
    return Neo4jStore(cast(Driver, driver), database="ketenkaart", **kwargs)


def _data_transactions(driver: RecordingDriver) -> list[Any]:
    return [t for t in driver.transactions if Cypher.SCHEMA not in t.queries]


# -- loads: one transaction, batched writes, no writes for what is already held -----------


def test_a_load_is_one_write_transaction_after_the_schema() -> None:
    driver = RecordingDriver()
    result = _store(driver).apply(template_ecosystem())
    schema = [t for t in driver.transactions if Cypher.SCHEMA in t.queries]
    assert len(schema) == 12  # one transaction per constraint or index
    assert all(t.mode == "WRITE" and t.queries == [Cypher.SCHEMA] for t in schema)
    (load,) = _data_transactions(driver)
    assert load.mode == "WRITE"
    assert load.outcome == "committed"
    assert load.queries[0] is Cypher.LOCK_STORE
    assert load.queries[1:6] == READS
    assert load.queries[-1] is Cypher.BUMP_REVISION
    assert result.changes == {
        "areas": 2,
        "organisations": 2,
        "organisation_areas": 2,
        "professionals": 1,
        "employments": 2,
        "agreements": 1,
        "agreement_parties": 2,
        "agreement_members": 1,
        "agreement_areas": 1,
        "flows": 1,
    }


def test_rows_sent_carry_every_field_as_a_parameter() -> None:
    driver = RecordingDriver()
    _store(driver).apply(template_ecosystem())
    (orgs,) = driver.sent(Cypher.UPSERT_ORGANISATIONS)
    assert orgs["rows"][0] == {
        "id": "ORG0001",
        "name": "Stichting Welzijn Ketendam",
        "name_folded": "stichting welzijn ketendam",
        "sector": "welzijn",
        "municipality": "GM9901",
        "kvk": "12345678",
        "capacity": 40,
        "parent_id": None,
        "description": "Welzijnswerk voor alle wijken",
        "expertise": ["buurtwerk", "vroegsignalering"],
    }
    (areas,) = driver.sent(Cypher.UPSERT_AREAS)
    assert areas["rows"][1]["indicator_names"] == ["a_inw", "p_hh_li"]
    assert areas["rows"][0]["indicator_values"] is None  # no property rather than an empty list
    assert driver.sent(Cypher.LINK_AREA_PARENTS) == [{"rows": [{"code": "WK990101", "parent": "GM9901"}]}]
    assert driver.sent(Cypher.WRITE_EMPLOYMENTS)[0]["rows"] == [
        {"professional_id": "PRO00001", "organisation_id": "ORG0001", "fte": 0.4},
        {"professional_id": "PRO00001", "organisation_id": "ORG0002", "fte": 0.6},
    ]
    assert driver.sent(Cypher.UPSERT_AGREEMENTS)[0]["rows"][0]["start_date"] == date(2025, 1, 1)
    assert driver.sent(Cypher.WRITE_ORGANISATION_FLOWS)[0]["rows"] == [
        {
            "source_id": "ORG0001",
            "target_id": "ORG0002",
            "period": "2025-01",
            "domain": "schulden",
            "first_month": 2025 * 12,
            "last_month": 2025 * 12,
            "count": 12,
        }
    ]
    assert driver.sent(Cypher.WRITE_PROFESSIONAL_FLOWS) == []


SQUARE = '{"type":"Polygon","coordinates":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}'


def test_indicators_boundaries_and_expertise_travel_as_list_and_text_properties() -> None:
    eco = template_ecosystem()
    wijk = replace(eco.areas[1], indicators=(("p_hh_li", 12.5), ("a_inw", 5200)), boundary=SQUARE)
    org = replace(eco.organisations[0], expertise=("schuldhulp", "buurtwerk"))
    batch = replace(eco, areas=(eco.areas[0], wijk), organisations=(org, eco.organisations[1]))
    driver = RecordingDriver()
    _store(driver).apply(batch)
    (areas,) = driver.sent(Cypher.UPSERT_AREAS)
    assert areas["rows"][1] == {
        "code": "WK990101",
        "name": "Centrum",
        "name_folded": "centrum",
        "level": "wijk",
        "indicator_names": ["a_inw", "p_hh_li"],
        "indicator_values": [5200.0, 12.5],
        "boundary": SQUARE,
    }
    assert areas["rows"][0]["indicator_names"] is None  # no property rather than an empty list
    assert areas["rows"][0]["boundary"] is None
    (orgs,) = driver.sent(Cypher.UPSERT_ORGANISATIONS)
    assert orgs["rows"][0]["expertise"] == ["buurtwerk", "schuldhulp"]
    held = RecordingDriver(held=batch)
    assert _store(held).snapshot() == batch
    assert _store(held).apply(batch).changes == {}


@settings(max_examples=40, deadline=None)
@given(eco=ecosystems())
def test_what_is_written_reads_back_as_the_same_record(eco: Ecosystem) -> None:
    """The properties an upsert sets, returned under the same names, give the record back."""
    for a in eco.areas:
        assert rows.area({**rows.area_row(a), "parent": a.parent}) == a
    read_order = ("id", "name", "sector", "municipality", "kvk", "capacity", "parent_id", "description")
    for o in eco.organisations:
        written = rows.organisation_row(o)
        read = [*(written[key] for key in read_order), written["expertise"], list(o.areas)]
        assert rows.organisation(read) == o


def test_writes_go_in_unwind_batches_of_the_configured_size(demo: Ecosystem) -> None:
    driver = RecordingDriver()
    _store(driver, batch_size=250).apply(demo)
    batches = driver.sent(Cypher.UPSERT_ORGANISATIONS)
    assert [len(b["rows"]) for b in batches[:-1]] == [250] * (len(batches) - 1)
    assert 0 < len(batches[-1]["rows"]) <= 250
    assert sum(len(b["rows"]) for b in batches) == len(demo.organisations)
    flows = driver.sent(Cypher.WRITE_ORGANISATION_FLOWS) + driver.sent(Cypher.WRITE_PROFESSIONAL_FLOWS)
    assert sum(len(b["rows"]) for b in flows) == len(demo.flows)
    assert len(_data_transactions(driver)) == 1


def test_reloading_what_the_server_holds_writes_nothing(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    result = _store(driver).apply(demo)
    assert result.changes == {}
    (load,) = _data_transactions(driver)
    assert load.queries == [Cypher.LOCK_STORE, *READS]


def test_a_change_sends_only_that_change() -> None:
    eco = template_ecosystem()
    driver = RecordingDriver(held=eco)
    pro = eco.professionals[0]
    jobs = (Employment("ORG0001", 0.5), Employment("ORG0002", 0.6))
    result = _store(driver).apply(Ecosystem(professionals=(replace(pro, employments=jobs),)))
    assert result.changes == {"employments": 1}
    (load,) = _data_transactions(driver)
    assert load.queries == [Cypher.LOCK_STORE, *READS, Cypher.WRITE_EMPLOYMENTS, Cypher.BUMP_REVISION]
    assert driver.sent(Cypher.WRITE_EMPLOYMENTS) == [
        {"rows": [{"professional_id": "PRO00001", "organisation_id": "ORG0001", "fte": 0.5}]}
    ]


def test_a_stale_revision_is_refused_under_the_lock_before_anything_is_sent(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    driver.revision = 7
    with pytest.raises(StaleWrite, match="revision 6, now 7"):
        _store(driver).apply(template_ecosystem(), replace=True, expected_revision=6)
    (load,) = [t for t in driver.transactions if Cypher.LOCK_STORE in t.queries]
    assert load.queries == [Cypher.LOCK_STORE]
    assert load.outcome == "rolled back"
    _store(driver).apply(template_ecosystem(), replace=True, expected_revision=7)
    assert driver.committed()[-1].queries[0] is Cypher.LOCK_STORE


def test_replace_clears_inside_the_same_transaction(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    small = template_ecosystem()
    result = _store(driver).apply(small, replace=True)
    (load,) = _data_transactions(driver)
    assert load.queries.index(Cypher.LOCK_STORE) < load.queries.index(Cypher.CLEAR)
    assert load.queries.index(Cypher.CLEAR) < load.queries.index(Cypher.UPSERT_AREAS)
    assert Cypher.CLEAR_LOADS not in load.queries  # a replace keeps the load log
    assert result.changes["organisations"] == len(small.organisations)
    assert result.changes["removed"] > len(demo.flows)


def test_the_load_log_is_sent_with_the_load() -> None:
    eco = template_ecosystem()
    record = LoadRecord(
        "abc123", "2025-01-01T00:00:00+00:00", "/data/in", ("organisations.csv",), eco.counts()
    )
    driver = RecordingDriver(held=eco)
    _store(driver).apply(eco, record=record)
    assert driver.sent(Cypher.RECORD_LOAD) == [
        {
            "fingerprint": "abc123",
            "loaded_at": "2025-01-01T00:00:00+00:00",
            "source": "/data/in",
            "files": ["organisations.csv"],
            "counts": json.dumps(eco.counts().as_dict()),
        }
    ]
    assert _data_transactions(driver)[0].queries[-1] is Cypher.RECORD_LOAD


def test_a_dangling_reference_is_refused_before_anything_is_written(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    orphan = Professional("PRO99999", "Nobody", employments=(Employment("ORG-MISSING", 1.0),))
    with pytest.raises(QueryFailed, match="ORG-MISSING"):
        _store(driver).apply(Ecosystem(professionals=(orphan,)))
    (load,) = _data_transactions(driver)
    assert load.outcome == "rolled back"
    assert load.queries == [Cypher.LOCK_STORE, *READS]


def test_a_short_write_rolls_the_load_back() -> None:
    driver = RecordingDriver()
    driver.answers[Cypher.ADD_ORGANISATION_AREAS] = [{"written": 1}]  # the server matched one of two
    with pytest.raises(QueryFailed, match="add_organisation_areas: wrote 1 of 2 rows"):
        _store(driver).apply(template_ecosystem())
    assert [t.outcome for t in _data_transactions(driver)] == ["rolled back"]


# -- retries and error mapping -------------------------------------------------------------


def test_a_transient_failure_reruns_the_whole_load_with_the_same_queries() -> None:
    clean = RecordingDriver()
    expected = _store(clean).apply(template_ecosystem())
    driver = RecordingDriver()
    driver.failures.append(Failure(Cypher.UPSERT_PROFESSIONALS, server_error(DEADLOCK)))
    result = _store(driver).apply(template_ecosystem())
    assert result == expected  # nothing counted twice
    first, second = _data_transactions(driver)
    assert (first.outcome, second.outcome) == ("rolled back", "committed")
    assert second.sent == _data_transactions(clean)[0].sent
    assert first.queries == second.queries[: len(first.queries)]


def test_a_failure_that_outlasts_the_retries_is_store_unavailable() -> None:
    driver = RecordingDriver(attempts=3)
    driver.failures.append(Failure(Cypher.READ_REVISION, server_error(DEADLOCK), times=99))
    with pytest.raises(StoreUnavailable, match="stayed busy"):
        _store(driver).revision()
    assert [t.outcome for t in driver.transactions] == ["rolled back"] * 3


@pytest.mark.parametrize(
    ("error", "expected", "text"),
    [
        (server_error(CONSTRAINT), DuplicateKey, "ConstraintValidationFailed"),
        (server_error(SYNTAX), QueryFailed, "counts: "),
        (server_error(NO_DATABASE), ConfigError, "KETENKAART_NEO4J_DATABASE"),
        (ServiceUnavailable("connection refused"), StoreUnavailable, "cannot reach Neo4j"),
    ],
    ids=["constraint", "syntax", "no-database", "unreachable"],
)
def test_driver_errors_become_the_projects_errors(
    error: Exception, expected: type[Exception], text: str
) -> None:
    driver = RecordingDriver(attempts=1)
    driver.failures.append(Failure(Cypher.COUNTS, error))
    with pytest.raises(expected, match=text) as caught:
        _store(driver).counts()
    assert caught.value.__cause__ is error
    assert isinstance(caught.value, StoreError | ConfigError)


def test_a_failed_query_is_named_in_the_error() -> None:
    driver = RecordingDriver(attempts=1)
    driver.failures.append(Failure(Cypher.UPSERT_AGREEMENTS, server_error(SYNTAX)))
    with pytest.raises(QueryFailed) as caught:
        _store(driver).apply(template_ecosystem())
    assert caught.value.query == "upsert_agreements"


def test_an_unreachable_server_is_store_unavailable_at_connect() -> None:
    with pytest.raises(StoreUnavailable, match=r"bolt://127\.0\.0\.1:9"):
        connect("bolt://127.0.0.1:9", password="not-used")


def test_a_malformed_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cannot use Neo4j URL"):
        open_store("neo4j://host:port-is-not-a-number", StoreOptions(password="x"))


# -- reads: a few streamed queries, read routing, scope as parameters -----------------------


def test_a_snapshot_is_six_queries_in_one_read_transaction_whatever_the_size(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    assert _store(driver).snapshot() == demo
    (read,) = driver.transactions
    assert read.mode == "READ"
    assert read.queries[0] == read.queries[-1] == Cypher.READ_REVISION  # the same revision throughout
    assert sorted(read.queries[1:-1]) == sorted([*READS, Cypher.READ_REPORTED])
    assert {"default_access_mode": READ_ACCESS, "database": "ketenkaart"}.items() <= driver.sessions[
        0
    ].items()
    assert driver.sessions[0]["bookmark_manager"] is driver.execute_query_bookmark_manager


def test_a_scope_travels_as_parameters() -> None:
    eco = template_ecosystem()
    driver = RecordingDriver(held=eco)
    months = PeriodRange(Period.parse("2025-01"), Period.parse("2025-03"))
    _store(driver).snapshot(Scope(municipality="GM9901", areas=frozenset({"WK990101"}), periods=months))
    assert driver.sent(Cypher.READ_ORGANISATIONS) == [{"municipality": "GM9901", "areas": ["WK990101"]}]
    assert driver.sent(Cypher.READ_PROFESSIONALS) == [{"organisation_ids": ["ORG0001", "ORG0002"]}]
    ids = {"organisation_ids": ["ORG0001", "ORG0002"], "professional_ids": ["PRO00001"]}
    assert driver.sent(Cypher.READ_AGREEMENTS) == [ids]
    assert driver.sent(Cypher.READ_FLOWS) == [{**ids, "first_month": 2025 * 12, "last_month": 2025 * 12 + 2}]


def test_planning_a_load_reads_everything_unscoped() -> None:
    driver = RecordingDriver()
    _store(driver).apply(Ecosystem())
    assert driver.sent(Cypher.READ_ORGANISATIONS) == [{"municipality": None, "areas": []}]
    assert driver.sent(Cypher.READ_FLOWS) == [
        {"organisation_ids": None, "professional_ids": None, "first_month": None, "last_month": None}
    ]


def test_writes_use_write_sessions() -> None:
    driver = RecordingDriver()
    _store(driver).clear()
    assert driver.sessions[-1]["default_access_mode"] == WRITE_ACCESS
    assert driver.transactions[-1].queries == [
        Cypher.LOCK_STORE,
        Cypher.CLEAR,
        Cypher.CLEAR_LOADS,
        Cypher.CLEAR_SURVEY,
        Cypher.BUMP_REVISION,
    ]


def test_small_reads_turn_server_rows_into_records() -> None:
    driver = RecordingDriver()
    driver.answers[Cypher.COUNTS] = [dict.fromkeys(Counts().as_dict(), 3)]
    driver.answers[Cypher.KNOWN_IDS] = [
        {"kind": "area", "id": "GM9901"},
        {"kind": "organisation", "id": "O1"},
    ]
    driver.answers[Cypher.SEARCH] = [
        {"kind": "area", "id": "GM9901", "name": "Ketendam", "detail": "gemeente"}
    ]
    driver.answers[Cypher.READ_REVISION] = [{"revision": 7}]
    store = _store(driver)
    assert store.counts() == Counts(3, 3, 3, 3, 3, 3, 3, 3)
    assert store.known_ids() == KnownIds(areas=frozenset({"GM9901"}), organisations=frozenset({"O1"}))
    assert [h.id for h in store.search("  KETEN  ")] == ["GM9901"]
    assert driver.sent(Cypher.SEARCH) == [{"text": "keten", "limit": 20}]
    assert store.search("  ") == []
    assert store.revision() == 7


def test_close_closes_only_a_driver_the_store_owns() -> None:
    lent, owned = RecordingDriver(), RecordingDriver()
    _store(lent).close()
    with _store(owned, owns_driver=True):
        pass
    assert (lent.closed, owned.closed) == (False, True)


def test_a_batch_size_below_one_is_refused() -> None:
    with pytest.raises(ConfigError, match="batch size"):
        _store(RecordingDriver(), batch_size=0)


# -- what a real server showed (tests/neo4j/ has each on the server too) ----------------------

OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


@pytest.mark.parametrize(("version", "refused"), [("5.22.0", True), ("4.4.30", True), ("5.23.0", False)])
def test_a_server_older_than_5_23_is_refused(version: str, refused: bool) -> None:
    driver = RecordingDriver()
    driver.version = version
    store = _store(driver)
    if refused:
        with pytest.raises(ConfigError, match=rf"version {version}; Ketenkaart needs Neo4j 5\.23 or newer"):
            store.check_server()
    else:
        assert store.check_server() == version


def test_connect_checks_the_server_version(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = RecordingDriver()
    driver.version = "5.20.0"
    monkeypatch.setattr(driver, "verify_connectivity", lambda: None, raising=False)
    monkeypatch.setattr("queries.neo4j.GraphDatabase.driver", lambda *args, **kwargs: driver)
    with pytest.raises(ConfigError, match=r"5\.20\.0"):
        connect("bolt://db.example:7687", password="not-used")
    assert driver.closed


def test_running_out_of_transaction_memory_is_not_retried_and_says_what_to_change() -> None:
    driver = RecordingDriver(attempts=5)
    driver.failures.append(Failure(Cypher.WRITE_ORGANISATION_FLOWS, server_error(OUT_OF_MEMORY), times=5))
    with pytest.raises(QueryFailed) as raised:
        _store(driver).apply(template_ecosystem())
    assert len(_data_transactions(driver)) == 1  # no second attempt
    message = str(raised.value)
    assert "The load is one transaction" in message
    assert "db.memory.transaction.max" in message
    assert "write_organisation_flows" in message


def test_a_snapshot_that_saw_a_write_commit_is_read_again(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    revisions = iter([1, 2, 2, 2])
    driver.answers[Cypher.READ_REVISION] = lambda params: [{"revision": next(revisions)}]
    assert _store(driver).snapshot() == demo
    assert [t.queries.count(Cypher.READ_REVISION) for t in driver.transactions] == [2, 2]


def test_a_snapshot_that_keeps_moving_is_read_under_the_lock(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    revisions = iter(range(100))
    driver.answers[Cypher.READ_REVISION] = lambda params: [{"revision": next(revisions)}]
    assert _store(driver).snapshot() == demo
    *optimistic, locked = driver.transactions
    assert [t.mode for t in optimistic] == ["READ"] * 3
    assert locked.mode == "WRITE"
    assert locked.queries[0] == Cypher.LOCK_STORE


def test_clear_creates_the_schema_before_it_takes_the_lock() -> None:
    driver = RecordingDriver()
    _store(driver).clear()
    sent = [q for t in driver.transactions for q in t.queries]
    assert sent.index(Cypher.SCHEMA) < sent.index(Cypher.LOCK_STORE)


def test_area_outlines_are_batched_by_size_not_only_by_rows() -> None:
    eco = template_ecosystem()
    outline = json.dumps({"type": "Polygon", "coordinates": [[[5.0 + i / 1e6, 52.0] for i in range(60_000)]]})
    areas = tuple(replace(a, boundary=outline) for a in eco.areas) * 1
    wide = [replace(areas[1], code=f"WK99{n:04d}", parent="GM9901") for n in range(10)]
    driver = RecordingDriver()
    _store(driver, batch_size=1000).apply(replace(eco, areas=(*areas, *wide)))
    batches = driver.sent(Cypher.UPSERT_AREAS)
    assert sum(len(b["rows"]) for b in batches) == 12
    assert len(batches) > 1
    assert all(sum(len(r["boundary"] or "") for r in b["rows"]) <= 4 * 1024 * 1024 for b in batches)


def test_a_negative_search_limit_means_no_limit() -> None:
    driver = RecordingDriver()
    _store(driver).search("keten", limit=-1)
    (params,) = driver.sent(Cypher.SEARCH)
    assert params["limit"] == 2**63 - 1


def test_a_routing_url_that_fails_where_bolt_works_names_the_advertised_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialled: list[str] = []

    class Probe:
        def __init__(self, url: str) -> None:
            self.url = url

        def verify_connectivity(self) -> None:
            if self.url.startswith("neo4j://"):
                raise ServiceUnavailable("Unable to retrieve routing information")

        def close(self) -> None:
            pass

        def __enter__(self) -> Probe:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def driver(url: str, **kwargs: Any) -> Probe:
        dialled.append(url)
        return Probe(url)

    monkeypatch.setattr("queries.neo4j.GraphDatabase.driver", driver)
    with pytest.raises(StoreUnavailable, match=r"server\.bolt\.advertised_address") as raised:
        connect("neo4j://db.example:7687", password="not-used")
    assert dialled == ["neo4j://db.example:7687", "bolt://db.example:7687"]
    assert "bolt://db.example:7687" in str(raised.value)


def test_the_driver_asks_the_server_for_no_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    driver = RecordingDriver()
    monkeypatch.setattr(driver, "verify_connectivity", lambda: None, raising=False)

    def make(url: str, **kwargs: Any) -> RecordingDriver:
        seen.update(kwargs)
        return driver

    monkeypatch.setattr("queries.neo4j.GraphDatabase.driver", make)
    connect("bolt://db.example:7687", password="not-used").close()
    assert seen["notifications_min_severity"] == "OFF"


def test_rows_sent_in_chunks_are_read_as_rows(demo: Ecosystem) -> None:
    driver = RecordingDriver(held=demo)
    for name in READS:
        if name is Cypher.READ_AREAS:  # a small read: one record per area
            continue
        records = driver.answers[name]
        assert isinstance(records, list)
        rows_of = [row for record in records for row in record["chunk"]]
        chunks = [{"chunk": rows_of[i : i + 100]} for i in range(0, len(rows_of), 100)]
        driver.answers[name] = chunks
        assert len(chunks) > 1 or len(rows_of) <= 100
    assert len(demo.organisations) > 100  # so at least one read comes in several chunks
    assert _store(driver).snapshot() == demo
