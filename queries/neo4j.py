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

Queries come from :mod:`queries.catalog`; values travel only as parameters. The survey
records' transaction functions are in :mod:`queries.neo4j_survey`; they take the same lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import takewhile
from typing import Any, LiteralString, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction, Result, Session
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
from graph.survey import ChangeStatus, PairDecision, ProposedChange, Response, SurveyRound
from graph.taxonomy import ActorKind, search_text
from queries import neo4j_rows as rows
from queries import neo4j_survey as survey
from queries.base import ApplyResult, ClosingOnExit, KnownIds, LoadRecord, SearchHit
from queries.catalog import Cypher, cypher, statements
from queries.changes import ChangePlan, plan, refuse_stale, stored_rows

__all__ = ["BATCH_SIZE", "Neo4jStore", "connect"]

BATCH_SIZE = 1_000
"""Rows per ``UNWIND`` batch: Neo4j's guidance is 1k-10k; 1k keeps each request small."""

RETRY_SECONDS = 30.0
"""How long the driver retries a transaction that failed for a transient reason."""

BATCH_BYTES = 4 * 1024 * 1024
"""A batch also ends once its rows' text passes this many bytes: area outlines can be
megabytes each, so 1,000 of them in one request would ask the server for gigabytes."""

MINIMUM_SERVER = (5, 23)
"""The oldest Neo4j the Cypher files run on: ``CALL () { ... }`` subqueries came in 5.23."""

NO_LIMIT = 2**63 - 1
"""Cypher's largest integer: a negative search limit means "all" (as SQLite's ``LIMIT -1``),
and Cypher refuses a negative ``LIMIT``."""

SNAPSHOT_ATTEMPTS = 3
"""Optimistic snapshot reads before one under the store's lock (see ``Neo4jStore.snapshot``)."""

_DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
_OUT_OF_MEMORY = (
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
)
_ROUTING_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc")

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
        # The server's notifications (hints such as "this property key does not exist yet",
        # which every read of a new database gets) would be logged as warnings on stderr.
        driver = GraphDatabase.driver(
            url, auth=auth, max_transaction_retry_time=RETRY_SECONDS, notifications_min_severity="OFF"
        )
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(f"cannot use Neo4j URL {url!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, SessionExpired) as exc:
        driver.close()
        raise _routing_hint(url, auth) or translate(exc, where=url) from exc
    except (Neo4jError, DriverError) as exc:
        driver.close()
        raise translate(exc, where=url) from exc
    except ValueError as exc:  # an address the driver cannot resolve or parse
        driver.close()
        raise ConfigError(f"cannot use Neo4j URL {url!r}: {exc}") from exc
    store = Neo4jStore(
        driver, database=database, batch_size=batch_size or BATCH_SIZE, owns_driver=True, where=url
    )
    try:
        store.check_server()
    except ExplorerError:
        store.close()
        raise
    return store


def _routing_hint(url: str, auth: tuple[str, str] | None) -> ExplorerError | None:
    """Why a routing URL fails where a direct one works: the server advertises an address
    this machine cannot reach (its ``server.bolt.advertised_address``, by default
    ``localhost``). ``None`` when that is not the cause."""
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in _ROUTING_SCHEMES:
        return None
    direct = f"{scheme.lower().replace('neo4j', 'bolt', 1)}://{rest.split('?', 1)[0]}"
    try:
        with GraphDatabase.driver(direct, auth=auth) as probe:
            probe.verify_connectivity()
    except (Neo4jError, DriverError, ValueError):
        return None
    return StoreUnavailable(
        f"Neo4j answers at {direct}, but not through {url}: a neo4j:// URL follows the routing "
        "table the server sends, and this server advertises an address this machine cannot "
        "reach. Set server.bolt.advertised_address (or server.default_advertised_address) on "
        "the server to the host and port clients dial, or use the bolt:// URL for a single server"
    )


def server_version(text: str) -> tuple[int, ...]:
    """The leading numbers of a Neo4j version string.

    >>> server_version("5.26.30"), server_version("2025.01.0"), server_version("5.27-aura")
    ((5, 26, 30), (2025, 1, 0), (5, 27))
    """
    numbers = []
    for part in text.split("."):
        digits = "".join(takewhile(str.isdigit, part))
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) < len(part):
            break
    return tuple(numbers)


