"""Scoped snapshots on a real Neo4j equal the SQLite store's, record for record.

The Neo4j reads take a different path with a scope (from the ``area_code`` index through
``PART_OF`` and ``SERVES``, then from the ids in scope through the id indexes) than without
one (label scans), so every kind of scope is compared with SQLite's reading of the same data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.model import Ecosystem, Scope
from graph.periods import PeriodRange
from queries.neo4j import Neo4jStore
from queries.sqlite import SqliteStore
from tests.neo4j.conftest import open_neo4j


@pytest.fixture(scope="module")
def both(demo: Ecosystem) -> Iterator[tuple[Neo4jStore, SqliteStore]]:
    """The demo in Neo4j and in SQLite (loaded once for the module; cleared afterwards)."""
    with open_neo4j() as neo4j, SqliteStore() as sqlite:
        neo4j.apply(demo)
        sqlite.apply(demo)
        yield neo4j, sqlite
        neo4j.clear()


def _scopes(demo: Ecosystem) -> list[Scope]:
    wijken = sorted(a.code for a in demo.areas if a.level.value == "wijk")
    buurten = sorted(a.code for a in demo.areas if a.level.value == "buurt")
    months = sorted({f.period for f in demo.flows})
    some = PeriodRange(months[1], months[3])
    return [
        Scope(areas=frozenset({wijken[0]})),
        Scope(areas=frozenset({wijken[-1]})),
        Scope(areas=frozenset({buurten[0]})),
        Scope(areas=frozenset({wijken[1], buurten[-1]})),
        Scope(areas=frozenset({"GM9901"})),
        Scope(areas=frozenset({"WK990199"})),  # no such area
        Scope(municipality="GM9901", areas=frozenset({wijken[2]})),
        Scope(municipality="GM0000", areas=frozenset({wijken[2]})),
        Scope(areas=frozenset({wijken[3]}), periods=some),
        Scope(municipality="GM9901", periods=some),
    ]


def test_every_kind_of_scope_reads_what_sqlite_reads(
    both: tuple[Neo4jStore, SqliteStore], demo: Ecosystem
) -> None:
    neo4j, sqlite = both
    sizes = []
    for scope in _scopes(demo):
        expected = sqlite.snapshot(scope)
        assert neo4j.snapshot(scope) == expected, scope
        sizes.append((len(expected.organisations), len(expected.flows)))
    assert neo4j.snapshot() == sqlite.snapshot() == demo
    # the scopes are not all empty or all whole: each reads a different part
    assert len(set(sizes)) > len(sizes) // 2
    assert (0, 0) in sizes
    assert any(0 < flows < len(demo.flows) for _, flows in sizes)


def test_a_wijk_is_part_of_the_whole(both: tuple[Neo4jStore, SqliteStore], demo: Ecosystem) -> None:
    """A wijk's snapshot holds fewer organisations and flows than the whole, all of them in it."""
    neo4j, _ = both
    wijk = sorted(a.code for a in demo.areas if a.level.value == "wijk")[0]
    part = neo4j.snapshot(Scope(areas=frozenset({wijk})))
    assert 0 < len(part.organisations) < len(demo.organisations)
    assert 0 < len(part.flows) < len(demo.flows)
    assert set(part.flows) <= set(demo.flows)
