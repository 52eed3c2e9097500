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

Run: ``python benchmarks/bench_neo4j.py [--repeat 5] [--batch-sizes 500,1000,5000,10000]``.
Prints medians, counts and ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast

from neo4j import Driver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.queries.neo4j_double

from graph.model import Ecosystem, Scope
from loaders.demo import DemoSpec, generate_demo
from queries.catalog import cypher
from queries.neo4j import BATCH_SIZE, Neo4jStore
from queries.registry import StoreOptions, open_store
from queries.sqlite import SqliteStore
from tests.queries.neo4j_double import RecordingDriver

SPEC = DemoSpec(organisations=5000, professionals=20_000, agreements=1500, flows_per_month=8500)
MAX_SNAPSHOT_QUERIES = 5


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
    writes = [q for q in sent if "UNWIND" in cypher(q)]
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


def _server(eco: Ecosystem, uri: str, repeat: int, batch_sizes: list[int]) -> None:
    print(f"Server at {uri} (its database is cleared):")
    base = StoreOptions(
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
    rows = len(eco.flows) + len(eco.organisations) + sum(len(p.employments) for p in eco.professionals)
    for size in batch_sizes:
        with open_store(uri, StoreOptions(base.user, base.password, base.database, size)) as store:
            store.init_schema()

            def fresh(store: object = store) -> None:
                cast(Neo4jStore, store).apply(eco, replace=True)

            seconds = _median(fresh, repeat)
            print(f"  load (replace), batch {size:>6}: median {seconds:.2f} s, {rows / seconds:,.0f} rows/s")
    with open_store(uri, base) as store:
        store.apply(eco, replace=True)
        print(f"  re-load, no change: median {_median(lambda: store.apply(eco), repeat):.2f} s")
        print(f"  snapshot: median {_median(store.snapshot, repeat):.2f} s")
        wijk = next(a.code for a in eco.areas if a.level.value == "wijk")
        scoped = _median(lambda: store.snapshot(Scope(areas=frozenset({wijk}))), repeat)
        print(f"  snapshot of one wijk: median {scoped:.2f} s")
        store.clear()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch-sizes", default=f"500,{BATCH_SIZE},5000,10000")
    args = parser.parse_args()
    sizes = [int(part) for part in args.batch_sizes.split(",")]
    eco = generate_demo(SPEC)
    counts = eco.counts()
    print(f"Ecosystem: {counts.organisations} organisations, {counts.referral_flows} flows")
    _client_side(eco, args.repeat, sizes)
    uri = os.environ.get("NEO4J_URI")
    if uri:
        _server(eco, uri, args.repeat, sizes)
    else:
        print("Server: skipped (set NEO4J_URI to measure a real Neo4j)")


if __name__ == "__main__":
    main()
