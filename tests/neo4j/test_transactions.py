"""Loads on a real Neo4j: a killed loader leaves nothing, loads queue, readers never see half.

Each load here is a real ``ketenkaart load`` process on ``KETENKAART_DATABASE=bolt://…``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError

from graph.model import Counts, Ecosystem
from loaders.demo import DemoSpec, generate_demo
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.catalog import Cypher, cypher
from queries.neo4j import Neo4jStore
from tests.conftest import neo4j_options, neo4j_uri
from tests.loaders.hsds_package import write_ketendam
from tests.neo4j.conftest import KETENKAART, cli_env

BIG = DemoSpec(organisations=2000, professionals=6000, agreements=400, flows_per_month=8000)
"""About 100k referral rows: a write that takes several seconds on the test server."""
WRITING = 1.5
"""Seconds after the load takes the lock: it has read and planned, and is sending batches.
Well short of the whole write, so the kill lands before the load sends its commit (a commit
already sent completes on the server even when the client dies, which is not this test's case)."""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Ecosystem, Path]:
    neo4j_uri()  # without a server, skip before generating the data
    eco = generate_demo(BIG)
    folder = tmp_path_factory.mktemp("big")
    write_csv_folder(ecosystem_tables(eco), folder)
    return eco, folder


def _loader(folder: Path, tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    env = cli_env(neo4j_uri(), tmp_path / "data") | {"PYTHONUNBUFFERED": "1"}
    with (tmp_path / f"{args[0]}.out").open("w") as out:  # the child keeps its own copy
        return subprocess.Popen(
            [KETENKAART, *args, str(folder)], env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT
        )


def _store_locked() -> bool:
    """Whether a load holds the store's lock now: taking it ourselves times out.

    Runs the store's own ``lock_store`` query in a transaction with a short timeout and
    rolls it back, so it never changes anything.
    """
    options = neo4j_options()
    with (
        GraphDatabase.driver(neo4j_uri(), auth=(options.user, options.password or "")) as driver,
        driver.session(database=options.database) as session,
    ):
        tx = session.begin_transaction(timeout=0.5)
        try:
            tx.run(cypher(Cypher.LOCK_STORE)).consume()
        except Neo4jError:
            return True
        finally:
            tx.close()
    return False


def _wait_until_locked(process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not _store_locked():
        assert process.poll() is None, "the load ended before it could be killed; use a larger data set"
        assert time.monotonic() < deadline, "the load never took the store's lock"
        time.sleep(0.05)


def test_sigkill_mid_load_leaves_the_database_as_it_was(
    neo4j: Neo4jStore, demo: Ecosystem, big: tuple[Ecosystem, Path], tmp_path: Path
) -> None:
    neo4j.apply(demo)
    before, revision, loads = neo4j.snapshot(), neo4j.revision(), neo4j.loads()
    loader = _loader(big[1], tmp_path, "load")
    _wait_until_locked(loader, 300)  # the load's transaction has begun
    time.sleep(WRITING)
    assert loader.poll() is None, "the load ended before it could be killed; use a larger data set"
    os.kill(loader.pid, signal.SIGKILL)
    loader.wait(timeout=30)
    assert loader.returncode == -signal.SIGKILL
    assert "Written" not in (tmp_path / "load.out").read_text()  # it never got to report a commit
    deadline = time.monotonic() + 120
    while _store_locked():  # the server ends the dead client's transaction and frees the lock
        assert time.monotonic() < deadline, "the killed load's lock was never released"
        time.sleep(0.2)

    assert neo4j.revision() == revision, "the load committed before the kill: lower WRITING"
    assert neo4j.snapshot() == before
    assert neo4j.revision() == revision
    assert neo4j.loads() == loads
    # The server released the killed transaction's lock: the next load goes through.
    assert neo4j.apply(big[0]).total > 0
    assert neo4j.counts() == demo.counts().__class__(**_merged_counts(demo, big[0]))


def _merged_counts(first: Ecosystem, second: Ecosystem) -> dict[str, int]:
    """Counts after loading ``second`` over ``first`` (the demo ids overlap)."""
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    with SqliteStore() as reference:
        reference.apply(first)
        reference.apply(second)
        held = reference.counts()
    return {name: getattr(held, name) for name in Counts.__dataclass_fields__}


def test_two_loads_at_once_queue_and_both_land(neo4j: Neo4jStore, demo: Ecosystem, tmp_path: Path) -> None:
    demo_files = tmp_path / "demo"
    write_csv_folder(ecosystem_tables(demo), demo_files)
    hsds = write_ketendam(tmp_path / "hsds")
    first = _loader(demo_files, tmp_path, "load")
    second = _loader(hsds, tmp_path, "import-hsds")
    for process in (first, second):
        process.wait(timeout=600)
    outputs = [(tmp_path / f"{name}.out").read_text() for name in ("load", "import-hsds")]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert all("Written:" in out for out in outputs)
    counts = neo4j.counts()
    assert counts.organisations == len(demo.organisations) + 4
    assert counts.referral_flows == len(demo.flows)
    assert len(neo4j.loads()) == 2


def test_a_read_during_a_load_sees_the_old_or_the_new_state(
    neo4j: Neo4jStore, demo: Ecosystem, big: tuple[Ecosystem, Path], tmp_path: Path
) -> None:
    neo4j.apply(demo)
    old = neo4j.snapshot().counts()
    new = Counts(**_merged_counts(demo, big[0]))
    loader = _loader(big[1], tmp_path, "load")
    seen: list[Counts] = []
    while loader.poll() is None:
        seen.append(neo4j.snapshot().counts())
    loader.wait(timeout=60)
    assert loader.returncode == 0
    seen.append(neo4j.snapshot().counts())
    assert len(seen) >= 3
    assert set(seen) <= {old, new}, [c for c in seen if c not in (old, new)]
    assert seen[0] == old
    assert seen[-1] == new
