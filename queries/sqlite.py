"""``SqliteStore``: the embedded default store, one SQLite file in WAL mode.

How a write works: every record of the batch is staged into per-connection TEMP tables,
then set-based statements merge the stage into the real tables, writing only rows that
are new or differ. The whole apply is one ``BEGIN IMMEDIATE`` ... ``COMMIT``: a crash
or kill before the commit leaves the file as it was (SQLite's WAL ignores uncommitted
frames on the next open). A re-load of the same content writes no row and reports zero
changes.

``synchronous=NORMAL`` is used with WAL: a killed process never loses a committed load,
a power cut may lose the last one but never corrupts the file.

Errors from ``sqlite3`` are translated here, once, into ``graph.errors``. The survey
records (rounds, responses, corrections, pair decisions) are in ``queries/sqlite_survey.py``,
a base class of the store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import groupby, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from sys import intern
from typing import Any

from graph.errors import DuplicateKey, ExplorerError, QueryFailed, StoreUnavailable
from graph.model import (
    Agreement,
    Area,
    Counts,
    Ecosystem,
    Employment,
    Organisation,
    Professional,
    ReferralFlow,
    Scope,
    presorted,
    presorted_columns,
)
from graph.periods import Period
from graph.survey import ReportedTie
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector, search_text
from queries.base import ApplyResult, ClosingOnExit, KnownIds, LoadRecord, SearchHit
from queries.catalog import Sql, sql, statements
from queries.changes import refuse_non_finite, refuse_stale
from queries.sqlite_survey import SqliteSurvey

__all__ = ["SCHEMA_VERSION", "SqliteStore", "translate"]

MEMORY = ":memory:"

SCHEMA_VERSION = 4
"""The version of the tables this code writes; ``init_schema`` migrates older files."""

# Scripts that bring a file from the version before up to the version given.
_MIGRATIONS: tuple[tuple[int, Sql], ...] = (
    (2, Sql.MIGRATE_V2),
    (3, Sql.MIGRATE_V3),
    (4, Sql.MIGRATE_V4),
)

# Merge statements in dependency order, with the table each one's changes count for.
_MERGES: tuple[tuple[Sql, str], ...] = (
    (Sql.MERGE_AREAS, "areas"),
    (Sql.MERGE_ORGANISATIONS, "organisations"),
    (Sql.PRUNE_ORGANISATION_AREAS, "organisation_areas"),
    (Sql.ADD_ORGANISATION_AREAS, "organisation_areas"),
    (Sql.MERGE_PROFESSIONALS, "professionals"),
    (Sql.PRUNE_EMPLOYMENTS, "employments"),
    (Sql.ADD_EMPLOYMENTS, "employments"),
    (Sql.MERGE_AGREEMENTS, "agreements"),
    (Sql.PRUNE_AGREEMENT_PARTIES, "agreement_parties"),
    (Sql.ADD_AGREEMENT_PARTIES, "agreement_parties"),
    (Sql.PRUNE_AGREEMENT_MEMBERS, "agreement_members"),
    (Sql.ADD_AGREEMENT_MEMBERS, "agreement_members"),
    (Sql.PRUNE_AGREEMENT_AREAS, "agreement_areas"),
    (Sql.ADD_AGREEMENT_AREAS, "agreement_areas"),
    (Sql.MERGE_FLOWS, "flows"),
)


# sqlite3 error names (``sqlite_errorname``, extended result codes) that mean a broken
# uniqueness rule, and name prefixes that mean the file itself cannot be used.
_DUPLICATE = frozenset({"SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"})
_UNAVAILABLE = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_CANTOPEN",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_NOTADB",
    "SQLITE_CORRUPT",
    "SQLITE_PERM",
    "SQLITE_READONLY",
)


def translate(exc: sqlite3.Error | OSError, *, where: str, query: str | None = None) -> ExplorerError:
    """The project's error for what ``sqlite3`` raised (the one place this happens).

    ``query`` names the statement that ran; ``None`` while the file is being opened,
    where every failure means the store is unavailable.
    """
    name = getattr(exc, "sqlite_errorname", None) or ""
    if query is None:
        return StoreUnavailable(f"cannot open SQLite database {where}: {exc}")
    if name in _DUPLICATE:
        return DuplicateKey(f"{query}: {exc}")
    if name.startswith(_UNAVAILABLE):
        return StoreUnavailable(f"{where}: {exc}")
    return QueryFailed(str(exc), query=query)


def _json_list(values: Iterable[str]) -> str:
    """A list of words as stored: a JSON array (organisations' and professionals' expertise)."""
    return json.dumps(list(values), ensure_ascii=False)


class SqliteStore(SqliteSurvey, ClosingOnExit):
    """The embedded store. ``path`` is a file (created if missing) or ``":memory:"``.

    One connection per store object, shared by threads under a lock: SQLite serialises
    writers anyway, and snapshot reads are cached above this layer.
    """

    def __init__(self, path: str | Path = MEMORY, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            if self.path != MEMORY:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            if self.path != MEMORY:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Areas keep no folded name column: search.sql folds them with the same function.
            self._conn.create_function("fold", 1, search_text, deterministic=True)
            self._conn.execute("PRAGMA temp_store = MEMORY")
        except (sqlite3.Error, OSError) as exc:
            raise translate(exc, where=self.path) from exc
        try:
            self.init_schema()
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    # -- transactions and error translation ---------------------------------------------

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._run_plain("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield self._conn
                self._run_plain("COMMIT")  # deferred foreign keys are checked here
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.rollback()
                raise

    def _run_plain(self, statement: str) -> None:
        try:
            self._conn.execute(statement)
        except sqlite3.Error as exc:
            raise translate(exc, where=self.path, query=statement.lower()) from exc

    def _execute(self, name: Sql, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql(name), params)
        except sqlite3.Error as exc:
            raise translate(exc, where=self.path, query=name.value) from exc

    def _execute_many(self, name: Sql, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> None:
        try:
            self._conn.executemany(sql(name), rows)
        except sqlite3.Error as exc:
            raise translate(exc, where=self.path, query=name.value) from exc

    def _execute_script(self, name: Sql) -> None:
        # ``executescript`` would commit the open transaction first: run statement by statement.
        for statement in statements(sql(name)):
            try:
                self._conn.execute(statement)
            except sqlite3.Error as exc:
                raise translate(exc, where=self.path, query=name.value) from exc

    # -- Store ---------------------------------------------------------------------------

    def init_schema(self) -> None:
        """Create tables and indexes if missing, and migrate a file made by an older version.

        A no-op on an up-to-date database. A migration runs in the same transaction, so
        a file is either migrated whole or left as it was.
        """
        with self._transaction(write=True):
            self._execute_script(Sql.SCHEMA)
            version = int(self._execute(Sql.READ_SCHEMA_VERSION).fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"{self.path} was made by a newer Ketenkaart (schema version {version}, "
                    f"this one reads up to {SCHEMA_VERSION}); upgrade Ketenkaart"
                )
            for target, script in _MIGRATIONS:
                if version < target:
                    self._execute_script(script)
            self._execute_script(Sql.SURVEY_SCHEMA)

    def apply(
        self,
        batch: Ecosystem,
        *,
        replace: bool = False,
        record: LoadRecord | None = None,
        expected_revision: int | None = None,
    ) -> ApplyResult:
        """Write ``batch`` in one transaction; only new or different rows are written."""
        refuse_non_finite(batch.areas)
        changes: dict[str, int] = defaultdict(int)
        with self._transaction(write=True) as conn:
            if expected_revision is not None:
                held = int(self._execute(Sql.READ_REVISION).fetchone()[0])
                refuse_stale(held, expected_revision)
            if replace:
                before = conn.total_changes
                self._execute_script(Sql.CLEAR)
                changes["removed"] = conn.total_changes - before
            self._execute_script(Sql.STAGE_SCHEMA)
            self._stage(batch)
            for name, table in _MERGES:
                before = conn.total_changes
                self._execute(name)
                changes[table] += conn.total_changes - before
            self._refuse_unknown_flow_sources()
            result = ApplyResult({table: n for table, n in changes.items() if n})
            if result.total:
                self._execute(Sql.BUMP_REVISION)
            if record is not None:
                self._execute(Sql.RECORD_LOAD, _record_params(record))
            self._execute_script(Sql.STAGE_SCHEMA)
        return result

    def _refuse_unknown_flow_sources(self) -> None:
        unknown = self._execute(Sql.CHECK_FLOW_SOURCES).fetchone()
        if unknown is not None:
            kind, key = unknown
            raise QueryFailed(f"referral flow from {kind} {key}, which is not in the store", query="apply")

    def _stage(self, batch: Ecosystem) -> None:
        orgs, pros, agreements = batch.organisations, batch.professionals, batch.agreements
        self._execute_many(Sql.STAGE_AREAS, (_area_row(a) for a in batch.areas))
        self._execute_many(Sql.STAGE_ORGANISATIONS, (_organisation_row(o) for o in orgs))
        self._execute_many(Sql.STAGE_ORGANISATION_AREAS, ((o.id, code) for o in orgs for code in o.areas))
        self._execute_many(Sql.STAGE_PROFESSIONALS, (_professional_row(p) for p in pros))
        self._execute_many(
            Sql.STAGE_EMPLOYMENTS, ((p.id, e.organisation_id, e.fte) for p in pros for e in p.employments)
        )
        self._execute_many(Sql.STAGE_AGREEMENTS, (_agreement_row(a) for a in agreements))
        self._execute_many(Sql.STAGE_AGREEMENT_PARTIES, ((a.id, o) for a in agreements for o in a.parties))
        self._execute_many(Sql.STAGE_AGREEMENT_MEMBERS, ((a.id, p) for a in agreements for p in a.members))
        self._execute_many(Sql.STAGE_AGREEMENT_AREAS, ((a.id, c) for a in agreements for c in a.areas))
        self._execute_many(Sql.STAGE_FLOWS, (_flow_row(f) for f in batch.flows))

    def snapshot(self, scope: Scope = Scope()) -> Ecosystem:
        """Read the ecosystem in ``scope`` inside one read transaction."""
        first, last = scope.periods.bounds
        with self._transaction(write=False):
            self._execute_script(Sql.SCOPE_SCHEMA)
            area_json = json.dumps(sorted(scope.areas))
            self._execute(Sql.SCOPE_ORGANISATIONS, {"municipality": scope.municipality, "areas": area_json})
            self._execute(Sql.SCOPE_PROFESSIONALS)
            rows = {name: self._execute(name).fetchall() for name in _SNAPSHOT_READS}
            rows[Sql.READ_FLOWS] = self._execute(
                Sql.READ_FLOWS, {"first_month": first, "last_month": last}
            ).fetchall()
            reported = self._read_reported()
        return _ecosystem_from_rows(rows, reported)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Find records by name or id; prefix matches first, then shorter names."""
        folded = search_text(text)
        if not folded:
            return []
        with self._transaction(write=False):
            rows = self._execute(Sql.SEARCH, {"text": folded, "limit": limit}).fetchall()
        return [SearchHit(kind=r[0], id=r[1], name=r[2], detail=r[3]) for r in rows]

    def counts(self) -> Counts:
        """How many records of each kind are stored."""
        with self._transaction(write=False):
            row = self._execute(Sql.COUNTS).fetchone()
        return Counts(*row)

    def known_ids(self) -> KnownIds:
        """Every stored key per kind, and the stored areas."""
        with self._transaction(write=False):
            pairs = self._execute(Sql.KNOWN_IDS).fetchall()
            areas = _areas(self._execute(Sql.READ_AREAS).fetchall())
        return KnownIds.from_pairs(pairs, areas)

    def loads(self) -> list[LoadRecord]:
        """Logged file sets, oldest first."""
        with self._transaction(write=False):
            rows = self._execute(Sql.LIST_LOADS).fetchall()
        return [
            LoadRecord(
                fingerprint=r[0],
                loaded_at=r[1],
                source=r[2],
                files=tuple(json.loads(r[3])),
                counts=Counts(**json.loads(r[4])),
            )
            for r in rows
        ]

    def revision(self) -> int:
        """The revision counter; grows with every write that changed something."""
        with self._transaction(write=False):
            row = self._execute(Sql.READ_REVISION).fetchone()
        return int(row[0])

    def clear(self) -> None:
        """Remove every record, the survey records and the load log in one transaction."""
        with self._transaction(write=True):
            self._execute_script(Sql.CLEAR)
            self._execute_script(Sql.CLEAR_SURVEY)
            self._execute(Sql.CLEAR_LOADS)
            self._execute(Sql.BUMP_REVISION)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()


