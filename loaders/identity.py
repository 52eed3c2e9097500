"""Signs of client data in a free-text cell: a citizen service number, a date of birth, an address.

Referral files hold counts between organisations, never data about clients. The column names
of a referral file are checked whole (``client-identity-column``); this module looks inside
the one free-text cell a referral row has, its ``domain``, and finds what would identify a
client there:

- a citizen service number (BSN) in any formatting: nine digits (or eight, as older numbers
  were written without their leading zero) with or without spaces, dots, dashes or slashes
  between them, that pass the eleven-test; or the word BSN (burgerservicenummer, sofinummer)
  next to any number;
- a date with day, month and year (``01-02-1980``, ``1980-02-01``, ``1 februari 1980``) or the
  words for born (``geb.``, ``geboren``, ``geboortedatum``);
- a Dutch postcode with a house number (``1234 AB 5``) or a street with a house number
  (``Kerkstraat 12``).

A domain such as ``schuldhulp``, ``jeugd 12-18`` or ``wmo 2025`` passes. The rules err on the side
of refusing: a refused domain is a message to the person loading, a loaded name is a breach.

>>> [client_identity(t) is not None for t in ("111-222-333", "bsn 111222333", "Jan de Vries geb. 01-02-1980")]
[True, True, True]
>>> [client_identity(t) for t in ("schuldhulp", "jeugd 12-18", "wmo 2025", "123456789")]
[None, None, None, None]
>>> client_identity("Dorpsstraat 4, 1234 AB")
'an address (street and house number)'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["client_identity", "is_bsn"]

_DIGIT_RUN: Final = re.compile(r"(?<![0-9])[0-9](?:[ .\-/]?[0-9]){7,8}(?![0-9])")
_BSN_WORD: Final = re.compile(
    r"\b(bsn|burgerservicenummer|burger ?service ?nummer|sofi ?nummer)\b.*[0-9]", re.I
)
_MONTHS: Final = (
    "jan|feb|mrt|maart|apr|april|mei|jun|juni|jul|juli|aug|sep|sept|okt|oct|nov|dec|januari|februari|"
    "augustus|september|oktober|november|december|january|february|march|may|june|july|august|october"
)
_DATES: Final = (
    re.compile(r"(?<![0-9])[0-3]?[0-9][-/.][01]?[0-9][-/.]([12][0-9])?[0-9]{2}(?![0-9])"),
    re.compile(r"(?<![0-9])[12][0-9]{3}[-/.][01]?[0-9][-/.][0-3]?[0-9](?![0-9])"),
    re.compile(rf"(?<![0-9])[0-3]?[0-9]\s*({_MONTHS})\.?\s*[12][0-9]{{3}}(?![0-9])", re.I),
)
_BORN: Final = re.compile(r"\b(geb\.|geboren|geboortedatum|geb\.?datum|d\.o\.b\.?|dob|born)(?!\w)", re.I)
_HOUSE: Final = re.compile(
    r"\b[a-z]+(straat|laan|weg|plein|gracht|kade|dijk|singel|hof|park|steeg|pad|dreef|baan|markt)"
    r"\s+[0-9]+[a-z]?\b",
    re.I,
)
_POSTCODE_NUMBER: Final = re.compile(
    r"(?<![0-9])[1-9][0-9]{3}\s?[A-Z]{2}\s*[0-9]+|[0-9]+[a-z]?\s*,?\s*[1-9][0-9]{3}\s?[A-Z]{2}\b", re.I
)


def is_bsn(value: str) -> bool:
    """Whether ``value`` is nine ASCII digits that pass the eleven-test (a valid BSN).

    >>> is_bsn("111222333"), is_bsn("123456789"), is_bsn("000000000")
    (True, False, False)
    """
    if len(value) != 9 or not value.isascii() or not value.isdigit() or value == "000000000":
        return False
    digits = [int(d) for d in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def _bsn(text: str) -> bool:
    for found in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"[^0-9]", "", found.group())
        if is_bsn(digits.zfill(9)):
            return True
    return _BSN_WORD.search(text) is not None


def client_identity(text: str) -> str | None:
    """What in ``text`` looks like client data, or ``None``."""
    if not any(c.isdigit() for c in text) and _BORN.search(text) is None:
        return None
    if _bsn(text):
        return "a citizen service number (BSN)"
    if _BORN.search(text) or any(p.search(text) for p in _DATES):
        return "a date of birth"
    if _HOUSE.search(text):
        return "an address (street and house number)"
    if _POSTCODE_NUMBER.search(text):
        return "an address (postcode and house number)"
    return None
