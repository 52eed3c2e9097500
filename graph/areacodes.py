"""CBS area codes: their form, their level, and the areas above them.

A CBS code names its level by its prefix and carries the areas above it in its digits:
gemeente ``GM`` + 4 digits, wijk ``WK`` + the gemeente's 4 + 2, buurt ``BU`` + the wijk's
6 + 2. So ``BU99010203`` lies in wijk ``WK990102``, which lies in gemeente ``GM9901``
(CBS, *Toelichting Wijk- en Buurtkaart*). Everything here reads only the code; the area
tree of a store (``Area.parent``) may say more and wins where a caller has it.

>>> is_area_code("BU99010203"), level_of("BU99010203").value, area_parent("BU99010203")
(True, 'buurt', 'WK990102')
>>> gemeente_of("BU99010203"), wijk_of("BU99010203")
('GM9901', 'WK990102')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from graph.model import Area
from graph.taxonomy import AreaLevel

__all__ = [
    "AREA_CODE",
    "area_parent",
    "areas_for_codes",
    "gemeente_of",
    "is_area_code",
    "level_of",
    "wijk_of",
]

AREA_CODE = re.compile(r"^(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})\Z")  # ASCII digits only
"""A CBS code in capitals: ``GMxxxx``, ``WKxxxxxx`` or ``BUxxxxxxxx``."""

_PREFIX = {"GM": AreaLevel.GEMEENTE, "WK": AreaLevel.WIJK, "BU": AreaLevel.BUURT}


def is_area_code(text: str) -> bool:
    """Whether ``text`` is a CBS area code as written (capitals, no spaces).

    Parameters
    ----------
    text : str

    Returns
    -------
    bool

    Examples
    --------
    >>> is_area_code("GM0344"), is_area_code("gm0344"), is_area_code("WK0344")
    (True, False, False)
    """
    return AREA_CODE.match(text) is not None


def level_of(code: str) -> AreaLevel:
    """The level of a valid CBS code, read from its prefix.

    Parameters
    ----------
    code : str
        A code that :func:`is_area_code` accepts.

    Returns
    -------
    AreaLevel

    Raises
    ------
    KeyError
        If the code has none of the prefixes ``GM``, ``WK``, ``BU``.

    Examples
    --------
    >>> level_of("GM0344"), level_of("WK034401"), level_of("BU03440101")
    (<AreaLevel.GEMEENTE: 'gemeente'>, <AreaLevel.WIJK: 'wijk'>, <AreaLevel.BUURT: 'buurt'>)
    """
    return _PREFIX[code[:2]]


def area_parent(code: str) -> str | None:
    """The CBS code of the area directly above, read from the code itself.

    Parameters
    ----------
    code : str
        A CBS code.

    Returns
    -------
    str or None
        The wijk of a buurt, the gemeente of a wijk; ``None`` for a gemeente.

    Examples
    --------
    >>> area_parent("BU99010203"), area_parent("WK990102"), area_parent("GM9901")
    ('WK990102', 'GM9901', None)
    """
    if code.startswith("BU"):
        return "WK" + code[2:8]
    if code.startswith("WK"):
        return "GM" + code[2:6]
    return None


def gemeente_of(code: str) -> str:
    """The gemeente a CBS code lies in (itself for a gemeente).

    Parameters
    ----------
    code : str
        A CBS code.

    Returns
    -------
    str

    Examples
    --------
    >>> gemeente_of("BU03440101"), gemeente_of("WK034401"), gemeente_of("GM0344")
    ('GM0344', 'GM0344', 'GM0344')
    """
    return "GM" + code[2:6]


def wijk_of(code: str) -> str | None:
    """The wijk a wijk or buurt code lies in (itself for a wijk); ``None`` for a gemeente.

    Parameters
    ----------
    code : str
        A CBS code.

    Returns
    -------
    str or None

    Examples
    --------
    >>> wijk_of("BU03440101"), wijk_of("WK034401"), wijk_of("GM0344")
    ('WK034401', 'WK034401', None)
    """
    if code.startswith("BU"):
        return area_parent(code)
    return code if code.startswith("WK") else None


def areas_for_codes(
    codes: Iterable[str], held: Callable[[str], bool], names: Mapping[str, str] | None = None
) -> dict[str, Area]:
    """Area records for the ``codes`` that are not ``held``, and for the areas above them.

    CBS codes carry their parents, so scoping by area works even without an areas table.

    Parameters
    ----------
    codes : iterable of str
        Valid CBS codes in use (by organisations, agreements, figures).
    held : callable
        Whether an area with this code is already known; known areas and the areas
        above them are not added.
    names : mapping, optional
        A name per code; an area without one is named by its code.

    Returns
    -------
    dict
        Code -> the new :class:`~graph.model.Area`, with its level and parent read
        from the code.

    Examples
    --------
    >>> added = areas_for_codes(["BU99010203"], held=lambda code: code == "GM9901")
    >>> [(a.code, a.name, a.level.value, a.parent) for a in added.values()]
    [('BU99010203', 'BU99010203', 'buurt', 'WK990102'), ('WK990102', 'WK990102', 'wijk', 'GM9901')]
    """
    named = names or {}
    added: dict[str, Area] = {}
    pending = sorted(set(codes))
    while pending:
        code = pending.pop()
        if code in added or held(code):
            continue
        parent = area_parent(code)
        added[code] = Area(code, named.get(code) or code, level_of(code), parent)
        if parent:
            pending.append(parent)
    return added
