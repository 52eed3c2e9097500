"""Read a CBS CSV file into a header and rows of trimmed text cells.

Both forms CBS publishes are read the same way: the *kerncijfers wijken en buurten*
file with short-code headers (``gwb_code_10``, ``regio``, ``a_inw``, ...) and a
StatLine export with long Dutch headers (``Regioaanduiding/Codering (code)``). Files
may be UTF-8 (with or without BOM) or cp1252, ``,``, ``;`` or tab separated, quoted or
not, with cells padded by spaces. Nothing is interpreted here: every cell stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from loaders.codes import ProblemCode
from loaders.readers import parse_csv
from loaders.report import LoadReport

__all__ = ["CbsTable", "read_cbs_csv"]


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
        report.error(
            path.name, None, None, ProblemCode.EMPTY_FILE, "the file is empty; it needs a header row"
        )
        return None
    parsed = parse_csv(path.name, data, report)
    if parsed is None:
        return None
    rows = [(n, [c.strip() for c in cells]) for n, cells in parsed.rows]
    return CbsTable(path.name, [h.strip() for h in parsed.header], rows, parsed.encoding, parsed.delimiter)
