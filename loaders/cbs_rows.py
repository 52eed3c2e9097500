"""Rows of a CBS file become areas: code, name, level, parent and indicators.

The level comes from the code prefix (``GM``/``WK``/``BU``) and must agree with the
file's level column (``recs`` or StatLine's ``Soort regio``); the parent comes from the
code itself (``BU03440111`` -> ``WK034401`` -> ``GM0344``). Rows for regions above the
gemeente (``NL00`` Nederland, provinces, ...) are skipped with a warning. An area's
name is ``""`` when the file has none for it; the importer then keeps the name the
store holds.
"""

from __future__ import annotations

import re

from graph.areacodes import AREA_CODE, area_parent, level_of
from graph.model import Area
from graph.taxonomy import normalise_label
from loaders.cbs_columns import Columns
from loaders.cbs_csv import CbsTable
from loaders.cbs_values import parse_figure
from loaders.codes import ProblemCode
from loaders.report import LoadReport
from loaders.textsafety import control_character, formula_start

__all__ = ["read_areas"]

_REGION_CODE = re.compile(r"^(?!GM|WK|BU)[A-Z]{2}[0-9]{2}\Z")  # NL00, PV26, LD01, CR17: above the gemeente


def read_areas(table: CbsTable, columns: Columns, report: LoadReport) -> list[Area]:
    """Every valid area row of ``table``, once; problems go into ``report``."""
    first: dict[str, tuple[int, Area]] = {}
    for number, cells in table.rows:
        area = _area(table, columns, number, cells, report)
        if area is None:
            continue
        if area.code not in first:
            first[area.code] = (number, area)
        else:
            _duplicate(table, columns, number, area, first[area.code], report)
    return [area for _, area in first.values()]


def _area(
    table: CbsTable, columns: Columns, number: int, cells: list[str], report: LoadReport
) -> Area | None:
    if len(cells) > len(table.header) and any(cells[len(table.header) :]):
        message = f"the row has {len(cells)} cells but the header only {len(table.header)}"
        report.error(table.file, number, None, ProblemCode.EXTRA_CELLS, message)
        return None
    code = _cell(cells, columns.code).upper()
    if not _is_area(table, columns, number, code, _cell(cells, columns.level), report):
        return None
    indicators = _figures(table, columns, number, cells, report)
    if indicators is None:
        return None
    name = _name(_cell(cells, columns.name), code)
    if not _safe_name(table, columns, number, name, report):
        return None
    return Area(code, name, level_of(code), area_parent(code), indicators=indicators)


def _safe_name(table: CbsTable, columns: Columns, number: int, name: str, report: LoadReport) -> bool:
    """The one text-safety rule of :mod:`loaders.textsafety`, as every other reader applies it."""
    header = table.header[columns.name] if columns.name is not None else None
    if (start := formula_start(name)) is not None:
        message = f"the name starts with {start!r}, which spreadsheets run as a formula; remove it"
        report.error(table.file, number, header, ProblemCode.FORMULA_INJECTION, message)
        return False
    if (control := control_character(name)) is not None:
        message = f"the name holds the control character U+{ord(control):04X}; remove it"
        report.error(table.file, number, header, ProblemCode.CONTROL_CHARACTER, message)
        return False
    return True


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _is_area(
    table: CbsTable, columns: Columns, number: int, code: str, said: str, report: LoadReport
) -> bool:
    code_header = table.header[columns.code]
    if AREA_CODE.match(code):
        level = level_of(code)
        if said and normalise_label(said) != level.value:
            header = table.header[columns.level] if columns.level is not None else None
            message = f"{code} is a {level.value} code, but the row says {said!r}"
            report.error(table.file, number, header, ProblemCode.BAD_VALUE, message)
            return False
        return True
    if _REGION_CODE.match(code):
        message = f"{code} ({said or 'region'}) is not a gemeente, wijk or buurt; the row was skipped"
        report.warn(table.file, number, code_header, ProblemCode.REGION_SKIPPED, message)
    elif not code:
        report.error(table.file, number, code_header, ProblemCode.MISSING_VALUE, "the row has no area code")
    else:
        message = f"{code[:40]!r} is not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx)"
        report.error(table.file, number, code_header, ProblemCode.BAD_AREA_CODE, message)
    return False


def _figures(
    table: CbsTable, columns: Columns, number: int, cells: list[str], report: LoadReport
) -> tuple[tuple[str, float], ...] | None:
    figures: list[tuple[str, float]] = []
    failed = False
    for indicator in columns.indicators:
        try:
            value = parse_figure(_cell(cells, indicator.index))
        except ValueError as exc:
            message = f"{exc}; CBS marks a missing figure with '.'"
            report.error(table.file, number, indicator.header, ProblemCode.BAD_NUMBER, message)
            failed = True
            continue
        if value is not None:
            figures.append((indicator.name, value))
    return None if failed else tuple(figures)


def _name(text: str, code: str) -> str:
    """The area's name, without a trailing ``(code)`` some exports add; ``""`` for none.

    >>> _name("Wijk 01 West (WK034401)", "WK034401"), _name("WK034401", "WK034401")
    ('Wijk 01 West', '')
    """
    name = text.removesuffix(f"({code})").strip()
    return "" if name == code else name


def _duplicate(
    table: CbsTable,
    columns: Columns,
    number: int,
    area: Area,
    earlier: tuple[int, Area],
    report: LoadReport,
) -> None:
    first_row, first_area = earlier
    if area == first_area:
        report.warn(
            table.file, number, None, ProblemCode.DUPLICATE_ROW, f"the same row as row {first_row}; read once"
        )
        return
    message = f"{area.code} is also on row {first_row}, with different values"
    report.error(table.file, number, table.header[columns.code], ProblemCode.DUPLICATE_KEY, message)
