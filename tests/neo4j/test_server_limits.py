"""What a real server does at its limits: too little transaction memory, an advertised
address nobody listens on, and the version check at connect.

A second throwaway server is started here (``.ci/neo4j/server`` with a state folder of its
own) with a small ``db.memory.transaction.max`` and an advertised Bolt address that nobody
listens on, as a server behind NAT or in a container advertises an address the client
cannot reach.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.errors import QueryFailed
from graph.model import Ecosystem
from loaders.templates import template_ecosystem
from queries.neo4j import RETRY_SECONDS, Neo4jStore, connect
from queries.registry import StoreOptions, open_store
from tests.conftest import neo4j_options, neo4j_uri

SERVER = Path(__file__).resolve().parents[2] / ".ci" / "neo4j" / "server"
SMALL = ("db.memory.transaction.max=8m", "server.bolt.advertised_address=127.0.0.1:1")


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD of a second server with ``SMALL`` settings."""
    neo4j_uri()  # skipped (or failed under REQUIRE_NEO4J) like every Neo4j test
    if not (shutil.which("java") and shutil.which("mvn")):
        if os.environ.get("REQUIRE_NEO4J"):
            pytest.fail("REQUIRE_NEO4J is set but java or mvn is missing for a second server")
        pytest.skip("a second Neo4j server needs java and mvn (.ci/neo4j/server)")
    state = tmp_path_factory.mktemp("small-server")
    env = os.environ | {"NEO4J_STATE_DIR": str(state), "NEO4J_HEAP": "512m"}
    started = subprocess.run(
        [str(SERVER), "start", *SMALL], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    try:
        assert started.returncode == 0, started.stderr
        yield dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines())
    finally:
        subprocess.run([str(SERVER), "stop"], env=env, check=False, timeout=120)


def test_a_load_larger_than_the_transaction_memory_fails_at_once_saying_what_to_change(
    small_server: dict[str, str], demo: Ecosystem
) -> None:
    with connect(
        small_server["NEO4J_URI"], user=small_server["NEO4J_USER"], password=small_server["NEO4J_PASSWORD"]
    ) as store:
        store.init_schema()
        store.clear()
        started = time.monotonic()
        with pytest.raises(QueryFailed) as raised:
            store.apply(demo)
        assert time.monotonic() - started < RETRY_SECONDS  # not retried as if the server were busy
        message = str(raised.value)
        assert "ran out of transaction memory" in message
        assert "The load is one transaction" in message
        assert "db.memory.transaction.max" in message
        assert store.snapshot() == Ecosystem()


def test_a_routing_url_works_when_the_server_advertises_an_address_nobody_listens_on(
    small_server: dict[str, str],
) -> None:
    # The routing table names 127.0.0.1:1 for every role; the driver, refused there, falls
    # back to the address it dialled. (Where even that fails, connect says what to set:
    # tests/queries/test_neo4j_store.py.)
    routed = small_server["NEO4J_URI"].replace("bolt://", "neo4j://")
    with connect(routed, user=small_server["NEO4J_USER"], password=small_server["NEO4J_PASSWORD"]) as store:
        store.init_schema()
        store.clear()
        assert store.apply(template_ecosystem()).total > 0
        assert store.snapshot() == template_ecosystem()
        assert store.search("ketendam", limit=-1)


def test_a_routing_url_works_when_the_server_advertises_the_dialled_address(neo4j: Neo4jStore) -> None:
    options = neo4j_options()
    routed = neo4j_uri().replace("bolt://", "neo4j://")
    with open_store(routed, StoreOptions(options.user, options.password, options.database)) as store:
        assert store.counts() == neo4j.counts()


def test_the_server_passes_the_version_check(neo4j: Neo4jStore) -> None:
    version = neo4j.check_server()
    assert version.startswith(("5.2", "2025.", "2026."))
