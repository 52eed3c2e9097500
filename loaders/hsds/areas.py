"""Which CBS area an HSDS area text means: a CBS code, or the name of one known area.

>>> from graph.model import Area
>>> from graph.taxonomy import AreaLevel
>>> index = AreaIndex([Area("WK034401", "Binnenstad", AreaLevel.WIJK, "GM0344"),
...                    Area("BU03440101", "Binnenstad", AreaLevel.BUURT, "WK034401"),
...                    Area("WK034402", "Oost", AreaLevel.WIJK, "GM0344")])
>>> index.resolve("oost").code, index.resolve("wk034401").code
('WK034402', 'WK034401')
>>> index.resolve("Binnenstad").candidates
('BU03440101', 'WK034401')
>>> index.resolve("https://example.org/gebied/BU03440101").code
'BU03440101'
>>> index.resolve("Elders").code is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.areacodes import is_area_code
from graph.model import Area
from graph.taxonomy import search_text

__all__ = ["AreaIndex", "AreaMatch", "cbs_code"]

_LAST_PART = re.compile(r"[/#:=?]")


def cbs_code(text: str) -> str | None:
    """The CBS code a text is, or ends with as the last part of a URI; else ``None``.

    >>> cbs_code(" wk034401 "), cbs_code("urn:cbs:GM0344"), cbs_code("Utrecht")
    ('WK034401', 'GM0344', None)
    """
    cleaned = text.strip()
    last = _LAST_PART.split(cleaned.rstrip("/"))[-1] if cleaned else ""
    for candidate in (cleaned.upper(), last.upper()):
        if is_area_code(candidate):
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class AreaMatch:
    """What a text means: one ``code``, several ``candidates`` (ambiguous), or neither."""

    code: str | None = None
    candidates: tuple[str, ...] = ()


class AreaIndex:
    """The known areas, by code and by folded name (case and accents ignored)."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self.names: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        for area in areas:
            self.names[area.code] = area.name
            self._by_name.setdefault(search_text(area.name), []).append(area.code)

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def resolve(self, text: str) -> AreaMatch:
        """A CBS code in the text, else the one area with this name."""
        code = cbs_code(text)
        if code is not None:
            return AreaMatch(code)
        found = sorted(self._by_name.get(search_text(text), ())) if search_text(text) else []
        if len(found) == 1:
            return AreaMatch(found[0])
        return AreaMatch(candidates=tuple(found))
