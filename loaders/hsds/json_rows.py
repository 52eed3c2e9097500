"""Flatten HSDS JSON, as the HSDS API returns it, into the rows of the HSDS tables.

Accepted shapes (the Open Referral examples ``organization_full.json``,
``organization_list.json``, ``service_full.json``, ``service_list.json``,
``service_at_location_full.json``, ``service_at_location_list.json``, ``tabular.json``):

- one object: an organization, service or service_at_location (nested objects included);
- a list of such objects, or a page of them (``{"contents": [...], "page_number": ...}``);
- the tabular form: ``{"organizations.csv": [rows], "services.csv": [rows], ...}``.

Nested objects become rows of their own table, linked to their parent: an organization's
``services``, ``locations``, ``organization_identifiers`` and ``attributes``; a service's
``organization``, ``service_areas``, ``service_at_locations`` and ``attributes``; a
location's ``addresses``; an attribute's ``taxonomy_term`` and a term's ``taxonomy_detail``.
Every other nested list (phones, contacts, schedules, programs, funding, ...) is read past.
The same object may appear more than once (a location under ``locations`` and again under
``service_at_locations``): copies are merged, and copies that disagree are an error.
"""

from __future__ import annotations

import json
from typing import Any

from loaders.codes import ProblemCode
from loaders.hsds.tables import FILES, USED, Package, Record
from loaders.report import FileSummary, LoadReport

__all__ = ["read_json_rows", "record_kind"]

# list-valued keys: the child table and the child's column that names the parent
_CHILDREN: dict[str, dict[str, tuple[str, str]]] = {
    "organization": {
        "services": ("service", "organization_id"),
        "locations": ("location", "organization_id"),
        "organization_identifiers": ("organization_identifier", "organization_id"),
        "attributes": ("attribute", "link_id"),
    },
    "service": {
        "service_areas": ("service_area", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "attributes": ("attribute", "link_id"),
    },
    "location": {"addresses": ("address", "location_id"), "attributes": ("attribute", "link_id")},
    "service_at_location": {"attributes": ("attribute", "link_id")},
}
# object-valued keys: the table of the nested object and the parent's column that names it
_REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "service": {"organization": ("organization", "organization_id")},
    "service_at_location": {"service": ("service", "service_id"), "location": ("location", "location_id")},
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}
_TABLE_OF_FILE = {name: table for table, name in FILES.items()}
_SERVICE_KEYS = frozenset({"status", "service_areas", "service_at_locations"})
_TAXONOMY_KEYS = frozenset({"id", "name", "description", "uri", "version"})


def record_kind(item: object) -> str | None:
    """Which HSDS table a top-level JSON object belongs to, judged by its keys.

    >>> record_kind({"id": "1", "name": "Buurtteam", "services": []})
    'organization'
    >>> record_kind({"id": "2", "name": "Thuiszorg", "status": "active"})
    'service'
    >>> record_kind({"version": "3.0", "profile": "..."}) is None
    True
    """
    if not isinstance(item, dict) or "id" not in item:
        return None
    keys = set(item)
    rules = (
        (
            "service_at_location",
            isinstance(item.get("service"), dict) and isinstance(item.get("location"), dict),
        ),
        ("service", isinstance(item.get("organization"), dict) or bool(keys & _SERVICE_KEYS)),
        ("location", bool(keys & {"location_type", "addresses"})),
        ("taxonomy_term", bool(keys & {"taxonomy_detail", "taxonomy_id"}) or {"code", "parent_id"} <= keys),
        ("taxonomy", "version" in keys and keys <= _TAXONOMY_KEYS),
    )
    return next((kind for kind, matches in rules if matches), "organization")


def read_json_rows(file: str, document: Any, package: Package, report: LoadReport) -> None:
    """Add the rows of an HSDS JSON document to ``package``."""
    flattener = _Flattener(file, package, report)
    if isinstance(document, dict) and document and all(str(k).endswith(".csv") for k in document):
        flattener.tabular(document)
    else:
        items, prefix = _items(document)
        for index, item in enumerate(items):
            path = f"{prefix}[{index}]" if prefix else "$"
            kind = record_kind(item)
            if kind is None:
                _not_a_record(file, path, item, report)
            else:
                flattener.record(item, kind, path, {})
    flattener.finish()


def _items(document: Any) -> tuple[list[Any], str]:
    if isinstance(document, list):
        return document, "$"
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"], "$.contents"
    return [document], ""


