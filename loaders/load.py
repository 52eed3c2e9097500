"""Read, check and write: the one path from input files into a store.

Nothing is written unless every file is valid: ``load`` raises ``LoadError`` carrying
the full report, and the store is not touched. A valid load is one ``store.apply``
transaction, so it happens whole or not at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.errors import LoadError
from graph.model import Ecosystem
from loaders.pseudonymise import Pseudonymiser
from loaders.readers import read_source
from loaders.report import LoadReport
from loaders.validate import ProgressCallback, validate
from queries.base import ApplyResult, KnownIds, LoadRecord, Store

__all__ = ["Checked", "LoadOutcome", "check", "load", "write_checked"]


@dataclass(frozen=True, slots=True)
class Checked:
    """The result of checking a source: the report, the batch and the file fingerprint."""

    report: LoadReport
    batch: Ecosystem
    fingerprint: str
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What a load did: ``result`` is ``None`` for a dry run."""

    report: LoadReport
    batch: Ecosystem
    result: ApplyResult | None


def check(
    path: Path,
    *,
    known: KnownIds = KnownIds(),
    pseudonym_key: str | None = None,
    on_rows: ProgressCallback | None = None,
) -> Checked:
    """Read and check a source without writing anything."""
    report = LoadReport(str(path))
    source = read_source(path, report)
    pseudonymiser = Pseudonymiser(pseudonym_key) if pseudonym_key else None
    key = pseudonymiser.id if pseudonymiser else str
    batch = validate(source, report, known=known, professional_key=key, on_rows=on_rows)
    if pseudonymiser is not None:
        batch = pseudonymiser.apply(batch)
    fingerprint = hashlib.sha256(f"{source.fingerprint}:{pseudonymiser is not None}".encode()).hexdigest()
    return Checked(report, batch, fingerprint, tuple(source.files))


def load(
    path: Path,
    store: Store,
    *,
    dry_run: bool = False,
    replace: bool = False,
    pseudonym_key: str | None = None,
    on_rows: ProgressCallback | None = None,
) -> LoadOutcome:
    """Check ``path`` and, when it is valid and this is no dry run, write it in one transaction.

    ``replace`` makes the files the whole new content of the store; otherwise records
    are merged by key. Raises ``LoadError`` (with the report) when any file is invalid.
    """
    known = KnownIds() if replace else store.known_ids()
    checked = check(path, known=known, pseudonym_key=pseudonym_key, on_rows=on_rows)
    return write_checked(checked, store, source=path, dry_run=dry_run, replace=replace)


def write_checked(
    checked: Checked,
    store: Store,
    *,
    source: Path | str,
    dry_run: bool = False,
    replace: bool = False,
    expected_revision: int | None = None,
) -> LoadOutcome:
    """Write a checked batch in one transaction, or raise ``LoadError`` when it has errors.

    The one write path for every reader: input files, Open Referral and CBS imports,
    and merges. ``source`` is logged with the load: a path (resolved) or a description such
    as ``"ketenkaart merge A B"``. A dry run checks and returns without writing.
    ``expected_revision`` makes the write refuse (``StaleWrite``) when the store changed
    since the batch was read from it.
    """
    if not checked.report.ok:
        raise LoadError(checked.report)
    if dry_run:
        return LoadOutcome(checked.report, checked.batch, None)
    record = LoadRecord(
        fingerprint=checked.fingerprint,
        loaded_at=datetime.now(UTC).isoformat(timespec="milliseconds"),
        source=str(source.resolve()) if isinstance(source, Path) else source,
        files=checked.files,
        counts=checked.batch.counts(),
    )
    result = store.apply(checked.batch, replace=replace, record=record, expected_revision=expected_revision)
    return LoadOutcome(checked.report, checked.batch, result)
