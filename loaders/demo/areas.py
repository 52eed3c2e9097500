"""The areas of Ketendam: the gemeente, its wijken and buurten, and their codes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from graph.areacodes import wijk_of
from graph.model import Area
from graph.taxonomy import AreaLevel

__all__ = ["_AREA_NAMES", "_GEMEENTE", "_WIJKEN", "_areas", "_buurt_code", "_where", "_wijk_code"]

_GEMEENTE: Final = ("GM9901", "Ketendam")
_WIJKEN: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Centrum", ("Binnenstad", "Marktkwartier", "Kerkbuurt", "Stationsbuurt", "Oude Gracht")),
    ("Noord", ("Noorderpark", "Vogelbuurt", "Bloemenbuurt", "Molenwijk")),
    ("Oost", ("Oosterweide", "Schildersbuurt", "Sportpark Oost", "Beekdal")),
    ("Zuid", ("Zuiderhof", "Rivierenbuurt", "Lindenlaan", "Kastanjehof")),
    ("West", ("Westerpark", "Componistenbuurt", "Akkerland", "Weverij", "Dijkzicht")),
    ("De Hoven", ("Hof van Ketendam", "Kloosterhof", "Boomgaard", "Parkhoven")),
    ("Havenkwartier", ("Oude Haven", "Scheepswerf", "Kadebuurt", "Pakhuizen")),
)


def _wijk_code(wijk: int) -> str:
    return f"WK{_GEMEENTE[0][2:]}{wijk:02d}"


def _buurt_code(wijk: int, buurt: int) -> str:
    return f"BU{_GEMEENTE[0][2:]}{wijk:02d}{buurt:02d}"


def _areas() -> list[Area]:
    gemeente, name = _GEMEENTE
    areas = [Area(gemeente, name, AreaLevel.GEMEENTE)]
    for wijk, (wijk_name, buurten) in enumerate(_WIJKEN, start=1):
        areas.append(Area(_wijk_code(wijk), wijk_name, AreaLevel.WIJK, gemeente))
        for buurt, buurt_name in enumerate(buurten, start=1):
            areas.append(Area(_buurt_code(wijk, buurt), buurt_name, AreaLevel.BUURT, _wijk_code(wijk)))
    return areas


_AREA_NAMES: Final[Mapping[str, str]] = MappingProxyType({a.code: a.name for a in _areas()})


def _where(areas: Sequence[str]) -> str:
    wijken = sorted({wijk_of(code) or code for code in areas})
    if len(wijken) >= len(_WIJKEN) - 1:
        return "heel Ketendam"
    buurten = [code for code in areas if code.startswith("BU")]
    if buurten:
        return f"buurt {_AREA_NAMES[buurten[0]]}"
    return " en ".join(f"wijk {_AREA_NAMES[code]}" for code in wijken)
