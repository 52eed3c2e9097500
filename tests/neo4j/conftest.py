"""Fixtures for the tests on a real Neo4j server (NEO4J_URI; `.ci/run` starts one).

Every test here is marked ``neo4j`` and clears the database it runs on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from queries.neo4j import Neo4jStore
from queries.registry import open_store
from tests.conftest import neo4j_options, neo4j_uri
from tests.loaders.hsds_package import write_ketendam

KETENKAART = str(Path(sys.executable).with_name("ketenkaart"))
"""The console script, run as a user runs it."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.neo4j)


def cli_env(database: str, data_dir: Path) -> dict[str, str]:
    """The environment for a ``ketenkaart`` subprocess on ``database`` (a path or Neo4j URL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KETENKAART_", "NEO4J_"))}
    env |= {
        "KETENKAART_DATABASE": database,
        "KETENKAART_DATA_DIR": str(data_dir),
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    if "://" in database:
        options = neo4j_options()
        env["KETENKAART_NEO4J_USER"] = options.user
        env["KETENKAART_NEO4J_PASSWORD"] = options.password or ""
        if options.database:
            env["KETENKAART_NEO4J_DATABASE"] = options.database
    return env


def open_neo4j() -> Neo4jStore:
    """The server's store with its schema, emptied."""
    opened = open_store(neo4j_uri(), neo4j_options())
    assert isinstance(opened, Neo4jStore)
    opened.init_schema()
    opened.clear()
    return opened


@pytest.fixture
def neo4j() -> Iterator[Neo4jStore]:
    """The Neo4j store at NEO4J_URI, empty (the test's data is cleared again after it)."""
    with open_neo4j() as store:
        yield store
        store.clear()


Step = tuple[str, ...] | Callable[[str], None]
"""A scenario step: a ``ketenkaart`` command line, or a function of the database setting."""


def demo_inputs(folder: Path) -> None:
    """The input files both runs of a scenario start from: the demo and the Ketendam HSDS package."""
    folder.mkdir(parents=True)
    made = subprocess.run(
        [KETENKAART, "generate-demo", str(folder / "demo")],
        capture_output=True,
        check=False,
        env=cli_env(str(folder / "unused.sqlite"), folder / "data"),
    )
    assert made.returncode == 0, made.stderr.decode()
    write_ketendam(folder / "hsds")


def run_scenario(
    inputs: Path, work: Path, database: str, steps: Sequence[Step], env: dict[str, str] | None = None
) -> dict[str, bytes]:
    """Run ``steps`` in a copy of ``inputs`` on ``database``: what each command printed and
    every file written (inputs, the data folder and store files left out), by name."""
    shutil.copytree(inputs, work)
    environment = cli_env(database, work / "data") | (env or {})
    seen: dict[str, bytes] = {}
    for number, step in enumerate(steps):
        if callable(step):
            step(database)
            continue
        done = subprocess.run(
            [KETENKAART, *step], cwd=work, env=environment, capture_output=True, check=False, timeout=600
        )
        name = f"{number:02d} {' '.join(step)}"
        assert done.returncode == 0, f"{name} on {database}: {done.stdout.decode()}{done.stderr.decode()}"
        seen[f"{name}: stdout"] = done.stdout
        seen[f"{name}: stderr"] = done.stderr
    for path in sorted(work.rglob("*")):
        relative = path.relative_to(work)
        if path.is_file() and relative.parts[0] not in {"data", "demo", "hsds"} and path.suffix != ".sqlite":
            seen[f"file {relative}"] = path.read_bytes()
    return seen
