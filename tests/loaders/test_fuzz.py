"""Fuzzing the readers: any CSV or workbook is read or refused, quickly, never crashes, never half-writes.

Bounded for CI (a few seconds); ``benchmarks/fuzz_readers.py`` runs the same properties for minutes.
"""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import LoadError
from loaders.load import check, load
from loaders.templates import template_ecosystem
from queries.sqlite import SqliteStore
from tests.loaders.fuzz_inputs import csv_files, workbooks, write_workbook

CI = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SECONDS = 10  # one example, whatever it holds


def _refused_or_loaded(source: Path) -> None:
    """``check`` reports (never raises); ``load`` writes whole or, on any error, nothing at all."""
    start = time.perf_counter()
    checked = check(source)
    assert checked.report is not None
    store = SqliteStore()
    store.apply(template_ecosystem())
    before, revision = store.snapshot(), store.revision()
    try:
        load(source, store)
    except LoadError as refused:
        errors = refused.report.errors
        assert errors, "a refusal names its errors"
        assert (store.snapshot(), store.revision()) == (before, revision), "a refusal wrote something"
    finally:
        store.close()
    assert time.perf_counter() - start < SECONDS


@CI
@given(files=st.lists(csv_files(), min_size=1, max_size=3, unique_by=lambda f: f[0]))
def test_any_csv_folder_is_read_or_refused(tmp_path_factory: object, files: list[tuple[str, bytes]]) -> None:
    folder = tmp_path_factory.mktemp("csv")  # type: ignore[attr-defined]
    for name, data in files:
        (folder / name).write_bytes(data)
    _refused_or_loaded(folder)


@CI
@given(sheets=workbooks())
def test_any_workbook_is_read_or_refused(
    tmp_path_factory: object, sheets: list[tuple[str, str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("xlsx")  # type: ignore[attr-defined]
    _refused_or_loaded(write_workbook(folder / "book.xlsx", sheets))
