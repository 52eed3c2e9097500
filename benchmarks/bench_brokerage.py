"""Benchmark: what brokerage roles add to ``ketenkaart analyse --json`` (target: under 20% at city size).

On the synthetic stores of ``benchmarks/synthetic_store.py`` (city: 2k organisations / 20k
ties), interleaved round by round in the same run:

- **command**: the whole ``ketenkaart analyse --json`` process, once as shipped and once with
  ``graph.analysis.brokerage`` replaced by a stub that returns nothing (``--without``);
  wall seconds of each process;
- **in-process**: ``graph.analysis.analyse`` on the snapshot, with and without brokerage, and
  the brokerage part alone (``referral_graph`` + ``brokerage``); wall and CPU seconds (CPU
  time of this process is steadier than wall time on a shared machine).

Printed: medians and the shares ``(with - without) / with`` and ``part / with``.

Run on demand, not in CI: ``python benchmarks/bench_brokerage.py [--sizes city] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from benchmarks.synthetic_store import store_path
from graph.brokerage import brokerage
from graph.project import referral_graph
from queries.sqlite import SqliteStore

WITHOUT = "--without"
ANALYSIS: Any = importlib.import_module("graph.analysis")  # its ``brokerage`` is swapped for the stub
REAL = ANALYSIS.brokerage


def _stub(_: Any) -> defaultdict[str, None]:
    """Brokerage switched off: every organisation gets ``None``."""
    return defaultdict(lambda: None)


def _command(db: Path, without: bool) -> float:
    args = [sys.executable, __file__, "--run", "analyse", "--json", "--database", str(db)]
    start = time.perf_counter()
    subprocess.run([*args, *([WITHOUT] if without else [])], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _clock(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _share(label: str, with_: list[float], without: list[float], part: list[float] | None = None) -> None:
    w, wo = statistics.median(with_), statistics.median(without)
    line = f"  {label}: with {w:.3f} s, without {wo:.3f} s, (with - without) / with {100 * (w - wo) / w:.1f}%"
    if part is not None:
        line += f"; part {statistics.median(part):.3f} s = {100 * statistics.median(part) / w:.1f}% of with"
    print(line)


def bench(scale: str, repeat: int) -> None:
    """Interleaved rounds at one scale, printed (on a copy of the store, so others' runs do not touch it)."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(shutil.copy(store_path(scale), Path(folder) / "store.sqlite"))
        _rounds(scale, db, repeat)


def _rounds(scale: str, db: Path, repeat: int) -> None:
    with SqliteStore(db) as store:
        eco = store.snapshot()
    runs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    commands: dict[bool, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for without in (False, True):
            commands[without].append(_command(db, without))
            ANALYSIS.brokerage = _stub if without else REAL
            runs["without" if without else "with"].append(_clock(lambda: ANALYSIS.analyse(eco)))
        ANALYSIS.brokerage = REAL
        runs["part"].append(_clock(lambda: brokerage(referral_graph(eco))))
    print(f"{scale} ({repeat} interleaved rounds, medians)")
    _share("command, wall", commands[False], commands[True])
    for index, clock in ((0, "wall"), (1, "cpu")):
        values = {key: [r[index] for r in rows] for key, rows in runs.items()}
        _share(f"in-process analyse, {clock}", values["with"], values["without"], values["part"])


def _run_cli() -> None:
    """``--run ARGS``: the ``ketenkaart`` command in this process, brokerage stubbed with ``--without``."""
    args = sys.argv[sys.argv.index("--run") + 1 :]
    if WITHOUT in args:
        args.remove(WITHOUT)
        ANALYSIS.brokerage = _stub
    from app.cli.main import cli  # noqa: PLC0415

    cli(args, prog_name="ketenkaart")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="city", help="comma-separated scales of synthetic_store")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for scale in args.sizes.split(","):
        bench(scale, args.repeat)


if __name__ == "__main__":
    if "--run" in sys.argv:
        _run_cli()
    else:
        main()
