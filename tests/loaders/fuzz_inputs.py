"""Hypothesis strategies for hostile input files: CSV bytes and workbooks that claim and hold anything.

Shared by the bounded fuzz test (``tests/loaders/test_fuzz.py``, a few seconds in CI) and the
long run (``benchmarks/fuzz_readers.py``, minutes).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from tests.loaders.bad_files import row_xml, sheet_xml, workbook

__all__ = ["csv_files", "workbooks", "write_workbook"]

_TABLES = ("organisations", "organisaties", "referrals", "verwijzingen", "professionals", "areas", "nonsense")
_COLUMNS = (
    "id", "name", "naam", "sector", "municipality", "areas", "kvk", "capacity", "parent_id", "description",
    "from_organisation", "from_professional", "to_organisation", "period", "domain", "count",
    "code", "level", "parent", "boundary", "bsn", "x",
)  # fmt: skip
_NASTY = (
    "ORG0001", "ORG0002", "GM9901", "WK990101", "welzijn", "2025-01", "12", "-3", "0", "9223372036854775808",
    "=1+1", "\n=HYPERLINK(1)", "\u00a0@SUM(1)", "\x0b+x", "\x00", "GM９９０１", "١٢٣", "111-222-333",
    '{"type":"Polygon","coordinates":' + "[" * 50 + "]" * 50 + "}", "\ufeff", '"', ";", ",", "\t", "",
)  # fmt: skip
_cell = st.one_of(st.sampled_from(_NASTY), st.text(max_size=40))


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and bytes: mostly a CSV table with a real-looking header, sometimes anything."""
    name = draw(st.sampled_from(_TABLES)) + ".csv"
    if draw(st.integers(0, 9)) == 0:
        return name, draw(st.binary(max_size=2000))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=10))
    rows = draw(st.lists(st.lists(_cell, max_size=12), max_size=20))
    text = "\n".join(separator.join(c.replace("\n", " ") if c != "\n=HYPERLINK(1)" else f'"{c}"' for c in r)
                     for r in [header, *rows])  # fmt: skip
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    return name, text.encode(encoding, errors="replace")


@st.composite
def workbooks(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """Sheets (title, state, XML) whose cells lie anywhere and whose dimension claims anything."""
    sheets = []
    for _ in range(draw(st.integers(1, 3))):
        title = draw(st.sampled_from((*_TABLES, "_skip", "uitleg")))
        state = draw(st.sampled_from(["visible", "visible", "hidden", "veryHidden"]))
        header = dict(enumerate(draw(st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=8)), 1))
        body = draw(
            st.lists(
                st.tuples(
                    st.integers(2, 2_000_000),
                    st.dictionaries(st.integers(1, 16_384), _cell.filter(_xml_safe), max_size=6),
                ),
                max_size=15,
                unique_by=lambda r: r[0],
            )
        )
        rows = [row_xml(1, header)] + [row_xml(n, cells) for n, cells in sorted(body)]
        dimension = draw(st.sampled_from(["A1:D2", "A1:XFD1048576", "A1", "ZZZ0:A-1"]))
        sheets.append((title, state, sheet_xml(rows, dimension)))
    return sheets


def _xml_safe(text: str) -> bool:
    return all(c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff") for c in text) and not any(
        0xD800 <= ord(c) <= 0xDFFF for c in text
    )


def write_workbook(path: Path, sheets: list[tuple[str, str, str]], shared: list[str] | None = None) -> Path:
    """Write the sheets as a workbook; also check the archive opens (it is ours, it must)."""
    workbook(path, sheets, shared)
    zipfile.ZipFile(io.BytesIO(path.read_bytes())).testzip()
    return path
