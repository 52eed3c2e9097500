"""Write an ecosystem's organisations as an Open Referral HSDS 3.0 CSV data package.

What each organisation becomes (the import reads all of it back, see ``mapping``):

- ``organizations.csv``: id, name, description and ``parent_organization_id``;
- ``services.csv``: one active service per expertise item, named after it;
- ``service_areas.csv``: each service with the organisation's areas (name, and the CBS
  code in ``uri``): Ketenkaart knows areas per organisation, not per service;
- ``organization_identifiers.csv``: the KvK number, scheme ``NL-KVK``;
- ``taxonomies.csv``, ``taxonomy_terms.csv``, ``attributes.csv``: the sector, the
  gemeente and the areas as terms linked to the organisation, so that an organisation
  without services keeps them too (``link_type`` ``sector``, ``municipality``, ``area``);
- ``datapackage.json``: the Frictionless description of exactly these files.

Rows Ketenkaart makes up get stable UUIDs (``vocabulary.hsds_id``). Professionals,
agreements, referral flows and capacity have no place in HSDS 3.0 and are not written.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.areacodes import area_parent, level_of
from graph.model import Area, Ecosystem, Organisation
from graph.taxonomy import Sector
from loaders.hsds import vocabulary as v
from loaders.hsds.schema import HSDS_VERSION, RESOURCES, Resource
from loaders.textsafety import neutralised

__all__ = ["hsds_tables", "write_hsds"]

Row = dict[str, str]

_SECTOR_TAXONOMY = "Ketenkaart sectoren"
_AREA_TAXONOMY = "CBS gemeenten, wijken en buurten"


def write_hsds(eco: Ecosystem, folder: Path) -> list[Path]:
    """Write the organisations of ``eco`` as an HSDS 3.0 CSV data package into ``folder``.

    Returns the files written: seven CSV tables, then ``datapackage.json``.
    Writing the same ecosystem twice gives byte-identical files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    tables = hsds_tables(eco)
    written = [_write_csv(folder / r.path, r, tables[r.name]) for r in RESOURCES]
    package = folder / "datapackage.json"
    package.write_text(json.dumps(_datapackage(tables), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return [*written, package]


def hsds_tables(eco: Ecosystem) -> dict[str, list[Row]]:
    """The HSDS rows of every organisation, per resource name, in a stable order."""
    areas = {a.code: a for a in eco.areas}
    tables: dict[str, list[Row]] = {r.name: [] for r in RESOURCES}
    for org in eco.organisations:
        tables["organization"].append(_organization(org))
        for service, service_areas in _services(org, areas):
            tables["service"].append(service)
            tables["service_area"].extend(service_areas)
        if org.kvk:
            tables["organization_identifier"].append(_kvk(org))
        tables["attribute"].extend(_attributes(org))
    tables["taxonomy"] = _taxonomies()
    tables["taxonomy_term"] = [
        *_sector_terms(sorted({o.sector for o in eco.organisations}, key=lambda s: s.value)),
        *_area_terms(_used_codes(eco.organisations), areas),
    ]
    return tables


def _organization(org: Organisation) -> Row:
    return {
        "id": org.id,
        "name": org.name,
        "description": org.description,
        "parent_organization_id": org.parent_id or "",
    }


def _services(org: Organisation, areas: dict[str, Area]) -> Iterator[tuple[Row, list[Row]]]:
    for name in org.expertise:
        service_id = v.hsds_id(org.id, "service", name)
        service = {"id": service_id, "organization_id": org.id, "name": name, "status": "active"}
        service_areas = [
            {
                "id": v.hsds_id(org.id, "service", name, "area", code),
                "service_id": service_id,
                "name": _area_name(code, areas),
                "description": _area_description(code),
                "uri": code,
            }
            for code in org.areas
        ]
        yield service, service_areas


def _kvk(org: Organisation) -> Row:
    return {
        "id": v.hsds_id(org.id, "kvk"),
        "organization_id": org.id,
        "identifier_scheme": v.KVK_SCHEME,
        "identifier_type": "KvK-nummer",
        "identifier": org.kvk or "",
    }


def _attribute(org: Organisation, link_type: str, term_id: str, *what: str) -> Row:
    return {
        "id": v.hsds_id(org.id, "attribute", link_type, *what),
        "link_id": org.id,
        "taxonomy_term_id": term_id,
        "link_type": link_type,
        "link_entity": "organization",
    }


def _attributes(org: Organisation) -> Iterator[Row]:
    yield _attribute(org, v.LINK_SECTOR, v.sector_term_id(org.sector.value))
    if org.municipality:
        yield _attribute(org, v.LINK_MUNICIPALITY, v.area_term_id(org.municipality))
    for code in org.areas:
        yield _attribute(org, v.LINK_AREA, v.area_term_id(code), code)


def _taxonomies() -> list[Row]:
    return [
        {
            "id": v.SECTOR_TAXONOMY_ID,
            "name": _SECTOR_TAXONOMY,
            "description": "The sectors of the Dutch social domain that Ketenkaart uses "
            "(zorg, welzijn, wonen, onderwijs, ...); the term code is the sector code.",
            "version": "1",
        },
        {
            "id": v.AREA_TAXONOMY_ID,
            "name": _AREA_TAXONOMY,
            "description": "Statistics Netherlands (CBS) areas; the term code is the CBS code "
            "(GMxxxx gemeente, WKxxxxxx wijk, BUxxxxxxxx buurt).",
        },
    ]


def _sector_terms(sectors: Iterable[Sector]) -> Iterator[Row]:
    for sector in sectors:
        yield {
            "id": v.sector_term_id(sector.value),
            "code": sector.value,
            "name": sector.label("nl"),
            "description": sector.label("en"),
            "taxonomy": _SECTOR_TAXONOMY,
            "language": "nl",
            "taxonomy_id": v.SECTOR_TAXONOMY_ID,
        }


def _used_codes(organisations: Iterable[Organisation]) -> list[str]:
    codes = {code for org in organisations for code in org.areas}
    codes.update(org.municipality for org in organisations if org.municipality)
    return sorted(codes)


def _area_terms(codes: list[str], areas: dict[str, Area]) -> Iterator[Row]:
    used = set(codes)
    for code in codes:
        known = areas.get(code)
        parent = known.parent if known else area_parent(code)
        yield {
            "id": v.area_term_id(code),
            "code": code,
            "name": _area_name(code, areas),
            "description": _area_description(code),
            "parent_id": v.area_term_id(parent) if parent in used else "",
            "taxonomy": _AREA_TAXONOMY,
            "language": "nl",
            "taxonomy_id": v.AREA_TAXONOMY_ID,
        }


def _area_name(code: str, areas: dict[str, Area]) -> str:
    known = areas.get(code)
    return known.name if known and known.name else code


def _area_description(code: str) -> str:
    return f"CBS {level_of(code).value} {code}"


def _write_csv(path: Path, spec: Resource, rows: list[Row]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=spec.field_names, restval="")
        writer.writeheader()
        writer.writerows(neutralised(row) for row in rows)  # formula-like text gets a leading '
    return path


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _schema(spec: Resource, rows: list[Row], written: set[str]) -> dict[str, Any]:
    """The table schema; ``format: uuid`` only where every value is one (Ketenkaart ids may not be)."""
    fields = [
        f.descriptor(keep_format=f.fmt != "uuid" or all(_is_uuid(r[f.name]) for r in rows if r.get(f.name)))
        for f in spec.fields
    ]
    keys = [
        {"fields": field, "reference": {"resource": target, "fields": target_field}}
        for field, target, target_field in spec.foreign_keys
        if target in written
    ]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
    if keys:
        schema["foreignKeys"] = keys
    return schema


def _datapackage(tables: dict[str, list[Row]]) -> dict[str, Any]:
    written = {r.name for r in RESOURCES}
    return {
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "description": "Organisations exported by Ketenkaart as Open Referral HSDS 3.0 tables.",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "homepage": "http://docs.openreferral.org",
        "resources": [
            {
                "name": r.name,
                "path": r.path,
                "description": r.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": _schema(r, tables[r.name], written),
            }
            for r in RESOURCES
        ],
    }
