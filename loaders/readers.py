"""Read input files into raw tables of text cells, whatever their format.

A source is a folder of CSV files, one CSV file, or one Excel workbook (``.xlsx``).
CSV files may be UTF-8 (with or without BOM) or cp1252 as Dutch Excel saves them, and
``,``, ``;`` or tab separated. Nothing is interpreted here: every cell stays text, and
problems with whole files go into the report.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.codes import ProblemCode
from loaders.report import LoadReport
from loaders.tables import TableSpec, table_for_name

__all__ = ["ParsedCsv", "RawTable", "Source", "decode", "parse_csv", "read_source"]

_MAX_FIELD = 16 * 1024 * 1024  # csv refuses longer cells; validation reports long ones by row
_DELIMITERS = (",", ";", "\t")


@dataclass(slots=True)
class RawTable:
    """One table as read: a header and rows of text, with the file's row numbers."""

    spec: TableSpec
    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    failed: bool = False  # the file could not be read; its problems are in the report


@dataclass(slots=True)
class Source:
    """Everything read from one source, with a fingerprint of the files' content."""

    path: str
    tables: list[RawTable]
    files: list[str]
    fingerprint: str


def read_source(path: Path, report: LoadReport) -> Source:
    """Read a folder of CSV files, one CSV file or one workbook.

    Problems with whole files (empty, unreadable, unknown table) go into ``report``.
    """
    digest = hashlib.sha256()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith("_"))
        if not files:
            report.error(path.name, None, None, ProblemCode.EMPTY_FILE, "the folder holds no CSV files")
        tables = [t for f in files if (t := _read_csv(f, report, digest)) is not None]
    elif path.suffix.lower() == ".csv":
        files = [path]
        tables = [t for t in [_read_csv(path, report, digest)] if t is not None]
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        files = [path]
        tables = _read_workbook(path, report, digest)
    elif not path.exists():
        report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, f"{path} does not exist")
        files, tables = [], []
    else:
        report.error(
            path.name,
            None,
            None,
            ProblemCode.UNREADABLE_FILE,
            "use a folder of CSV files, a .csv or an .xlsx file",
        )
        files, tables = [], []
    return Source(str(path), tables, [f.name for f in files], digest.hexdigest())


def _spec_for(name: str, file: str, report: LoadReport) -> TableSpec | None:
    spec = table_for_name(name)
    if spec is None:
        report.warn(
            file, None, None, ProblemCode.UNKNOWN_TABLE, f"{name!r} is not a known table; it was not read"
        )
    return spec


def _read_bytes(path: Path, report: LoadReport, digest: hashlib._Hash) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, str(exc))
        return None
    digest.update(path.name.encode() + b"\0" + data + b"\0")
    if not data.strip():
        report.error(
            path.name, None, None, ProblemCode.EMPTY_FILE, "the file is empty; it needs at least a header row"
        )
        return None
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 with or without BOM, else cp1252 (as Dutch Excel saves).

    >>> decode(b"\\xef\\xbb\\xbfregio")
    ('regio', 'utf-8-sig')
    >>> decode("Cafés".encode("cp1252"))
    ('Cafés', 'cp1252')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def _read_csv(path: Path, report: LoadReport, digest: hashlib._Hash) -> RawTable | None:
    spec = _spec_for(path.stem, path.name, report)
    data = _read_bytes(path, report, digest)
    if spec is None:
        return None
    failed = RawTable(spec, path.name, [], failed=True)
    if data is None:
        return failed
    parsed = parse_csv(path.name, data, report)
    if parsed is None:
        return failed
    return RawTable(spec, path.name, parsed.header, parsed.rows, parsed.encoding, parsed.delimiter)


@dataclass(slots=True)
class ParsedCsv:
    """A CSV file's header and non-empty rows (with their row numbers), as text."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


def parse_csv(file: str, data: bytes, report: LoadReport) -> ParsedCsv | None:
    """Decode, sniff the separator and parse; problems go into ``report`` and give ``None``.

    >>> data = "id;naam|O1;Café|;|".replace("|", chr(10)).encode("cp1252")
    >>> parse_csv("a.csv", data, LoadReport("a.csv"))
    ParsedCsv(header=['id', 'naam'], rows=[(2, ['O1', 'Café'])], encoding='cp1252', delimiter=';')
    """
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        report.error(
            file,
            line,
            None,
            ProblemCode.BAD_ENCODING,
            f"byte 0x{byte} is neither UTF-8 nor cp1252 text; save the file as CSV UTF-8",
        )
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        report.error(
            file,
            reader.line_num,
            None,
            ProblemCode.UNREADABLE_FILE,
            f'not valid CSV from line {reader.line_num}: {exc} (often a quote " that is never closed)',
        )
        return None
    header, *body = records
    rows = [(number, cells) for number, cells in enumerate(body, start=2) if any(c.strip() for c in cells)]
    return ParsedCsv(header, rows, encoding, delimiter)


def _read_workbook(path: Path, report: LoadReport, digest: hashlib._Hash) -> list[RawTable]:
    from openpyxl import load_workbook  # noqa: PLC0415 - only workbook loads pay for it

    data = _read_bytes(path, report, digest)
    if data is None:
        return []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        report.error(
            path.name, None, None, ProblemCode.UNREADABLE_FILE, f"not a readable Excel workbook: {exc}"
        )
        return []
    tables = []
    for sheet in book.worksheets:
        if sheet.title.startswith("_") or sheet.title.lower() in ("uitleg", "columns", "kolommen", "readme"):
            continue
        file = f"{path.name}[{sheet.title}]"
        spec = _spec_for(sheet.title, file, report)
        if spec is None:
            continue
        rows = list(_sheet_rows(sheet))
        if not rows:
            report.error(
                file, None, None, ProblemCode.EMPTY_FILE, "the sheet is empty; it needs at least a header row"
            )
            tables.append(RawTable(spec, file, [], failed=True))
            continue
        (_, header), *body = rows
        tables.append(RawTable(spec, file, header, body, "xlsx"))
    book.close()
    return tables


def _sheet_rows(sheet: object) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        cells = [_cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield number, cells


def _cell_text(value: object) -> str:
    """Excel cell value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
