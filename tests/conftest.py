"""Fixtures shared by the whole suite: stores, demo data and a clean environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import Ecosystem
from loaders.demo import DemoSpec, generate_demo
from queries.base import Store
from queries.registry import StoreOptions, open_store
from queries.sqlite import SqliteStore

STORE_KINDS = ["sqlite-memory", "sqlite-file", pytest.param("neo4j", marks=pytest.mark.neo4j)]


NO_NEO4J = (
    "Neo4j: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to run the Neo4j tests; "
    '`eval "$(.ci/neo4j/server start)"` starts a throwaway server'
)


def neo4j_uri() -> str:
    """NEO4J_URI; skip without it, or fail under ``.ci/run`` (``REQUIRE_NEO4J=1``)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        if os.environ.get("REQUIRE_NEO4J"):
            pytest.fail(f"REQUIRE_NEO4J is set but NEO4J_URI is not. {NO_NEO4J}")
        pytest.skip(NO_NEO4J)
    return uri


def neo4j_options() -> StoreOptions:
    """How to log in to the Neo4j at NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)."""
    return StoreOptions(
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


def _open_neo4j() -> Store:
    """The Neo4j at NEO4J_URI, emptied: the Neo4j tests clear the database they run on."""
    opened = open_store(neo4j_uri(), neo4j_options())
    opened.init_schema()
    opened.clear()
    return opened


def _open_store(kind: str, tmp_path: Path) -> Store:
    if kind == "sqlite-memory":
        return SqliteStore()
    if kind == "sqlite-file":
        return SqliteStore(tmp_path / "contract.sqlite")
    return _open_neo4j()


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Every store that can run here, empty; Neo4j only with NEO4J_URI set."""
    opened = _open_store(request.param, tmp_path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def demo() -> Ecosystem:
    """The default demo municipality (generated once per test session)."""
    return generate_demo(DemoSpec())


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own settings, data folder or database."""
    for name in list(os.environ):
        if name.startswith("KETENKAART_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KETENKAART_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