def _not_a_record(file: str, path: str, item: object, report: LoadReport) -> None:
    shown = ", ".join(sorted(item)[:6]) if isinstance(item, dict) else type(item).__name__
    message = f"not an HSDS organization, service or service_at_location (it has {shown})"
    report.error(file, None, path, ProblemCode.BAD_JSON, message)


def _scalar(value: object) -> str | None:
    """JSON scalars as the text a CSV cell would hold; ``None`` for objects and lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value)
    return None


class _Flattener:
    """Turns nested objects into rows, merging copies of the same object."""

    def __init__(self, file: str, package: Package, report: LoadReport) -> None:
        self.file, self.package, self.report = file, package, report
        self.seen: dict[tuple[str, str], Record] = {}

    def tabular(self, document: dict[str, Any]) -> None:
        for name, rows in document.items():
            table = _TABLE_OF_FILE.get(name)
            if table is None:
                continue
            base = f"$[{json.dumps(name)}]"
            if not isinstance(rows, list):
                self.report.error(self.file, None, base, ProblemCode.BAD_JSON, "expected a list of rows")
                continue
            for index, row in enumerate(rows):
                self.record(row, table, f"{base}[{index}]", {})

    def record(self, item: Any, table: str, path: str, inherited: dict[str, str]) -> str:
        """Add one object (and what it nests) as a row of ``table``; returns its id."""
        if not isinstance(item, dict):
            self.report.error(self.file, None, path, ProblemCode.BAD_JSON, f"expected a {table} object")
            return ""
        record = Record(table, self.file, None, path, self._values(item, table, path))
        for name, value in inherited.items():
            if not record.get(name):
                record.values[name] = value
        record = self._merge(record)
        self._nested(item, record, path)
        return record.get("id")

    def _values(self, item: dict[str, Any], table: str, path: str) -> dict[str, str]:
        values: dict[str, str] = {}
        nested = set(_CHILDREN.get(table, {})) | set(_REFERENCES.get(table, {}))
        for key, value in item.items():
            text = _scalar(value)
            if text is not None:
                values[key] = text
            elif key in USED[table] and key not in nested:
                kind = "a list" if isinstance(value, list) else "an object"
                self.report.error(
                    self.file, None, f"{path}.{key}", ProblemCode.BAD_JSON, f"expected text, found {kind}"
                )
        return values

    def _nested(self, item: dict[str, Any], record: Record, path: str) -> None:
        for key, (table, column) in _REFERENCES.get(record.table, {}).items():
            if isinstance(item.get(key), dict):
                child_id = self.record(item[key], table, f"{path}.{key}", {})
                if child_id and not record.get(column):
                    record.values[column] = child_id
            elif item.get(key) is not None:
                self.report.error(
                    self.file, None, f"{path}.{key}", ProblemCode.BAD_JSON, f"expected a {table} object"
                )
        own_id = record.get("id")
        for key, (table, column) in _CHILDREN.get(record.table, {}).items():
            children = item.get(key)
            if children is None:
                continue
            if not isinstance(children, list):
                self.report.error(
                    self.file, None, f"{path}.{key}", ProblemCode.BAD_JSON, f"expected a list of {table}"
                )
                continue
            inherited = {column: own_id} | ({"link_entity": record.table} if table == "attribute" else {})
            for index, child in enumerate(children):
                self.record(child, table, f"{path}.{key}[{index}]", inherited)

    def _merge(self, record: Record) -> Record:
        """Keep one row per table and id: fill gaps from copies, report copies that disagree."""
        key = (record.table, record.get("id"))
        first = self.seen.get(key)
        if not key[1] or first is None:
            self.seen.setdefault(key, record)
            self.package.add(record)
            return record
        for name, value in record.values.items():
            if (
                value.strip()
                and first.get(name)
                and first.get(name) != value.strip()
                and name in USED[record.table]
            ):
                message = (
                    f"{record.table} {key[1]} appears again with another {name} "
                    f"({first.get(name)!r} at {first.path})"
                )
                self.report.error(self.file, None, record.column(name), ProblemCode.DUPLICATE_KEY, message)
            elif value.strip() and not first.get(name):
                first.values[name] = value
        return first

    def finish(self) -> None:
        """Summarise the rows read per table."""
        for table, rows in self.package.tables.items():
            self.report.files.append(FileSummary(self.file, table, len(rows), "utf-8"))
