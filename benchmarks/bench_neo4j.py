"""Benchmark: the Neo4j store on a 5k-organisation, 100k-flow ecosystem.

Issue #3: a snapshot of that size is read in one or a few streamed queries, never one
query per node; writes go in ``UNWIND`` batches of a tuned size.

- Always (no server needed): the store's own work, on the recording driver double used
  by the tests. It counts the queries and requests each operation sends, and times the
  Python side: a snapshot turning server rows into records, planning a first load and a
  re-load, and building the batches. The SQLite store's snapshot of the same data is
  the baseline for the ratio.
- With ``NEO4J_URI`` set (and ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``), the
  same operations on that server, and a sweep of batch sizes (``--batch-sizes``). This
  CLEARS the database it runs on.

Run: ``python benchmarks/bench_neo4j.py [--repeat 5] [--snapshots 5] [--batch-sizes 500,1000]``.
Prints medians, counts and ratios. On the server, every round loads the same ecosystem into
an empty Neo4j database and an empty SQLite file one after the other, and re-loads it into
each; then it takes ``--snapshots`` times, alternating between the two stores so both see the
same machine load, a whole snapshot and three scoped ones: the median wijk and the largest
wijk by organisation count, and the median buurt for scale. The output names each area and how
many organisations, professionals and flows its snapshot holds.

The ecosystem is a region (``benchmarks/region.py``): 5,000 organisations over ten gemeenten,
each with the demo's CBS tree of wijken and buurten, an organisation that serves a whole
gemeente listed under its own gemeente's wijken only. (The demo blown up to 5,000 organisations
in one gemeente of seven wijken would put about 1,500 gemeente-wide organisations in every
wijk: each wijk's snapshot would hold nearly half the store, which no real wijk does.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast

from neo4j import Driver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.queries.neo4j_double

from benchmarks.region import GEMEENTEN, region
from graph.model import Ecosystem, Scope
from loaders.demo import DemoSpec
from queries.base import ApplyResult, Store
from queries.neo4j import BATCH_SIZE, Neo4jStore
from queries.registry import StoreOptions, open_store
from queries.sqlite import SqliteStore
from tests.queries.neo4j_double import RecordingDriver

SPEC = DemoSpec(organisations=5000, professionals=20_000, agreements=1500, flows_per_month=8500)
MAX_SNAPSHOT_QUERIES = 8  # six reads (the reported ties the sixth) between two revision checks


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _client_side(eco: Ecosystem, repeat: int, batch_sizes: list[int]) -> None:
    print("Client side, on the recording driver double (no server):")
    held = RecordingDriver(held=eco)
    store = Neo4jStore(cast(Driver, held))
    store.snapshot()
    (read,) = held.transactions
    print(f"  snapshot: {len(read.queries)} queries in 1 read transaction (target <= {MAX_SNAPSHOT_QUERIES})")
    with SqliteStore() as sqlite:
        sqlite.apply(eco)
        baseline = _median(sqlite.snapshot, repeat)
    client = _median(store.snapshot, repeat)
    print(f"  snapshot rows -> records: median {client:.2f} s")
    print(f"  SQLite snapshot of the same data: median {baseline:.2f} s; ratio {client / baseline:.2f}")
    reload = _median(lambda: store.apply(eco), repeat)
    sent = held.transactions[-1].queries
    writes = [s for s in held.transactions[-1].sent if "rows" in s.params]
    print(
        f"  re-load, no change: median {reload:.2f} s; {len(sent)} queries sent, {len(writes)} of them writes"
    )
    for size in batch_sizes:
        empty = RecordingDriver()
        fresh = Neo4jStore(cast(Driver, empty), batch_size=size)
        fresh.init_schema()
        seconds = _median(partial(fresh.apply, eco), repeat)
        unwinds = sum(1 for s in empty.transactions[-1].sent if "rows" in s.params)
        print(f"  first load, batch {size:>6}: median {seconds:.2f} s to plan, build; {unwinds} batches")


def _timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _scope_sizes(eco: Ecosystem) -> Counter[str]:
    """How many organisations a snapshot of each area holds: those serving it or an area below it."""
    parent = {a.code: a.parent for a in eco.areas}
    sizes: Counter[str] = Counter()
    for o in eco.organisations:
        reached: set[str] = set()
        for served in o.areas:
            code: str | None = served
            while code is not None and code not in reached:
                reached.add(code)
                code = parent.get(code)
        sizes.update(reached)
    return sizes


def _scoped_areas(eco: Ecosystem) -> dict[str, str]:
    """The areas the scoped snapshots read: the median and the largest wijk by organisation
    count, and the median buurt (the lower middle one for an even count, ties by code)."""
    sizes = _scope_sizes(eco)
    chosen = {}
    for level, picks in (("wijk", ("median", "largest")), ("buurt", ("median",))):
        ranked = sorted((a.code for a in eco.areas if a.level.value == level), key=lambda c: (sizes[c], c))
        for pick in picks:
            at = len(ranked) - 1 if pick == "largest" else (len(ranked) - 1) // 2
            chosen[f"one {level}, {pick}"] = ranked[at]
    return chosen


def _loads(store: Store, eco: Ecosystem) -> dict[str, list[float]]:
    """First load into an empty store, then a re-load: seconds each, and the rows written."""
    first, loaded = _timed(lambda: store.apply(eco))
    again, reloaded = _timed(lambda: store.apply(eco))
    assert cast(ApplyResult, reloaded).total == 0, "a re-load of the same data wrote something"
    return {
        "first load": [first],
        "re-load, no change": [again],
        "rows": [float(cast(ApplyResult, loaded).total)],
    }


def _snapshots(
    stores: dict[str, Store], scoped: dict[str, str], times: dict[str, dict[str, list[float]]]
) -> None:
    """One whole and one scoped snapshot of each area, each taken on every store in turn."""
    reads: dict[str, Scope] = {"whole snapshot": Scope()}
    reads.update((name, Scope(areas=frozenset({code}))) for name, code in scoped.items())
    for name, scope in reads.items():
        for kind, store in stores.items():
            times[kind].setdefault(name, []).append(_timed(partial(store.snapshot, scope))[0])


def _gemeente(code: str, parent: dict[str, str | None]) -> str:
    """The gemeente an area lies in (itself for a gemeente)."""
    while (up := parent.get(code)) is not None:
        code = up
    return code


def _describe_scopes(eco: Ecosystem, scoped: dict[str, str]) -> None:
    """Say how many organisations the areas hold, and which areas the scoped snapshots read."""
    sizes = _scope_sizes(eco)
    parent = {a.code: a.parent for a in eco.areas}
    names = {a.code: a.name for a in eco.areas}
    for level, plural in (("gemeente", "gemeenten"), ("wijk", "wijken"), ("buurt", "buurten")):
        held = sorted(sizes[a.code] for a in eco.areas if a.level.value == level)
        print(
            f"  {len(held)} {plural}: {held[0]:,} to {held[-1]:,} "
            f"organisations each (median {held[(len(held) - 1) // 2]:,})"
        )
    with SqliteStore() as sqlite:
        sqlite.apply(eco)
        for name, code in scoped.items():
            counted = sqlite.snapshot(Scope(areas=frozenset({code}))).counts()
            print(
                f"  {name}: {code} ({names[code]}, gemeente {names[_gemeente(code, parent)]}), "
                f"{counted.organisations:,} organisations, "
                f"{counted.professionals:,} professionals, {counted.referral_flows:,} flows"
            )


def _server(eco: Ecosystem, uri: str, repeat: int, snapshots: int, batch_sizes: list[int]) -> None:
    print(f"\nServer at {uri} (its database is cleared); SQLite file alongside, rounds interleaved:")
    base = StoreOptions(
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
    scoped = _scoped_areas(eco)
    _describe_scopes(eco, scoped)
    times: dict[str, dict[str, list[float]]] = {"neo4j": {}, "sqlite": {}}
    with open_store(uri, base) as neo4j, tempfile.TemporaryDirectory() as folder:
        cast(Neo4jStore, neo4j).check_server()
        neo4j.init_schema()
        for number in range(repeat):
            neo4j.clear()
            with SqliteStore(Path(folder) / f"round{number}.sqlite") as sqlite:
                stores = {"neo4j": neo4j, "sqlite": sqlite}
                for kind, store in stores.items():
                    for name, seconds in _loads(store, eco).items():
                        times[kind].setdefault(name, []).extend(seconds)
                for _ in range(snapshots):
                    _snapshots(stores, scoped, times)
        rows = times["neo4j"]["rows"][0]
        print(
            f"  {rows:,.0f} rows written by a first load; medians of {repeat} loads and "
            f"{repeat * snapshots} snapshots of each kind"
        )
        print(f"  {'operation':<22} {'Neo4j s':>9} {'SQLite s':>9} {'ratio':>7}  target")
        first_load = statistics.median(times["neo4j"]["first load"])
        targets: dict[str, Callable[[float, float], tuple[str, bool]]] = {
            "first load": lambda n, s: (f"{rows / n:,.0f} rows/s >= 10,000", rows / n >= 10_000),
            "re-load, no change": lambda n, s: ("writes nothing, <= first load", n <= first_load),
            "whole snapshot": lambda n, s: ("<= 3x SQLite", n <= 3 * s),
            "one wijk, median": lambda n, s: ("< 0.3 s", n < 0.3),
            "one wijk, largest": lambda n, s: ("< 0.3 s", n < 0.3),
            "one buurt, median": lambda n, s: ("(no target)", True),
        }
        for name, target in targets.items():
            on_neo4j = statistics.median(times["neo4j"][name])
            on_sqlite = statistics.median(times["sqlite"][name])
            text, met = target(on_neo4j, on_sqlite)
            verdict = ("met" if met else "MISSED") if name != "one buurt, median" else "for scale"
            ratio = on_neo4j / on_sqlite
            print(f"  {name:<22} {on_neo4j:>9.3f} {on_sqlite:>9.3f} {ratio:>7.2f}  {text}: {verdict}")
        neo4j.clear()
    if not batch_sizes:
        return
    print("  batch-size sweep, first load into an empty database (sizes interleaved):")
    sized = {
        size: open_store(uri, StoreOptions(base.user, base.password, base.database, size))
        for size in batch_sizes
    }
    sweep: dict[int, list[float]] = {size: [] for size in batch_sizes}
    try:
        for _ in range(max(1, repeat - 1)):
            for size, store in sized.items():
                store.clear()
                sweep[size].append(_timed(partial(store.apply, eco))[0])
        for size, seconds in sweep.items():
            median = statistics.median(seconds)
            print(f"    batch {size:>6}: median {median:.2f} s, {rows / median:,.0f} rows/s")
    finally:
        for store in sized.values():
            store.clear()
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds of loads (each into an empty store)")
    parser.add_argument("--snapshots", type=int, default=3, help="snapshots of each kind per round")
    parser.add_argument("--batch-sizes", default=f"500,{BATCH_SIZE},5000,10000")
    args = parser.parse_args()
    sizes = [int(part) for part in args.batch_sizes.split(",") if part]  # "" for no sweep
    eco = region(SPEC)
    counts = eco.counts()
    print(
        f"Ecosystem: a region of {len(GEMEENTEN)} gemeenten (benchmarks/region.py), {counts.organisations:,} "
        f"organisations, {counts.professionals:,} professionals, {counts.agreements:,} agreements, "
        f"{counts.referral_flows:,} flows, {counts.areas} areas"
    )
    _client_side(eco, args.repeat, sizes)
    uri = os.environ.get("NEO4J_URI")
    if uri:
        _server(eco, uri, args.repeat, args.snapshots, sizes)
    else:
        print("Server: skipped (set NEO4J_URI to measure a real Neo4j)")


if __name__ == "__main__":
    main()
