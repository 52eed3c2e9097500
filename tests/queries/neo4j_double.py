"""A driver-level double for ``Neo4jStore``, for where no Neo4j server can run (CI).

It plays the parts of ``neo4j.Driver`` the store relies on, as the driver documents them:

- ``session(database=, default_access_mode=, bookmark_manager=)``, a context manager;
- ``execute_read`` / ``execute_write`` run a transaction function in a new transaction,
  commit when it returns, roll back when it raises, and run it again when the exception
  ``is_retryable()`` (as the driver does until ``max_transaction_retry_time``);
- ``tx.run(text, parameters)`` returns real ``neo4j.Record`` objects and ``consume()``.

It records which catalog file and which parameters every query sent, and refuses query
text that is not a catalog file or one statement of ``schema.cypher``. Writes answer
``written = len(rows)``; reads answer from ``held`` laid out as a server returns it
(:func:`server_rows`), whatever the parameters: this is a double, not a database.
Server errors are built with the driver's own hydration from Neo4j status codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError
from neo4j.time import Date

from graph.model import Ecosystem
from queries.catalog import Cypher, cypher, statements

Row = dict[str, Any]
Answer = list[Row] | Callable[[Row], list[Row]]

_BY_TEXT: dict[str, Cypher] = {cypher(member): member for member in Cypher}
_BY_TEXT.update(dict.fromkeys(statements(cypher(Cypher.SCHEMA)), Cypher.SCHEMA))


def server_error(code: str, message: str = "refused by the double") -> Neo4jError:
    """The exception the driver raises for a Neo4j status code (its own hydration)."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


def _chunked(found: Iterable[list[Any]], size: int = 5000) -> list[Row]:
    """Rows as the four large reads send them: lists, in ``chunk`` lists of up to ``size``."""
    rows = list(found)
    return [{"chunk": rows[start : start + size]} for start in range(0, len(rows), size)]


def _pairs(held: Ecosystem) -> dict[tuple[str, str, str], list[tuple[str, str, int]]]:
    """The flows per source and target, as ``read_flows`` groups them: (period, domain, count)."""
    pairs: dict[tuple[str, str, str], list[tuple[str, str, int]]] = {}
    for f in held.flows:
        key = (f.source_kind.value, f.source_id, f.target_id)
        pairs.setdefault(key, []).append((f.period.code, f.domain, f.count))
    return pairs


def server_rows(held: Ecosystem) -> dict[Cypher, list[Row]]:
    """What a server holding ``held`` answers to the read queries (a scope is not applied)."""
    return {
        Cypher.READ_AREAS: [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level.value,
                "parent": a.parent,
                "indicator_names": [name for name, _ in a.indicators] or None,
                "indicator_values": [value for _, value in a.indicators] or None,
                "boundary": a.boundary,
            }
            for a in held.areas
        ],
        Cypher.READ_ORGANISATIONS: _chunked(
            [
                o.id,
                o.name,
                o.sector.value,
                o.municipality,
                o.kvk,
                o.capacity,
                o.parent_id,
                o.description,
                list(o.expertise) or None,
                list(reversed(o.areas)),  # a server promises no order
            ]
            for o in held.organisations
        ),
        Cypher.READ_PROFESSIONALS: _chunked(
            [p.id, p.name, p.role, list(p.expertise), [[e.organisation_id, e.fte] for e in p.employments]]
            for p in held.professionals
        ),
        Cypher.READ_AGREEMENTS: _chunked(
            [
                a.id,
                a.name,
                a.kind.value,
                Date.from_native(a.start) if a.start else None,
                Date.from_native(a.end) if a.end else None,
                list(a.parties),
                list(a.members),
                list(a.areas),
            ]
            for a in held.agreements
        ),
        Cypher.COUNTS: [held.counts().as_dict()],
        Cypher.KNOWN_IDS: [
            *({"kind": "area", "id": a.code} for a in held.areas),
            *({"kind": "organisation", "id": o.id} for o in held.organisations),
            *({"kind": "professional", "id": p.id} for p in held.professionals),
            *({"kind": "agreement", "id": a.id} for a in held.agreements),
        ],
        Cypher.READ_FLOWS: _chunked(
            [kind, source, target, *(list(column) for column in zip(*between, strict=True))]
            for (kind, source, target), between in _pairs(held).items()
        ),
    }


@dataclass
class Sent:
    """One query a transaction sent: its catalog file and parameters."""

    query: Cypher
    params: Row


