"""Teststad: a small municipality with CBS figures, for the Wijken page, its figures and the report.

Four wijken. Haven is planted: many young people, many low incomes and benefits, and
only a city-wide welfare organisation serving it (no youth partner, no work-and-income
partner), so it must top the ranking and be flagged. The other wijken are ordinary.
Boundaries are degree coordinates around Utrecht (Haven a MultiPolygon of two parts,
Centrum a polygon with a hole), or RD metres with ``metres=True``.
"""

from __future__ import annotations

import json

from graph.model import Agreement, Area, Ecosystem, Organisation
from graph.taxonomy import AgreementKind, AreaLevel, Sector

__all__ = ["GEMEENTE", "HAVEN", "WIJKEN", "stad"]

GEMEENTE = "GM0001"
HAVEN = "WK000103"
WIJKEN = {"WK000101": "Centrum", "WK000102": "Noord", HAVEN: "Haven", "WK000104": "Park"}

_FIGURES = {  # a_inw, a_00_14, a_65_oo, p_hh_li, a_soz_wb
    "WK000101": (5000.0, 500.0, 900.0, 8.0, 100.0),
    "WK000102": (4000.0, 480.0, 600.0, 9.0, 90.0),
    HAVEN: (3000.0, 900.0, 300.0, 20.0, 180.0),
    "WK000104": (6000.0, 660.0, 1200.0, 7.0, 60.0),
}

_CELLS = {"WK000101": (0, 1), "WK000102": (1, 1), HAVEN: (0, 0), "WK000104": (1, 0)}
"""Where each wijk lies in a 2 x 2 block (column, row from the south)."""


def _square(col: float, row: float, size: float, origin: tuple[float, float]) -> list[list[float]]:
    x0, y0 = origin[0] + col * size, origin[1] + row * size
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def _boundary(code: str, metres: bool) -> str:
    origin, size = ((136000.0, 455000.0), 1000.0) if metres else ((5.10, 52.08), 0.01)
    col, row = _CELLS[code]
    geometry: dict[str, object]
    if code == HAVEN:  # two parts: the wharf and an island
        half = size / 2
        geometry = {
            "type": "MultiPolygon",
            "coordinates": [
                [_square(col * 2, row * 2, half, origin)],
                [_square(col * 2 + 1, row * 2 + 1, half, origin)],
            ],
        }
    elif code == "WK000101":  # a park in the middle: a hole
        hole = _square(col * 4 + 1.5, row * 4 + 1.5, size / 4, origin)
        geometry = {"type": "Polygon", "coordinates": [_square(col, row, size, origin), hole[::-1]]}
    else:
        geometry = {"type": "Polygon", "coordinates": [_square(col, row, size, origin)]}
    return json.dumps(geometry, separators=(",", ":"))


def _indicators(code: str) -> tuple[tuple[str, float], ...]:
    residents, young, old, low_income, assistance = _FIGURES[code]
    return (
        ("a_inw", residents),
        ("a_00_14", young),
        ("a_65_oo", old),
        ("p_hh_li", low_income),
        ("a_soz_wb", assistance),
    )


def _areas(indicators: bool, boundaries: bool, metres: bool) -> tuple[Area, ...]:
    areas = [Area(GEMEENTE, "Teststad", AreaLevel.GEMEENTE)]
    for code, name in WIJKEN.items():
        areas.append(
            Area(
                code,
                name,
                AreaLevel.WIJK,
                GEMEENTE,
                indicators=_indicators(code) if indicators else (),
                boundary=_boundary(code, metres) if boundaries else None,
            )
        )
        areas.append(Area(f"BU{code[2:]}01", f"{name} 1", AreaLevel.BUURT, code))
    return tuple(areas)


def _organisations() -> tuple[Organisation, ...]:
    def org(number: int, name: str, sector: Sector, *areas: str) -> Organisation:
        return Organisation(f"T{number:02d}", name, sector, municipality=GEMEENTE, areas=areas)

    return (
        org(1, "Jeugdteam Teststad", Sector.JEUGD, "WK000101", "WK000102", "WK000104"),
        org(2, "Welzijn Teststad", Sector.WELZIJN, GEMEENTE),
        org(3, "Schuldhulp Teststad", Sector.WERK_INKOMEN, "WK000101", "BU00010201"),
        org(4, "Huisarts Noord", Sector.ZORG, "WK000102"),
        org(5, "Buurthuis Centrum", Sector.INFORMEEL, "WK000101"),
        org(6, "Wijkteam Park", Sector.HULPVERLENING, "WK000104"),
        org(7, "Brede School", Sector.ONDERWIJS, "WK000101", "WK000104"),
    )


def _agreements() -> tuple[Agreement, ...]:
    return (
        Agreement("A1", "Wijkteam Centrum", AgreementKind.WIJKTEAM, parties=("T01", "T02", "T03", "T05")),
        Agreement("A2", "Convenant zorg", AgreementKind.COVENANT, parties=("T02", "T04")),
        Agreement("A3", "Samen in Park", AgreementKind.COVENANT, parties=("T01", "T06", "T07")),
    )


def stad(*, indicators: bool = True, boundaries: bool = False, metres: bool = False) -> Ecosystem:
    """Teststad, with or without CBS figures and with or without wijk boundaries."""
    return Ecosystem(
        areas=_areas(indicators, boundaries, metres),
        organisations=_organisations(),
        agreements=_agreements(),
    )
