"""Checking untrusted files in a child process with a time and a memory limit.

An upload on the data page is checked by the loaders' own :func:`loaders.load.check`, but
in a fresh child process (``spawn``: nothing of the server's threads or memory is shared)
whose address space is capped with ``RLIMIT_AS`` and which is killed when it runs past its
time. Whatever a file claims or holds, the server's own memory and threads are untouched:
a file that needs more time or memory is refused with a report row, never a hang. The
readers bound their own work too (see ``docs/input-files.md``); this is the second wall,
for the cases nobody thought of.

On systems without ``resource`` (Windows) only the time limit applies.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Final

from loaders.codes import ProblemCode
from loaders.readers import DEFAULT_LIMITS, ReadLimits
from loaders.report import LoadReport
from queries.base import KnownIds

if TYPE_CHECKING:
    from loaders.load import Checked

__all__ = ["LIMITS", "Limits", "checked_in_child"]

_ENV: Final = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True, slots=True)
class Limits:
    """How long (seconds) and how much memory (bytes of address space) one check may take."""

    seconds: float = 120.0
    memory: int = 1536 * 1024 * 1024
    read: ReadLimits = DEFAULT_LIMITS


LIMITS: Final = Limits()
"""The default limits: two minutes and 1.5 GB."""


def _child(
    conn: Connection, path: Path, known: KnownIds, key: str | None, memory: int, read: ReadLimits
) -> None:
    os.environ.update(_ENV)  # before NumPy is imported: one thread, less address space
    try:
        import resource  # noqa: PLC0415 (POSIX only)

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover (Windows, or a lower hard limit)
        pass
    try:
        from loaders.load import check  # noqa: PLC0415 (imported under the limit)

        conn.send(("ok", check(path, known=known, pseudonym_key=key, limits=read)))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:  # reported as a refusal, never a crash of the server
        conn.send(("failed", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def _refused(path: Path, message: str) -> Checked:
    from graph.model import Ecosystem  # noqa: PLC0415
    from loaders.load import Checked  # noqa: PLC0415

    report = LoadReport(str(path))
    report.error(path.name, None, None, ProblemCode.UNREADABLE_FILE, message)
    return Checked(report, Ecosystem(), "", ())


def checked_in_child(
    path: Path, *, known: KnownIds = KnownIds(), pseudonym_key: str | None = None, limits: Limits = LIMITS
) -> Checked:
    """:func:`loaders.load.check` of ``path`` in a child process within ``limits``.

    A child that runs out of time or memory, or fails, gives a report with one
    ``unreadable-file`` error saying so (and an empty batch).
    """
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    arguments = (sending, path, known, pseudonym_key, limits.memory, limits.read)
    child = context.Process(target=_child, args=arguments, daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(limits.seconds):
            return _refused(path, f"reading took longer than {limits.seconds:.0f} s; the file was refused")
        status, value = receiving.recv()
    except EOFError:
        status, value = "memory", None  # killed by the system, most likely for memory
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "ok":
        checked: Checked = value
        return checked
    if status == "memory":
        limit = limits.memory // 2**20
        return _refused(path, f"reading needed more than {limit} MB of memory; the file was refused")
    return _refused(path, f"the file could not be read: {value}")
