"""Uploads are checked in a child process with a time and memory limit, at most two at a time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.present import gegevens
from app.present.isolation import Limits, checked_in_child
from loaders.codes import ProblemCode
from queries.sqlite import SqliteStore
from tests.app.present.test_gegevens import encoded

BAD = Path(__file__).parents[2] / "data" / "bad"


def test_a_hostile_workbook_is_refused_in_seconds() -> None:
    start = time.perf_counter()
    checked = checked_in_child(BAD / "xlsx-dimension-claims-whole-sheet" / "input" / "book.xlsx")
    assert [e.code for e in checked.report.errors] == [ProblemCode.TOO_LARGE]
    assert time.perf_counter() - start < 15


def test_a_check_past_its_time_is_refused_and_the_child_ends() -> None:
    checked = checked_in_child(BAD / "unknown-sector" / "input", limits=Limits(seconds=0.001))
    assert [e.code for e in checked.report.errors] == [ProblemCode.UNREADABLE_FILE]
    assert "longer than" in checked.report.errors[0].message
    assert checked.batch.counts().organisations == 0


def test_a_check_past_its_memory_is_refused() -> None:
    checked = checked_in_child(BAD / "unknown-sector" / "input", limits=Limits(memory=24 * 1024 * 1024))
    assert [e.code for e in checked.report.errors] == [ProblemCode.UNREADABLE_FILE]
    assert (
        "memory" in checked.report.errors[0].message
        or "could not be read" in checked.report.errors[0].message
    )


def test_a_third_upload_at_once_is_told_to_wait(tmp_path: Path) -> None:
    contents, names = encoded(BAD / "unknown-sector" / "input")
    held = [gegevens._CHECKS.acquire(blocking=False) for _ in range(gegevens.CHECKS_AT_ONCE)]
    try:
        assert all(held)
        busy = gegevens.receive(tmp_path, contents, names, SqliteStore())
    finally:
        for _ in held:
            gegevens._CHECKS.release()
    assert not busy.ok
    assert "try again" in busy.report.errors[0].message
    assert not any(tmp_path.iterdir()) if tmp_path.exists() else True


@pytest.mark.parametrize("case", ["unknown-sector", "xlsx-hidden-sheet"])
def test_the_child_reports_exactly_what_check_reports(case: str) -> None:
    from loaders.load import check  # noqa: PLC0415

    folder = BAD / case / "input"
    source = next(iter(folder.glob("*.xlsx")), folder)
    assert checked_in_child(source).report.errors == check(source).report.errors
