"""The HSDS tables the import reads, the columns it uses and the rows it reads them into.

Everything else in an HSDS source (phones, contacts, schedules, programs, funding, costs,
languages, accessibility, metadata, ...) is read past: Ketenkaart has no place for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FILES", "NEEDED", "USED", "Package", "Record"]

FILES: dict[str, str] = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "service_at_location.csv",
    "service_area": "service_areas.csv",
    "organization_identifier": "organization_identifiers.csv",
    "attribute": "attributes.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "taxonomy": "taxonomies.csv",
    "address": "addresses.csv",
}
"""The tables read, by HSDS resource name, with their standard file names."""

USED: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "parent_organization_id"),
    "service": ("id", "organization_id", "name"),
    "location": ("id", "organization_id", "name"),
    "service_at_location": ("id", "service_id", "location_id"),
    "service_area": ("id", "service_id", "name", "extent", "uri"),
    "organization_identifier": ("id", "organization_id", "identifier_scheme", "identifier"),
    "attribute": ("id", "link_id", "taxonomy_term_id", "link_type"),
    "taxonomy_term": ("id", "code", "name", "taxonomy_id"),
    "taxonomy": ("id",),
    "address": ("id", "location_id", "city"),
}
"""The columns the import uses; all other columns are read past."""

NEEDED: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name"),
    "service": ("id", "organization_id", "name"),
    "location": ("id",),
    "service_at_location": ("id", "service_id", "location_id"),
    "service_area": ("id",),
    "organization_identifier": ("id", "organization_id", "identifier"),
    "attribute": ("id", "link_id", "taxonomy_term_id"),
    "taxonomy_term": ("id",),
    "taxonomy": ("id",),
    "address": ("id", "location_id"),
}
"""The columns that must be present and filled (HSDS requires them, and the import needs them)."""


@dataclass(slots=True)
class Record:
    """One HSDS row as text, with where it came from.

    ``row`` is the CSV line (the header is line 1); JSON rows have no row but ``path``,
    the JSON path of their object (``$.services[0]``), which names their columns.
    """

    table: str
    file: str
    row: int | None
    path: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """The value of a column, stripped; empty when absent."""
        return self.values.get(name, "").strip()

    def column(self, name: str | None) -> str | None:
        """How the report names a column of this row (a JSON path for JSON rows)."""
        if not self.path:
            return name
        return f"{self.path}.{name}" if name else self.path


@dataclass(slots=True)
class Package:
    """Everything read from one HSDS source: rows per table and the files they came from."""

    source: str
    tables: dict[str, list[Record]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    fingerprint: str = ""  # sha256 of the names and bytes of the files read

    def rows(self, table: str) -> list[Record]:
        """The rows of one table (none when the source has no such table)."""
        return self.tables.get(table, [])

    def add(self, record: Record) -> None:
        """Add a row to its table."""
        self.tables.setdefault(record.table, []).append(record)
