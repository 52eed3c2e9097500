"""Write an ecosystem as input files that ``ketenkaart load`` reads back unchanged.

Used by ``export`` and ``generate-demo``, and for the templates. CSV files are UTF-8
with a byte-order mark so Excel shows accents correctly; workbooks have one sheet per
table and an ``uitleg`` sheet explaining every column. Whatever the store holds, text that a
spreadsheet would run as a formula is neutralised (:mod:`loaders.textsafety`): a leading
``'`` in CSV; in workbooks every text cell is typed as text, never a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from graph.errors import ConfigError
from graph.model import Agreement, Area, Ecosystem, Organisation, Professional, ReferralFlow
from graph.taxonomy import ActorKind
from loaders.tables import LIST_SEPARATOR, TABLES
from loaders.textsafety import neutralised, text_cells

__all__ = ["EXCEL_CELL", "ecosystem_tables", "explanation_rows", "write_csv_folder", "write_workbook"]

Row = dict[str, str]

EXCEL_CELL = 32_767
"""The most characters an Excel cell holds (a long area boundary may not fit)."""


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _figure(value: float) -> str:
    """A number as plain decimal text that reads back as exactly the same float.

    >>> _figure(5200.0), _figure(12.5), _figure(1e16), _figure(5e-05), _figure(-0.0)
    ('5200', '12.5', '10000000000000000', '0.00005', '0')
    """
    value += 0.0  # -0.0 becomes 0.0
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _area_row(a: Area) -> Row:
    return {
        "code": a.code,
        "name": a.name,
        "level": a.level.value,
        "parent": _text(a.parent),
        "boundary": _text(a.boundary),
    }


def _indicator_rows(a: Area) -> list[Row]:
    return [{"area": a.code, "indicator": name, "value": _figure(value)} for name, value in a.indicators]


def _organisation_row(o: Organisation) -> Row:
    return {
        "id": o.id,
        "name": o.name,
        "sector": o.sector.value,
        "municipality": _text(o.municipality),
        "areas": _joined(o.areas),
        "kvk": _text(o.kvk),
        "capacity": _text(o.capacity),
        "parent_id": _text(o.parent_id),
        "description": o.description,
        "expertise": _joined(o.expertise),
    }


def _professional_row(p: Professional) -> Row:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "expertise": _joined(p.expertise),
        "organisations": _joined(e.organisation_id for e in p.employments),
        "fte": _joined(e.fte for e in p.employments),
    }


def _agreement_row(a: Agreement) -> Row:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind.value,
        "start": a.start.isoformat() if a.start else "",
        "end": a.end.isoformat() if a.end else "",
        "parties": _joined(a.parties),
        "members": _joined(a.members),
        "areas": _joined(a.areas),
    }


def _referral_row(f: ReferralFlow) -> Row:
    by_organisation = f.source_kind is ActorKind.ORGANISATION
    return {
        "from_organisation": f.source_id if by_organisation else "",
        "from_professional": "" if by_organisation else f.source_id,
        "to_organisation": f.target_id,
        "period": f.period.code,
        "domain": f.domain,
        "count": str(f.count),
    }


def ecosystem_tables(eco: Ecosystem) -> dict[str, list[Row]]:
    """Every table of an ecosystem as rows keyed by canonical column name."""
    return {
        "areas": [_area_row(a) for a in eco.areas],
        "organisations": [_organisation_row(o) for o in eco.organisations],
        "professionals": [_professional_row(p) for p in eco.professionals],
        "agreements": [_agreement_row(a) for a in eco.agreements],
        "referrals": [_referral_row(f) for f in eco.flows],
        "indicators": [row for a in eco.areas for row in _indicator_rows(a)],
    }


def write_csv_folder(tables: dict[str, list[Row]], folder: Path) -> list[Path]:
    """Write one CSV file per table into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        columns = [c.name for c in TABLES[name].columns] if name in TABLES else list(rows[0]) if rows else []
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(neutralised(row) for row in rows)
        written.append(path)
    return written


def explanation_rows() -> list[Row]:
    """One row per column of every table: what to fill in, in English and Dutch."""
    return [
        {
            "table": table.name,
            "table_nl": table.dutch,
            "column": column.name,
            "column_nl": column.dutch,
            "required": "yes" if column.required else "no",
            "list": "yes" if column.is_list else "no",
            "meaning": column.help_en,
            "betekenis": column.help_nl,
            "example": column.example,
        }
        for table in TABLES.values()
        for column in table.columns
    ]


def _fits_excel(value: str, sheet: str, row: int, column: str) -> str:
    """The cell's text, or ``ConfigError``: openpyxl would cut a longer cell short silently."""
    if len(value) > EXCEL_CELL:
        raise ConfigError(
            f"{sheet} row {row}, {column}: {len(value):,} characters do not fit in an Excel cell "
            f"(at most {EXCEL_CELL:,}); export as csv, which holds the whole value"
        )
    return value


def _sheet_rows(name: str, rows: list[Row]) -> list[list[str]]:
    columns = [c.name for c in TABLES[name].columns]
    body = [
        [_fits_excel(row.get(c, ""), name, number, c) for c in columns] for number, row in enumerate(rows, 2)
    ]
    return [columns, *body]


def write_workbook(tables: dict[str, list[Row]], path: Path) -> Path:
    """Write one sheet per table plus an ``uitleg`` sheet explaining the columns.

    The workbook is streamed (openpyxl's write-only mode): rows go to disk as they are
    appended instead of being held as cell objects, which is what makes big exports slow.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - only workbook writers pay for it

    sheets = {name: _sheet_rows(name, rows) for name, rows in tables.items()}  # refuse before writing
    book = Workbook(write_only=True)
    for name, cells in sheets.items():
        sheet = book.create_sheet(name)
        for values in cells:
            sheet.append(text_cells(sheet, values))
    guide = book.create_sheet("uitleg")
    guide_rows = explanation_rows()
    guide.append(list(guide_rows[0]))
    for row in guide_rows:
        guide.append(text_cells(guide, row.values()))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
