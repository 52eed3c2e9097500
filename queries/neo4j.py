"""``Neo4jStore``: the production store, on the official ``neo4j`` driver.

- **One driver per process, injected.** :func:`connect` makes one from a URL for the CLI
  and the app; tests and embedding code pass their own. The store closes only a driver
  it was given with ``owns_driver=True``.
- **Managed transactions.** Every public operation is one transaction function: reads
  through ``execute_read`` on a read session (a cluster or Aura routes them to a
  reader), writes through ``execute_write``. The driver reruns the function on transient
  failures (deadlocks, leader changes, lost connections) for up to
  ``max_transaction_retry_time``; the functions here keep no state between attempts,
  so a rerun sends the same queries and reports the same result.
- **A load is one transaction.** Take the store's lock, read what it holds, plan the
  changes in Python (:mod:`queries.changes`, the SQLite store's rules), write them as
  unwound batches of rows, bump the revision, log the load. A failure, a kill or a lost
  connection before the commit rolls everything back: no clean-up code, and readers
  never see half a load. A staged load (write under a load id, then switch) would only
  pay off once a load outgrows the server's transaction memory; Ketenkaart's largest
  ecosystems (5k organisations, 100k flows: tens of MB) are far below it.
- **Causal reads.** Every session shares the driver's bookmark manager, so a read after a
  load sees the load, also on a cluster.
- **Errors are translated here, once,** into :mod:`graph.errors`.

Queries come from :mod:`queries.catalog`; values travel only as parameters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import Any, LiteralString, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import ConfigError, DuplicateKey, ExplorerError, QueryFailed, StoreUnavailable
from graph.model import Counts, Ecosystem, Scope
from graph.periods import Period
from graph.taxonomy import ActorKind, search_text
from queries import neo4j_rows as rows
from queries.base import ApplyResult, ClosingOnExit, KnownIds, LoadRecord, SearchHit
from queries.catalog import Cypher, cypher, statements
from queries.changes import ChangePlan, plan, refuse_stale, stored_rows

__all__ = ["BATCH_SIZE", "Neo4jStore", "connect"]

BATCH_SIZE = 1_000
"""Rows per ``UNWIND`` batch: Neo4j's guidance is 1k-10k; 1k keeps each request small."""

RETRY_SECONDS = 30.0
"""How long the driver retries a transaction that failed for a transient reason."""

_DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"

T = TypeVar("T")


