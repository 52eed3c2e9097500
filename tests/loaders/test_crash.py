"""A load killed with SIGKILL in the middle of writing leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders.demo import DemoSpec, generate_demo
from loaders.load import load
from loaders.templates import write_templates
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore

BIG = DemoSpec(organisations=3000, professionals=8000, agreements=600, flows_per_month=20_000)
WAL_MID_WRITE = 4 * 1024 * 1024  # the write transaction has spilled this much into the WAL


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_load_leaves_the_store_unchanged(tmp_path: Path) -> None:
    write_templates(tmp_path / "base")
    write_csv_folder(ecosystem_tables(generate_demo(BIG)), tmp_path / "big")
    db = tmp_path / "store.sqlite"
    with SqliteStore(db) as store:
        load(tmp_path / "base", store)
        before, revision = store.snapshot(), store.revision()

    loader = subprocess.Popen(
        [sys.executable, "-m", "app", "load", str(tmp_path / "big"), "--database", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 300
    while not (wal.exists() and wal.stat().st_size > WAL_MID_WRITE):
        assert loader.poll() is None, "the load ended before it could be killed; use a larger data set"
        assert time.monotonic() < deadline, "the load never started writing"
        time.sleep(0.005)
    os.kill(loader.pid, signal.SIGKILL)
    stdout, _ = loader.communicate(timeout=30)
    assert loader.returncode == -signal.SIGKILL
    assert b"Written" not in stdout

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with SqliteStore(db) as store:
        assert store.snapshot() == before
        assert store.revision() == revision
        assert len(store.loads()) == 1
