"""One CBS figure: text in, a number or "missing" out.

CBS marks figures with the signs of its *verklaring van tekens*: ``.`` the figure is
missing (unknown, unreliable or secret), ``x`` secret, ``–`` nihil (zero); a blank cell
is a figure that cannot occur. Missing figures become ``None`` (the indicator is left
out of the area), never zero. A decimal point and a decimal comma are both read.

>>> [parse_figure(v) for v in ("374238", " 1.9", "2,7", ".", "", "x", "-", "–")]
[374238.0, 1.9, 2.7, None, None, None, 0.0, 0.0]
>>> parse_figure("abc")
Traceback (most recent call last):
...
ValueError: 'abc' is not a number
"""

from __future__ import annotations

import re

__all__ = ["MISSING", "NIHIL", "is_figure", "parse_figure"]

MISSING = frozenset({"", ".", "x", "X"})
NIHIL = frozenset({"-", "–", "—"})
_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)\Z")


def parse_figure(text: str) -> float | None:
    """The value of one cell: a number, ``None`` when CBS marked it missing, else ``ValueError``."""
    cleaned = text.strip()
    if cleaned in MISSING:
        return None
    if cleaned in NIHIL:
        return 0.0
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{cleaned[:40]!r} is not a number")
    return float(cleaned.replace(",", "."))


def is_figure(text: str) -> bool:
    """Whether a cell holds a number or a CBS sign (so: not free text).

    >>> is_figure("1,5"), is_figure("."), is_figure("Utrecht")
    (True, True, False)
    """
    try:
        parse_figure(text)
    except ValueError:
        return False
    return True
