"""A SQLite file made by an earlier version keeps working: ``init_schema`` migrates it.

``schema_v1.sql``, ``schema_v2.sql`` and ``schema_v3.sql`` are the schemas of versions 1 to 3
as they were released (``git show`` of the last commit before the next version), so the tests build
exactly the tables an old file holds.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from graph.errors import StoreUnavailable
from graph.model import Ecosystem
from graph.periods import Period
from graph.survey import SurveyRound
from loaders.templates import template_ecosystem
from queries.catalog import statements
from queries.sqlite import SCHEMA_VERSION, SqliteStore

V1_SCHEMA = Path(__file__).with_name("schema_v1.sql").read_text(encoding="utf-8")
V2_SCHEMA = Path(__file__).with_name("schema_v2.sql").read_text(encoding="utf-8")
V3_SCHEMA = Path(__file__).with_name("schema_v3.sql").read_text(encoding="utf-8")
SQUARE = '{"type":"Polygon","coordinates":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}'


def _version_1_file(path: Path) -> None:
    """A store file as version 1 left it, holding an area and an organisation."""
    with sqlite3.connect(path) as conn:
        for statement in statements(V1_SCHEMA):
            conn.execute(statement)
        conn.execute("INSERT INTO areas (code, name, level) VALUES ('GM9901', 'Ketendam', 'gemeente')")
        conn.execute(
            "INSERT INTO organisations (id, name, name_folded, sector, municipality) "
            "VALUES ('ORG0009', 'Oud', 'oud', 'zorg', 'GM9901')"
        )
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'revision'")
    conn.close()


def _version_2_file(path: Path) -> None:
    """A store file as version 2 left it: professionals' expertise ``|``-joined."""
    with sqlite3.connect(path) as conn:
        for statement in statements(V2_SCHEMA):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO professionals (id, name, name_folded, role, expertise) VALUES (?, ?, ?, ?, ?)",
            [
                ("PRO0001", "Een", "een", "", "jeugd|schuldhulp"),
                ("PRO0002", "Twee", "twee", "", ""),
                ("PRO0003", "Drie", "drie", "", 'café "de hoek"'),
            ],
        )
        conn.execute(
            "INSERT INTO organisations (id, name, name_folded, sector, expertise) "
            "VALUES ('ORG0001', 'Buurthuis', 'buurthuis', 'welzijn', '[\"ontmoeting\"]')"
        )
        conn.executemany(
            "INSERT INTO employments (professional_id, organisation_id, fte) VALUES (?, 'ORG0001', 0.5)",
            [("PRO0001",), ("PRO0002",), ("PRO0003",)],
        )
        conn.execute("UPDATE meta SET value = '4' WHERE key = 'revision'")
    conn.close()


