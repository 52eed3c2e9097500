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
from graph.taxonomy import ActorKind
from loaders.codes import ProblemCode
from loaders.pseudonymise import Pseudonymiser, is_pseudonym
from loaders.readers import DEFAULT_LIMITS, ReadLimits, read_source
from loaders.report import LoadReport
from loaders.validate import ProgressCallback, validate
from queries.base import ApplyResult, KnownIds, LoadRecord, Store

__all__ = ["Checked", "LoadOutcome", "check", "load", "never_mixed", "write_checked"]


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
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Checked:
    """Read (within ``limits``) and check a source without writing anything."""
    report = LoadReport(str(path))
    source = read_source(path, report, limits)
    pseudonymiser = Pseudonymiser(pseudonym_key) if pseudonym_key else None
    key = pseudonymiser.id if pseudonymiser else str
    batch = validate(source, report, known=known, professional_key=key, on_rows=on_rows)
    never_mixed(batch, known, pseudonymised=pseudonymiser is not None, report=report)
    if pseudonymiser is not None:
        batch = pseudonymiser.apply(batch)
    fingerprint = hashlib.sha256(f"{source.fingerprint}:{pseudonymiser is not None}".encode()).hexdigest()
    return Checked(report, batch, fingerprint, tuple(source.files))


def _clear_ids(batch: Ecosystem) -> set[str]:
    """Professional ids in ``batch`` that are not pseudonyms."""
    ids = {p.id for p in batch.professionals}
    ids |= {m for a in batch.agreements for m in a.members}
    ids |= {f.source_id for f in batch.flows if f.source_kind is ActorKind.PROFESSIONAL}
    return {i for i in ids if not is_pseudonym(i)}


def never_mixed(batch: Ecosystem, known: KnownIds, *, pseudonymised: bool, report: LoadReport) -> None:
    """Refuse a load that would mix pseudonymised and clear professionals in one store.

    A store whose professionals are pseudonyms (``PSN-...``) takes professionals only
    pseudonymised: with the key, or as pseudonyms already (a re-loaded export). A store that
    holds professionals in clear is not pseudonymised piecemeal: ``--replace`` does it whole.
    """
    held_pseudonyms = any(is_pseudonym(p) for p in known.professionals)
    held_clear = any(not is_pseudonym(p) for p in known.professionals)
    if held_pseudonyms and not pseudonymised and (clear := sorted(_clear_ids(batch))):
        shown = ", ".join(clear[:3]) + (f" and {len(clear) - 3} more" if len(clear) > 3 else "")
        report.error(
            "professionals",
            None,
            None,
            ProblemCode.PSEUDONYMS_REQUIRED,
            f"the store holds pseudonymised professionals, and these would be stored in clear: {shown}; "
            "load with --pseudonymise and the same KETENKAART_PSEUDONYM_KEY",
        )
    elif held_clear and pseudonymised and _clear_ids(batch):
        report.error(
            "professionals",
            None,
            None,
            ProblemCode.PSEUDONYMS_REQUIRED,
            "the store holds professionals in clear; pseudonymising only these would mix the two. "
            "Load every file with --pseudonymise --replace to pseudonymise the whole store",
        )


def load(
    path: Path,
    store: Store,
    *,
    dry_run: bool = False,
    replace: bool = False,
    pseudonym_key: str | None = None,
    on_rows: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> LoadOutcome:
    """Check ``path`` and, when it is valid and this is no dry run, write it in one transaction.

    ``replace`` makes the files the whole new content of the store; otherwise records
    are merged by key. Raises ``LoadError`` (with the report) when any file is invalid.
    """
    known = KnownIds() if replace else store.known_ids()
    checked = check(path, known=known, pseudonym_key=pseudonym_key, on_rows=on_rows, limits=limits)
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
