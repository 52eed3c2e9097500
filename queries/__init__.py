"""Everything that talks to a database: the ``Store`` port and its implementations."""

from queries.base import ApplyResult, KnownIds, LoadRecord, SearchHit, Store
from queries.registry import open_store, store_kind
from queries.sqlite import SqliteStore

__all__ = [
    "ApplyResult",
    "KnownIds",
    "LoadRecord",
    "SearchHit",
    "SqliteStore",
    "Store",
    "open_store",
    "store_kind",
]