@dataclass
class Transaction:
    """One transaction the double ran, with what it sent and how it ended."""

    mode: str
    sent: list[Sent] = field(default_factory=list)
    outcome: str = "open"

    @property
    def queries(self) -> list[Cypher]:
        """The catalog files sent, in order."""
        return [s.query for s in self.sent]


@dataclass
class Failure:
    """Raise ``error`` when ``query`` is sent, the first ``times`` times."""

    query: Cypher
    error: Exception
    times: int = 1


class _Result:
    def __init__(self, records: list[neo4j.Record]) -> None:
        self._records = records

    def __iter__(self) -> Iterator[neo4j.Record]:
        return iter(self._records)

    def keys(self) -> list[str]:
        return list(self._records[0].keys()) if self._records else []

    def consume(self) -> None:
        self._records = []


class _Tx:
    def __init__(self, driver: RecordingDriver, log: Transaction) -> None:
        self._driver = driver
        self._log = log

    def run(self, query: str, parameters: Row | None = None) -> _Result:
        if query not in _BY_TEXT:
            raise AssertionError(f"query text that is no catalog file was sent: {query[:80]!r}")
        params = dict(parameters or {})
        name = _BY_TEXT[query]
        self._log.sent.append(Sent(name, params))
        self._driver.raise_planned(name)
        return _Result([neo4j.Record(row) for row in self._driver.answer(name, params)])  # type: ignore[no-untyped-call]


class _Session:
    def __init__(self, driver: RecordingDriver) -> None:
        self._driver = driver

    def __enter__(self) -> _Session:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def execute_read(self, work: Callable[..., Any], *args: Any) -> Any:
        return self._run("READ", work, args)

    def execute_write(self, work: Callable[..., Any], *args: Any) -> Any:
        return self._run("WRITE", work, args)

    def _run(self, mode: str, work: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        for attempt in range(1, self._driver.attempts + 1):
            log = Transaction(mode)
            self._driver.transactions.append(log)
            try:
                result = work(_Tx(self._driver, log), *args)
            except Exception as exc:
                log.outcome = "rolled back"
                retryable = (
                    isinstance(exc, neo4j.exceptions.GqlError) and getattr(exc, "is_retryable", bool)()
                )
                if retryable and attempt < self._driver.attempts:
                    continue
                raise
            log.outcome = "committed"
            return result
        raise AssertionError("unreachable")


class RecordingDriver:
    """The double. ``held`` is what reads answer; ``failures`` are raised when planned."""

    def __init__(self, held: Ecosystem | None = None, *, attempts: int = 3) -> None:
        self.answers: dict[Cypher, Answer] = dict(server_rows(held or Ecosystem()))
        self.failures: list[Failure] = []
        self.transactions: list[Transaction] = []
        self.sessions: list[Row] = []
        self.attempts = attempts
        self.closed = False
        self.revision = 0
        self.version = "5.26.0"
        self.execute_query_bookmark_manager = object()

    # -- what the store calls -----------------------------------------------------------

    def session(self, **config: Any) -> _Session:
        self.sessions.append(config)
        return _Session(self)

    def close(self) -> None:
        self.closed = True

    # -- the double's own behaviour -------------------------------------------------------

    def raise_planned(self, name: Cypher) -> None:
        for failure in self.failures:
            if failure.query is name and failure.times > 0:
                failure.times -= 1
                raise failure.error

    def answer(self, name: Cypher, params: Row) -> list[Row]:
        if name in self.answers:
            answer = self.answers[name]
            return answer(params) if callable(answer) else answer
        if "rows" in params:
            return [{"written": len(params["rows"])}]
        return self._default(name, params)

    def _default(self, name: Cypher, params: Row) -> list[Row]:
        if name is Cypher.BUMP_REVISION:
            self.revision += 1
        if name in (Cypher.LOCK_STORE, Cypher.BUMP_REVISION, Cypher.READ_REVISION):
            return [{"revision": self.revision}]
        if name in (Cypher.CLEAR, Cypher.CLEAR_LOADS, Cypher.CLEAR_SURVEY):
            return [{"written": 0}]
        if name is Cypher.RECORD_LOAD:
            return [{"fingerprint": params["fingerprint"]}]
        if name is Cypher.SERVER_VERSION:
            return [{"name": "Neo4j Kernel", "version": self.version, "edition": "community"}]
        return []

    # -- what tests read ------------------------------------------------------------------

    def committed(self) -> list[Transaction]:
        """The transactions that committed, in order."""
        return [t for t in self.transactions if t.outcome == "committed"]

    def sent(self, name: Cypher) -> list[Row]:
        """The parameters of every time ``name`` was sent, in order."""
        return [s.params for t in self.transactions for s in t.sent if s.query is name]
