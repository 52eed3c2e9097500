"""Read input files into raw tables of text cells, whatever their format.

A source is a folder of CSV files, one CSV file, or one Excel workbook (``.xlsx``).
CSV files may be UTF-8 (with or without BOM) or cp1252 as Dutch Excel saves them, and
``,``, ``;`` or tab separated. Nothing is interpreted here: every cell stays text, and
problems with whole files go into the report.

Work and memory are bounded by what a file really holds, never by what it claims
(:class:`ReadLimits`): a file's bytes, a workbook's unpacked parts, rows, columns, cells per
table and the length of one cell are capped, and a file beyond a cap is refused with
``too-large`` as soon as the cap is passed. A workbook's ``<dimension>`` is ignored: rows
are read as stored, cells where they are, so a sheet that claims ``A1:XFD1048576`` costs
what it holds. Hidden sheets are refused (``hidden-sheet``): what a user cannot see in
Excel must not be loaded unnoticed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from loaders.codes import ProblemCode
from loaders.report import LoadReport
from loaders.tables import TableSpec, table_for_name

__all__ = [
    "DEFAULT_LIMITS",
    "CsvRows",
    "ParsedCsv",
    "RawTable",
    "ReadLimits",
    "Rows",
    "Source",
    "TooLarge",
    "decode",
    "parse_csv",
    "read_source",
]

_DELIMITERS = (",", ";", "\t")
_MB: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The most one source may hold; beyond any of them a file is refused (``too-large``).

    Attributes
    ----------
    file_bytes
        Bytes of one file (CSV or workbook) as stored.
    unpacked_bytes
        Bytes of all parts of one workbook once unpacked (a workbook is a zip archive).
    rows
        Data rows of one table (one CSV file or one sheet), the header not counted.
    columns
        Columns of one table; in a workbook, no cell may lie to the right of this column.
    cells
        Non-empty cells of one table.
    cell_chars
        Characters in one cell (an outline may be long; other columns have lower limits in validation).
    """

    file_bytes: int = 512 * _MB
    unpacked_bytes: int = 1024 * _MB
    rows: int = 2_000_000
    columns: int = 200
    cells: int = 20_000_000
    cell_chars: int = 5_000_000


DEFAULT_LIMITS: Final = ReadLimits()


class TooLarge(Exception):
    """A file passed one of its :class:`ReadLimits`; the message says which, for the report."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


class Rows(Protocol):
    """A table's non-empty rows of text with their row numbers: counted, and read in order."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[tuple[int, list[str]]]: ...


@dataclass(frozen=True, slots=True)
class CsvRows:
    """A CSV file's non-empty data rows, parsed from its text each time they are read.

    The text is held, not the rows: at a million rows a list of rows takes ten times the
    file. Reading parsed the text once (within the limits, counting the rows), so every
    pass gives the same rows, numbered from 2 as read.

    >>> rows = CsvRows("id;naam|O1;Café|;|O2;Bakker|".replace("|", chr(10)), ";", 2, 100)
    >>> len(rows), list(rows)
    (2, [(2, ['O1', 'Café']), (4, ['O2', 'Bakker'])])
    """

    text: str
    delimiter: str
    count: int
    cell_chars: int

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        csv.field_size_limit(self.cell_chars)
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True)
        next(reader, None)  # the header
        for number, record in enumerate(reader, start=2):
            if not _blank(record):
                yield number, record


def _blank(record: list[str]) -> bool:
    """Whether a row holds nothing but white space."""
    return not "".join(record).strip()


@dataclass(slots=True)
class RawTable:
    """One table as read: a header and rows of text, with the file's row numbers."""

    spec: TableSpec
    file: str
    header: list[str]
    rows: Rows = field(default_factory=list)
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


def read_source(path: Path, report: LoadReport, limits: ReadLimits = DEFAULT_LIMITS) -> Source:
    """Read a folder of CSV files, one CSV file or one workbook, within ``limits``.

    Problems with whole files (empty, unreadable, unknown table, too large) go into ``report``.
    """
    digest = hashlib.sha256()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith("_"))
        if not files:
            report.error(path.name, None, None, ProblemCode.EMPTY_FILE, "the folder holds no CSV files")
        tables = [t for f in files if (t := _read_csv(f, report, digest, limits)) is not None]
    elif path.suffix.lower() == ".csv":
        files = [path]
        tables = [t for t in [_read_csv(path, report, digest, limits)] if t is not None]
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        files = [path]
        tables = _read_workbook(path, report, digest, limits)
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


