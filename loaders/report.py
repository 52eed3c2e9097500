"""Problems in input files, as data.

Every problem names its file, row (as a spreadsheet shows it: the header is row 1),
column and a stable code, with a message a person can act on. Loaders return these;
they never raise for a bad row. The CLI prints the same report as a table that the
app's data page shows.

Codes are declared once, as :class:`loaders.codes.ProblemCode` (a ``StrEnum``: each member
is its stable text, such as ``bad-id``), and documented in ``docs/input-files.md`` and
``docs/open-data.md``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["FileSummary", "LoadReport", "RowError"]


@dataclass(frozen=True, slots=True, order=True)
class RowError:
    """One problem: where it is and what is wrong.

    ``row`` is ``None`` for a problem with the whole file, ``column`` ``None`` for a
    problem with a whole row or file. ``params`` are the parts of ``message`` as data
    (such as ``value``, the cell as read, or ``limit``), so that the app can say the same
    in another language; they take no part in comparisons.

    >>> from loaders.codes import ProblemCode
    >>> RowError("a.csv", 2, "id", ProblemCode.BAD_ID, "'x y' is not a usable id", (("value", "x y"),)).detail
    {'value': 'x y'}
    """

    file: str
    row: int | None
    column: str | None
    code: str
    message: str
    params: tuple[tuple[str, str | int | float], ...] = field(default=(), compare=False)

    @property
    def detail(self) -> dict[str, str | int | float]:
        """The parts of the message, by name (empty when the loader gave none)."""
        return dict(self.params)

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as a plain dict (for JSON and CSV output)."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class FileSummary:
    """What was read from one file or sheet."""

    file: str
    table: str
    rows: int
    encoding: str = ""
    delimiter: str = ""


@dataclass(slots=True)
class LoadReport:
    """Everything found while reading and checking one source (folder or workbook).

    ``errors`` block a load; ``warnings`` do not.
    """

    source: str
    files: list[FileSummary] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the source can be loaded (no errors; warnings allowed)."""
        return not self.errors

    def error(
        self,
        file: str,
        row: int | None,
        column: str | None,
        code: str,
        message: str,
        /,
        **params: str | int | float,
    ) -> None:
        """Record a blocking problem; ``params`` are the parts of ``message`` (see :class:`RowError`)."""
        self.errors.append(RowError(file, row, column, code, message, tuple(params.items())))

    def warn(
        self,
        file: str,
        row: int | None,
        column: str | None,
        code: str,
        message: str,
        /,
        **params: str | int | float,
    ) -> None:
        """Record a problem that does not block the load."""
        self.warnings.append(RowError(file, row, column, code, message, tuple(params.items())))

    def codes(self) -> Counter[str]:
        """How often each error code occurs."""
        return Counter(e.code for e in self.errors)

    def sorted_errors(self) -> list[RowError]:
        """Errors by file, then row (file-level first), then column."""
        return sorted(self.errors, key=lambda e: (e.file, e.row or 0, e.column or "", e.code))
