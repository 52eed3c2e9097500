"""Uploads on the data page: save the files, check them (dry run), then load them.

The browser sends each file as a ``data:...;base64,...`` URL (``dcc.Upload``). Files
are written to their own folder, ``<data_dir>/uploads/<token>``, under a safe base name
(the browser's file name is never used as a path); the token is random hex and is
checked before it names a folder. Checking and loading are the loaders' own
``loaders.load.check`` and ``loaders.load.load``, the same as ``ketenkaart check`` and
``ketenkaart load``: the report rows here are the CLI's.

A source is the CSV files of one upload (a folder) or one workbook.

>>> safe_name("C:\\\\Users\\\\ana\\\\organisations.csv"), safe_name("../../etc/passwd"), safe_name("a b.xlsx")
('organisations.csv', 'passwd', 'a_b.xlsx')
>>> safe_name(".."), safe_name(".env"), safe_name("")
(None, None, None)
>>> is_token("0" * 32), is_token("../x")
(True, False)
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from graph.errors import ExplorerError, LoadError
from graph.model import Counts
from loaders.load import LoadOutcome, check, load
from loaders.report import LoadReport
from queries.base import ApplyResult, LoadRecord, Store

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "DryRun",
    "change_rows",
    "confirm",
    "count_rows",
    "decode",
    "dry_run",
    "file_rows",
    "is_token",
    "load_rows",
    "prune",
    "receive",
    "report_rows",
    "safe_name",
    "source_of",
    "upload_folder",
]

MAX_BYTES: Final = 50 * 1024 * 1024
"""The largest upload (all files together, decoded) the page accepts."""
SUFFIXES: Final = (".csv", ".xlsx")
_TOKEN: Final = re.compile(r"[0-9a-f]{32}")
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_AGE: Final = 24 * 3600  # seconds an unconfirmed upload is kept
_UPLOAD: Final = "upload"  # the report's file name for problems with the upload itself


@dataclass(frozen=True, slots=True)
class DryRun:
    """A checked upload: its token, the loaders' report and what a load would write."""

    token: str
    report: LoadReport
    counts: Counts | None

    @property
    def ok(self) -> bool:
        """Whether the upload may be loaded: files were read and the report has no errors."""
        return self.counts is not None and self.report.ok


def is_token(token: object) -> bool:
    """Whether ``token`` has the form this module gives tokens (32 lower-case hex digits)."""
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def upload_folder(root: Path, token: object) -> Path:
    """The folder of one upload; the token is checked before it becomes a path component.

    Raises
    ------
    ExplorerError
        If the token is malformed or the upload is gone (loaded or expired).
    """
    if not is_token(token):
        raise ExplorerError(
            "onbekende upload; laad de bestanden opnieuw / unknown upload; upload the files again"
        )
    folder = root / str(token)
    if not folder.is_dir():
        raise ExplorerError(
            "deze upload is er niet meer; laad de bestanden opnieuw / upload gone; upload again"
        )
    return folder


def safe_name(name: object) -> str | None:
    """A safe base name for a file name from the browser, or ``None`` when none is left.

    Folders (``/`` or ``\\``) are dropped; characters other than letters, digits,
    ``.``, ``_`` and ``-`` become ``_``; names starting with a dot are refused.
    """
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip("_")[:120]
    if not cleaned or cleaned.startswith(".") or cleaned in (".", ".."):
        return None
    return cleaned


