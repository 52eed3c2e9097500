"""Read a CBS CSV file into a header and rows of trimmed text cells.

Both forms CBS publishes are read the same way: the *kerncijfers wijken en buurten*
file with short-code headers (``gwb_code_10``, ``regio``, ``a_inw``, ...) and a
StatLine export with long Dutch headers (``Regioaanduiding/Codering (code)``). Files
may be UTF-8 (with or without BOM) or cp1252, ``,``, ``;`` or tab separated, quoted or
not, with cells padded by spaces. Nothing is interpreted here: every cell stays text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from loaders.readers import decode
from loaders.report import LoadReport

__all__ = ["CbsTable", "read_cbs_csv"]

_DELIMITERS = (",", ";", "\t")
_MAX_FIELD = 16 * 1024 * 1024


@dataclass(slots=True)
class CbsTable:
    """One CBS file as read: trimmed header cells and rows with their spreadsheet row numbers."""

    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def read_cbs_csv(path: Path, data: bytes, report: LoadReport) -> CbsTable | None:
    """Parse the bytes of ``path``; file-level problems go into ``report`` and give ``None``."""
    if not data.strip():
        report.error(path.name, None, None, "empty-file", "the file is empty; it needs a header row")
        return None
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"byte 0x{data[exc.start : exc.start + 1].hex()} is neither UTF-8 nor cp1252 text"
        report.error(path.name, line, None, "bad-encoding", message)
        return None
    delimiter = max(_DELIMITERS, key=text.split("\n", 1)[0].count)
    records = _records(path.name, text, delimiter, report)
    if records is None:
        return None
    header, *body = records
    rows = [
        (n, [c.strip() for c in cells]) for n, cells in enumerate(body, start=2) if any(map(str.strip, cells))
    ]
    return CbsTable(path.name, [h.strip() for h in header], rows, encoding, delimiter)


def _records(file: str, text: str, delimiter: str, report: LoadReport) -> list[list[str]] | None:
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return list(reader)
    except csv.Error as exc:
        line = reader.line_num
        message = f'not valid CSV from line {line}: {exc} (often a quote " that is never closed)'
        report.error(file, line, None, "unreadable-file", message)
        return None
