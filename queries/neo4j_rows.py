"""Records to Cypher parameters and back, for ``Neo4jStore``.

Rows going out are plain dicts whose keys are the ``row.<key>`` names of the batch files;
rows coming in are ``record.data()`` dicts keyed by the files' ``RETURN`` aliases. Dates
travel as native Neo4j dates (the driver turns ``datetime.date`` into one and back).
Nothing outside ``queries/`` sees these dicts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
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
    "flow",
    "flow_row",
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


def organisation(row: Mapping[str, Any]) -> Organisation:
    """An organisation from a ``read_organisations`` row."""
    return Organisation(
        id=row["id"],
        name=row["name"],
        sector=Sector(row["sector"]),
        municipality=row["municipality"],
        areas=tuple(row["areas"]),
        kvk=row["kvk"],
        capacity=row["capacity"],
        parent_id=row["parent_id"],
        description=row["description"] or "",
        expertise=tuple(row["expertise"] or ()),
    )


def professional(row: Mapping[str, Any]) -> Professional:
    """A professional from a ``read_professionals`` row."""
    return Professional(
        id=row["id"],
        name=row["name"],
        role=row["role"] or "",
        expertise=tuple(row["expertise"] or ()),
        employments=tuple(Employment(job["organisation_id"], job["fte"]) for job in row["employments"]),
    )


def agreement(row: Mapping[str, Any]) -> Agreement:
    """An agreement from a ``read_agreements`` row."""
    return Agreement(
        id=row["id"],
        name=row["name"],
        kind=AgreementKind(row["kind"]),
        start=_date(row["start_date"]),
        end=_date(row["end_date"]),
        parties=tuple(row["parties"]),
        members=tuple(row["members"]),
        areas=tuple(row["areas"]),
    )


def flow(row: Mapping[str, Any], periods: dict[str, Period]) -> ReferralFlow:
    """A referral flow from a ``read_flows`` row; ``periods`` caches parsed periods."""
    code = row["period"]
    period = periods.get(code) or periods.setdefault(code, Period.parse(code))
    return ReferralFlow(
        ActorKind(row["source_kind"]), row["source_id"], row["target_id"], period, row["domain"], row["count"]
    )


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
