"""Benchmark: loading CSV files into the embedded SQLite store, end to end.

Issue #2's target: 5k organisations + 100k referral rows from CSV into SQLite at
>= 20k rows/s on the 2-core machine, and a re-load of the same files as fast, with zero
changes. Measured two ways:

- ``in-process``: ``loaders.load.load(folder, SqliteStore(file))``: read, check, write;
- ``cli``: the ``ketenkaart load`` command in a fresh process (adds interpreter start-up
  and imports), which is what a user waits for.

Run: ``python benchmarks/bench_load.py [--repeat 5] [--json benchmarks/out/load.json]``.
Prints medians, rows/s and the ratio against the target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from loaders.demo import DemoSpec, generate_demo
from loaders.load import load
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore

SPEC = DemoSpec(organisations=5000, professionals=20_000, agreements=1500, flows_per_month=8500)
TARGET_ROWS_PER_SECOND = 20_000


def _median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _fresh_load(folder: Path, work: Path) -> Callable[[], object]:
    counter = iter(range(1_000_000))

    def run() -> object:
        with SqliteStore(work / f"fresh-{next(counter)}.sqlite") as store:
            return load(folder, store)

    return run


def _reload(folder: Path, db: Path) -> Callable[[], object]:
    def run() -> object:
        with SqliteStore(db) as store:
            outcome = load(folder, store)
        assert outcome.result is not None
        assert outcome.result.total == 0, "a re-load of the same files must change nothing"
        return outcome

    return run


def _cli_load(folder: Path, db: Path) -> Callable[[], object]:
    def run() -> object:
        command = [sys.executable, "-m", "app", "load", str(folder), "--database", str(db)]
        return subprocess.run(command, check=True, capture_output=True)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        tables = ecosystem_tables(generate_demo(SPEC))
        write_csv_folder(tables, work / "input")
        rows = sum(len(r) for r in tables.values())
        sizes = {name: len(r) for name, r in tables.items()}
        print(f"input: {sizes} = {rows:,} rows, made in {time.perf_counter() - start:.1f} s")

        results = {}
        cases = {
            "in-process fresh load": _fresh_load(work / "input", work),
            "in-process re-load (0 changes)": _reload(work / "input", work / "fresh-0.sqlite"),
            "cli fresh load": _cli_load(work / "input", work / "cli.sqlite"),
            "cli re-load (0 changes)": _cli_load(work / "input", work / "cli.sqlite"),
        }
        print(f"\n{'case':34} {'median s':>9} {'rows/s':>10} {'x target':>9}   runs")
        for name, run in cases.items():
            repeat = 1 if name == "cli fresh load" else args.repeat
            median, times = _median_seconds(run, repeat)
            rate = rows / median
            results[name] = {"median_s": median, "rows_per_s": rate, "runs_s": times}
            runs = " ".join(f"{t:.2f}" for t in times)
            print(f"{name:34} {median:9.2f} {rate:10,.0f} {rate / TARGET_ROWS_PER_SECOND:9.2f}   {runs}")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": rows, "tables": sizes, "results": results}, indent=2))


if __name__ == "__main__":
    main()
