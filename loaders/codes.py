"""The stable codes of the problems a load or import reports, declared once.

Each code names one kind of problem in a :class:`~loaders.report.RowError`. The values are
stable: scripts, the app and the documentation compare them as text, and a ``StrEnum``
member *is* its text (``ProblemCode.BAD_ID == "bad-id"``). Every code is explained in
``docs/input-files.md`` (the codes of ``ketenkaart load``) or ``docs/open-data.md`` (those
that only ``import-hsds`` and ``import-cbs`` report); ``tests/test_docs.py`` keeps the
two in step.

>>> ProblemCode.BAD_AREA_CODE
<ProblemCode.BAD_AREA_CODE: 'bad-area-code'>
>>> ProblemCode("missing-value") is ProblemCode.MISSING_VALUE, f"{ProblemCode.BAD_ID}"
(True, 'bad-id')
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ProblemCode"]


class ProblemCode(StrEnum):
    """The code of a problem in input files; the value is the code as reported."""

    # files and headers
    EMPTY_FILE = "empty-file"
    UNREADABLE_FILE = "unreadable-file"
    BAD_ENCODING = "bad-encoding"
    UNKNOWN_TABLE = "unknown-table"
    UNKNOWN_COLUMN = "unknown-column"
    MISSING_COLUMN = "missing-column"
    DUPLICATE_COLUMN = "duplicate-column"
    CLIENT_IDENTITY_COLUMN = "client-identity-column"
    EXTRA_CELLS = "extra-cells"
    TOO_LARGE = "too-large"
    HIDDEN_SHEET = "hidden-sheet"
    # cells
    MISSING_VALUE = "missing-value"
    CELL_TOO_LONG = "cell-too-long"
    FORMULA_INJECTION = "formula-injection"
    CONTROL_CHARACTER = "control-character"
    BAD_ID = "bad-id"
    BAD_VALUE = "bad-value"
    UNKNOWN_SECTOR = "unknown-sector"
    UNKNOWN_KIND = "unknown-kind"
    BAD_AREA_CODE = "bad-area-code"
    BAD_NUMBER = "bad-number"
    NEGATIVE_NUMBER = "negative-number"
    BAD_FTE = "bad-fte"
    BAD_DATE = "bad-date"
    BAD_DATE_RANGE = "bad-date-range"
    BAD_PERIOD = "bad-period"
    BAD_BOUNDARY = "bad-boundary"
    # rows
    LIST_LENGTH_MISMATCH = "list-length-mismatch"
    AMBIGUOUS_SOURCE = "ambiguous-source"
    SELF_REFERRAL = "self-referral"
    POSSIBLE_CLIENT_IDENTITY = "possible-client-identity"
    DUPLICATE_KEY = "duplicate-key"
    DUPLICATE_ROW = "duplicate-row"
    # references between rows, files and the store
    UNKNOWN_ORGANISATION = "unknown-organisation"
    UNKNOWN_PROFESSIONAL = "unknown-professional"
    AREA_NOT_DESCRIBED = "area-not-described"
    UNKNOWN_AREA = "unknown-area"
    PARENT_CYCLE = "parent-cycle"
    PSEUDONYMS_REQUIRED = "pseudonyms-required"
    # open data only: import-hsds
    BAD_JSON = "bad-json"
    NO_ORGANISATIONS = "no-organisations"
    DANGLING_REFERENCE = "dangling-reference"
    DEFAULT_SECTOR = "default-sector"
    AMBIGUOUS_SECTOR = "ambiguous-sector"
    UNMATCHED_AREA = "unmatched-area"
    AMBIGUOUS_AREA = "ambiguous-area"
    # open data only: import-cbs
    REGION_SKIPPED = "region-skipped"
    TEXT_COLUMN = "text-column"
    BAD_GEOMETRY = "bad-geometry"