def translate(
    exc: Neo4jError | DriverError, *, where: str, query: Cypher | None = None, what: str = "the request"
) -> ExplorerError:
    """The project's error for a driver or server error (the one place this happens).

    ``what`` names the operation for messages that say what to change ("the load").
    """
    if isinstance(exc, Neo4jError) and exc.code == _DATABASE_NOT_FOUND:
        return ConfigError(f"Neo4j at {where} has no such database ({exc}); check KETENKAART_NEO4J_DATABASE")
    if isinstance(exc, Neo4jError) and exc.code in _OUT_OF_MEMORY:
        return QueryFailed(
            f"Neo4j at {where} ran out of transaction memory ({exc.message}). {what.capitalize()} "
            "is one transaction and needs more memory than the server allows one: raise "
            "db.memory.transaction.max and db.memory.transaction.total.max (and the heap, "
            "server.memory.heap.max_size) on the server, or split the input into smaller loads",
            query=query.value if query else "connect",
        )
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


class _NotRetried(Exception):
    """Carries a server error out of a transaction function past the driver's retries.

    The server calls running out of transaction memory transient, so the driver would
    rerun the same too-large transaction for ``RETRY_SECONDS``; it can only fail again.
    """

    def __init__(self, error: Neo4jError) -> None:
        super().__init__(str(error))
        self.error = error


class _Work:
    """One attempt of a transaction function: runs catalog queries, batches writes."""

    def __init__(self, tx: ManagedTransaction, trail: _Trail, batch_size: int) -> None:
        self._tx = tx
        self._trail = trail
        self._batch_size = batch_size

    def _run(self, name: Cypher, params: dict[str, Any]) -> Result:
        self._trail.query = name
        return self._tx.run(cypher(name), params)

    def rows(self, name: Cypher, /, **params: Any) -> Iterator[dict[str, Any]]:
        """Stream the records of one query as dicts."""
        result = self._run(name, params)
        keys = result.keys()
        # Records are tuples of plain values here (no nodes or relationships are returned), so
        # zipping with the keys gives what record.data() would, without its recursive copy.
        for record in result:
            yield dict(zip(keys, record, strict=True))

    def chunks(self, name: Cypher, /, **params: Any) -> Iterator[list[Any]]:
        """Stream the rows of one of the large reads: lists, sent in ``chunk`` lists.

        The driver's cost is per record and per map key, so 100,000 rows sent as lists in
        lists of thousands read in a fraction of a second, not the ten seconds of one
        record (or one map) each.
        """
        for record in self._run(name, params):
            yield from record[0]

    def one(self, name: Cypher, /, **params: Any) -> dict[str, Any]:
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
        """Send ``batch`` in chunks of ``batch_size`` rows or ``BATCH_BYTES`` of text,
        whichever comes first; every row must be written."""
        for chunk in _chunks(batch, self._batch_size, BATCH_BYTES):
            written = self.one(name, rows=chunk)["written"]
            if written != len(chunk):
                raise QueryFailed(f"wrote {written} of {len(chunk)} rows", query=name.value)


