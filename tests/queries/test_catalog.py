"""The query catalogs: every enum member has a file, every file a member and a caller.

For Cypher, the parameters each file names are compared with what ``Neo4jStore`` sends
(recorded by the driver double while every public operation runs).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from neo4j import Driver
from neo4j.time import Date

import queries
from graph.model import Ecosystem, Employment, ReferralFlow, Scope
from graph.periods import Period
from graph.survey import (
    ChangeStatus,
    Interest,
    PairDecision,
    ProposedChange,
    Response,
    SuggestionAnswer,
    SurveyRound,
    TieAnswer,
    TieStatus,
)
from graph.taxonomy import ActorKind
from loaders.templates import template_ecosystem
from queries.base import LoadRecord
from queries.catalog import Cypher, Label, Rel, Sql, cypher, cypher_files, sql, sql_files
from queries.neo4j import Neo4jStore
from tests.queries.neo4j_double import RecordingDriver

SOURCE = Path(queries.__file__).parent


def test_every_member_has_a_file_and_every_file_a_member() -> None:
    assert {member.value for member in Sql} == sql_files()


@pytest.mark.parametrize("member", list(Sql), ids=lambda m: m.value)
def test_every_file_starts_with_a_header_naming_itself(member: Sql) -> None:
    first = sql(member).splitlines()[0]
    assert first.startswith(f"-- {member.value}: ")
    assert "Parameters" in sql(member)


def test_every_member_is_used_by_store_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.glob("*.py") if p.name != "catalog.py")
    unused = [m.name for m in Sql if f"Sql.{m.name}" not in code]
    assert unused == []


def test_named_parameters_match_what_the_store_passes() -> None:
    store_code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.glob("sqlite*.py"))
    for member in Sql:
        names = set(re.findall(r"(?<!:):([a-z_]+)\b", sql(member)))
        for name in names:
            assert f'"{name}"' in store_code, f"{member.value} uses :{name}, which sqlite*.py never passes"


# -- Cypher -------------------------------------------------------------------------------

STORE_CODE = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.glob("*.py") if p.name != "catalog.py")


def test_every_cypher_member_has_a_file_and_every_file_a_member() -> None:
    assert {member.value for member in Cypher} == cypher_files()


@pytest.mark.parametrize("member", list(Cypher), ids=lambda m: m.value)
def test_every_cypher_file_starts_with_a_header_naming_itself(member: Cypher) -> None:
    lines = cypher(member).splitlines()
    assert lines[0].startswith(f"// {member.value}: ")
    header = "\n".join(line for line in lines if line.startswith("//"))
    assert "Parameters" in header
    assert "Returns" in header


def test_every_cypher_member_is_used_by_store_code() -> None:
    assert [m.name for m in Cypher if f"Cypher.{m.name}" not in STORE_CODE] == []


def _exercise_every_operation() -> RecordingDriver:
    """Run every public operation of a Neo4jStore on the double, with changes of every kind."""
    eco = template_ecosystem()
    by_pro = ReferralFlow(ActorKind.PROFESSIONAL, "PRO00001", "ORG0002", Period.parse("2025-Q1"), "", 3)
    held = replace(eco, flows=(*eco.flows, by_pro))
    driver = RecordingDriver(held=held)
    store = Neo4jStore(cast(Driver, driver))
    org, pro, agreement = eco.organisations[0], eco.professionals[0], eco.agreements[0]
    changed = Ecosystem(
        areas=(replace(eco.areas[1], name="Centrum-Oost"),),
        organisations=(replace(org, areas=()),),
        professionals=(replace(pro, employments=(Employment("ORG0002", 0.6),)),),
        agreements=(replace(agreement, parties=("ORG0001",), members=(), areas=()),),
        flows=(replace(eco.flows[0], count=13), replace(by_pro, count=4)),
    )
    record = LoadRecord("f1", "2025-01-01T00:00:00+00:00", "in", ("a.csv",), eco.counts())
    store.apply(changed, record=record)
    store.apply(eco, replace=True)
    store.snapshot(Scope(municipality="GM9901"))
    store.search("keten")
    store.counts()
    store.known_ids()
    store.loads()
    store.revision()
    store.check_server()
    _exercise_the_survey(driver, store)
    store.clear()
    return driver


def _exercise_the_survey(driver: RecordingDriver, store: Neo4jStore) -> None:
    """Every survey operation, with the double answering as a server holding one round."""
    held_round = {
        "id": "R1",
        "name": "Najaar",
        "period": "2026-Q4",
        "closes": Date(2026, 12, 20),
        "invited": ["ORG0001"],
        "created_by": "ana",
        "created_at": "2026-12-01T09:00:00+00:00",
        "closed_at": None,
    }
    pending = {
        "id": "C1",
        "organisation": "ORG0001",
        "field_names": ["name"],
        "field_values": ["Buurtteam"],
        "by": "link",
        "at": "t",
        "status": "pending",
        "decided_by": None,
        "decided_at": None,
        "reason": None,
    }
    driver.answers |= {
        Cypher.OPEN_ROUND: [{"id": "R1"}],
        Cypher.READ_ROUNDS: [held_round],
        Cypher.CLOSE_ROUND: [{"id": "R1"}],
        Cypher.SAVE_RESPONSE: [{"version": 1}],
        Cypher.PROPOSE_CHANGE: [{"id": "C1"}],
        Cypher.READ_PROPOSED_CHANGES: [pending],
        Cypher.DECIDE_CHANGE: [{"id": "C1"}],
        Cypher.DECIDE_PAIR: [{"changed": True}],
    }
    rated = TieAnswer("ORG0002", TieStatus.CONFIRMED, frequency=3, ratings=(("open", 4),))
    suggestion = SuggestionAnswer("ORG0002", Interest.INTERESTED)
    period = Period.parse("2026-Q4")
    store.open_round(SurveyRound("R1", "Najaar", period, date(2026, 12, 20), invited=("ORG0001",)))
    store.save_response(Response("R1", "ORG0001", ties=(rated,), suggestions=(suggestion,), submitted=True))
    store.responses("R1")
    store.response_history("R1", "ORG0001")
    store.close_round("R1", "2026-12-21T00:00:00+00:00")
    store.rounds()
    store.propose_change(ProposedChange("C1", "ORG0001", (("name", "Buurtteam"),)))
    store.proposed_changes(ChangeStatus.PENDING)
    store.decide_change("C1", ChangeStatus.ACCEPTED, "ana", "t")
    store.decide_pair(PairDecision("ORG0002", "ORG0001", same=False))
    store.pair_decisions()


def test_every_cypher_file_is_sent_with_exactly_the_parameters_it_names() -> None:
    driver = _exercise_every_operation()
    for member in Cypher:
        sent = driver.sent(member)
        assert sent, f"{member.value}.cypher was never sent"
        text = cypher(member)
        named = set(re.findall(r"\$(\w+)", text))
        assert all(set(params) == named for params in sent), (
            f"{member.value}: sent {sent[0]}, file names {named}"
        )
        row_keys = set(re.findall(r"\brow\.(\w+)", text))
        rows = [row for params in sent for row in params.get("rows", [])]
        assert all(set(row) == row_keys for row in rows), (
            f"{member.value}: rows {rows[:1]}, file reads {row_keys}"
        )


def test_unwind_files_are_sent_rows() -> None:
    driver = _exercise_every_operation()
    for member in Cypher:
        if "UNWIND $rows AS row" in cypher(member):
            assert any(params["rows"] for params in driver.sent(member)), member.value


PROJECT = SOURCE.parent
CYPHER_IN_CODE = re.compile(
    r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|CREATE CONSTRAINT|CREATE INDEX)\s*[(\[$:a-z]"
)


@pytest.mark.parametrize("package", ["app", "graph", "loaders", "queries", "benchmarks"])
def test_no_cypher_is_written_in_python(package: str) -> None:
    """Cypher lives in .cypher files only, so no code can build it from values."""
    found = [
        f"{path.relative_to(PROJECT)}:{n}"
        for path in sorted((PROJECT / package).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CYPHER_IN_CODE.search(line)
    ]
    assert found == []


def test_the_store_runs_only_catalog_text() -> None:
    code = (SOURCE / "neo4j.py").read_text(encoding="utf-8")
    runs = re.findall(r"\.run\((\w+(?:\(\w+\))?)", code)
    assert runs == ["cypher(name)", "text"]
    assert "statement(Cypher.SCHEMA, statement)" in code


def _used(pattern: str) -> set[str]:
    body = "\n".join(
        line for member in Cypher for line in cypher(member).splitlines() if not line.startswith("//")
    )
    return {name for match in re.findall(pattern, body) for name in match.split("|") if name}


def test_cypher_uses_only_the_labels_and_relationship_types_of_the_enums() -> None:
    labels = (
        _used(r"\(\w*:([A-Z][\w|]*)") | _used(r"\bFOR \(\w+:([A-Z]\w*)\)") | _used(r"\b\w+:([A-Z][a-z]\w*)\b")
    )
    assert labels == {label.value for label in Label}
    assert _used(r"\[\w*:([A-Z_]+)") == {rel.value for rel in Rel}
