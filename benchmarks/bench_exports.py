"""Benchmark: ``ketenkaart export`` per format, against the CSV export.

Two ecosystems, each loaded into a SQLite file first: the default demo (150
organisations) and a 2,000-organisation one from the demo generator (the size of
``bench_app.py``). Each format runs the ``export`` command in-process (click's
``CliRunner``: snapshot read, graph and measures for the network formats, writing), five
times; printed are the median, the ratio to the median CSV export, the size of what was
written, and for the network formats the part spent on the annotated graph (measures).

Run on demand, not in CI: ``python benchmarks/bench_exports.py [--repeat 5]
[--json benchmarks/out/exports.json]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from click.testing import CliRunner

from app.cli.exports import FORMATS, NETWORK_FORMATS
from app.cli.main import cli
from graph.annotate import annotated_graph
from graph.model import Ecosystem
from loaders.demo import DemoSpec, generate_demo
from queries.sqlite import SqliteStore

CASES = {
    "demo (150 organisations)": DemoSpec(),
    "2k organisations": DemoSpec(organisations=2000, professionals=10_000, agreements=800),
}


def _median(run: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _export(db: Path, fmt: str, out: Path) -> Callable[[], object]:
    def run() -> object:
        result = CliRunner().invoke(
            cli, ["export", str(out), "--format", fmt, "--database", str(db)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return result

    return run


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass(frozen=True)
class Figure:
    """One format's timings (seconds) and the bytes it wrote."""

    median_s: float
    runs: list[float]
    bytes: int = 0


def _case(name: str, eco: Ecosystem, work: Path, repeat: int) -> dict[str, Figure]:
    db = work / "store.sqlite"
    with SqliteStore(db) as store:
        store.apply(eco)
        snapshot = store.snapshot()
    graph = Figure(*_median(lambda: annotated_graph(snapshot), repeat))
    figures: dict[str, Figure] = {}
    for fmt in FORMATS:
        out = work / fmt
        median, runs = _median(_export(db, fmt, out), repeat)
        figures[fmt] = Figure(median, runs, _size(out))
    csv_s = figures["csv"].median_s
    counts = eco.counts()
    print(f"\n{name}: {counts.organisations:,} organisations, {counts.referral_flows:,} flows")
    print(f"  annotated graph with measures (part of every network export): median {graph.median_s:.3f} s")
    print(f"  {'format':8} {'median s':>9} {'x csv':>7} {'MB':>7}   runs")
    for fmt, f in figures.items():
        times = " ".join(f"{t:.2f}" for t in f.runs)
        flag = "  (network)" if fmt in NETWORK_FORMATS else ""
        print(f"  {fmt:8} {f.median_s:9.3f} {f.median_s / csv_s:7.2f} {f.bytes / 1e6:7.2f}   {times}{flag}")
    return figures | {"annotated_graph": graph}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON.")
    args = parser.parse_args()
    results: dict[str, dict[str, Figure]] = {}
    for name, spec in CASES.items():
        start = time.perf_counter()
        eco = generate_demo(spec)
        print(f"generated {name} in {time.perf_counter() - start:.1f} s")
        with tempfile.TemporaryDirectory() as tmp:
            results[name] = _case(name, eco, Path(tmp), args.repeat)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        plain = {case: {k: asdict(f) for k, f in figures.items()} for case, figures in results.items()}
        args.json.write_text(json.dumps(plain, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
