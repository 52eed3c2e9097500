"""Cell parsers: text in, a typed value out, or a ``PydanticCustomError`` whose type is
one of the stable error codes of ``loaders.report``.

Every text cell is checked for length, for control characters (NUL and the like) and for
spreadsheet formula injection (a cell starting with ``=``, ``@``, ``+`` or ``-`` that is not a
number, after any leading white space or control characters, or a tab or carriage return):
the one rule of :mod:`loaders.textsafety`, because exported files are opened in Excel by the
next person.

>>> parse_count("12")
12
>>> parse_fte("0,6")
0.6
>>> parse_date("31-01-2025")
datetime.date(2025, 1, 31)
>>> parse_area_code("wk990101")
'WK990101'
>>> parse_number("12,5"), parse_number("-3"), parse_number("1.5e3")
(12.5, -3.0, 1500.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from sys import intern
from typing import Any, TypeVar

from pydantic_core import PydanticCustomError

from graph.areacodes import is_area_code, level_of
from graph.periods import Period
from graph.taxonomy import AgreementKind, AreaLevel, Sector
from loaders.codes import ProblemCode
from loaders.geometry import BadGeometry, boundary_text
from loaders.identity import is_bsn
from loaders.tables import LIST_SEPARATOR
from loaders.textsafety import control_character, formula_start

__all__ = [
    "MAX_BOUNDARY",
    "MAX_CELL",
    "MAX_INTEGER",
    "MAX_NAME",
    "MAX_TEXT",
    "is_bsn",
    "optional",
    "optional_boundary",
    "parse_area_code",
    "parse_boundary",
    "parse_count",
    "parse_date",
    "parse_fte",
    "parse_id",
    "parse_indicator_name",
    "parse_kind",
    "parse_kvk",
    "parse_list",
    "parse_municipality",
    "parse_number",
    "parse_period",
    "parse_sector",
    "required_text",
    "text",
]

T = TypeVar("T")

MAX_CELL = 500  # ids, names, codes
MAX_TEXT = 4000  # descriptions
MAX_NAME = 100  # indicator names (CBS short codes such as a_inw)
MAX_BOUNDARY = 5_000_000  # a GeoJSON outline: a detailed gemeente runs to hundreds of thousands
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/\-]{0,99}$")
_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")  # ASCII digits only, everywhere
_FIGURE = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")  # 1.5e3, as Excel shows
_WHOLE = re.compile(r"\+?0*([0-9]+)([.,]0*)?")
_KVK = re.compile(r"[0-9]{8}")
MAX_INTEGER = 2**63 - 1
"""The largest whole number both stores hold (SQLite INTEGER and Neo4j Integer are 64-bit signed)."""
_FORMULA_START = ("\t", "\r")  # refused at the start even without a formula character after them
_SAFE_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _fail(code: ProblemCode, message: str, **context: Any) -> PydanticCustomError:
    """An error with a stable code; the message is formatted here, never by pydantic,
    so braces in a user's cell cannot act as a template. ``context`` also travels as the
    error's ``params`` (see :class:`loaders.report.RowError`)."""
    return PydanticCustomError(
        code,
        "{message}",
        {"message": message.format(**context) if context else message, "params": context},
    )


def text(value: object, limit: int = MAX_CELL) -> str:
    """A cleaned text cell; may be empty."""
    raw = str(value)
    if raw[:1] in _SAFE_START and len(raw) <= limit and not _CONTROL.search(raw):  # the common case, fast
        return raw.strip()
    if len(raw) > limit:
        raise _fail(
            ProblemCode.CELL_TOO_LONG,
            "the cell holds {n} characters; at most {limit} are allowed",
            n=len(raw),
            limit=limit,
        )
    stripped = raw.strip(" ")
    start = "\t" if stripped.startswith(_FORMULA_START) else formula_start(raw)
    if start is not None:
        raise _fail(
            ProblemCode.FORMULA_INJECTION,
            "the cell starts with {start}, which spreadsheets run as a formula; remove that character",
            start=repr(start if start != "\t" else stripped[:1]),
        )
    if (control := control_character(raw)) is not None:
        raise _fail(
            ProblemCode.CONTROL_CHARACTER,
            "the cell holds the control character {char}, which no text should hold; remove it",
            char=f"U+{ord(control):04X}",
        )
    return stripped.strip()