def decode(contents: object) -> bytes:
    """The bytes of one ``dcc.Upload`` data URL.

    Raises
    ------
    ValueError
        If it is not a base64 data URL.
    """
    header, sep, data = str(contents or "").partition(",")
    if not sep or not header.startswith("data:") or not header.endswith(";base64"):
        raise ValueError("not a base64 data URL")
    try:
        return base64.b64decode(data, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not valid base64: {exc}") from exc


def prune(root: Path, *, max_age: float = _MAX_AGE, now: float | None = None) -> None:
    """Remove upload folders older than ``max_age`` seconds (uploads never confirmed)."""
    if not root.is_dir():
        return
    limit = (time.time() if now is None else now) - max_age
    for folder in root.iterdir():
        if is_token(folder.name) and folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def _save(folder: Path, contents: Sequence[object], names: Sequence[object], report: LoadReport) -> list[str]:
    saved: list[str] = []
    total = 0
    for content, raw_name in zip(contents, names, strict=False):
        name = safe_name(raw_name)
        if name is None or not name.lower().endswith(SUFFIXES):
            shown = safe_name(raw_name) or "?"
            report.error(
                shown, None, None, "unreadable-file", "upload CSV files or one Excel workbook (.xlsx)"
            )
            continue
        if name in saved:
            report.error(name, None, None, "unreadable-file", "a file with this name was uploaded twice")
            continue
        try:
            data = decode(content)
        except ValueError as exc:
            report.error(name, None, None, "unreadable-file", f"the upload could not be read: {exc}")
            continue
        total += len(data)
        if total > MAX_BYTES:
            report.error(
                name, None, None, "unreadable-file", f"the upload is larger than {MAX_BYTES // 2**20} MB"
            )
            break
        (folder / name).write_bytes(data)
        saved.append(name)
    return saved


def source_of(folder: Path, report: LoadReport | None = None) -> Path | None:
    """What the loaders read: the folder of CSV files, or the one workbook.

    A mix, or more than one workbook, is an error in ``report`` (and gives ``None``).
    """
    books = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xlsx")
    csvs = [p for p in folder.iterdir() if p.suffix.lower() == ".csv"]
    if len(books) == 1 and not csvs:
        return books[0]
    if not books and csvs:
        return folder
    if report is not None:
        message = "upload CSV files or one Excel workbook, not both" if books else "no files to read"
        report.error(_UPLOAD, None, None, "unreadable-file", message)
    return None


def receive(root: Path, contents: Sequence[object], names: Sequence[object], store: Store) -> DryRun:
    """Save one upload in a new folder under ``root`` and check it against ``store`` (writes nothing to it).

    An upload that cannot be loaded is removed at once; a valid one waits for
    :func:`confirm` (or :func:`prune`, a day later).
    """
    prune(root)
    token = secrets.token_hex(16)
    folder = root / token
    folder.mkdir(parents=True)
    problems = LoadReport(_UPLOAD)
    _save(folder, contents, names, problems)
    checked = _checked(token, folder, problems, store)
    if not checked.ok:
        shutil.rmtree(folder, ignore_errors=True)
    return checked


def _checked(token: str, folder: Path, problems: LoadReport, store: Store) -> DryRun:
    source = source_of(folder, problems)
    if source is None:
        return DryRun(token, problems, None)
    checked = check(source, known=store.known_ids())
    checked.report.errors[:0] = problems.errors
    return DryRun(token, checked.report, checked.batch.counts())


def dry_run(root: Path, token: object, store: Store) -> DryRun:
    """Check a saved upload again (for example after the store changed)."""
    folder = upload_folder(root, token)
    return _checked(folder.name, folder, LoadReport(_UPLOAD), store)


def confirm(root: Path, token: object, store: Store) -> LoadOutcome:
    """Load a checked upload into ``store`` (one transaction), then remove its folder.

    Raises
    ------
    LoadError
        If the files are invalid now (nothing is written; the folder is kept).
    ExplorerError
        If the upload is gone or the token is malformed.
    """
    folder = upload_folder(root, token)
    problems = LoadReport(_UPLOAD)
    source = source_of(folder, problems)
    if source is None:
        raise LoadError(problems)
    outcome = load(source, store)
    shutil.rmtree(folder, ignore_errors=True)
    return outcome


def report_rows(report: LoadReport) -> list[dict[str, str]]:
    """Every error, then every warning, as table rows: severity, file, row, column, code, message."""
    tagged = [("error", e) for e in report.sorted_errors()] + [("warning", w) for w in report.warnings]
    return [
        {
            "severity": severity,
            "file": p.file,
            "row": "" if p.row is None else str(p.row),
            "column": p.column or "",
            "code": p.code,
            "message": p.message,
        }
        for severity, p in tagged
    ]


def file_rows(report: LoadReport) -> list[dict[str, str]]:
    """The files read: file, table, rows, encoding and separator."""
    return [
        {
            "file": f.file,
            "table": f.table,
            "rows": f"{f.rows:,}",
            "encoding": f.encoding,
            "separator": repr(f.delimiter) if f.delimiter else "",
        }
        for f in report.files
    ]


def count_rows(counts: Counts) -> list[dict[str, str]]:
    """Record counts as table rows: records, count."""
    return [{"records": name.replace("_", " "), "count": f"{n:,}"} for name, n in counts.as_dict().items()]


def change_rows(result: ApplyResult) -> list[dict[str, str]]:
    """What a load changed, per table."""
    return [{"table": name.replace("_", " "), "changed": f"{n:,}"} for name, n in result.changes.items()]


def load_rows(records: Sequence[LoadRecord]) -> list[dict[str, str]]:
    """The load log, newest first: when, files, fingerprint (short) and what the files held."""
    return [
        {
            "loaded_at": r.loaded_at,
            "files": ", ".join(r.files),
            "fingerprint": r.fingerprint[:12],
            "organisations": f"{r.counts.organisations:,}",
            "professionals": f"{r.counts.professionals:,}",
            "agreements": f"{r.counts.agreements:,}",
            "referral_flows": f"{r.counts.referral_flows:,}",
        }
        for r in reversed(records)
    ]
