"""What an ``apply`` changes: the difference between what a store holds and a batch.

A store whose query language cannot compare-and-write in one set-based statement (Neo4j)
reads what it holds inside its write transaction, asks :func:`plan` what to write, and
writes only that. The rules are the ones the SQLite store's merge statements follow, so
both stores report the same changes for the same batch (``tests/queries/test_changes.py``
checks that against the real SQLite store):

- a record of the batch is written when it is new or one of its own fields differs;
- for a record of the batch, its lists (areas served, employments, parties, members,
  areas covered) become the batch's lists: pairs no longer listed are removed, new ones
  added, and an employment whose fte changed is one change;
- records not in the batch are left alone;
- an area's indicators and boundary are its own fields (one change for the area);
- every reference must point at a record that exists once the batch is written, no key
  may appear twice in a batch, and every indicator must be a finite number; otherwise
  nothing is written.

>>> from graph.model import Organisation
>>> from graph.taxonomy import Sector
>>> held = Ecosystem(organisations=(Organisation("O1", "Wijkteam", Sector.WELZIJN),))
>>> plan(held, held).changes()
{}
>>> renamed = Ecosystem(organisations=(Organisation("O1", "Wijkteam Noord", Sector.WELZIJN),))
>>> plan(held, renamed).changes()
{'organisations': 1}
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import DuplicateKey, QueryFailed, StaleWrite
from graph.model import Agreement, Area, Ecosystem, Organisation, Professional, ReferralFlow
from graph.taxonomy import ActorKind

__all__ = ["ChangePlan", "Pairs", "plan", "refuse_non_finite", "refuse_stale", "stored_rows"]

Pair = tuple[str, str]
Job = tuple[str, str, float]


@dataclass(frozen=True, slots=True)
class Pairs:
    """Changes to one list table: pairs to remove and pairs to add."""

    removed: tuple[Pair, ...] = ()
    added: tuple[Pair, ...] = ()

    def __len__(self) -> int:
        return len(self.removed) + len(self.added)


@dataclass(frozen=True, slots=True)
class ChangePlan:
    """Everything one ``apply`` must write, in the order it must be written.

    ``employments_written`` holds new employments and those whose fte changed;
    ``removed`` is how many rows a ``replace`` clears before writing.
    """

    areas: tuple[Area, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    organisation_areas: Pairs = Pairs()
    professionals: tuple[Professional, ...] = ()
    employments_removed: tuple[Pair, ...] = ()
    employments_written: tuple[Job, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    agreement_parties: Pairs = Pairs()
    agreement_members: Pairs = Pairs()
    agreement_areas: Pairs = Pairs()
    flows: tuple[ReferralFlow, ...] = ()
    removed: int = 0

    def changes(self) -> dict[str, int]:
        """Changed rows per table, only tables with changes (as ``ApplyResult.changes``)."""
        counted = {
            "removed": self.removed,
            "areas": len(self.areas),
            "organisations": len(self.organisations),
            "organisation_areas": len(self.organisation_areas),
            "professionals": len(self.professionals),
            "employments": len(self.employments_removed) + len(self.employments_written),
            "agreements": len(self.agreements),
            "agreement_parties": len(self.agreement_parties),
            "agreement_members": len(self.agreement_members),
            "agreement_areas": len(self.agreement_areas),
            "flows": len(self.flows),
        }
        return {table: n for table, n in counted.items() if n}


def stored_rows(held: Ecosystem) -> int:
    """How many rows ``held`` takes in the SQLite tables: what a ``replace`` removes.

    The load log is not counted: a replace keeps it.

    >>> stored_rows(Ecosystem())
    0
    """
    return (
        len(held.areas)
        + sum(1 + len(o.areas) for o in held.organisations)
        + sum(1 + len(p.employments) for p in held.professionals)
        + sum(1 + len(a.parties) + len(a.members) + len(a.areas) for a in held.agreements)
        + len(held.flows)
    )


def plan(held: Ecosystem, batch: Ecosystem, *, removed: int = 0) -> ChangePlan:
    """What writing ``batch`` over ``held`` (the store's whole content) changes.

    Raises
    ------
    DuplicateKey
        If a key appears twice in the batch.
    QueryFailed
        If a record refers to one that would not exist after the write.
    """
    _refuse_duplicates(batch)
    _refuse_dangling(held, batch)
    refuse_non_finite(batch.areas)
    areas = {a.code: a for a in held.areas}
    orgs = {o.id: o for o in held.organisations}
    pros = {p.id: p for p in held.professionals}
    agreements = {a.id: a for a in held.agreements}
    flows = {f.key: f.count for f in held.flows}
    return ChangePlan(
        areas=tuple(a for a in batch.areas if areas.get(a.code) != a),
        organisations=tuple(o for o in batch.organisations if _fields(orgs.get(o.id)) != _fields(o)),
        organisation_areas=_pairs(
            {o.id: o.areas for o in batch.organisations}, {i: o.areas for i, o in orgs.items()}
        ),
        professionals=tuple(p for p in batch.professionals if _fields(pros.get(p.id)) != _fields(p)),
        employments_removed=_jobs_removed(batch.professionals, pros),
        employments_written=_jobs_written(batch.professionals, pros),
        agreements=tuple(a for a in batch.agreements if _fields(agreements.get(a.id)) != _fields(a)),
        agreement_parties=_pairs(
            {a.id: a.parties for a in batch.agreements}, {i: a.parties for i, a in agreements.items()}
        ),
        agreement_members=_pairs(
            {a.id: a.members for a in batch.agreements}, {i: a.members for i, a in agreements.items()}
        ),
        agreement_areas=_pairs(
            {a.id: a.areas for a in batch.agreements}, {i: a.areas for i, a in agreements.items()}
        ),
        flows=tuple(f for f in batch.flows if flows.get(f.key) != f.count),
        removed=removed,
    )


def _fields(record: Organisation | Professional | Agreement | None) -> tuple[Any, ...] | None:
    """A record's own fields, without the lists kept in list tables."""
    match record:
        case None:
            return None
        case Organisation():
            o = record
            return (
                o.name,
                o.sector,
                o.municipality,
                o.kvk,
                o.capacity,
                o.parent_id,
                o.description,
                o.expertise,
            )
        case Professional():
            return (record.name, record.role, record.expertise)
        case Agreement():
            return (record.name, record.kind, record.start, record.end)


def _pairs(wanted: Mapping[str, Iterable[str]], held: Mapping[str, Iterable[str]]) -> Pairs:
    removed: list[Pair] = []
    added: list[Pair] = []
    for owner, values in wanted.items():
        new, old = set(values), set(held.get(owner, ()))
        removed.extend((owner, value) for value in sorted(old - new))
        added.extend((owner, value) for value in sorted(new - old))
    return Pairs(tuple(removed), tuple(added))


def _jobs_removed(batch: Iterable[Professional], held: Mapping[str, Professional]) -> tuple[Pair, ...]:
    removed: list[Pair] = []
    for pro in batch:
        kept = {e.organisation_id for e in pro.employments}
        old = held.get(pro.id)
        if old is not None:
            removed.extend(
                (pro.id, e.organisation_id) for e in old.employments if e.organisation_id not in kept
            )
    return tuple(removed)


def _jobs_written(batch: Iterable[Professional], held: Mapping[str, Professional]) -> tuple[Job, ...]:
    written: list[Job] = []
    for pro in batch:
        old = held.get(pro.id)
        fte = {e.organisation_id: e.fte for e in old.employments} if old else {}
        written.extend(
            (pro.id, e.organisation_id, e.fte) for e in pro.employments if fte.get(e.organisation_id) != e.fte
        )
    return tuple(written)


def _refuse_duplicates(batch: Ecosystem) -> None:
    keyed: dict[str, Iterable[object]] = {
        "area": (a.code for a in batch.areas),
        "organisation": (o.id for o in batch.organisations),
        "professional": (p.id for p in batch.professionals),
        "agreement": (a.id for a in batch.agreements),
        "referral flow": (f.key for f in batch.flows),
        "employment": ((p.id, e.organisation_id) for p in batch.professionals for e in p.employments),
    }
    for kind, keys in keyed.items():
        twice = [key for key, n in Counter(keys).items() if n > 1]
        if twice:
            raise DuplicateKey(f"the batch holds {kind} {twice[0]!r} more than once")


def refuse_non_finite(areas: Iterable[Area]) -> None:
    """Refuse an indicator that is not a finite number: it could never compare equal.

    Raises
    ------
    QueryFailed
        Naming the first such area and indicator.
    """
    for area in areas:
        for name, value in area.indicators:
            if not math.isfinite(value):
                raise QueryFailed(
                    f"indicator {name} of area {area.code} is {value}, not a number", query="apply"
                )


def _refuse_dangling(held: Ecosystem, batch: Ecosystem) -> None:
    """Check every reference against the content after the write (as SQLite's foreign keys)."""
    areas = {a.code for a in held.areas} | {a.code for a in batch.areas}
    orgs = {o.id for o in held.organisations} | {o.id for o in batch.organisations}
    pros = {p.id for p in held.professionals} | {p.id for p in batch.professionals}
    sources = {ActorKind.ORGANISATION: orgs, ActorKind.PROFESSIONAL: pros}
    references: list[tuple[str, str, set[str]]] = [
        *((f"area {a.code}", a.parent, areas) for a in batch.areas if a.parent is not None),
        *(
            (f"organisation {o.id}", o.parent_id, orgs)
            for o in batch.organisations
            if o.parent_id is not None
        ),
        *((f"organisation {o.id}", code, areas) for o in batch.organisations for code in o.areas),
        *(
            (f"professional {p.id}", e.organisation_id, orgs)
            for p in batch.professionals
            for e in p.employments
        ),
        *((f"agreement {a.id}", org, orgs) for a in batch.agreements for org in a.parties),
        *((f"agreement {a.id}", pro, pros) for a in batch.agreements for pro in a.members),
        *((f"agreement {a.id}", code, areas) for a in batch.agreements for code in a.areas),
        *((f"referral flow to {f.target_id}", f.target_id, orgs) for f in batch.flows),
        *((f"referral flow from {f.source_id}", f.source_id, sources[f.source_kind]) for f in batch.flows),
    ]
    for owner, key, known in references:
        if key not in known:
            raise QueryFailed(f"{owner} refers to {key}, which is not in the store", query="apply")


def refuse_stale(held: int, expected: int) -> None:
    """Raise ``StaleWrite`` when the store's revision is no longer the one a write expects.

    >>> refuse_stale(4, 4)
    >>> refuse_stale(5, 4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.StaleWrite: the store changed while this was prepared (revision 4, now 5); ...
    """
    if held != expected:
        raise StaleWrite(
            f"the store changed while this was prepared (revision {expected}, now {held}); "
            "nothing was written, try again"
        )
