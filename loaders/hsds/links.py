"""Check HSDS rows and index how they hang together: services, locations, terms per organisation.

Errors (nothing is written): a needed value missing (``missing-value``), an id twice in
one table (``duplicate-key``), a service or identifier of an organisation that is not in
the files (``unknown-organisation``). Warnings: a location of an organisation that is not
in the files (``unknown-organisation``), and links to rows that are not there
(``dangling-reference``); those links are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from loaders.codes import ProblemCode
from loaders.hsds.tables import NEEDED, Package, Record
from loaders.hsds.vocabulary import AREA_TAXONOMY_ID
from loaders.report import LoadReport

__all__ = ["Links", "check_rows", "index_links"]


@dataclass(slots=True)
class Links:
    """The rows of one source, indexed by the ids that link them."""

    organisations: dict[str, Record] = field(default_factory=dict)
    services_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    identifiers_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    locations: dict[str, Record] = field(default_factory=dict)
    locations_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    addresses_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    service_areas_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    attributes_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    terms: dict[str, Record] = field(default_factory=dict)
    from_ketenkaart: bool = False  # the source is a Ketenkaart export (it has its CBS taxonomy)


def check_rows(package: Package, report: LoadReport) -> None:
    """Report missing needed values and ids that occur twice in one table."""
    for table, records in package.tables.items():
        seen: dict[str, Record] = {}
        for record in records:
            for name in NEEDED[table]:
                if not record.get(name):
                    report.error(
                        record.file,
                        record.row,
                        record.column(name),
                        ProblemCode.MISSING_VALUE,
                        _needs(table, name),
                    )
            key = record.get("id")
            if key and key in seen:
                message = f"{table} id {key!r} also occurs at {_where(seen[key])}; ids must be unique"
                report.error(record.file, record.row, record.column("id"), ProblemCode.DUPLICATE_KEY, message)
            seen.setdefault(key, record)


def _needs(table: str, name: str) -> str:
    return f"the {table} needs a {name}"


def _where(record: Record) -> str:
    return f"row {record.row}" if record.row is not None else record.path


def _first_by_id(records: list[Record]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for record in records:
        if record.get("id"):
            found.setdefault(record.get("id"), record)
    return found


def index_links(package: Package, report: LoadReport) -> Links:
    """Index the rows by their links, reporting links to rows that are not there."""
    links = Links(
        organisations=_first_by_id(package.rows("organization")),
        locations=_first_by_id(package.rows("location")),
        terms=_first_by_id(package.rows("taxonomy_term")),
    )
    _organisation_rows(package, links, report)
    services = _first_by_id(package.rows("service"))
    _location_rows(package, links, services, report)
    for area in package.rows("service_area"):
        if _present(area, "service_id", services, report):
            links.service_areas_of[area.get("service_id")].append(area)
    for attribute in package.rows("attribute"):
        links.attributes_of[attribute.get("link_id")].append(attribute)
    taxonomies = {r.get("id") for r in package.rows("taxonomy")} | {
        t.get("taxonomy_id") for t in links.terms.values()
    }
    links.from_ketenkaart = AREA_TAXONOMY_ID in taxonomies
    return links


def _organisation_rows(package: Package, links: Links, report: LoadReport) -> None:
    for table, index in (("service", links.services_of), ("organization_identifier", links.identifiers_of)):
        for record in package.rows(table):
            owner = record.get("organization_id")
            if owner in links.organisations:
                index[owner].append(record)
            elif owner:
                message = (
                    f"organization {owner!r} is not in these files; import a {table} together with its "
                    "organization, as its expertise, areas and KvK number are replaced as a whole"
                )
                report.error(
                    record.file,
                    record.row,
                    record.column("organization_id"),
                    ProblemCode.UNKNOWN_ORGANISATION,
                    message,
                )


def _location_rows(package: Package, links: Links, services: dict[str, Record], report: LoadReport) -> None:
    for location in links.locations.values():
        owner = location.get("organization_id")
        if owner in links.organisations:
            links.locations_of[owner].append(location.get("id"))
        elif owner:
            message = (
                f"organization {owner!r} is not in these files; the location counts only for its services"
            )
            report.warn(
                location.file,
                location.row,
                location.column("organization_id"),
                ProblemCode.UNKNOWN_ORGANISATION,
                message,
            )
    for link in package.rows("service_at_location"):
        if _present(link, "service_id", services, report) and _present(
            link, "location_id", links.locations, report
        ):
            service = services[link.get("service_id")]
            links.locations_of[service.get("organization_id")].append(link.get("location_id"))
    for address in package.rows("address"):
        if _present(address, "location_id", links.locations, report):
            links.addresses_of[address.get("location_id")].append(address)


def _present(record: Record, column: str, rows: dict[str, Record], report: LoadReport) -> bool:
    """Whether the row that ``column`` names is there; a warning when it is named but absent."""
    key = record.get(column)
    if key in rows:
        return True
    if key:
        table = column.removesuffix("_id")
        message = f"no {table} with id {key!r} in these files; this {record.table} is left out"
        report.warn(record.file, record.row, record.column(column), ProblemCode.DANGLING_REFERENCE, message)
    return False