def required_text(value: object) -> str:
    """A text cell that must not be empty."""
    cleaned = text(value)
    if not cleaned:
        raise _fail(ProblemCode.MISSING_VALUE, "this column needs a value")
    return cleaned


def long_text(value: object) -> str:
    """A free-text cell such as a description (longer limit)."""
    return text(value, MAX_TEXT)


def optional(parse: Callable[[str], T]) -> Callable[[object], T | None]:
    """Wrap a parser so that an empty cell gives ``None``."""

    def parse_optional(value: object) -> T | None:
        cleaned = text(value)
        return parse(cleaned) if cleaned else None

    return parse_optional


def parse_id(value: object) -> str:
    """An identifier: letters, digits and ``. _ : / -``, at most 100 characters.

    Interned (``sys.intern``): an id named on a million referral rows is then one ``str``
    object, not one per row.
    """
    cleaned = required_text(value)
    if not _ID.match(cleaned):
        raise _fail(
            ProblemCode.BAD_ID,
            "{value!r} is not a usable id: use letters, digits and . _ : / - only",
            value=cleaned[:40],
        )
    return intern(cleaned)


def parse_list(item: Callable[[str], T]) -> Callable[[object], tuple[T, ...]]:
    """A ``|``-separated list whose items ``item`` parses; empty items are skipped."""

    def parse_items(value: object) -> tuple[T, ...]:
        cleaned = text(value, MAX_TEXT)
        return tuple(item(part.strip()) for part in cleaned.split(LIST_SEPARATOR) if part.strip())

    return parse_items


def _vocabulary(parse: Callable[[str], T], code: ProblemCode) -> Callable[[object], T]:
    """A parser for a required cell from a controlled vocabulary; ``code`` names a miss."""

    def parse_term(value: object) -> T:
        cleaned = required_text(value)
        try:
            return parse(cleaned)
        except ValueError as exc:
            raise _fail(code, "{reason}", reason=str(exc), value=cleaned[:40]) from exc

    return parse_term


parse_sector: Callable[[object], Sector] = _vocabulary(Sector.parse, ProblemCode.UNKNOWN_SECTOR)
"""A sector from its code or Dutch or English label."""

parse_kind: Callable[[object], AgreementKind] = _vocabulary(AgreementKind.parse, ProblemCode.UNKNOWN_KIND)
"""An agreement kind from its code or Dutch name."""


def parse_area_code(value: object) -> str:
    """A CBS area code: ``GMxxxx``, ``WKxxxxxx`` or ``BUxxxxxxxx``."""
    cleaned = required_text(value).upper()
    if not is_area_code(cleaned):
        raise _fail(
            ProblemCode.BAD_AREA_CODE,
            "{value!r} is not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx)",
            value=cleaned[:40],
        )
    return cleaned


def parse_municipality(value: object) -> str:
    """A CBS gemeente code ``GMxxxx``."""
    code = parse_area_code(value)
    if level_of(code) is not AreaLevel.GEMEENTE:
        raise _fail(
            ProblemCode.BAD_AREA_CODE, "{municipality!r} is not a gemeente code (GMxxxx)", municipality=code
        )
    return code


def parse_kvk(value: str) -> str:
    """A KvK (Chamber of Commerce) number: 8 digits."""
    if not _KVK.fullmatch(value):
        raise _fail(ProblemCode.BAD_VALUE, "{kvk!r} is not a KvK number (8 digits)", kvk=value[:40])
    return value


def _number(value: str) -> float:
    if not _NUMBER.fullmatch(value):
        raise _fail(ProblemCode.BAD_NUMBER, "{value!r} is not a number", value=value[:40])
    return float(value.replace(",", "."))


def parse_number(value: object) -> float:
    """Any finite number, such as an indicator value (decimal comma and exponent accepted)."""
    cleaned = required_text(value)
    figure = len(cleaned) <= 1000 and _FIGURE.fullmatch(cleaned) is not None
    number = float(cleaned.replace(",", ".")) if figure else math.nan
    if not math.isfinite(number):
        raise _fail(ProblemCode.BAD_NUMBER, "{value!r} is not a number", value=cleaned[:40])
    return number


