"""Records to Cypher parameters and back, for ``Neo4jStore``.

Rows going out are plain dicts whose keys are the ``row.<key>`` names of the batch files.
Rows coming in are dicts keyed by the files' ``RETURN`` aliases for the small reads, and lists
in the order the file's header gives for the four large reads (organisations, professionals,
agreements, flows), which send their rows in ``chunk`` lists. Dates
travel as native Neo4j dates (the driver turns ``datetime.date`` into one and back).
Nothing outside ``queries/`` sees these dicts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from graph.model import (
    Agreement,
    Area,
    Counts,
    Employment,
    Organisation,
    Professional,
    ReferralFlow,
)
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector, search_text
from queries.base import LoadRecord, SearchHit

__all__ = [
    "agreement",
    "agreement_row",
    "area",
    "area_row",
    "flow_row",
    "flows",
    "load_params",
    "load_record",
    "organisation",
    "organisation_row",
    "pair_rows",
    "professional",
    "professional_row",
    "search_hit",
]

Row = dict[str, Any]


# -- out: records to rows ---------------------------------------------------------------


def area_row(a: Area) -> Row:
    """An ``upsert_areas`` row; indicators go as two parallel lists (names, float values)."""
    return {
        "code": a.code,
        "name": a.name,
        "name_folded": search_text(a.name),
        "level": a.level.value,
        "indicator_names": [name for name, _ in a.indicators] or None,
        "indicator_values": [float(value) for _, value in a.indicators] or None,
        "boundary": a.boundary,
    }


def organisation_row(o: Organisation) -> Row:
    """An ``upsert_organisations`` row."""
    return {
        "id": o.id,
        "name": o.name,
        "name_folded": search_text(o.name),
        "sector": o.sector.value,
        "municipality": o.municipality,
        "kvk": o.kvk,
        "capacity": o.capacity,
        "parent_id": o.parent_id,
        "description": o.description,
        "expertise": list(o.expertise) or None,  # no property rather than an empty list
    }


def professional_row(p: Professional) -> Row:
    """An ``upsert_professionals`` row."""
    return {
        "id": p.id,
        "name": p.name,
        "name_folded": search_text(p.name),
        "role": p.role,
        "expertise": list(p.expertise) or None,  # no property rather than an empty list
    }


def agreement_row(a: Agreement) -> Row:
    """An ``upsert_agreements`` row."""
    return {
        "id": a.id,
        "name": a.name,
        "name_folded": search_text(a.name),
        "kind": a.kind.value,
        "start_date": a.start,
        "end_date": a.end,
    }


def flow_row(f: ReferralFlow) -> Row:
    """A ``write_*_flows`` row."""
    p = f.period
    return {
        "source_id": f.source_id,
        "target_id": f.target_id,
        "period": p.code,
        "domain": f.domain,
        "first_month": p.first,
        "last_month": p.last,
        "count": f.count,
    }


def pair_rows(pairs: Iterable[tuple[Any, ...]], *keys: str) -> list[Row]:
    """Rows for a list table: ``pair_rows([("O1", "WK1")], "organisation_id", "area_code")``.

    >>> pair_rows([("O1", "WK01")], "organisation_id", "area_code")
    [{'organisation_id': 'O1', 'area_code': 'WK01'}]
    """
    return [dict(zip(keys, pair, strict=True)) for pair in pairs]


def load_params(record: LoadRecord) -> Row:
    """The parameters of ``record_load``."""
    return {
        "fingerprint": record.fingerprint,
        "loaded_at": record.loaded_at,
        "source": record.source,
        "files": list(record.files) or None,
        "counts": json.dumps(record.counts.as_dict()),
    }


# -- in: rows to records ----------------------------------------------------------------


def _date(value: Any) -> date | None:
    """A stored date as ``datetime.date`` (the driver returns ``neo4j.time.Date``)."""
    if value is None or isinstance(value, date):
        return value
    native = value.to_native()
    assert isinstance(native, date)
    return native


def area(row: Mapping[str, Any]) -> Area:
    """An area from a ``read_areas`` row."""
    names, values = row["indicator_names"] or (), row["indicator_values"] or ()
    return Area(
        code=row["code"],
        name=row["name"],
        level=AreaLevel(row["level"]),
        parent=row["parent"],
        indicators=tuple(zip(names, map(float, values), strict=True)),
        boundary=row["boundary"],
    )


def organisation(row: Sequence[Any]) -> Organisation:
    """An organisation from a ``read_organisations`` row (a list, in the file's column order)."""
    org_id, name, sector, municipality, kvk, capacity, parent_id, description, expertise, areas = row
    return Organisation(
        id=org_id,
        name=name,
        sector=Sector(sector),
        municipality=municipality,
        areas=tuple(areas),
        kvk=kvk,
        capacity=capacity,
        parent_id=parent_id,
        description=description or "",
        expertise=tuple(expertise or ()),
    )


def professional(row: Sequence[Any]) -> Professional:
    """A professional from a ``read_professionals`` row (a list, in the file's column order)."""
    pro_id, name, role, expertise, jobs = row
    return Professional(
        id=pro_id,
        name=name,
        role=role or "",
        expertise=tuple(expertise or ()),
        employments=tuple(Employment(org_id, fte) for org_id, fte in jobs),
    )


def agreement(row: Sequence[Any]) -> Agreement:
    """An agreement from a ``read_agreements`` row (a list, in the file's column order)."""
    agreement_id, name, kind, start, end, parties, members, areas = row
    return Agreement(
        id=agreement_id,
        name=name,
        kind=AgreementKind(kind),
        start=_date(start),
        end=_date(end),
        parties=tuple(parties),
        members=tuple(members),
        areas=tuple(areas),
    )


_KINDS = {kind.value: kind for kind in ActorKind}


def flows(found: Iterable[Sequence[Any]]) -> list[ReferralFlow]:
    """Referral flows from ``read_flows`` rows: one row per source and target, with parallel
    lists of periods, domains and counts (one entry per flow between the two).

    One loop for all rows, with the source kinds and parsed periods looked up once each:
    a wijk's snapshot turns tens of thousands of flows into records.

    >>> found = flows([["organisation", "O1", "O2", ["2025-01", "2025-02"], ["", "jeugd"], [3, 1]]])
    >>> [(f.source_id, f.target_id, f.period.code, f.domain, f.count) for f in found]
    [('O1', 'O2', '2025-01', '', 3), ('O1', 'O2', '2025-02', 'jeugd', 1)]
    """
    periods: dict[str, Period] = {}
    kinds = _KINDS
    made = []
    for kind, source_id, target_id, codes, domains, counts in found:
        source_kind = kinds[kind]
        for code, domain, count in zip(codes, domains, counts, strict=True):
            period = periods.get(code) or periods.setdefault(code, Period.parse(code))
            made.append(ReferralFlow(source_kind, source_id, target_id, period, domain, count))
    return made


def search_hit(row: Mapping[str, Any]) -> SearchHit:
    """A search hit from a ``search`` row."""
    return SearchHit(kind=row["kind"], id=row["id"], name=row["name"], detail=row["detail"] or "")


def load_record(row: Mapping[str, Any]) -> LoadRecord:
    """A load log entry from a ``list_loads`` row."""
    return LoadRecord(
        fingerprint=row["fingerprint"],
        loaded_at=row["loaded_at"],
        source=row["source"],
        files=tuple(row["files"] or ()),
        counts=Counts(**json.loads(row["counts"])),
    )
