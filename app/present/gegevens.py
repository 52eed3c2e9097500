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
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

from app.i18n import Language, Texts
from app.present.common import Row
from app.present.formatting import moment, number
from app.present.isolation import LIMITS, Limits, checked_in_child
from app.present.problems import problem_text
from graph.errors import ExplorerError, LoadError
from graph.model import Counts
from loaders.codes import ProblemCode
from loaders.load import LoadOutcome, write_checked
from loaders.report import LoadReport, RowError
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
    "record_name",
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
CHECKS_AT_ONCE: Final = 2
"""Uploads checked or loaded at the same time (per process); more are refused at once ("busy"),
never queued on a web thread, so at most two hold memory and two web threads."""
_CHECKS: Final = threading.BoundedSemaphore(CHECKS_AT_ONCE)


@dataclass(frozen=True, slots=True)
class DryRun:
    """A checked upload: its token, the loaders' report and what a load would write."""

    token: str
    report: LoadReport
    counts: Counts | None
    new: Mapping[str, int] = field(default_factory=dict)
    """Per kind of record with an id (organisations, professionals, agreements): how many the store lacks."""

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
                shown,
                None,
                None,
                ProblemCode.UNREADABLE_FILE,
                "upload CSV files or one Excel workbook (.xlsx)",
                upload="type",
            )
            continue
        if name in saved:
            report.error(
                name,
                None,
                None,
                ProblemCode.UNREADABLE_FILE,
                "a file with this name was uploaded twice",
                upload="twice",
            )
            continue
        try:
            data = decode(content)
        except ValueError as exc:
            report.error(
                name,
                None,
                None,
                ProblemCode.UNREADABLE_FILE,
                f"the upload could not be read: {exc}",
                upload="undecodable",
            )
            continue
        total += len(data)
        if total > MAX_BYTES:
            report.error(
                name,
                None,
                None,
                ProblemCode.UNREADABLE_FILE,
                f"the upload is larger than {MAX_BYTES // 2**20} MB",
                upload="size",
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
        report.error(
            _UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, message, upload="mixed" if books else "nothing"
        )
    return None


def receive(
    root: Path,
    contents: Sequence[object],
    names: Sequence[object],
    store: Store,
    *,
    limits: Limits = LIMITS,
    pseudonym_key: str | None = None,
) -> DryRun:
    """Save one upload in a new folder under ``root`` and check it against ``store`` (writes nothing to it).

    The check runs in a child process within ``limits`` (:mod:`app.present.isolation`), at
    most :data:`CHECKS_AT_ONCE` at a time. An upload that cannot be loaded is removed at
    once; a valid one waits for :func:`confirm` (or :func:`prune`, a day later). With a
    ``pseudonym_key`` (the server's ``KETENKAART_PSEUDONYM_KEY``) professionals are
    pseudonymised as ``ketenkaart load --pseudonymise`` does; without one, an upload of
    professionals in clear into a pseudonymised store is refused (``pseudonyms-required``).
    """
    prune(root)
    token = secrets.token_hex(16)
    problems = LoadReport(_UPLOAD)
    if not _CHECKS.acquire(blocking=False):
        problems.error(_UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, _BUSY, upload="busy")
        return DryRun(token, problems, None)
    try:
        folder = root / token
        folder.mkdir(parents=True)
        _save(folder, contents, names, problems)
        checked = _checked(token, folder, problems, store, limits, pseudonym_key)
    finally:
        _CHECKS.release()
    if not checked.ok:
        shutil.rmtree(folder, ignore_errors=True)
    return checked


_BUSY: Final = "other uploads are being checked; try again in a moment"


def _checked(
    token: str, folder: Path, problems: LoadReport, store: Store, limits: Limits, pseudonym_key: str | None
) -> DryRun:
    source = source_of(folder, problems)
    if source is None:
        return DryRun(token, problems, None)
    known = store.known_ids()
    checked = checked_in_child(source, known=known, limits=limits, pseudonym_key=pseudonym_key)
    checked.report.errors[:0] = problems.errors
    batch = checked.batch
    new = {
        "organisations": len({o.id for o in batch.organisations} - known.organisations),
        "professionals": len({p.id for p in batch.professionals} - known.professionals),
        "agreements": len({a.id for a in batch.agreements} - known.agreements),
    }
    return DryRun(token, checked.report, batch.counts(), new)


def dry_run(
    root: Path, token: object, store: Store, *, limits: Limits = LIMITS, pseudonym_key: str | None = None
) -> DryRun:
    """Check a saved upload again (for example after the store changed)."""
    folder = upload_folder(root, token)
    return _checked(folder.name, folder, LoadReport(_UPLOAD), store, limits, pseudonym_key)


def confirm(
    root: Path, token: object, store: Store, *, limits: Limits = LIMITS, pseudonym_key: str | None = None
) -> LoadOutcome:
    """Load a checked upload into ``store`` (one transaction), then remove its folder.

    The files are read and checked again in a child process within ``limits``; only the
    checked batch comes back to be written.

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
    if not _CHECKS.acquire(blocking=False):  # loads share the checks' limit: memory stays bounded
        problems.error(_UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, _BUSY, upload="busy")
        raise LoadError(problems)
    try:
        known = store.known_ids()
        checked = checked_in_child(source, known=known, limits=limits, pseudonym_key=pseudonym_key)
        outcome = write_checked(checked, store, source=source)
    finally:
        _CHECKS.release()
    shutil.rmtree(folder, ignore_errors=True)
    return outcome


UPLOAD_PROBLEMS: Final = Texts(
    {
        "type": (
            "Laad CSV-bestanden of één Excel-werkmap (.xlsx).",
            "Upload CSV files or one Excel workbook (.xlsx).",
        ),
        "twice": (
            "Een bestand met deze naam is twee keer gekozen.",
            "A file with this name was uploaded twice.",
        ),
        "undecodable": (
            "De upload kon niet worden gelezen; kies het bestand opnieuw.",
            "The upload could not be read; choose the file again.",
        ),
        "size": (
            "De upload is groter dan {mb} MB; verdeel hem over meer uploads.",
            "The upload is larger than {mb} MB; split it into several uploads.",
        ),
        "mixed": (
            "Laad CSV-bestanden of één Excel-werkmap, niet allebei.",
            "Upload CSV files or one Excel workbook, not both.",
        ),
        "nothing": ("Geen bestanden om te lezen.", "No files to read."),
        "busy": (
            "Er worden al andere bestanden gecontroleerd; probeer het zo opnieuw.",
            "Other uploads are being checked; try again in a moment.",
        ),
    }
)
"""The data page's own problems with an upload (``params["upload"]`` names one), in both languages."""


def _message(problem: RowError, lang: Language) -> str:
    """A problem in ``lang``: the page's own from :data:`UPLOAD_PROBLEMS`, a loader's from its parts."""
    note = problem.detail.get("upload")
    if isinstance(note, str) and note in UPLOAD_PROBLEMS:
        return UPLOAD_PROBLEMS(note, lang).format(mb=number(MAX_BYTES // 2**20, lang, 0))
    return problem_text(problem, lang)


def report_rows(report: LoadReport, lang: Language = "en") -> list[dict[str, str]]:
    """Every error, then every warning, as table rows: severity, file, row, column, code, message.

    The message is written in ``lang`` from the problem's code and parts
    (:func:`app.present.problems.problem_text`), never the loaders' English message.
    """
    tagged = [("error", e) for e in report.sorted_errors()] + [("warning", w) for w in report.warnings]
    return [
        {
            "severity": severity,
            "file": p.file,
            "row": "" if p.row is None else number(p.row, lang, 0),
            "column": p.column or "",
            "code": p.code,
            "message": _message(p, lang),
        }
        for severity, p in tagged
    ]


def file_rows(report: LoadReport, lang: Language = "en") -> list[Row]:
    """The files read: file, table (named in ``lang``), rows, encoding and separator."""
    return [
        {
            "file": f.file,
            "table": record_name(f.table, lang),
            "rows": f.rows,
            "encoding": f.encoding,
            "separator": repr(f.delimiter) if f.delimiter else "",
        }
        for f in report.files
    ]


RECORDS: Final = Texts(
    {
        "organisations": ("organisaties", "organisations"),
        "professionals": ("professionals", "professionals"),
        "employments": ("dienstverbanden", "employments"),
        "agreements": ("afspraken", "agreements"),
        "referral_flows": ("verwijsregels", "referral rows"),
        "flows": ("verwijsregels", "referral rows"),
        "members": ("leden", "members"),
        "parties": ("partijen", "parties"),
        "referrals": ("verwijzingen", "referrals"),
        "areas": ("gebieden", "areas"),
        "periods": ("perioden", "periods"),
        "indicators": ("indicatoren", "indicators"),
        "memberships": ("lidmaatschappen", "memberships"),
        "expertise": ("expertise", "expertise"),
        "loads": ("laadacties", "loads"),
    }
)
"""Names of the kinds of record, as the data page lists them."""


def record_name(name: str, lang: Language) -> str:
    """A kind of record in ``lang`` (an unknown one as it is, readable).

    >>> record_name("referral_flows", "nl"), record_name("something_else", "nl")
    ('verwijsregels', 'something else')
    """
    return RECORDS(name, lang) if name in RECORDS else name.replace("_", " ")


def count_rows(counts: Counts, lang: Language, new: Mapping[str, int] | None = None) -> list[Row]:
    """Record counts as table rows: records, count; with ``new``, how many of them the store lacks."""
    rows: list[Row] = []
    for name, n in counts.as_dict().items():
        row: Row = {"records": record_name(name, lang), "count": n}
        if new is not None:
            row["new"] = new.get(name, "")
        rows.append(row)
    return rows


def change_rows(result: ApplyResult, lang: Language) -> list[Row]:
    """What a load changed, per table."""
    return [{"table": record_name(name, lang), "changed": n} for name, n in result.changes.items()]


def load_rows(records: Sequence[LoadRecord], lang: Language) -> list[Row]:
    """The load log, newest first: when, files, fingerprint (short) and what the files held."""
    return [
        {
            "loaded_at": moment(r.loaded_at, lang),
            "files": ", ".join(r.files),
            "fingerprint": r.fingerprint[:12],
            "organisations": r.counts.organisations,
            "professionals": r.counts.professionals,
            "agreements": r.counts.agreements,
            "referral_flows": r.counts.referral_flows,
        }
        for r in reversed(records)
    ]
