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
from app.present.formatting import moment
from app.present.isolation import LIMITS, Limits, checked_in_child
from graph.errors import ExplorerError, LoadError
from graph.model import Counts
from loaders.codes import ProblemCode
from loaders.load import LoadOutcome, write_checked
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
            )
            continue
        if name in saved:
            report.error(
                name, None, None, ProblemCode.UNREADABLE_FILE, "a file with this name was uploaded twice"
            )
            continue
        try:
            data = decode(content)
        except ValueError as exc:
            report.error(
                name, None, None, ProblemCode.UNREADABLE_FILE, f"the upload could not be read: {exc}"
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
        report.error(_UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, message)
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
        problems.error(_UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, _BUSY)
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


_BUSY: Final = (
    "er worden al andere bestanden gecontroleerd; probeer het zo opnieuw / "
    "other uploads are being checked; try again in a moment"
)


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
        problems.error(_UPLOAD, None, None, ProblemCode.UNREADABLE_FILE, _BUSY)
        raise LoadError(problems)
    try:
        known = store.known_ids()
        checked = checked_in_child(source, known=known, limits=limits, pseudonym_key=pseudonym_key)
        outcome = write_checked(checked, store, source=source)
    finally:
        _CHECKS.release()
    shutil.rmtree(folder, ignore_errors=True)
    return outcome


PROBLEMS: Final = Texts(
    {
        "empty-file": ("Het bestand (of blad) is leeg.", "The file (or sheet) is empty."),
        "unreadable-file": ("Het bestand is niet te lezen.", "The file cannot be read."),
        "bad-encoding": (
            "De tekstcodering wordt niet herkend (gebruik UTF-8).",
            "Unknown text encoding (use UTF-8).",
        ),
        "unknown-table": (
            "Geen bekende tabel; het bestand wordt overgeslagen.",
            "Not a known table; it is skipped.",
        ),
        "unknown-column": (
            "Een kolom die niet in het sjabloon staat.",
            "A column that is not in the template.",
        ),
        "missing-column": ("Een verplichte kolom ontbreekt.", "A required column is missing."),
        "duplicate-column": ("Twee kolommen met dezelfde betekenis.", "Two headers name the same column."),
        "client-identity-column": (
            "Een kolom die op cliëntgegevens lijkt; het hele bestand wordt geweigerd.",
            "A column that looks like client data; the whole file is refused.",
        ),
        "extra-cells": (
            "Een rij heeft meer cellen dan de kopregel.",
            "A row has more cells than the header.",
        ),
        "too-large": ("Te groot om te laden.", "Too large to load."),
        "hidden-sheet": (
            "Een verborgen werkblad; maak het zichtbaar of verwijder het.",
            "A hidden sheet; show or remove it.",
        ),
        "missing-value": ("Een verplichte cel is leeg.", "A required cell is empty."),
        "cell-too-long": ("De cel is te lang.", "The cell is too long."),
        "formula-injection": (
            "De cel begint als een formule (=, +, -, @).",
            "The cell starts like a formula (=, +, -, @).",
        ),
        "control-character": ("De cel bevat een stuurteken.", "The cell holds a control character."),
        "bad-id": ("Een id met ongeldige tekens.", "An id with characters that are not allowed."),
        "bad-value": ("Een waarde van de verkeerde vorm.", "A value of the wrong form."),
        "unknown-sector": ("Onbekende sector.", "Unknown sector."),
        "unknown-kind": ("Onbekend soort afspraak.", "Unknown kind of agreement."),
        "bad-area-code": (
            "Geen CBS-code (GMxxxx, WKxxxxxx of BUxxxxxxxx).",
            "Not a CBS code (GMxxxx, WKxxxxxx or BUxxxxxxxx).",
        ),
        "bad-number": ("Geen (geheel) getal.", "Not a (whole) number."),
        "negative-number": ("Een negatief getal.", "A negative number."),
        "bad-fte": ("De fte ligt niet tussen 0 en 1.", "The fte is not between 0 and 1."),
        "bad-date": ("Geen geldige datum.", "Not a valid date."),
        "bad-date-range": ("De einddatum ligt voor de begindatum.", "The end is before the start."),
        "bad-period": ("Geen periode als 2025-03 of 2025-Q1.", "Not a period such as 2025-03 or 2025-Q1."),
        "bad-boundary": ("Een ongeldige wijkgrens (GeoJSON).", "An invalid boundary (GeoJSON)."),
        "list-length-mismatch": (
            "Het aantal fte-waarden past niet bij de werkgevers.",
            "The fte values do not match the employers.",
        ),
        "ambiguous-source": (
            "Noem precies één afzender: organisatie of professional.",
            "Name exactly one source.",
        ),
        "self-referral": (
            "Een organisatie die naar zichzelf verwijst.",
            "An organisation referring to itself.",
        ),
        "possible-client-identity": ("Dit lijkt op cliëntgegevens.", "This looks like client data."),
        "duplicate-key": (
            "Dezelfde sleutel twee keer, met verschillende waarden.",
            "The same key twice, with different values.",
        ),
        "duplicate-row": ("Dezelfde rij twee keer; één keer gelezen.", "The same row twice; read once."),
        "unknown-organisation": (
            "Een organisatie die niet in de bestanden of de database staat.",
            "An organisation in neither the files nor the store.",
        ),
        "unknown-professional": (
            "Een professional die niet in de bestanden of de database staat.",
            "A professional in neither the files nor the store.",
        ),
        "area-not-described": (
            "Een gebied zonder beschrijving; toegevoegd met zijn code als naam.",
            "An area not described; added with its code as name.",
        ),
        "unknown-area": (
            "Een gebied dat niet in de bestanden of de database staat.",
            "An area in neither the files nor the store.",
        ),
        "parent-cycle": (
            "De koepel of het bovenliggende gebied leidt terug naar zichzelf.",
            "The umbrella or parent leads back to itself.",
        ),
        "pseudonyms-required": (
            "Laad met pseudoniemen, zoals de database ze al heeft.",
            "Load with pseudonyms, as the store already has them.",
        ),
    }
)
"""What each problem code means, in both languages; the loaders' own message adds the detail."""

_UPLOAD_MESSAGES: Final = Texts(
    {
        "upload CSV files or one Excel workbook (.xlsx)": (
            "laad CSV-bestanden of één Excel-werkmap (.xlsx)",
            "upload CSV files or one Excel workbook (.xlsx)",
        ),
        "a file with this name was uploaded twice": (
            "een bestand met deze naam is twee keer gekozen",
            "a file with this name was uploaded twice",
        ),
        "upload CSV files or one Excel workbook, not both": (
            "laad CSV-bestanden of één Excel-werkmap, niet allebei",
            "upload CSV files or one Excel workbook, not both",
        ),
        "no files to read": ("geen bestanden om te lezen", "no files to read"),
    }
)
"""The data page's own messages about an upload (the loaders' messages are English)."""


def _message(code: str, message: str, lang: Language) -> str:
    """A message in ``lang``: the page's own ones translated, a loader's with its meaning first."""
    if message in _UPLOAD_MESSAGES:
        return _UPLOAD_MESSAGES(message, lang)
    if lang == "nl" and str(code) in PROBLEMS:
        return f"{PROBLEMS(str(code), lang)} Details: {message}"
    return message


def report_rows(report: LoadReport, lang: Language = "en") -> list[dict[str, str]]:
    """Every error, then every warning, as table rows: severity, file, row, column, code, message.

    In Dutch the message starts with what the code means in Dutch; the loaders' detail follows.
    """
    tagged = [("error", e) for e in report.sorted_errors()] + [("warning", w) for w in report.warnings]
    return [
        {
            "severity": severity,
            "file": p.file,
            "row": "" if p.row is None else str(p.row),
            "column": p.column or "",
            "code": p.code,
            "message": _message(p.code, p.message, lang),
        }
        for severity, p in tagged
    ]


def file_rows(report: LoadReport) -> list[Row]:
    """The files read: file, table, rows, encoding and separator."""
    return [
        {
            "file": f.file,
            "table": f.table,
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
