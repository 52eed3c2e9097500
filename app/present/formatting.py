"""The one formatting layer: numbers, percentages, dates, months, counts and CSV per language.

Every table, chart, card, tooltip, report and CSV download formats through here, with
Babel (CLDR data) underneath, so Dutch shows ``1.070`` and ``0,165`` everywhere and
English ``1,070`` and ``0.165``; nothing formats numbers by hand.

>>> number(1070, "nl", 0), number(1070, "en", 0), number(0.1654, "nl", 3)
('1.070', '1,070', '0,165')
>>> percent(0.125, "nl"), percent(0.125, "en")
('12,5%', '12.5%')
>>> month("2025-03", "nl"), month("2025-03", "en"), month("2025-Q1", "nl")
('mrt 2025', 'Mar 2025', 'K1 2025')
>>> count(1, "fout", "fouten", "nl"), count(3, "error", "errors", "en")
('1 fout', '3 errors')
>>> cell(0.5, "nl"), cell(1070, "nl"), cell(None, "nl"), cell("Wijk", "nl")
('0,5', '1.070', '–', 'Wijk')
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from app.i18n import Language, language
from loaders.textsafety import neutralise

__all__ = [
    "BOM",
    "MISSING",
    "cell",
    "count",
    "csv_bytes",
    "csv_separator",
    "day",
    "is_number",
    "moment",
    "month",
    "neutralise",
    "number",
    "percent",
    "plotly_separators",
    "plural",
]

LOCALES: Final[Mapping[Language, str]] = {"nl": "nl_NL", "en": "en_GB"}
"""English as written in Europe: day before month, 24-hour clock."""
MISSING: Final = "–"
"""What a missing or undefined number shows as (never "NaN" or "None")."""
BOM: Final = "\ufeff"
_QUARTER: Final[Mapping[Language, str]] = {"nl": "K", "en": "Q"}


def _locale(lang: object) -> str:
    return LOCALES[language(lang)]


@functools.cache
def _babel_locale(code: str) -> Locale:
    """Babel's locale, parsed once per code (parsing costs more than the plural rule itself)."""
    return Locale.parse(code)


def is_number(value: object) -> bool:
    """Whether ``value`` is a number to format (``bool`` is not).

    >>> is_number(3), is_number(0.5), is_number(True), is_number("3")
    (True, True, False, False)
    """
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(value: float | None, lang: object, digits: int = 2, *, group: bool = True) -> str:
    """``value`` with ``digits`` decimals (trailing zeros kept), grouped per language.

    >>> number(14499, "nl", 0), number(-0.0957, "en", 3), number(float("nan"), "nl")
    ('14.499', '-0.096', '–')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    pattern = ("#,##0" if group else "0") + ("." + "0" * digits if digits > 0 else "")
    return str(format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=True))


def percent(share: float | None, lang: object, digits: int = 1) -> str:
    """A share (0.125) as a percentage (``12,5%``)."""
    if share is None or (isinstance(share, float) and not math.isfinite(share)):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return str(format_percent(share, format=pattern, locale=_locale(lang)))


def cell(value: object, lang: object, *, group: bool = True) -> str:
    """A table cell as text: integers whole, other numbers with up to three decimals.

    >>> cell(0.16543, "en"), cell(2.0, "nl"), cell(True, "en")
    ('0.165', '2', 'True')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    if not is_number(value):
        return str(value)
    assert isinstance(value, int | float)
    pattern = "#,##0.###" if group else "0.###"
    return str(format_decimal(value, format=pattern, locale=_locale(lang)))


def month(period: str, lang: object) -> str:
    """A period code (``2025-03``, ``2025-Q1``, ``2025``) as people write it."""
    year, _, rest = period.partition("-")
    if not rest:
        return period
    if rest.upper().startswith("Q"):
        return f"{_QUARTER[language(lang)]}{rest[1:]} {year}"
    try:
        first = date(int(year), int(rest), 1)
    except ValueError:
        return period
    return str(format_date(first, "LLL y", locale=_locale(lang))).replace(".", "")


def day(value: str | date, lang: object) -> str:
    """A date (ISO text or ``date``) as people write it: ``1 mrt 2025``; other text as it is.

    >>> day("2025-03-01", "nl"), day("2025-03-01", "en"), day("not a date", "nl")
    ('1 mrt 2025', '1 Mar 2025', 'not a date')
    """
    try:
        when = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return str(format_date(when, "d MMM y", locale=_locale(lang))).replace(".", "")


def moment(value: str | datetime | None, lang: object) -> str:
    """A timestamp (ISO text or ``datetime``) in local time, to the minute: ``6 dec 2026 04:13``.

    >>> moment("2026-12-06T03:13:22.225+00:00", "en")[-5:] == moment("2026-12-06T03:13:22+00:00", "en")[-5:]
    True
    >>> moment(datetime(2026, 12, 6, 4, 13), "nl")
    '6 dec 2026 04:13'
    """
    if value is None or value == "":
        return MISSING
    try:
        stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    local = stamp.astimezone() if stamp.tzinfo is not None else stamp
    return str(format_datetime(local, "d MMM y HH:mm", locale=_locale(lang))).replace(".", "")


def plural(n: int, one: str, other: str, lang: object) -> str:
    """``one`` or ``other`` as the language's plural rules choose for ``n``."""
    return one if _babel_locale(_locale(lang)).plural_form(n) == "one" else other


def count(n: int, one: str, other: str, lang: object) -> str:
    """``n`` with the right form of its noun: ``1 fout``, ``2 fouten``."""
    return f"{number(n, lang, 0)} {plural(n, one, other, lang)}"


def plotly_separators(lang: object) -> str:
    """Plotly's ``layout.separators`` (decimal mark, then thousands) for the language."""
    return ",." if language(lang) == "nl" else ".,"


def csv_separator(lang: object) -> str:
    """``;`` for Dutch (Dutch Excel reads ``,`` as the decimal mark), ``,`` for English."""
    return ";" if language(lang) == "nl" else ","


def _csv_cell(value: object, lang: Language) -> str:
    return "" if value is None else cell(value, lang, group=False)


def csv_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]], lang: Language) -> bytes:
    """Rows as a CSV file for a spreadsheet in ``lang``: a UTF-8 BOM, headers, numbers ungrouped.

    Text a spreadsheet would run as a formula gets a leading ``'`` (:mod:`loaders.textsafety`).

    >>> csv_bytes([{"a": "X", "b": 0.5}], [("a", "Naam"), ("b", "Score")], "nl")
    b'\\xef\\xbb\\xbfNaam;Score\\r\\nX;0,5\\r\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=csv_separator(lang))
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow(
            [
                "" if row.get(f) is None else neutralise(cell(row.get(f), lang, group=False))
                for f, _ in columns
            ]
        )
    return (BOM + out.getvalue()).encode("utf-8")