# -- rows to records and back ----------------------------------------------------------

_SNAPSHOT_READS = (
    Sql.READ_AREAS,
    Sql.READ_ORGANISATIONS,
    Sql.READ_ORGANISATION_AREAS,
    Sql.READ_PROFESSIONALS,
    Sql.READ_EMPLOYMENTS,
    Sql.READ_AGREEMENTS,
    Sql.READ_AGREEMENT_PARTIES,
    Sql.READ_AGREEMENT_MEMBERS,
    Sql.READ_AGREEMENT_AREAS,
)


_first, _second = itemgetter(0), itemgetter(1)  # the first and the second column of a row


def _indicators_json(indicators: Iterable[tuple[str, float]]) -> str:
    """Indicators as one canonical JSON object, so equal values compare equal as text.

    Keys sorted, values as floats (``0.0`` for ``-0.0``), no spaces.

    >>> _indicators_json([("a_inw", 5200), ("a_00_14", -0.0)])
    '{"a_00_14":0.0,"a_inw":5200.0}'
    """
    values = {name: float(value) + 0.0 for name, value in indicators}
    return json.dumps(values, sort_keys=True, separators=(",", ":"))


def _indicators(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((name, float(value)) for name, value in json.loads(text).items())


def _area_row(a: Area) -> tuple[Any, ...]:
    return (a.code, a.name, a.level.value, a.parent, _indicators_json(a.indicators), a.boundary)


def _organisation_row(o: Organisation) -> tuple[Any, ...]:
    folded = search_text(o.name)
    return (
        o.id,
        o.name,
        folded,
        o.sector.value,
        o.municipality,
        o.kvk,
        o.capacity,
        o.parent_id,
        o.description,
        _json_list(o.expertise),
    )


def _professional_row(p: Professional) -> tuple[Any, ...]:
    return (p.id, p.name, search_text(p.name), p.role, _json_list(p.expertise))


def _agreement_row(a: Agreement) -> tuple[Any, ...]:
    start = a.start.isoformat() if a.start else None
    end = a.end.isoformat() if a.end else None
    return (a.id, a.name, search_text(a.name), a.kind.value, start, end)


def _flow_row(f: ReferralFlow) -> tuple[Any, ...]:
    p = f.period
    return (f.source_kind.value, f.source_id, f.target_id, p.code, f.domain, p.first, p.last, f.count)


def _record_params(record: LoadRecord) -> dict[str, str]:
    return {
        "fingerprint": record.fingerprint,
        "loaded_at": record.loaded_at,
        "source": record.source,
        "files": json.dumps(list(record.files)),
        "counts": json.dumps(record.counts.as_dict()),
    }


def _members(rows: Iterable[Sequence[Any]]) -> dict[str, tuple[Any, ...]]:
    """The second column of ``(key, member)`` rows in key order, as one tuple per key (each
    member's text one object, ``_ecosystem_from_rows``)."""
    return {key: tuple(map(intern, map(_second, group))) for key, group in groupby(rows, _first)}


def _words(text: str) -> tuple[str, ...]:
    """An expertise list as stored (a JSON array) as the record holds it: sorted, no repeats."""
    return () if text == "[]" else tuple(sorted(set(json.loads(text))))


def _areas(rows: list[Any]) -> tuple[Area, ...]:
    return tuple(
        Area(code=c, name=n, level=AreaLevel(lv), parent=p, indicators=_indicators(ind), boundary=b)
        for c, n, lv, p, ind, b in rows
    )


def _ecosystem_from_rows(rows: dict[Sql, list[Any]], reported: tuple[ReportedTie, ...]) -> Ecosystem:
    """The ecosystem held by a snapshot's rows.

    Every read is ordered by its table's key, and every list of a record lives in a link
    table keyed by the record and the member, so records come in key order and their lists
    sorted without repeats (SQLite's binary order of text is Python's order of ``str``):
    they are made a column at a time with ``presorted_columns``, skipping the model's
    sorting. Reported ties come ordered by round, reporter and partner, as the ecosystem
    keeps them. Expertise (JSON text) is still sorted as it is read, and flows are put in
    key order by ``_flows``.

    An id read in many rows (an organisation's in its flows, agreements and jobs) is one
    ``str`` object throughout (``sys.intern``), not one per row: at 50k organisations and
    1M flows the copies took 190 MB, and, left among the records when the rows were freed,
    kept the heap 550 MB larger for the whole analysis. So is a date read in many rows.
    """
    org_areas = _members(rows[Sql.READ_ORGANISATION_AREAS])
    parties = _members(rows[Sql.READ_AGREEMENT_PARTIES])
    members = _members(rows[Sql.READ_AGREEMENT_MEMBERS])
    agreement_areas = _members(rows[Sql.READ_AGREEMENT_AREAS])
    employment_rows = rows[Sql.READ_EMPLOYMENTS]
    employments = presorted_columns(
        Employment,
        len(employment_rows),
        map(intern, _column(employment_rows, 1)),
        _column(employment_rows, 2),
    )
    jobs = {
        key: tuple(map(_second, group))
        for key, group in groupby(zip(_column(employment_rows, 0), employments, strict=True), _first)
    }
    sectors = {sector.value: sector for sector in Sector}
    kinds = {kind.value: kind for kind in AgreementKind}
    organisation_rows = rows[Sql.READ_ORGANISATIONS]
    professional_rows = rows[Sql.READ_PROFESSIONALS]
    agreement_rows = rows[Sql.READ_AGREEMENTS]
    dates = _dates(agreement_rows, 3, 4)
    return presorted(
        Ecosystem,
        _areas(rows[Sql.READ_AREAS]),
        presorted_columns(
            Organisation,
            len(organisation_rows),
            map(intern, _column(organisation_rows, 0)),
            _column(organisation_rows, 1),
            map(sectors.__getitem__, _column(organisation_rows, 2)),
            _column(organisation_rows, 3),
            map(org_areas.get, _column(organisation_rows, 0), repeat(())),
            *(_column(organisation_rows, index) for index in range(4, 8)),
            map(_words, _column(organisation_rows, 8)),
        ),
        presorted_columns(
            Professional,
            len(professional_rows),
            _column(professional_rows, 0),
            _column(professional_rows, 1),
            _column(professional_rows, 2),
            map(_words, _column(professional_rows, 3)),
            map(jobs.get, _column(professional_rows, 0), repeat(())),
        ),
        presorted_columns(
            Agreement,
            len(agreement_rows),
            _column(agreement_rows, 0),
            _column(agreement_rows, 1),
            map(kinds.__getitem__, _column(agreement_rows, 2)),
            map(dates.__getitem__, _column(agreement_rows, 3)),
            map(dates.__getitem__, _column(agreement_rows, 4)),
            *(
                map(lists.get, _column(agreement_rows, 0), repeat(()))
                for lists in (parties, members, agreement_areas)
            ),
        ),
        _flows(rows[Sql.READ_FLOWS]),
        reported,
    )


def _column(rows: list[Any], index: int) -> Iterator[Any]:
    """The values in one column of ``rows``, row by row."""
    return map(itemgetter(index), rows)


def _dates(rows: list[Any], *indexes: int) -> dict[str | None, date | None]:
    """Each date text in the given columns of ``rows`` with its date (``None`` for none)."""
    texts = {text for index in indexes for text in _column(rows, index)}
    return {text: date.fromisoformat(text) if text else None for text in texts}


def _flows(rows: list[Any]) -> tuple[ReferralFlow, ...]:
    """Flows from ``read_flows`` rows, in the order of their key (``ReferralFlow.key``).

    The rows come ordered by source, target, period code and domain; the key orders periods
    by their months instead. When the codes read sort as their months (as months alone or
    quarters alone do), the rows are already in key order; otherwise they are sorted here.
    """
    periods = {code: Period.parse(code) for code in sorted(set(_column(rows, 3)))}
    kinds = {kind.value: kind for kind in ActorKind}
    flows = presorted_columns(
        ReferralFlow,
        len(rows),
        map(kinds.__getitem__, _column(rows, 0)),
        map(intern, _column(rows, 1)),
        map(intern, _column(rows, 2)),
        map(periods.__getitem__, _column(rows, 3)),
        _column(rows, 4),
        _column(rows, 5),
    )
    months = [(p.first, p.last) for p in periods.values()]
    if any(a >= b for a, b in pairwise(months)):
        return tuple(sorted(flows, key=lambda flow: flow.key))
    return flows
