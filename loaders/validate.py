"""Check raw tables and turn them into one ``Ecosystem`` batch, collecting every problem.

Order of checks, all of which run before anything could be written:

1. headers: known columns (English or Dutch), no duplicates, required ones present;
   a referrals file with any unknown column is refused, one that looks like client
   data (``bsn``, ``cliënt``, ``geboortedatum`` ...) with its own code;
2. rows: every cell parsed (``loaders.rows``);
3. keys: a key twice with different values is an error, the same row twice a warning;
4. references: every id named must be in the batch or already in the store;
5. areas: CBS codes used but not described get a record with the code as name
   (a warning), so the area tree stays whole;
6. indicators: each figure joins its area, which must be in the batch or the store.
   Figures add to (or change) the ones an area already holds in the store; an areas
   file without a ``boundary`` column keeps the outlines the store holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from graph.areacodes import areas_for_codes
from graph.model import Agreement, Area, Ecosystem, Organisation, Professional, ReferralFlow
from graph.taxonomy import normalise_label
from loaders.codes import ProblemCode
from loaders.readers import RawTable, Source
from loaders.report import FileSummary, LoadReport
from loaders.rows import (
    AgreementRow,
    AreaRow,
    Indicator,
    IndicatorRow,
    OrganisationRow,
    ProfessionalRow,
    ReferralRow,
    RowModel,
)
from loaders.tables import CLIENT_IDENTITY_HINTS, Column
from queries.base import KnownIds

__all__ = ["ProgressCallback", "validate"]

ProgressCallback = Callable[[str, int, int], None]
Record = Area | Organisation | Professional | Agreement | ReferralFlow | Indicator

_MODELS: dict[str, type[RowModel]] = {
    "areas": AreaRow,
    "organisations": OrganisationRow,
    "professionals": ProfessionalRow,
    "agreements": AgreementRow,
    "referrals": ReferralRow,
    "indicators": IndicatorRow,
}
_KEY_COLUMNS = {"areas": "code", "indicators": "area"}  # others are keyed by "id"
_PROGRESS_EVERY = 5000


@dataclass(frozen=True, slots=True)
class _Located:
    """A parsed record and where it came from, for error messages."""

    file: str
    row: int
    record: Any
    headers: dict[str, str]  # canonical column name -> header as written in the file

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


def validate(
    source: Source,
    report: LoadReport,
    *,
    known: KnownIds = KnownIds(),
    professional_key: Callable[[str], str] = str,
    on_rows: ProgressCallback | None = None,
) -> Ecosystem:
    """Check every table of ``source``; problems go into ``report``.

    ``known`` holds the keys already in the store, so a file of referrals may name
    organisations loaded before. ``professional_key`` maps a professional id as written
    to the id the store holds (the pseudonym, when pseudonymising).
    """
    parsed: dict[str, list[_Located]] = defaultdict(list)
    failed: set[str] = set()
    rejected: dict[str, set[str]] = defaultdict(set)  # ids of rows that did not parse, per table
    for table in source.tables:
        columns = None if table.failed else _map_header(table, report)
        if columns is None:
            failed.add(table.spec.name)
            continue
        report.files.append(
            FileSummary(table.file, table.spec.name, len(table.rows), table.encoding, table.delimiter)
        )
        parsed[table.spec.name].extend(
            _parse_rows(table, columns, report, on_rows, rejected[table.spec.name])
        )
    unique = {name: _deduplicate(items, report) for name, items in parsed.items()}
    _check_references(unique, known, professional_key, report, failed, rejected)
    records = {name: [item.record for item in items] for name, items in unique.items()}
    areas = _complete_areas(records, known, report)
    areas = _with_held_and_figures(areas, unique, known, report, failed, rejected["areas"])
    return Ecosystem(
        areas=tuple(areas),
        organisations=tuple(records.get("organisations", ())),
        professionals=tuple(records.get("professionals", ())),
        agreements=tuple(records.get("agreements", ())),
        flows=tuple(records.get("referrals", ())),
    )


# -- 1. headers --------------------------------------------------------------------------


def _looks_like_client_data(header: str) -> bool:
    folded = normalise_label(header)
    return any(hint in folded for hint in CLIENT_IDENTITY_HINTS)


def _map_header(table: RawTable, report: LoadReport) -> list[Column | None] | None:
    """Map each header cell to its column; ``None`` when the file cannot be read on."""
    spec, file = table.spec, table.file
    before = len(report.errors)
    mapped: list[Column | None] = []
    seen: dict[str, str] = {}
    for header in table.header:
        column = spec.column_for(header) if header.strip() else None
        mapped.append(column)
        if column is None:
            _unknown_column(table, header, report)
        elif column.name in seen:
            report.error(
                file,
                1,
                header,
                ProblemCode.DUPLICATE_COLUMN,
                f"names the same column as {seen[column.name]!r}",
                same_as=seen[column.name],
            )
        else:
            seen[column.name] = header
    for column in spec.required():
        if column.name not in seen:
            report.error(
                file,
                1,
                column.name,
                ProblemCode.MISSING_COLUMN,
                f"required column {column.name!r} (Dutch: {column.dutch!r}) is missing",
                name=column.name,
                dutch=column.dutch,
            )
    return mapped if len(report.errors) == before else None


def _unknown_column(table: RawTable, header: str, report: LoadReport) -> None:
    file, label = table.file, header.strip() or "(empty header)"
    if table.spec.strict_columns and _looks_like_client_data(header):
        report.error(
            file,
            1,
            label,
            ProblemCode.CLIENT_IDENTITY_COLUMN,
            "this column looks like client data; referral files hold counts only and are refused "
            "with such a column. Remove it and load again",
        )
    elif table.spec.strict_columns:
        known = ", ".join(c.name for c in table.spec.columns)
        report.error(
            file,
            1,
            label,
            ProblemCode.UNKNOWN_COLUMN,
            f"referral files may only hold these columns: {known}",
            known=known,
        )
    else:
        report.warn(file, 1, label, ProblemCode.UNKNOWN_COLUMN, "not a known column; it was not read")


# -- 2. rows -----------------------------------------------------------------------------


def _parse_rows(
    table: RawTable,
    columns: list[Column | None],
    report: LoadReport,
    on_rows: ProgressCallback | None,
    rejected: set[str],
) -> Iterable[_Located]:
    """Parse each row; the ids of rows that fail go into ``rejected``."""
    model = _MODELS[table.spec.name]
    headers = {c.name: h for c, h in zip(columns, table.header, strict=False) if c is not None}
    pairs = [(i, c.name) for i, c in enumerate(columns) if c is not None]
    total = len(table.rows)
    for done, (number, row) in enumerate(table.rows, start=1):
        if on_rows is not None and (done % _PROGRESS_EVERY == 0 or done == total):
            on_rows(table.file, done, total)
        if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
            report.error(
                table.file,
                number,
                None,
                ProblemCode.EXTRA_CELLS,
                f"the row has {len(row)} cells but the header only {len(columns)}",
                cells=len(row),
                header_cells=len(columns),
            )
            rejected.add(row[pairs[0][0]].strip() if pairs and pairs[0][0] < len(row) else "")
            continue
        values = {name: row[i] if i < len(row) else "" for i, name in pairs}
        try:
            yield _Located(table.file, number, model.model_validate(values).record(), headers)  # type: ignore[attr-defined]
        except ValidationError as exc:
            key = values.get(_KEY_COLUMNS.get(table.spec.name, "id"), "").strip()
            rejected.update((key, key.upper()))
            for error in exc.errors(include_url=False, include_input=False):
                _report_cell_error(table.file, number, error, headers, report)


def _report_cell_error(file: str, row: int, error: Any, headers: dict[str, str], report: LoadReport) -> None:
    context = error.get("ctx") or {}
    column = context.get("column") or (str(error["loc"][0]) if error["loc"] else None)
    code = ProblemCode(error["type"]) if "-" in error["type"] else ProblemCode.BAD_VALUE
    header = headers.get(column, column) if column else None
    report.error(file, row, header, code, error["msg"], **(context.get("params") or {}))


# -- 3. keys -----------------------------------------------------------------------------


def _key(record: Record) -> Any:
    if isinstance(record, ReferralFlow | Indicator):
        return record.key
    if isinstance(record, Area):
        return record.code
    return record.id


def _deduplicate(items: list[_Located], report: LoadReport) -> list[_Located]:
    first: dict[Any, _Located] = {}
    for item in items:
        key = _key(item.record)
        earlier = first.setdefault(key, item)
        if earlier is item:
            continue
        where = f"{earlier.file} row {earlier.row}"
        if earlier.record == item.record:
            report.warn(
                item.file,
                item.row,
                None,
                ProblemCode.DUPLICATE_ROW,
                f"the same row as {where}; read once",
                other_file=earlier.file,
                other_row=earlier.row,
            )
        else:
            shown = _shown_key(item.record)
            report.error(
                item.file,
                item.row,
                None,
                ProblemCode.DUPLICATE_KEY,
                f"key {shown} is also on {where} with different values ({_differences(earlier, item)})",
                other_file=earlier.file,
                other_row=earlier.row,
                fields=_differences(earlier, item),
            )
    return list(first.values())


def _shown_key(record: Record) -> str:
    if isinstance(record, ReferralFlow):
        return f"{record.source_id} -> {record.target_id} in {record.period.code}" + (
            f" ({record.domain})" if record.domain else ""
        )
    if isinstance(record, Indicator):
        return f"{record.name} of {record.area}"
    return str(_key(record))


def _differences(a: _Located, b: _Located) -> str:
    fields = [name for name in a.record.__slots__ if getattr(a.record, name) != getattr(b.record, name)]
    return ", ".join(fields)


# -- 4. references -----------------------------------------------------------------------


def _check_references(
    unique: dict[str, list[_Located]],
    known: KnownIds,
    professional_key: Callable[[str], str],
    report: LoadReport,
    failed: set[str],
    rejected: dict[str, set[str]],
) -> None:
    """Report ids that point nowhere. Kinds whose own file could not be read, and ids of
    rows already reported as bad, are not reported again: that would only repeat them."""
    organisations = {i.record.id for i in unique.get("organisations", ())} | known.organisations
    organisations |= rejected["organisations"]
    batch_professionals = {i.record.id for i in unique.get("professionals", ())} | rejected["professionals"]

    def unknown_professionals(ids: Iterable[str]) -> list[str]:
        if "professionals" in failed:
            return []
        return [
            p for p in ids if p not in batch_professionals and professional_key(p) not in known.professionals
        ]

    def unknown_organisations(ids: Iterable[str]) -> list[str]:
        if "organisations" in failed:
            return []
        return [o for o in ids if o not in organisations]

    for item in unique.get("organisations", ()):
        org: Organisation = item.record
        if org.parent_id and (org.parent_id == org.id or unknown_organisations([org.parent_id])):
            _unknown(item, "parent_id", ProblemCode.UNKNOWN_ORGANISATION, [org.parent_id], report)
    _check_umbrella_cycles(unique.get("organisations", ()), report)
    for item in unique.get("professionals", ()):
        jobs = [e.organisation_id for e in item.record.employments]
        _unknown(item, "organisations", ProblemCode.UNKNOWN_ORGANISATION, unknown_organisations(jobs), report)
    for item in unique.get("agreements", ()):
        _unknown(
            item,
            "parties",
            ProblemCode.UNKNOWN_ORGANISATION,
            unknown_organisations(item.record.parties),
            report,
        )
        _unknown(
            item,
            "members",
            ProblemCode.UNKNOWN_PROFESSIONAL,
            unknown_professionals(item.record.members),
            report,
        )
    for item in unique.get("referrals", ()):
        flow: ReferralFlow = item.record
        _unknown(
            item,
            "to_organisation",
            ProblemCode.UNKNOWN_ORGANISATION,
            unknown_organisations([flow.target_id]),
            report,
        )
        if flow.source_kind.value == "organisation":
            missing = unknown_organisations([flow.source_id])
            _unknown(item, "from_organisation", ProblemCode.UNKNOWN_ORGANISATION, missing, report)
        else:
            missing = unknown_professionals([flow.source_id])
            _unknown(item, "from_professional", ProblemCode.UNKNOWN_PROFESSIONAL, missing, report)


def _check_umbrella_cycles(items: Iterable[_Located], report: LoadReport) -> None:
    """Report every organisation whose chain of umbrellas (``parent_id``) in the files leads back to it.

    Only the chain within the files is followed (the store does not hand over its umbrellas
    here); with ``--replace`` the files are everything, so every cycle is found.
    """
    by_id = {item.record.id: item for item in items}
    parent = {i: item.record.parent_id for i, item in by_id.items() if item.record.parent_id}
    reported: set[str] = set()
    for start in sorted(parent):
        seen: list[str] = []
        current: str | None = start
        while current is not None and current not in seen and current in parent:
            seen.append(current)
            current = parent.get(current)
        if current is None or current not in seen:
            continue
        loop = seen[seen.index(current) :]
        for member in loop:
            if member in reported or parent[member] == member:
                continue
            reported.add(member)
            item = by_id[member]
            chain = " -> ".join([*loop[loop.index(member) :], *loop[: loop.index(member)], member])
            report.error(
                item.file,
                item.row,
                item.header("parent_id"),
                ProblemCode.PARENT_CYCLE,
                f"the umbrellas go round in a circle ({chain}); an organisation cannot be its own umbrella",
                chain=chain,
            )


def _unknown(item: _Located, column: str, code: ProblemCode, ids: list[str], report: LoadReport) -> None:
    if not ids:
        return
    kind = code.removeprefix("unknown-")
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    more = {"more": len(ids) - 5} if len(ids) > 5 else {}
    report.error(
        item.file,
        item.row,
        item.header(column),
        code,
        f"{shown}: no {kind} with this id in these files or in the store",
        ids=", ".join(ids[:5]),
        **more,
    )


# -- 5. areas ----------------------------------------------------------------------------


def _complete_areas(records: dict[str, list[Any]], known: KnownIds, report: LoadReport) -> list[Area]:
    areas: dict[str, Area] = {a.code: a for a in records.get("areas", ())}
    used: set[str] = {a.parent for a in areas.values() if a.parent}
    for org in records.get("organisations", ()):
        used.update(org.areas)
        if org.municipality:
            used.add(org.municipality)
    for agreement in records.get("agreements", ()):
        used.update(agreement.areas)
    added = areas_for_codes(used, held=lambda code: code in areas or code in known.areas)
    areas.update(added)
    if added:
        shown = ", ".join(sorted(added)[:8]) + (" ..." if len(added) > 8 else "")
        report.warn(
            "areas",
            None,
            None,
            ProblemCode.AREA_NOT_DESCRIBED,
            f"{len(added)} area codes are used but not described in an areas table ({shown}); "
            "they were added with their code as name",
            n=len(added),
            codes=", ".join(sorted(added)[:8]),
        )
    return list(areas.values())


# -- 6. indicators and what the store holds ----------------------------------------------


def _with_held_and_figures(
    areas: list[Area],
    unique: dict[str, list[_Located]],
    known: KnownIds,
    report: LoadReport,
    failed: set[str],
    rejected: set[str],
) -> list[Area]:
    """Attach each figure to its area, on top of what the store holds for that area.

    An area of the batch that the store holds keeps the stored figures the batch does
    not name, and its stored boundary when its file has no boundary column. A figure
    for an area only the store holds brings that stored area into the batch.
    """
    by_code = {a.code: a for a in areas}
    keep_boundary = {
        item.record.code for item in unique.get("areas", ()) if "boundary" not in item.headers
    } | (set(known.areas) - set(by_code))
    figures: dict[str, dict[str, float]] = defaultdict(dict)
    for item in unique.get("indicators", ()):
        figure: Indicator = item.record
        area = by_code.get(figure.area) or known.held_area(figure.area)
        if area is None:
            if "areas" not in failed and figure.area not in rejected:
                _unknown(item, "area", ProblemCode.UNKNOWN_AREA, [figure.area], report)
            continue
        by_code.setdefault(area.code, area)
        figures[area.code][figure.name] = figure.value
    return [
        _merged(area, known.held_area(code), figures.get(code, {}), code in keep_boundary)
        for code, area in by_code.items()
    ]


def _merged(area: Area, held: Area | None, figures: dict[str, float], keep_boundary: bool) -> Area:
    if held is None:
        return replace(area, indicators=tuple(figures.items())) if figures else area
    indicators = {**dict(held.indicators), **figures}
    boundary = held.boundary if keep_boundary else area.boundary
    return replace(area, indicators=tuple(indicators.items()), boundary=boundary)