def _read_bytes(path: Path, report: LoadReport, digest: hashlib._Hash, limits: ReadLimits) -> bytes | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(min(path.stat().st_size, limits.file_bytes) + 1)
            while len(data) <= limits.file_bytes and (more := handle.read(8 * _MB)):  # it grew meanwhile
                data += more
    except OSError as exc:
        report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, str(exc))
        return None
    if len(data) > limits.file_bytes:
        report.error(
            path.name,
            None,
            None,
            ProblemCode.TOO_LARGE,
            f"the file is larger than {limits.file_bytes // _MB} MB; split it into several files",
        )
        return None
    digest.update(path.name.encode() + b"\0" + data + b"\0")
    if not data.strip():
        report.error(
            path.name, None, None, ProblemCode.EMPTY_FILE, "the file is empty; it needs at least a header row"
        )
        return None
    return data


_WIDE_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when ``data`` looks like it (a BOM, or NUL bytes between letters).

    >>> wide_encoding("id,naam".encode("utf-16")), wide_encoding(b"id,naam")
    ('UTF-16', None)
    """
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        return "UTF-32" if head[1:3] == b"\0\0" or head[:3] == b"\0\0\0" else "UTF-16"
    return None


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


def _read_csv(path: Path, report: LoadReport, digest: hashlib._Hash, limits: ReadLimits) -> RawTable | None:
    spec = _spec_for(path.stem, path.name, report)
    data = _read_bytes(path, report, digest, limits)
    if spec is None:
        return None
    failed = RawTable(spec, path.name, [], failed=True)
    if data is None:
        return failed
    parsed = parse_csv(path.name, data, report, limits)
    if parsed is None:
        return failed
    return RawTable(spec, path.name, parsed.header, parsed.rows, parsed.encoding, parsed.delimiter)


@dataclass(slots=True)
class ParsedCsv:
    """A CSV file's header and non-empty rows (with their row numbers), as text."""

    header: list[str]
    rows: CsvRows
    encoding: str
    delimiter: str


def parse_csv(
    file: str, data: bytes, report: LoadReport, limits: ReadLimits = DEFAULT_LIMITS
) -> ParsedCsv | None:
    """Decode, sniff the separator and parse within ``limits``; problems go into ``report`` and give ``None``.

    >>> data = "id;naam|O1;Café|;|".replace("|", chr(10)).encode("cp1252")
    >>> parsed = parse_csv("a.csv", data, LoadReport("a.csv"))
    >>> parsed.header, list(parsed.rows), parsed.encoding, parsed.delimiter
    (['id', 'naam'], [(2, ['O1', 'Café'])], 'cp1252', ';')
    """
    wide = wide_encoding(data)
    if wide is not None:
        report.error(
            file,
            None,
            None,
            ProblemCode.BAD_ENCODING,
            f"the file is {wide} text; save it as CSV UTF-8 (or cp1252)",
        )
        return None
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
    del data  # the text is what is read; the bytes need not stay
    first_line = text[: text.find("\n") if "\n" in text else len(text)]
    delimiter = max(_DELIMITERS, key=first_line.count)
    csv.field_size_limit(limits.cell_chars)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header, count = _bounded_count(reader, limits)
    except TooLarge as exc:
        report.error(file, exc.row, None, ProblemCode.TOO_LARGE, str(exc))
        return None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            report.error(
                file,
                reader.line_num,
                None,
                ProblemCode.TOO_LARGE,
                f"a cell holds more than {limits.cell_chars:,} characters",
            )
            return None
        report.error(
            file,
            reader.line_num,
            None,
            ProblemCode.UNREADABLE_FILE,
            f'not valid CSV from line {reader.line_num}: {exc} (often a quote " that is never closed)',
        )
        return None
    return ParsedCsv(header, CsvRows(text, delimiter, count, limits.cell_chars), encoding, delimiter)


def _bounded_count(reader: Iterator[list[str]], limits: ReadLimits) -> tuple[list[str], int]:
    """The header and the number of non-empty rows, refused as soon as a limit is passed."""
    header = next(reader, [])
    if len(header) > limits.columns:
        raise TooLarge(f"the header has {len(header):,} columns; a table has at most {limits.columns}", 1)
    count = cells = 0
    for number, record in enumerate(reader, start=2):
        if _blank(record):
            continue
        if len(record) > limits.columns:
            raise TooLarge(
                f"row {number} has {len(record):,} cells; a table has at most {limits.columns}", number
            )
        cells += len(record)
        if count >= limits.rows or cells > limits.cells:
            raise TooLarge(_too_many(limits), number)
        count += 1
    return header, count