def connect(
    url: str,
    *,
    user: str = "neo4j",
    password: str | None = None,
    database: str | None = None,
    batch_size: int | None = None,
) -> Neo4jStore:
    """Open a driver for ``url``, check that the server answers, and wrap it in a store.

    Raises
    ------
    StoreUnavailable
        If no server answers at ``url``.
    ConfigError
        If the URL is malformed or the server refuses the user name or password.
    """
    auth = (user, password) if password is not None else None
    try:
        driver = GraphDatabase.driver(url, auth=auth, max_transaction_retry_time=RETRY_SECONDS)
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(f"cannot use Neo4j URL {url!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
    except (Neo4jError, DriverError) as exc:
        driver.close()
        raise translate(exc, where=url) from exc
    except ValueError as exc:  # an address the driver cannot resolve or parse
        driver.close()
        raise ConfigError(f"cannot use Neo4j URL {url!r}: {exc}") from exc
    return Neo4jStore(
        driver, database=database, batch_size=batch_size or BATCH_SIZE, owns_driver=True, where=url
    )


def translate(exc: Neo4jError | DriverError, *, where: str, query: Cypher | None = None) -> ExplorerError:
    """The project's error for a driver or server error (the one place this happens)."""
    if isinstance(exc, Neo4jError) and exc.code == _DATABASE_NOT_FOUND:
        return ConfigError(f"Neo4j at {where} has no such database ({exc}); check KETENKAART_NEO4J_DATABASE")
    for kinds, make in _TRANSLATIONS:
        if isinstance(exc, kinds):
            return make(f"{exc}", where)
    return QueryFailed(str(exc), query=query.value if query else "connect")


_TRANSLATIONS: tuple[
    tuple[type[Exception] | tuple[type[Exception], ...], Callable[[str, str], ExplorerError]], ...
] = (
    (
        AuthError,
        lambda text, where: ConfigError(
            f"Neo4j at {where} refused the user name or password ({text}); "
            "check KETENKAART_NEO4J_USER and KETENKAART_NEO4J_PASSWORD"
        ),
    ),
    (ConstraintError, lambda text, where: DuplicateKey(f"Neo4j at {where}: {text}")),
    (
        TransientError,
        lambda text, where: StoreUnavailable(
            f"Neo4j at {where} stayed busy for {RETRY_SECONDS:.0f} s of retries: {text}"
        ),
    ),
    (
        (ServiceUnavailable, SessionExpired),
        lambda text, where: StoreUnavailable(f"cannot reach Neo4j at {where}: {text}"),
    ),
    (ConfigurationError, lambda text, where: ConfigError(f"Neo4j at {where}: {text}")),
)


class _Trail:
    """The query a transaction was running when it failed, for the error message."""

    query: Cypher | None = None


class _Work:
    """One attempt of a transaction function: runs catalog queries, batches writes."""

    def __init__(self, tx: ManagedTransaction, trail: _Trail, batch_size: int) -> None:
        self._tx = tx
        self._trail = trail
        self._batch_size = batch_size

    def rows(self, name: Cypher, **params: Any) -> Iterator[dict[str, Any]]:
        """Stream the records of one query as dicts."""
        self._trail.query = name
        result = self._tx.run(cypher(name), params)
        keys = result.keys()
        # Records are tuples of plain values here (no nodes or relationships are returned), so
        # zipping with the keys gives what record.data() would, without its recursive copy.
        for record in result:
            yield dict(zip(keys, record, strict=True))

    def one(self, name: Cypher, **params: Any) -> dict[str, Any]:
        """The single record of a query that returns one."""
        found = list(self.rows(name, **params))
        if len(found) != 1:
            raise QueryFailed(f"expected one record, got {len(found)}", query=name.value)
        return found[0]

    def statement(self, name: Cypher, text: LiteralString) -> None:
        """Run one statement of a file that holds several (``schema.cypher``)."""
        self._trail.query = name
        self._tx.run(text).consume()

    def write(self, name: Cypher, batch: Sequence[dict[str, Any]]) -> None:
        """Send ``batch`` in chunks of ``batch_size`` rows; every row must be written."""
        for chunk in _chunks(batch, self._batch_size):
            written = self.one(name, rows=chunk)["written"]
            if written != len(chunk):
                raise QueryFailed(f"wrote {written} of {len(chunk)} rows", query=name.value)


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Neo4jStore(ClosingOnExit):
    """The Neo4j store on an injected driver.

    Parameters
    ----------
    driver
        An open ``neo4j.Driver`` (one per process).
    database
        The database name; ``None`` uses the server's default.
    batch_size
        Rows per ``UNWIND`` batch.
    owns_driver
        Whether :meth:`close` closes the driver too.
    where
        The server's URL, for error messages.
    """

    def __init__(
        self,
        driver: Driver,
        *,
        database: str | None = None,
        batch_size: int = BATCH_SIZE,
        owns_driver: bool = False,
        where: str = "neo4j",
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"the Neo4j batch size must be at least 1, not {batch_size}")
        self._driver = driver
        self._database = database
        self._batch_size = batch_size
        self._owns_driver = owns_driver
        self._where = where
        self._schema_lock = threading.Lock()
        self._schema_ready = False

    def __repr__(self) -> str:
        return f"Neo4jStore({self._where!r}, database={self._database!r})"

    # -- transactions and error translation ---------------------------------------------

    def _session(self, mode: str) -> Session:
        return self._driver.session(
            database=self._database,
            default_access_mode=mode,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        )

    def _transact(self, mode: str, work: Callable[[_Work], T]) -> T:
        """Run ``work`` as one managed transaction; translate what the driver raises."""
        trail = _Trail()

        def unit(tx: ManagedTransaction) -> T:
            return work(_Work(tx, trail, self._batch_size))

        try:
            with self._session(mode) as session:
                run = session.execute_write if mode == WRITE_ACCESS else session.execute_read
                result: T = run(unit)
                return result
        except (Neo4jError, DriverError) as exc:
            raise translate(exc, where=self._where, query=trail.query) from exc

    def _read(self, work: Callable[[_Work], T]) -> T:
        return self._transact(READ_ACCESS, work)

    def _write(self, work: Callable[[_Work], T]) -> T:
        return self._transact(WRITE_ACCESS, work)

    # -- Store ---------------------------------------------------------------------------

    def init_schema(self) -> None:
        """Create the constraints and indexes of ``schema.cypher`` that do not exist yet."""
        with self._schema_lock:
            for statement in statements(cypher(Cypher.SCHEMA)):
                self._write(partial(_run_schema, statement=statement))
            self._schema_ready = True

    def apply(
        self,
        batch: Ecosystem,
        *,
        replace: bool = False,
        record: LoadRecord | None = None,
        expected_revision: int | None = None,
    ) -> ApplyResult:
        """Write ``batch`` in one transaction; only new or changed records are written."""
        if not self._schema_ready:
            self.init_schema()
        return self._write(lambda work: _apply(work, batch, replace, record, expected_revision))

    def snapshot(self, scope: Scope = Scope()) -> Ecosystem:
        """Read the ecosystem in ``scope`` in one read transaction of five streamed queries."""
        return self._read(lambda work: _read_ecosystem(work, scope))

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Find records by name or id; prefix matches first, then shorter names."""
        folded = search_text(text)
        if not folded:
            return []
        found = self._read(lambda work: list(work.rows(Cypher.SEARCH, text=folded, limit=limit)))
        return [rows.search_hit(row) for row in found]

    def counts(self) -> Counts:
        """How many records of each kind are stored."""
        return Counts(**self._read(lambda work: work.one(Cypher.COUNTS)))

    def known_ids(self) -> KnownIds:
        """Every stored key per kind, and the stored areas."""
        found, areas = self._read(
            lambda work: (
                list(work.rows(Cypher.KNOWN_IDS)),
                [rows.area(r) for r in work.rows(Cypher.READ_AREAS)],
            )
        )
        return KnownIds.from_pairs(((row["kind"], row["id"]) for row in found), areas)

    def loads(self) -> list[LoadRecord]:
        """Logged file sets, oldest first."""
        return [rows.load_record(row) for row in self._read(lambda work: list(work.rows(Cypher.LIST_LOADS)))]

    def revision(self) -> int:
        """The revision counter; grows with every write that changed something."""
        return int(self._read(lambda work: work.one(Cypher.READ_REVISION))["revision"])

    def clear(self) -> None:
        """Remove every record and the load log in one transaction."""
        self._write(_clear)

    def close(self) -> None:
        """Close the driver if this store opened it."""
        if self._owns_driver:
            self._driver.close()


# -- transaction functions: no state outside their arguments, so the driver may rerun them --


def _run_schema(work: _Work, statement: LiteralString) -> None:
    work.statement(Cypher.SCHEMA, statement)


def _clear(work: _Work) -> None:
    work.one(Cypher.LOCK_STORE)
    work.one(Cypher.CLEAR)
    work.one(Cypher.CLEAR_LOADS)
    work.one(Cypher.BUMP_REVISION)


def _apply(
    work: _Work, batch: Ecosystem, replace: bool, record: LoadRecord | None, expected_revision: int | None
) -> ApplyResult:
    locked = work.one(Cypher.LOCK_STORE)
    if expected_revision is not None:
        refuse_stale(int(locked["revision"]), expected_revision)
    held = _read_ecosystem(work, None)
    if replace:
        changes = plan(Ecosystem(), batch, removed=stored_rows(held))
        work.one(Cypher.CLEAR)
    else:
        changes = plan(held, batch)
    _write_plan(work, changes)
    result = ApplyResult(changes.changes())
    if result.total:
        work.one(Cypher.BUMP_REVISION)
    if record is not None:
        work.one(Cypher.RECORD_LOAD, **rows.load_params(record))
    return result


def _write_plan(work: _Work, changes: ChangePlan) -> None:
    """Write a plan in dependency order: nodes before the relationships that need them."""
    work.write(Cypher.UPSERT_AREAS, [rows.area_row(a) for a in changes.areas])
    work.write(Cypher.UNLINK_AREA_PARENTS, [{"code": a.code} for a in changes.areas])
    work.write(
        Cypher.LINK_AREA_PARENTS, [{"code": a.code, "parent": a.parent} for a in changes.areas if a.parent]
    )
    work.write(Cypher.UPSERT_ORGANISATIONS, [rows.organisation_row(o) for o in changes.organisations])
    org_areas = changes.organisation_areas
    work.write(
        Cypher.REMOVE_ORGANISATION_AREAS, rows.pair_rows(org_areas.removed, "organisation_id", "area_code")
    )
    work.write(Cypher.ADD_ORGANISATION_AREAS, rows.pair_rows(org_areas.added, "organisation_id", "area_code"))
    work.write(Cypher.UPSERT_PROFESSIONALS, [rows.professional_row(p) for p in changes.professionals])
    jobs = ("professional_id", "organisation_id")
    work.write(Cypher.REMOVE_EMPLOYMENTS, rows.pair_rows(changes.employments_removed, *jobs))
    work.write(Cypher.WRITE_EMPLOYMENTS, rows.pair_rows(changes.employments_written, *jobs, "fte"))
    work.write(Cypher.UPSERT_AGREEMENTS, [rows.agreement_row(a) for a in changes.agreements])
    for pairs, remove, add, key in (
        (
            changes.agreement_parties,
            Cypher.REMOVE_AGREEMENT_PARTIES,
            Cypher.ADD_AGREEMENT_PARTIES,
            "organisation_id",
        ),
        (
            changes.agreement_members,
            Cypher.REMOVE_AGREEMENT_MEMBERS,
            Cypher.ADD_AGREEMENT_MEMBERS,
            "professional_id",
        ),
        (changes.agreement_areas, Cypher.REMOVE_AGREEMENT_AREAS, Cypher.ADD_AGREEMENT_AREAS, "area_code"),
    ):
        work.write(remove, rows.pair_rows(pairs.removed, "agreement_id", key))
        work.write(add, rows.pair_rows(pairs.added, "agreement_id", key))
    for kind, name in (
        (ActorKind.ORGANISATION, Cypher.WRITE_ORGANISATION_FLOWS),
        (ActorKind.PROFESSIONAL, Cypher.WRITE_PROFESSIONAL_FLOWS),
    ):
        work.write(name, [rows.flow_row(f) for f in changes.flows if f.source_kind is kind])


def _read_ecosystem(work: _Work, scope: Scope | None) -> Ecosystem:
    """Five streamed queries; ``scope=None`` reads everything held (for planning a load).

    A snapshot passes the ids in scope on to the later queries, so professionals come
    with their employments in scope only, as the SQLite store reads them.
    """
    municipality, areas = (scope.municipality, sorted(scope.areas)) if scope else (None, [])
    organisations = [
        rows.organisation(r)
        for r in work.rows(Cypher.READ_ORGANISATIONS, municipality=municipality, areas=areas)
    ]
    org_ids = [o.id for o in organisations] if scope else None
    professionals = [
        rows.professional(r) for r in work.rows(Cypher.READ_PROFESSIONALS, organisation_ids=org_ids)
    ]
    pro_ids = [p.id for p in professionals] if scope else None
    ids = {"organisation_ids": org_ids, "professional_ids": pro_ids}
    first, last = scope.periods.bounds if scope else (None, None)
    periods: dict[str, Period] = {}
    return Ecosystem(
        areas=tuple(rows.area(r) for r in work.rows(Cypher.READ_AREAS)),
        organisations=tuple(organisations),
        professionals=tuple(professionals),
        agreements=tuple(rows.agreement(r) for r in work.rows(Cypher.READ_AGREEMENTS, **ids)),
        flows=tuple(
            rows.flow(r, periods)
            for r in work.rows(Cypher.READ_FLOWS, **ids, first_month=first, last_month=last)
        ),
    )