def _stored_expertise(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        found = dict(conn.execute("SELECT id, expertise FROM professionals"))
    conn.close()
    return found


def _columns(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as conn:
        found = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    conn.close()
    return found


def _schema_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    conn.close()
    return int(value)


def test_a_version_1_file_is_migrated_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_file(path)
    assert "expertise" not in _columns(path, "organisations")
    with SqliteStore(path) as store:
        held = store.snapshot()
        assert [a.code for a in held.areas] == ["GM9901"]
        assert held.areas[0].indicators == ()
        assert held.areas[0].boundary is None
        assert [(o.id, o.expertise) for o in held.organisations] == [("ORG0009", ())]
        assert store.revision() == 7
    assert {"indicators", "boundary"} <= _columns(path, "areas")
    assert "expertise" in _columns(path, "organisations")
    assert _schema_version(path) == SCHEMA_VERSION == 4


def test_a_migrated_file_stores_the_new_fields_and_reapplies_as_no_change(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_file(path)
    eco = template_ecosystem()
    wijk = replace(eco.areas[1], indicators=(("a_inw", 5200.0),), boundary=SQUARE)
    org = replace(eco.organisations[0], expertise=("schuldhulp",))
    batch = replace(eco, areas=(eco.areas[0], wijk), organisations=(org, eco.organisations[1]))
    with SqliteStore(path) as store:
        store.apply(batch)
    with SqliteStore(path) as reopened:  # a second open finds version 4 and migrates nothing
        assert reopened.apply(batch).changes == {}
        held = reopened.snapshot()
    assert held.areas[1] == wijk
    assert next(o for o in held.organisations if o.id == "ORG0001") == org
    assert _schema_version(path) == 4


def test_a_new_file_starts_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    SqliteStore(path).close()
    assert _schema_version(path) == SCHEMA_VERSION
    with SqliteStore(path) as store:
        assert store.snapshot() == Ecosystem()


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    SqliteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(StoreUnavailable, match="newer Ketenkaart"):
        SqliteStore(path)
    assert _schema_version(path) == 99


def test_a_version_2_file_gets_expertise_as_json_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    _version_2_file(path)
    assert _schema_version(path) == 2
    with SqliteStore(path) as store:
        held = {p.id: p.expertise for p in store.snapshot().professionals}
        assert store.revision() == 4
    assert held == {"PRO0001": ("jeugd", "schuldhulp"), "PRO0002": (), "PRO0003": ('café "de hoek"',)}
    assert _stored_expertise(path) == {
        pro: json.dumps(list(words), ensure_ascii=False) for pro, words in held.items()
    }
    assert _schema_version(path) == SCHEMA_VERSION == 4


def test_a_migrated_version_2_file_reapplies_its_professionals_as_no_change(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    _version_2_file(path)
    with SqliteStore(path) as store:
        held = store.snapshot()
        assert store.apply(held).changes == {}
        assert store.snapshot() == held


def _version_3_file(path: Path) -> None:
    """A store file as version 3 left it (no survey tables), holding an organisation."""
    with sqlite3.connect(path) as conn:
        for statement in statements(V3_SCHEMA):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO organisations (id, name, name_folded, sector) "
            "VALUES ('ORG0001', 'Buurthuis', 'buurthuis', 'welzijn')"
        )
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'revision'")
    conn.close()


def _tables(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return found


def test_a_version_3_file_gets_the_survey_tables_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    _version_3_file(path)
    assert "survey_rounds" not in {name for _, name, _ in _tables(path)}
    with SqliteStore(path) as store:
        assert [o.id for o in store.snapshot().organisations] == ["ORG0001"]
        assert store.revision() == 6
        assert store.rounds() == []
        store.open_round(
            SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("ORG0001",))
        )
    assert _schema_version(path) == SCHEMA_VERSION == 4
    with SqliteStore(path) as reopened:
        assert [r.invited for r in reopened.rounds()] == [("ORG0001",)]


def test_a_migrated_version_3_file_has_the_same_tables_as_a_new_file(tmp_path: Path) -> None:
    migrated, new = tmp_path / "v3.sqlite", tmp_path / "new.sqlite"
    _version_3_file(migrated)
    SqliteStore(migrated).close()
    SqliteStore(new).close()
    assert _tables(migrated) == _tables(new)
    assert _schema_version(migrated) == _schema_version(new) == 4


def test_survey_tables_hold_no_client_and_free_text_only_where_the_model_has_it(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    SqliteStore(path).close()
    tables = [name for kind, name, _ in _tables(path) if kind == "table" and name.startswith("survey_")]
    assert len(tables) == 9
    columns = {column for table in tables for column in _columns(path, table)}
    assert not {c for c in columns if any(w in c for w in ("client", "person", "bsn", "birth", "email"))}
    free_text = columns - {
        "id", "round_id", "organisation_id", "partner_id", "change_id", "first_id", "second_id",
        "period", "closes", "created_by", "created_at", "closed_at", "version", "submitted",
        "saved_by", "saved_at", "position", "status", "frequency", "item", "score", "answer",
        "proposed_by", "proposed_at", "decided_by", "decided_at", "field", "same",
    }  # fmt: skip
    assert free_text == {"name", "new_name", "value", "reason"}
