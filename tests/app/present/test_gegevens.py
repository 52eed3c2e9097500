"""Uploads: safe names and tokens, the dry run, loading, and the loaders' report for bad files."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from app.present.gegevens import (
    confirm,
    decode,
    dry_run,
    is_token,
    prune,
    receive,
    report_rows,
    safe_name,
    upload_folder,
)
from graph.errors import ExplorerError, LoadError
from graph.model import Ecosystem
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore

BAD = Path(__file__).parents[2] / "data" / "bad"


def encoded(folder: Path) -> tuple[list[str], list[str]]:
    """The files of ``folder`` as ``dcc.Upload`` sends them: base64 data URLs and names."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return [
        f"data:application/octet-stream;base64,{base64.b64encode(p.read_bytes()).decode()}" for p in files
    ], [p.name for p in files]


@pytest.fixture(scope="module")
def demo_files(demo: Ecosystem, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    """The demo municipality as uploaded CSV files."""
    folder = tmp_path_factory.mktemp("demo-csv")
    write_csv_folder(ecosystem_tables(demo), folder)
    return encoded(folder)


def test_safe_names_keep_only_a_base_name() -> None:
    assert safe_name("C:\\Users\\ana\\organisations.csv") == "organisations.csv"
    assert safe_name("../../organisations.csv") == "organisations.csv"
    assert safe_name("orga<script>.csv") == "orga_script_.csv"
    assert safe_name("..") is None
    assert safe_name(".hidden.csv") is None
    assert safe_name(None) is None


def test_tokens_are_checked_before_they_name_a_folder(tmp_path: Path) -> None:
    assert is_token("0123456789abcdef" * 2)
    for bad in ("../../etc", "0123456789ABCDEF" * 2, "0" * 31, None, 12):
        assert not is_token(bad)
        with pytest.raises(ExplorerError):
            upload_folder(tmp_path, bad)
    with pytest.raises(ExplorerError):
        upload_folder(tmp_path, "f" * 32)  # well formed, but no such upload


def test_decode_reads_data_urls_only() -> None:
    assert decode("data:text/csv;base64,aWQsbmFtZQ==") == b"id,name"
    for bad in ("aWQsbmFtZQ==", "data:text/csv,id,name", "data:text/csv;base64,@@@"):
        with pytest.raises(ValueError, match="base64"):
            decode(bad)


def test_dry_run_writes_nothing_then_confirm_loads_and_a_second_load_changes_nothing(
    tmp_path: Path, demo_files: tuple[list[str], list[str]], demo: Ecosystem
) -> None:
    store, root = SqliteStore(tmp_path / "x.sqlite"), tmp_path / "uploads"
    revision = store.revision()
    checked = receive(root, *demo_files, store)
    assert checked.ok
    assert checked.counts == demo.counts()
    assert store.counts().organisations == 0
    assert store.revision() == revision
    assert store.loads() == []
    assert dry_run(root, checked.token, store).ok
    outcome = confirm(root, checked.token, store)
    assert outcome.result is not None
    assert outcome.result.changes["organisations"] == 150
    assert store.counts() == demo.counts()
    assert not (root / checked.token).exists()  # the upload's folder is removed after the load
    again = receive(root, *demo_files, store)
    second = confirm(root, again.token, store)
    assert second.result is not None
    assert second.result.total == 0
    assert len(store.loads()) == 1
    assert store.loads()[0].files == tuple(sorted(demo_files[1]))


@pytest.mark.parametrize("case", ["unknown-sector", "xlsx-missing-value", "bad-date-31-february"])
def test_bad_files_give_the_loaders_report_row(tmp_path: Path, case: str) -> None:
    expected = json.loads((BAD / case / "expected.json").read_text(encoding="utf-8"))
    store = SqliteStore()
    checked = receive(tmp_path, *encoded(BAD / case / "input"), store)
    rows = [r for r in report_rows(checked.report) if r["severity"] == "error"]
    wanted = {"file": expected["file"], "row": str(expected["row"]), "column": expected["column"] or ""}
    assert any(r["code"] == expected["code"] and {k: r[k] for k in wanted} == wanted for r in rows), rows
    assert not checked.ok
    assert not (tmp_path / checked.token).exists()  # an upload that cannot load is not kept
    with pytest.raises(ExplorerError):
        confirm(tmp_path, checked.token, store)
    assert store.counts().organisations == 0


def test_other_files_and_mixed_uploads_are_refused(tmp_path: Path) -> None:
    store = SqliteStore()
    csv = "data:text/csv;base64," + base64.b64encode(b"id,name\n").decode()
    notes = receive(tmp_path, [csv], ["notes.txt"], store)
    assert [r["code"] for r in report_rows(notes.report)] == ["unreadable-file", "unreadable-file"]
    mixed = receive(tmp_path, [csv, csv], ["organisations.csv", "book.xlsx"], store)
    assert not mixed.ok
    assert any("not both" in r["message"] for r in report_rows(mixed.report))
    broken = receive(tmp_path, ["data:text/csv;base64,@@"], ["organisations.csv"], store)
    assert not broken.ok
    assert "could not be read" in report_rows(broken.report)[0]["message"]


def test_confirm_refuses_files_that_became_invalid(tmp_path: Path) -> None:
    store = SqliteStore()
    checked = receive(tmp_path, *encoded(BAD / "unknown-sector" / "input"), store)
    folder = tmp_path / ("a" * 32)
    folder.mkdir()
    for name in ("organisations.csv", "areas.csv"):
        (folder / name).write_bytes((BAD / "unknown-sector" / "input" / name).read_bytes())
    with pytest.raises(LoadError) as caught:
        confirm(tmp_path, "a" * 32, store)
    assert "unknown-sector" in caught.value.report.codes()
    assert not checked.ok
    assert folder.exists()


def test_prune_removes_old_uploads_only(tmp_path: Path) -> None:
    old, new, other = tmp_path / ("a" * 32), tmp_path / ("b" * 32), tmp_path / "keep-me"
    for folder in (old, new, other):
        folder.mkdir()
    os.utime(old, (0, 0))
    os.utime(other, (0, 0))
    prune(tmp_path)
    assert not old.exists()
    assert new.exists()
    assert other.exists()