def _too_many(limits: ReadLimits) -> str:
    return (
        f"the table holds more than {limits.rows:,} rows or {limits.cells:,} cells; "
        "split it into several files"
    )


def _read_workbook(
    path: Path, report: LoadReport, digest: hashlib._Hash, limits: ReadLimits
) -> list[RawTable]:
    from openpyxl import load_workbook  # noqa: PLC0415 - only workbook loads pay for it

    data = _read_bytes(path, report, digest, limits)
    if data is None:
        return []
    try:
        _check_unpacked(data, limits)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except TooLarge as exc:
        report.error(path.name, None, None, ProblemCode.TOO_LARGE, str(exc))
        return []
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        report.error(
            path.name, None, None, ProblemCode.UNREADABLE_FILE, f"not a readable Excel workbook: {exc}"
        )
        return []
    try:
        return [t for sheet in book.worksheets if (t := _read_sheet(path, sheet, report, limits)) is not None]
    finally:
        book.close()


def _read_sheet(path: Path, sheet: object, report: LoadReport, limits: ReadLimits) -> RawTable | None:
    title = str(getattr(sheet, "title", ""))
    if title.startswith("_") or title.lower() in ("uitleg", "columns", "kolommen", "readme"):
        return None
    file = f"{path.name}[{title}]"
    state = getattr(sheet, "sheet_state", "visible")
    if state != "visible":
        report.error(
            file,
            None,
            None,
            ProblemCode.HIDDEN_SHEET,
            f"the sheet is {_STATES.get(state, state)}; show it in Excel (or remove it) "
            "so that what is loaded can be seen",
        )
        return None
    spec = _spec_for(title, file, report)
    if spec is None:
        return None
    try:
        rows = list(_sheet_rows(sheet, limits))
    except TooLarge as exc:
        report.error(file, exc.row, None, ProblemCode.TOO_LARGE, str(exc))
        return RawTable(spec, file, [], failed=True)
    if not rows:
        report.error(
            file, None, None, ProblemCode.EMPTY_FILE, "the sheet is empty; it needs at least a header row"
        )
        return RawTable(spec, file, [], failed=True)
    (_, header), *body = rows
    return RawTable(spec, file, header, body, "xlsx")


_STATES: Final = {"hidden": "hidden", "veryHidden": "very hidden"}


def _check_unpacked(data: bytes, limits: ReadLimits) -> None:
    """Unpack every part of the workbook once, counting, and stop past ``limits.unpacked_bytes``.

    The sizes a zip archive states may lie; only the bytes really unpacked are counted.
    """
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            with archive.open(info) as part:
                while chunk := part.read(1024 * 1024):
                    total += len(chunk)
                    if total > limits.unpacked_bytes:
                        raise TooLarge(
                            f"the workbook unpacks to more than {limits.unpacked_bytes // _MB} MB; "
                            "save the tables as CSV files instead"
                        )


def _sheet_rows(sheet: object, limits: ReadLimits) -> Iterator[tuple[int, list[str]]]:
    """The sheet's non-empty rows as stored, ignoring the size the sheet claims."""
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

    book = sheet.parent  # type: ignore[attr-defined]
    cells = rows = 0
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,  # type: ignore[attr-defined]
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, stored in parser.parse():
            values: dict[int, object] = {}
            for cell in stored:
                column = int(cell["column"])
                if cell["value"] is None:
                    continue
                if column > limits.columns:
                    raise TooLarge(
                        f"a cell in column {column:,} (row {number:,}); "
                        f"a table has at most {limits.columns} columns",
                        number,
                    )
                values[column] = cell["value"]
            if not values:
                continue
            rows += 1
            cells += len(values)
            if rows > limits.rows + 1 or cells > limits.cells:
                raise TooLarge(_too_many(limits), number)
            texts = [""] * max(values)
            try:
                for column, value in values.items():
                    texts[column - 1] = _cell_text(value, limits)
            except TooLarge as exc:
                raise TooLarge(str(exc), number) from None
            while texts and not texts[-1]:
                texts.pop()
            if texts:
                yield number, texts


def _cell_text(value: object, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """Excel cell value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str) and len(value) > limits.cell_chars:
        raise TooLarge(f"a cell holds more than {limits.cell_chars:,} characters")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
