"""One rule for text that a spreadsheet might run: refused on the way in, neutralised on the way out.

Spreadsheets run a cell as a formula when its text starts with ``=``, ``+``, ``-`` or ``@``
(OWASP "CSV injection"). Excel and LibreOffice skip leading white space and some control
characters before they look, so the rule looks past every leading character that is white
space, a control or a format character (a newline, a tab, a vertical tab, a no-break space,
a zero-width space, a byte-order mark, ...) and also treats the full-width forms
(``＝＋－＠``) as what they stand for. A cell that then starts with one of those characters is
*formula-like*, unless it is a plain number such as ``-3`` or ``+31,5``.

Every reader applies :func:`formula_start` through :func:`loaders.cells.text` (files,
uploads, Open Referral and CBS imports), so such text is refused. Every export applies
:func:`neutralise` to every text cell, whatever is already stored: a formula-like text gets a
leading apostrophe in CSV, which spreadsheets show as text; in workbooks every text cell is typed
as text, which Excel shows and never runs.

:func:`control_character` finds characters no name or description should hold (NUL and the
other C0 and C1 controls except tab, newline and carriage return).

>>> [formula_start(t) for t in ("=1+1", "\\n=HYPERLINK(1)", "\\u00a0@SUM(A1)", "\\x0b+x")]
['=', '=', '@', '+']
>>> [formula_start(t) for t in ("-3", " -3,5", "Café", "")]
[None, None, None, None]
>>> neutralise("\\n=HYPERLINK(1)"), neutralise("-3"), neutralise("Buurthuis")
("'\\n=HYPERLINK(1)", '-3', 'Buurthuis')
>>> control_character("Jan\\x00"), control_character("regel 1\\nregel 2")
('\\x00', None)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

__all__ = [
    "FORMULA_CHARACTERS",
    "control_character",
    "formula_start",
    "neutralise",
    "neutralised",
    "text_cells",
]

FORMULA_CHARACTERS: Final = frozenset("=+-@")
_WIDE: Final = {"\uff1d": "=", "\uff0b": "+", "\uff0d": "-", "\uff20": "@", "\u2212": "-", "\ufe62": "+"}
_NUMBER: Final = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SKIPPED: Final = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))

V = TypeVar("V")


def _skippable(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in _SKIPPED


def formula_start(text: str) -> str | None:
    """The formula character a spreadsheet would see at the start of ``text``, or ``None``."""
    for position, character in enumerate(text):
        if _skippable(character):
            continue
        start = _WIDE.get(character, character)
        if start not in FORMULA_CHARACTERS:
            return None
        rest = text[position:].strip()
        if start in "+-" and character in "+-" and _NUMBER.fullmatch(rest):
            return None
        return start
    return None


def control_character(text: str) -> str | None:
    """The first control character in ``text`` other than tab, newline and carriage return."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def neutralise(value: V) -> V | str:
    """``value`` as an export may write it: formula-like text gets a leading ``'``; the rest as it is."""
    if isinstance(value, str) and value and formula_start(value) is not None:
        return "'" + value
    return value


def neutralised(row: Mapping[str, V]) -> dict[str, V | str]:
    """A row of a CSV export with every value :func:`neutralise`\\ d."""
    return {key: neutralise(value) for key, value in row.items()}


def text_cells(sheet: Any, values: Iterable[object]) -> list[object]:
    """A row for an openpyxl write-only ``sheet``: every text a cell typed as text, never a formula.

    A text cell keeps its content exactly (so an export loads back unchanged); Excel shows it and
    does not run it.
    """
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - only workbook writers pay for it

    row: list[object] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row