def _chunks(rows: Sequence[dict[str, Any]], size: int, budget: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive chunks of at most ``size`` rows and about ``budget`` bytes of text.

    A row's weight is the length of its text values (an outline is one long string);
    a single row heavier than the budget goes alone.
    """
    chunk: list[dict[str, Any]] = []
    weight = 0
    for row in rows:
        heavy = sum(len(value) for value in row.values() if isinstance(value, str))
        if chunk and (len(chunk) >= size or weight + heavy > budget):
            yield chunk
            chunk, weight = [], 0
        chunk.append(row)
        weight += heavy
    if chunk:
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

    def _transact(self, mode: str, work: Callable[[_Work], T], what: str) -> T:
        """Run ``work`` as one managed transaction; translate what the driver raises."""
        trail = _Trail()

        def unit(tx: ManagedTransaction) -> T:
            try:
                return work(_Work(tx, trail, self._batch_size))
            except Neo4jError as exc:
                if exc.code in _OUT_OF_MEMORY:
                    raise _NotRetried(exc) from exc
                raise

        try:
            with self._session(mode) as session:
                run = session.execute_write if mode == WRITE_ACCESS else session.execute_read
                result: T = run(unit)
                return result
        except _NotRetried as exc:
            raise translate(exc.error, where=self._where, query=trail.query, what=what) from exc.error
        except (Neo4jError, DriverError) as exc:
            raise translate(exc, where=self._where, query=trail.query, what=what) from exc

    def _read(self, work: Callable[[_Work], T], what: str = "the read") -> T:
        return self._transact(READ_ACCESS, work, what)

    def _write(self, work: Callable[[_Work], T], what: str = "the write") -> T:
        return self._transact(WRITE_ACCESS, work, what)

    def _ensure_schema(self) -> None:
        """The schema before the first write: the lock query creates the store's ``Meta``
        node, and only the ``meta_key`` constraint stops two first writes making two."""
        if not self._schema_ready:
            self.init_schema()

    def check_server(self) -> str:
        """The server's version; refuse one older than ``MINIMUM_SERVER``.

        Raises
        ------
        ConfigError
            If the server is older than the Cypher files need.
        """
        found = self._read(lambda work: work.one(Cypher.SERVER_VERSION), "the version check")
        version = str(found["version"])
        if server_version(version) < MINIMUM_SERVER:
            needed = ".".join(map(str, MINIMUM_SERVER))
            raise ConfigError(
                f"Neo4j at {self._where} is version {version}; Ketenkaart needs Neo4j {needed} or "
                "newer (its queries use CALL () { ... } subqueries). Upgrade the server, for "
                "example to the 5.26 LTS release"
            )
        return version

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
        self._ensure_schema()
        return self._write(lambda work: _apply(work, batch, replace, record, expected_revision), "the load")

    def snapshot(self, scope: Scope = Scope()) -> Ecosystem:
        """Read the ecosystem in ``scope`` and its reported ties: six queries, one revision.

        Neo4j isolates transactions as *read committed*: each query of a read transaction
        sees what was committed when it ran, so a load that commits between the first and
        the last query would give half the old and half the new state. The read checks
        the revision before and after and reads again if it moved; after
        ``SNAPSHOT_ATTEMPTS`` tries it reads under the store's lock, which loads take.
        """
        for _ in range(SNAPSHOT_ATTEMPTS):
            found = self._read(lambda work: _read_unmoved(work, scope), "the snapshot")
            if found is not None:
                return found
        return self._write(lambda work: _read_locked(work, scope), "the snapshot")

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Find records by name or id; prefix matches first, then shorter names.

        A negative ``limit`` means no limit, as on SQLite.
        """
        folded = search_text(text)
        if not folded:
            return []
        most = limit if limit >= 0 else NO_LIMIT
        found = self._read(lambda work: list(work.rows(Cypher.SEARCH, text=folded, limit=most)))
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
        """Remove every record, the load log and the survey records in one transaction."""
        self._ensure_schema()
        self._write(_clear, "clearing the store")

    # -- survey records (queries.neo4j_survey): each call one transaction, writes locked ---

    def _survey_write(self, work: Callable[[_Work], T], what: str) -> T:
        self._ensure_schema()
        return self._write(work, what)

    def open_round(self, survey_round: SurveyRound) -> None:
        """Store a new round; ``DuplicateKey`` if its id is taken."""
        self._survey_write(partial(survey.open_round, survey_round=survey_round), "opening the round")

    def close_round(self, round_id: str, at: str) -> SurveyRound:
        """Close a round (the first time stays) and return it; ``NotFound`` if unknown."""
        return self._survey_write(partial(survey.close_round, round_id=round_id, at=at), "closing the round")

    def rounds(self) -> list[SurveyRound]:
        """Every round, newest first."""
        return self._read(survey.rounds)

    def save_response(self, response: Response) -> Response:
        """Store the next version of these answers unless the latest holds them; return it."""
        return self._survey_write(partial(survey.save_response, response=response), "saving the answers")

    def responses(self, round_id: str) -> list[Response]:
        """The latest version of every organisation's answers in a round."""
        return self._read(partial(survey.responses, round_id=round_id))

    def response_history(self, round_id: str, organisation: str) -> list[Response]:
        """Every version of one organisation's answers, oldest first."""
        return self._read(partial(survey.response_history, round_id=round_id, organisation=organisation))

    def propose_change(self, change: ProposedChange) -> None:
        """Store a pending correction; ``DuplicateKey`` if its id is taken."""
        self._survey_write(partial(survey.propose_change, change=change), "storing the correction")

    def proposed_changes(self, status: ChangeStatus | None = None) -> list[ProposedChange]:
        """Corrections, oldest first, optionally only those with ``status``."""
        return self._read(partial(survey.proposed_changes, status=status))

    def decide_change(
        self, change_id: str, status: ChangeStatus, by: str, at: str, reason: str = ""
    ) -> ProposedChange:
        """Decide a pending correction; ``NotFound`` if unknown, ``StaleWrite`` if decided."""
        decide = partial(
            survey.decide_change, change_id=change_id, status=status, by=by, at=at, reason=reason
        )
        return self._survey_write(decide, "deciding the correction")

    def decide_pair(self, decision: PairDecision) -> None:
        """Remember a verdict on a probable duplicate pair (a later one replaces it)."""
        self._survey_write(partial(survey.decide_pair, decision=decision), "storing the verdict")

    def pair_decisions(self) -> list[PairDecision]:
        """Every remembered pair verdict, by pair."""
        return self._read(survey.pair_decisions)

    def close(self) -> None:
        """Close the driver if this store opened it."""
        if self._owns_driver:
            self._driver.close()


# -- transaction functions: no state outside their arguments, so the driver may rerun them --


def _run_schema(work: _Work, statement: LiteralString) -> None:
    work.statement(Cypher.SCHEMA, statement)


def _read_unmoved(work: _Work, scope: Scope) -> Ecosystem | None:
    """The snapshot, or ``None`` when a write committed while it was read."""
    before = work.one(Cypher.READ_REVISION)["revision"]
    found = _read_ecosystem(work, scope)
    return found if work.one(Cypher.READ_REVISION)["revision"] == before else None


def _read_locked(work: _Work, scope: Scope) -> Ecosystem:
    work.one(Cypher.LOCK_STORE)
    return _read_ecosystem(work, scope)


def _clear(work: _Work) -> None:
    work.one(Cypher.LOCK_STORE)
    work.one(Cypher.CLEAR)
    work.one(Cypher.CLEAR_LOADS)
    survey.clear(work)
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
    """Five streamed queries and, for a snapshot, the reported ties; ``scope=None`` reads
    everything held but no survey records (for planning a load, which never writes them).

    A snapshot passes the ids in scope on to the later queries, so professionals come
    with their employments in scope only, as the SQLite store reads them; in a scope the
    later queries start from those ids through the uniqueness indexes.
    """
    municipality, areas = (scope.municipality, sorted(scope.areas)) if scope else (None, [])
    organisations = [
        rows.organisation(r)
        for r in work.chunks(Cypher.READ_ORGANISATIONS, municipality=municipality, areas=areas)
    ]
    org_ids = [o.id for o in organisations] if scope else None
    professionals = [
        rows.professional(r) for r in work.chunks(Cypher.READ_PROFESSIONALS, organisation_ids=org_ids)
    ]
    pro_ids = [p.id for p in professionals] if scope else None
    ids = {"organisation_ids": org_ids, "professional_ids": pro_ids}
    first, last = scope.periods.bounds if scope else (None, None)
    return Ecosystem(
        areas=tuple(rows.area(r) for r in work.rows(Cypher.READ_AREAS)),
        organisations=tuple(organisations),
        professionals=tuple(professionals),
        agreements=tuple(rows.agreement(r) for r in work.chunks(Cypher.READ_AGREEMENTS, **ids)),
        flows=tuple(rows.flows(work.chunks(Cypher.READ_FLOWS, **ids, first_month=first, last_month=last))),
        reported=tuple(survey.reported(work, _reporting(scope, org_ids))) if scope else (),
    )


def _reporting(scope: Scope, org_ids: list[str] | None) -> list[str] | None:
    """The organisations whose reported ties a snapshot holds; ``None`` for all of them.

    A scope by place keeps the ties with one end in it; periods do not limit them.
    """
    return org_ids if scope.municipality is not None or scope.areas else None
