"""Pick a store by the shape of the database setting.

A path (or nothing: the default file in the user's data folder) opens the embedded
``SqliteStore``. The lookup happens inside the ``try`` so a missing optional driver
becomes a ``ConfigError`` with advice instead of an ``ImportError`` at start-up.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import cast

from graph.errors import ConfigError
from queries.base import Store

__all__ = ["open_store", "store_kind"]

_STORES: dict[str, tuple[str, str]] = {
    "sqlite": ("queries.sqlite", "SqliteStore"),
}
_NETWORK_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


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


def open_store(database: str | Path) -> Store:
    """Open the store a database setting names.

    Raises
    ------
    ConfigError
        If the setting names a store this installation cannot open.
    """
    kind = store_kind(database)
    try:
        module_name, class_name = _STORES[kind]
        store_class = getattr(import_module(module_name), class_name)
    except KeyError as exc:
        raise ConfigError(
            f"the {kind} store is not available in this version of Ketenkaart; "
            "use a SQLite file path for --database / KETENKAART_DATABASE"
        ) from exc
    path = str(database).removeprefix("file://")
    return cast(Store, store_class(path))
