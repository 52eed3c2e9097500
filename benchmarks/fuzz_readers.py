"""Fuzz the CSV and workbook readers for minutes: the long run of ``tests/loaders/test_fuzz.py``.

Every generated folder of CSV files and every generated workbook must be read or refused within
10 seconds, never crash ``check`` or ``load``, and leave the store untouched when refused.

Run: ``python benchmarks/fuzz_readers.py [--minutes 3]``. Prints the examples tried per reader.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the strategies live in tests/

from tests.loaders.fuzz_inputs import csv_files, workbooks, write_workbook
from tests.loaders.test_fuzz import _refused_or_loaded


def _run(minutes: float) -> dict[str, int]:
    tried = {"csv": 0, "xlsx": 0}
    deadline = time.monotonic() + minutes * 60 / 2
    long = settings(max_examples=10**9, deadline=None, suppress_health_check=list(HealthCheck), database=None)

    class Enough(Exception):
        pass

    @long
    @given(files=st.lists(csv_files(), min_size=1, max_size=3, unique_by=lambda f: f[0]))
    def csv_folder(files: list[tuple[str, bytes]]) -> None:
        if time.monotonic() > deadline:
            raise Enough
        with tempfile.TemporaryDirectory() as work:
            for name, data in files:
                (Path(work) / name).write_bytes(data)
            _refused_or_loaded(Path(work))
        tried["csv"] += 1

    @long
    @given(sheets=workbooks())
    def workbook(sheets: list[tuple[str, str, str]]) -> None:
        if time.monotonic() > deadline:
            raise Enough
        with tempfile.TemporaryDirectory() as work:
            _refused_or_loaded(write_workbook(Path(work) / "book.xlsx", sheets))
        tried["xlsx"] += 1

    for prop in (csv_folder, workbook):
        try:
            prop()
        except Enough:
            pass
        except BaseException as exc:  # hypothesis wraps the stop in its own group: look inside
            if not _only_enough(exc, Enough):
                raise
        deadline = time.monotonic() + minutes * 60 / 2
    return tried


def _only_enough(exc: BaseException, kind: type[BaseException]) -> bool:
    if isinstance(exc, kind):
        return True
    inner: tuple[BaseException, ...] = getattr(exc, "exceptions", None) or ()
    return bool(inner) and all(_only_enough(e, kind) for e in inner)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args()
    start = time.perf_counter()
    tried = _run(args.minutes)
    seconds = time.perf_counter() - start
    print(f"fuzzed {tried['csv']} CSV folders and {tried['xlsx']} workbooks in {seconds:.0f} s: "
          "no crash, no hang, no write on refusal")  # fmt: skip


if __name__ == "__main__":
    main()
