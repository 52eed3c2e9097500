"""Cell parsers: text in, a typed value out, or a ``PydanticCustomError`` whose type is
one of the stable error codes of ``loaders.report``.

Every text cell is checked for length and for spreadsheet formula injection (a cell
starting with ``=``, ``@``, ``+`` or ``-`` that is not a number, or a tab or carriage
return), because exported files are opened in Excel by the next person.

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
from typing import Any, TypeVar

from pydantic_core import PydanticCustomError

from graph.areacodes import is_area_code, level_of
from graph.periods import Period
from graph.taxonomy import AgreementKind, AreaLevel, Sector
from loaders.codes import ProblemCode
from loaders.geometry import BadGeometry, boundary_text
from loaders.tables import LIST_SEPARATOR

__all__ = [
    "MAX_BOUNDARY",
    "MAX_CELL",
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
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_FIGURE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")  # also 1.5e3, as Excel shows it
_KVK = re.compile(r"^\d{8}$")
_FORMULA_START = ("=", "@", "\t", "\r")
_CHECK_START = frozenset(
    ("=", "@", "\t", "\r", "+", "-", " ", "")
)  # first characters that need a closer look


def _fail(code: ProblemCode, message: str, **context: Any) -> PydanticCustomError:
    """An error with a stable code; the message is formatted here, never by pydantic,
    so braces in a user's cell cannot act as a template."""
    return PydanticCustomError(
        code, "{message}", {"message": message.format(**context) if context else message}
    )


def text(value: object, limit: int = MAX_CELL) -> str:
    """A cleaned text cell; may be empty."""
    raw = str(value)
    if raw[:1] not in _CHECK_START and len(raw) <= limit:  # the common case, kept fast
        return raw.strip()
    if len(raw) > limit:
        raise _fail(
            ProblemCode.CELL_TOO_LONG,
            "the cell holds {n} characters; at most {limit} are allowed",
            n=len(raw),
            limit=limit,
        )
    stripped = raw.strip(" ")
    if stripped.startswith(_FORMULA_START) or (stripped[:1] in ("+", "-") and not _FIGURE.match(stripped)):
        raise _fail(
            ProblemCode.FORMULA_INJECTION,
            "the cell starts with {start}, which spreadsheets run as a formula; remove that character",
            start=repr(stripped[:1]),
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
    """An identifier: letters, digits and ``. _ : / -``, at most 100 characters."""
    cleaned = required_text(value)
    if not _ID.match(cleaned):
        raise _fail(
            ProblemCode.BAD_ID,
            "{value} is not a usable id: use letters, digits and . _ : / - only",
            value=repr(cleaned[:40]),
        )
    return cleaned


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
            raise _fail(code, str(exc)) from exc

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
            "{value} is not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx)",
            value=repr(cleaned[:40]),
        )
    return cleaned


def parse_municipality(value: object) -> str:
    """A CBS gemeente code ``GMxxxx``."""
    code = parse_area_code(value)
    if level_of(code) is not AreaLevel.GEMEENTE:
        raise _fail(ProblemCode.BAD_AREA_CODE, "{value} is not a gemeente code (GMxxxx)", value=repr(code))
    return code


def parse_kvk(value: str) -> str:
    """A KvK (Chamber of Commerce) number: 8 digits."""
    if not _KVK.match(value):
        raise _fail(ProblemCode.BAD_VALUE, "{value} is not a KvK number (8 digits)", value=repr(value[:40]))
    return value


def _number(value: str) -> float:
    if not _NUMBER.match(value):
        raise _fail(ProblemCode.BAD_NUMBER, "{value} is not a number", value=repr(value[:40]))
    return float(value.replace(",", "."))


def parse_number(value: object) -> float:
    """Any finite number, such as an indicator value (decimal comma and exponent accepted)."""
    cleaned = required_text(value)
    number = float(cleaned.replace(",", ".")) if _FIGURE.match(cleaned) else math.nan
    if not math.isfinite(number):
        raise _fail(ProblemCode.BAD_NUMBER, "{value} is not a number", value=repr(cleaned[:40]))
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
        raise _fail(ProblemCode.BAD_BOUNDARY, str(exc)) from exc


def optional_boundary(value: object) -> str | None:
    """A boundary cell (with its own, larger length limit); empty gives ``None``."""
    cleaned = text(value, MAX_BOUNDARY)
    return parse_boundary(cleaned) if cleaned else None


def parse_count(value: object) -> int:
    """A whole number >= 0 (referral counts, capacity)."""
    number = _number(required_text(value))
    if not number.is_integer():
        raise _fail(ProblemCode.BAD_NUMBER, "{value} is not a whole number", value=number)
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
        if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", cleaned):
            year, month, day = (int(p) for p in cleaned.split("-"))
            return date(year, month, day)
        if re.match(r"^\d{1,2}-\d{1,2}-\d{4}$", cleaned):
            day, month, year = (int(p) for p in cleaned.split("-"))
            return date(year, month, day)
    except ValueError as exc:
        raise _fail(
            ProblemCode.BAD_DATE, "{value} is not a real date: {reason}", value=repr(value), reason=str(exc)
        ) from exc
    raise _fail(
        ProblemCode.BAD_DATE, "{value} is not a date; write YYYY-MM-DD or DD-MM-YYYY", value=repr(value[:40])
    )


def parse_period(value: object) -> Period:
    """A month ``YYYY-MM`` or quarter ``YYYY-Qn`` (Dutch ``YYYY-Kn`` accepted)."""
    cleaned = required_text(value)
    try:
        return _period(cleaned)
    except ValueError as exc:
        raise _fail(ProblemCode.BAD_PERIOD, str(exc)) from exc


@lru_cache(maxsize=1024)
def _period(text: str) -> Period:
    """Parse a period; cached, because a referrals file repeats a few periods many times."""
    return Period.parse(re.sub(r"^(\d{4})-?[Kk]([1-4])$", r"\1-Q\2", text))


def is_bsn(value: str) -> bool:
    """Whether a value is a valid Dutch citizen service number (BSN, 11-test).

    >>> is_bsn("111222333"), is_bsn("123456789")
    (True, False)
    """
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(d) for d in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and value != "000000000"
