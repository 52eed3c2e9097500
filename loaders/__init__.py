"""Files in: read CSV folders and Excel workbooks, check every row, write one batch."""

from loaders.load import Checked, LoadOutcome, check, load
from loaders.report import FileSummary, LoadReport, RowError
from loaders.tables import TABLES

__all__ = ["TABLES", "Checked", "FileSummary", "LoadOutcome", "LoadReport", "RowError", "check", "load"]
