"""Pick a store by the shape of the database setting.

A path (or nothing: the default file in the user's data folder) opens the embedded
``SqliteStore``; a ``neo4j://``, ``neo4j+s://``, ``bolt://`` or ``bolt+s://`` URL opens a
``Neo4jStore`` on a new driver (one per process: the CLI opens one store per command,
the app one for its lifetime). Routing URLs (``neo4j://``, ``neo4j+s://``) work unchanged
against a cluster or Aura.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import ConfigError
from queries.base import Store
from queries.sqlite import MEMORY, SqliteStore

__all__ = ["StoreOptions", "open_store", "sqlite_file", "store_kind"]

_NETWORK_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """How to reach a Neo4j server; the embedded store needs none of it."""

    user: str = "neo4j"
    password: str | None = None
    database: str | None = None
    batch_size: int | None = None  # None: the store's default


def store_kind(database: str | Path) -> str:
    """Which store a database setting names: ``"sqlite"`` or ``"neo4j"``.

    >>> store_kind("/data/ketenkaart.sqlite")
    'sqlite'
    >>> store_kind("neo4j+s://example.databases.neo4j.io")
    'neo4j'
    """
    text = str(database)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if not scheme or scheme == "file":
        return "sqlite"
    if scheme in _NETWORK_SCHEMES:
        return "neo4j"
    raise ConfigError(f"unknown database URL scheme {scheme!r} in {text!r}; use a file path or neo4j://")


def sqlite_file(database: str | Path) -> str | None:
    """The file a SQLite database setting names (a path, or a ``file://`` URL); ``None`` in memory.

    >>> sqlite_file("file:///data/k.sqlite"), sqlite_file("k.sqlite"), sqlite_file(":memory:")
    ('/data/k.sqlite', 'k.sqlite', None)
    """
    text = str(database)
    return None if text == MEMORY else text.removeprefix("file://")


def open_store(database: str | Path, options: StoreOptions = StoreOptions()) -> Store:
    """Open the store a database setting names.

    Raises
    ------
    ConfigError
        If the setting is not a path or a known URL, or Neo4j refuses the credentials.
    StoreUnavailable
        If the database cannot be opened or reached.
    """
    if store_kind(database) == "sqlite":
        return SqliteStore(sqlite_file(database) or MEMORY)
    # The driver loads only for Neo4j, so commands on the embedded store start faster.
    from queries.neo4j import connect  # noqa: PLC0415

    return connect(
        str(database),
        user=options.user,
        password=options.password,
        database=options.database,
        batch_size=options.batch_size,
    )
