"""``queries.sqlite.translate``: every ``sqlite3`` error becomes one of the project's, in one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.errors import DuplicateKey, ExplorerError, QueryFailed, StoreUnavailable
from queries.sqlite import translate


def _raised(*statements: str) -> sqlite3.Error:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))")
    conn.execute("CREATE TABLE b (a_id TEXT REFERENCES a (id) DEFERRABLE INITIALLY DEFERRED)")
    conn.execute("INSERT INTO a VALUES ('x', 1)")
    try:
        for statement in statements:
            conn.execute(statement)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("no error was raised")


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (["INSERT INTO a VALUES ('x', 2)"], DuplicateKey),
        (["INSERT INTO a VALUES ('y', NULL)"], QueryFailed),
        (["INSERT INTO a VALUES ('y', -1)"], QueryFailed),
        (["BEGIN", "INSERT INTO b VALUES ('gone')", "COMMIT"], QueryFailed),
        (["SELECT * FROM no_such_table"], QueryFailed),
    ],
    ids=["unique", "not-null", "check", "deferred-foreign-key", "no-table"],
)
def test_statement_errors_are_translated_by_kind(
    statements: list[str], expected: type[ExplorerError]
) -> None:
    error = translate(_raised(*statements), where="test.sqlite", query="merge_areas")
    assert type(error) is expected
    assert "merge_areas" in str(error)


def test_a_busy_database_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        holder.close()
    error = translate(caught.value, where=str(path), query="begin immediate")
    assert isinstance(error, StoreUnavailable)
    assert str(error).startswith(str(path))


def test_an_error_while_opening_is_unavailable() -> None:
    error = translate(OSError("read-only file system"), where="/nowhere/k.sqlite")
    assert isinstance(error, StoreUnavailable)
    assert str(error) == "cannot open SQLite database /nowhere/k.sqlite: read-only file system"