def parse_indicator_name(value: object) -> str:
    """An indicator's name, such as the CBS short code ``a_inw``: short text."""
    return required_text(text(value, MAX_NAME))


def parse_boundary(value: str) -> str:
    """A GeoJSON Polygon or MultiPolygon in WGS 84, as compact JSON text (see ``loaders.geometry``).

    >>> parse_boundary('{"type": "Polygon", "coordinates": [[[5,52],[6,52],[6,53],[5,52]]]}')
    '{"type":"Polygon","coordinates":[[[5,52],[6,52],[6,53],[5,52]]]}'
    """
    try:
        return boundary_text(value)
    except BadGeometry as exc:
        raise _fail(ProblemCode.BAD_BOUNDARY, "{reason}", reason=str(exc)) from exc


def optional_boundary(value: object) -> str | None:
    """A boundary cell (with its own, larger length limit); empty gives ``None``."""
    cleaned = text(value, MAX_BOUNDARY)
    return parse_boundary(cleaned) if cleaned else None


def parse_count(value: object) -> int:
    """A whole number >= 0 (referral counts, capacity), at most :data:`MAX_INTEGER`, read exactly.

    >>> parse_count("9007199254740993"), parse_count("12,0")
    (9007199254740993, 12)
    """
    cleaned = required_text(value)
    whole = _WHOLE.fullmatch(cleaned)
    if whole is not None:
        if len(whole.group(1)) > 19 or int(whole.group(1)) > MAX_INTEGER:
            raise _fail(
                ProblemCode.BAD_NUMBER,
                "{value!r} is too large; a count is at most {limit:,}",
                value=cleaned[:40],
                limit=MAX_INTEGER,
            )
        return int(whole.group(1))
    number = _number(cleaned)
    if not number.is_integer():
        raise _fail(ProblemCode.BAD_NUMBER, "{fraction} is not a whole number", fraction=number)
    if number < 0:
        raise _fail(
            ProblemCode.NEGATIVE_NUMBER, "{value} is negative; counts are 0 or more", value=int(number)
        )
    return int(number)


def parse_fte(value: str) -> float:
    """A part-time factor above 0 and at most 1 (Dutch decimal comma accepted)."""
    number = _number(value)
    if not 0 < number <= 1:
        raise _fail(ProblemCode.BAD_FTE, "fte {value} is not above 0 and at most 1", value=number)
    return round(number, 3)


def parse_date(value: str) -> date:
    """A date as ``YYYY-MM-DD`` or ``DD-MM-YYYY`` (also with ``/``)."""
    cleaned = value.replace("/", "-")
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", cleaned):
            year, month, day = (int(p) for p in cleaned.split("-"))
            return date(year, month, day)
        if re.fullmatch(r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}", cleaned):
            day, month, year = (int(p) for p in cleaned.split("-"))
            return date(year, month, day)
    except ValueError as exc:
        raise _fail(
            ProblemCode.BAD_DATE, "{date!r} is not a real date: {reason}", date=value, reason=str(exc)
        ) from exc
    raise _fail(
        ProblemCode.BAD_DATE, "{value!r} is not a date; write YYYY-MM-DD or DD-MM-YYYY", value=value[:40]
    )


def parse_period(value: object) -> Period:
    """A month ``YYYY-MM`` or quarter ``YYYY-Qn`` (Dutch ``YYYY-Kn`` accepted)."""
    cleaned = required_text(value)
    try:
        return _period(cleaned)
    except ValueError as exc:
        raise _fail(ProblemCode.BAD_PERIOD, "{reason}", reason=str(exc), value=cleaned[:40]) from exc


@lru_cache(maxsize=1024)
def _period(text: str) -> Period:
    """Parse a period; cached, because a referrals file repeats a few periods many times."""
    return Period.parse(re.sub(r"^([0-9]{4})-?[Kk]([1-4])$", r"\1-Q\2", text))
