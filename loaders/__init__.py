"""Files in: read CSV folders and Excel workbooks, check every row, write one batch.

The names below load on first use (PEP 562), so that importing one module of the package
(``loaders.readers`` for the settings' read limits) does not import the checks, pydantic
and the store interface with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loaders.load import Checked, LoadOutcome, check, load
    from loaders.report import FileSummary, LoadReport, RowError
    from loaders.tables import TABLES

__all__ = ["TABLES", "Checked", "FileSummary", "LoadOutcome", "LoadReport", "RowError", "check", "load"]

_HOME = {
    "Checked": "loaders.load",
    "LoadOutcome": "loaders.load",
    "check": "loaders.load",
    "load": "loaders.load",
    "FileSummary": "loaders.report",
    "LoadReport": "loaders.report",
    "RowError": "loaders.report",
    "TABLES": "loaders.tables",
}


def __getattr__(name: str) -> Any:
    """The re-exported name ``name``, imported from its module when first asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'loaders' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
