"""Import CBS neighbourhood figures (*kerncijfers wijken en buurten*, StatLine exports)
and area outlines into a store.

An import adds to what the store holds. An area already stored keeps its other
indicators (a new value for the same indicator wins) and its outline unless the import
brings a new one; names from CBS win, except a name that is the start of the stored
one (StatLine exports cut names at 40 characters). A wijk or gemeente that a row's code points to
but that is neither in the file nor in the store is added with its code as name (and
an ``area-not-described`` warning), as ``load`` does: a later import of the file that
describes it gives it its CBS name. Nothing is written when any file has an error, and
importing the same files again writes nothing and logs no new load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from graph.areacodes import areas_for_codes
from graph.model import Area, Ecosystem
from loaders.boundaries import read_boundaries
from loaders.cbs_columns import plan_columns
from loaders.cbs_csv import read_cbs_csv
from loaders.cbs_rows import read_areas
from loaders.codes import ProblemCode
from loaders.load import Checked, LoadOutcome, write_checked
from loaders.report import FileSummary, LoadReport
from queries.base import Store

__all__ = ["check_cbs", "import_cbs"]

_TAG = b"ketenkaart cbs import v1"


def import_cbs(
    path: Path | None, store: Store, *, boundaries: Path | None = None, dry_run: bool = False
) -> LoadOutcome:
    """Check a CBS CSV file and/or a boundary file, then write them in one transaction.

    Raises ``LoadError`` (with the report) when any file has an error; nothing is written then.
    """
    source = path or boundaries
    if source is None:
        raise ValueError("import_cbs needs a CBS file, a boundary file or both")
    revision = store.revision()  # figures are merged with the stored areas read now
    existing = {area.code: area for area in store.known_ids().held_areas}
    checked = check_cbs(path, boundaries=boundaries, existing=existing)
    return write_checked(checked, store, source=source, dry_run=dry_run, expected_revision=revision)


def check_cbs(
    path: Path | None, *, boundaries: Path | None = None, existing: Mapping[str, Area] | None = None
) -> Checked:
    """Read and check the files without writing; ``existing`` are the areas the store holds."""
    stored = existing or {}
    report = LoadReport(str(path or boundaries))
    digest = hashlib.sha256(_TAG)
    batch: dict[str, Area] = {}
    if path is not None:
        data = _bytes(path, report, digest)
        found = _figures(path, data, report) if data is not None else []
        batch = {area.code: _merged(area, stored.get(area.code)) for area in found}
        batch |= _parents(batch, stored, path.name, report)
    if boundaries is not None:
        data = _bytes(boundaries, report, digest)
        shapes = read_boundaries(boundaries, data, report) if data is not None else {}
        batch |= _outlined(shapes, batch, stored, boundaries.name, report)
    files = tuple(p.name for p in (path, boundaries) if p is not None)
    return Checked(report, Ecosystem(areas=tuple(batch.values())), digest.hexdigest(), files)


def _bytes(path: Path, report: LoadReport, digest: hashlib._Hash) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, str(exc))
        return None
    digest.update(b"\0" + path.suffix.lower().encode() + b"\0" + data)
    return data


def _figures(path: Path, data: bytes, report: LoadReport) -> list[Area]:
    table = read_cbs_csv(path, data, report)
    if table is None:
        return []
    report.files.append(FileSummary(path.name, "cbs", len(table.rows), table.encoding, table.delimiter))
    columns = plan_columns(table, report)
    if columns is None:
        return []
    areas = read_areas(table, columns, report)
    if not areas and report.ok:
        report.error(
            path.name, None, None, ProblemCode.EMPTY_FILE, "the file holds no gemeente, wijk or buurt rows"
        )
    return areas


def _merged(new: Area, old: Area | None) -> Area:
    """``new`` on top of what the store holds: its indicators win, the rest is kept."""
    if old is None:
        return replace(new, name=new.name or new.code)
    indicators = {**dict(old.indicators), **dict(new.indicators)}
    return replace(
        new, name=_name(new.name, old.name), indicators=tuple(indicators.items()), boundary=old.boundary
    )


def _name(new: str, old: str) -> str:
    """The CBS name, unless the file has none or cut the stored one short (StatLine keeps 40 characters).

    >>> _name("Kempisplantsoen e", "Kempisplantsoen en omgeving")
    'Kempisplantsoen en omgeving'
    >>> _name("Wijk 01 West", "West"), _name("", "West")
    ('Wijk 01 West', 'West')
    """
    return old if not new or (old.startswith(new) and len(old) > len(new)) else new


def _parents(
    batch: Mapping[str, Area], stored: Mapping[str, Area], file: str, report: LoadReport
) -> dict[str, Area]:
    parents = {area.parent for area in batch.values() if area.parent}
    added = areas_for_codes(parents, held=lambda code: code in batch or code in stored)
    if added:
        shown = ", ".join(sorted(added)[:8]) + (" ..." if len(added) > 8 else "")
        message = (
            f"{len(added)} areas above the file's rows are neither in the file nor in the store ({shown}); "
            "they were added with their code as name"
        )
        report.warn(file, None, None, ProblemCode.AREA_NOT_DESCRIBED, message)
    return added


def _outlined(
    shapes: Mapping[str, str],
    batch: Mapping[str, Area],
    stored: Mapping[str, Area],
    file: str,
    report: LoadReport,
) -> dict[str, Area]:
    outlined: dict[str, Area] = {}
    unknown: list[str] = []
    for code, shape in sorted(shapes.items()):
        area = batch.get(code) or stored.get(code)
        if area is None:
            unknown.append(code)
        else:
            outlined[code] = replace(area, boundary=shape)
    if unknown:
        shown = ", ".join(unknown[:8]) + (" ..." if len(unknown) > 8 else "")
        message = (
            f"{len(unknown)} outlines are for areas neither in this import nor in the store ({shown}); "
            "they were skipped"
        )
        report.warn(file, None, None, ProblemCode.UNKNOWN_AREA, message)
    return outlined
