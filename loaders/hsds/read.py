"""Read an HSDS source into rows of text: a CSV data package or an HSDS JSON file.

A source is one of:

- a folder with the HSDS CSV files (``organizations.csv``, ``services.csv``, ...), with or
  without a ``datapackage.json``; when there is one, its resources say which file holds
  which table;
- the path of such a ``datapackage.json``;
- a ``.json`` file as the HSDS API returns it (see ``loaders.hsds.json_rows``).

Only the tables in ``tables.FILES`` are read. Nothing is interpreted here; problems with
whole files go into the report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path, PurePosixPath
from typing import Any

from loaders.codes import ProblemCode
from loaders.hsds.json_rows import read_json_rows
from loaders.hsds.tables import FILES, NEEDED, Package, Record
from loaders.report import FileSummary, LoadReport

__all__ = ["read_hsds"]

_MAX_FIELD = 16 * 1024 * 1024
_DATAPACKAGE = "datapackage.json"


def read_hsds(path: Path, report: LoadReport) -> Package:
    """Read a folder, a ``datapackage.json`` or an HSDS JSON file."""
    reader = _Reader(Package(str(path)), report)
    if path.is_dir():
        descriptor = path / _DATAPACKAGE
        reader.folder(path, reader.json_document(descriptor) if descriptor.is_file() else None)
    elif path.suffix.lower() == ".json":
        document = reader.json_document(path)
        if isinstance(document, dict) and "resources" in document:
            reader.folder(path.parent, document)
        elif document is not None:
            read_json_rows(path.name, document, reader.package, report)
    elif not path.exists():
        report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, f"{path} does not exist")
    else:
        report.error(
            path.name,
            None,
            None,
            ProblemCode.UNREADABLE_FILE,
            "use a folder of HSDS CSV files, its datapackage.json or an HSDS .json file",
        )
    reader.package.fingerprint = reader.digest.hexdigest()
    return reader.package


class _Reader:
    """Reads files into one package, hashing every byte read."""

    def __init__(self, package: Package, report: LoadReport) -> None:
        self.package, self.report = package, report
        self.digest = hashlib.sha256()

    def data(self, path: Path) -> str | None:
        """A file's text (UTF-8, with or without BOM), or ``None`` after reporting why not."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, str(exc))
            return None
        self.package.files.append(path.name)
        self.digest.update(path.name.encode() + b"\0" + data + b"\0")
        if not data.strip():
            self.report.error(path.name, None, None, ProblemCode.EMPTY_FILE, "the file is empty")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            message = f"byte 0x{data[exc.start : exc.start + 1].hex()} is not UTF-8; HSDS files are UTF-8"
            self.report.error(path.name, line, None, ProblemCode.BAD_ENCODING, message)
            return None

    def json_document(self, path: Path) -> Any:
        """A JSON file's content, or ``None`` after reporting why it cannot be read."""
        text = self.data(path)
        if text is None:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            self.report.error(path.name, exc.lineno, None, ProblemCode.BAD_JSON, message)
            return None
        except (RecursionError, ValueError) as exc:  # nested thousands deep; a number of 4,300+ digits
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
            self.report.error(path.name, None, None, ProblemCode.BAD_JSON, f"not usable JSON: {reason}")
            return None

    def folder(self, folder: Path, descriptor: Any) -> None:
        """Read the CSV tables of a folder, where its data package (if any) says they are."""
        files = dict(FILES)
        if descriptor is not None:
            files.update(_resource_paths(descriptor, self.report))
        if not (folder / files["organization"]).is_file():
            self.report.error(
                files["organization"],
                None,
                None,
                ProblemCode.UNREADABLE_FILE,
                f"{folder} holds no {files['organization']}",
            )
        for table, name in files.items():
            if (folder / name).is_file():
                self.csv(table, folder / name)
            elif descriptor is not None and name != files["organization"] and name in _listed(descriptor):
                message = f"{_DATAPACKAGE} lists {name}, but the folder does not hold it; read as empty"
                self.report.warn(name, None, None, ProblemCode.UNREADABLE_FILE, message)

    def csv(self, table: str, path: Path) -> None:
        """Read one CSV table; its rows go into the package."""
        text = self.data(path)
        if text is None:
            return
        csv.field_size_limit(_MAX_FIELD)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header, *body = list(reader)
        except csv.Error as exc:
            message = f"not valid CSV from line {reader.line_num}: {exc} (often a quote that is never closed)"
            self.report.error(path.name, reader.line_num, None, ProblemCode.UNREADABLE_FILE, message)
            return
        header = [name.strip() for name in header]
        if not self._has_columns(table, path.name, header):
            return
        rows = [(line, cells) for line, cells in enumerate(body, start=2) if any(c.strip() for c in cells)]
        for line, cells in rows:
            if len(cells) > len(header):
                message = f"the row has {len(cells)} cells but the header only {len(header)} columns"
                self.report.error(path.name, line, None, ProblemCode.EXTRA_CELLS, message)
            self.package.add(Record(table, path.name, line, values=dict(zip(header, cells, strict=False))))
        self.report.files.append(FileSummary(path.name, table, len(rows), "utf-8", ","))

    def _has_columns(self, table: str, file: str, header: list[str]) -> bool:
        missing = [name for name in NEEDED[table] if name not in header]
        for name in missing:
            self.report.error(
                file, 1, name, ProblemCode.MISSING_COLUMN, f"the {table} table needs a column {name!r}"
            )
        return not missing


def _listed(descriptor: Any) -> set[str]:
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return set()
    return {r["path"] for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)}


def _resource_paths(descriptor: Any, report: LoadReport) -> dict[str, str]:
    """The file of each table we read, as the data package names it (local files only)."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        report.error(
            _DATAPACKAGE, None, "$.resources", ProblemCode.BAD_JSON, "resources must be a list of tables"
        )
        return {}
    found: dict[str, str] = {}
    for index, item in enumerate(resources):
        if not isinstance(item, dict) or item.get("name") not in FILES:
            continue
        path = item.get("path")
        if not _is_local(path):
            message = f"{path!r} is not a file name in this folder; only local CSV files are read"
            report.error(
                _DATAPACKAGE, None, f"$.resources[{index}].path", ProblemCode.UNREADABLE_FILE, message
            )
            continue
        found[str(item["name"])] = str(path)
    return found


def _is_local(path: object) -> bool:
    if not isinstance(path, str) or not path or "://" in path or "\\" in path:
        return False
    parts = PurePosixPath(path)
    return not parts.is_absolute() and ".." not in parts.parts
