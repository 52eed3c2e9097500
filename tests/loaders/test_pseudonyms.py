"""Pseudonymisation is a property of the store: once it holds pseudonyms, every load and upload does too."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.present.gegevens import confirm, receive
from graph.errors import LoadError
from loaders.codes import ProblemCode
from loaders.load import load
from loaders.pseudonymise import is_pseudonym
from loaders.templates import write_templates
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore
from tests.app.present.test_gegevens import encoded

KEY = "een-geheime-sleutel-van-genoeg-tekens"


@pytest.fixture
def pseudonymised(tmp_path: Path) -> tuple[Path, Path]:
    """A closed store file whose professionals are pseudonyms, and the template files."""
    write_templates(tmp_path / "files")
    db = tmp_path / "store.sqlite"
    with SqliteStore(db) as store:
        load(tmp_path / "files", store, pseudonym_key=KEY)
        assert all(is_pseudonym(p.id) for p in store.snapshot().professionals)
    return db, tmp_path / "files"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_plain_load_into_a_pseudonymised_store_is_refused(pseudonymised: tuple[Path, Path]) -> None:
    db, files = pseudonymised
    before = _sha(db)
    with SqliteStore(db) as store, pytest.raises(LoadError) as refused:
        load(files, store)
    assert [e.code for e in refused.value.report.errors] == [ProblemCode.PSEUDONYMS_REQUIRED]
    assert "PRO00001" in refused.value.report.errors[0].message
    assert _sha(db) == before


def test_with_the_key_or_as_pseudonyms_already_it_loads(
    pseudonymised: tuple[Path, Path], tmp_path: Path
) -> None:
    db, files = pseudonymised
    with SqliteStore(db) as store:
        assert load(files, store, pseudonym_key=KEY).result.total == 0  # type: ignore[union-attr]
        write_csv_folder(ecosystem_tables(store.snapshot()), tmp_path / "export")
        assert load(tmp_path / "export", store).result.total == 0  # type: ignore[union-attr]
        assert all(is_pseudonym(p.id) for p in store.snapshot().professionals)


def test_pseudonymising_part_of_a_clear_store_is_refused(tmp_path: Path) -> None:
    write_templates(tmp_path / "files")
    with SqliteStore(tmp_path / "s.sqlite") as store:
        load(tmp_path / "files", store)
        with pytest.raises(LoadError) as refused:
            load(tmp_path / "files", store, pseudonym_key=KEY)
        assert [e.code for e in refused.value.report.errors] == [ProblemCode.PSEUDONYMS_REQUIRED]
        load(tmp_path / "files", store, pseudonym_key=KEY, replace=True)  # whole: allowed
        assert all(is_pseudonym(p.id) for p in store.snapshot().professionals)


def test_a_web_upload_pseudonymises_with_the_server_key_or_is_refused(
    pseudonymised: tuple[Path, Path], tmp_path: Path
) -> None:
    db, files = pseudonymised
    for workbook in files.glob("*.xlsx"):
        workbook.unlink()  # the CSV files alone: an upload is CSV files or one workbook
    contents, names = encoded(files)
    with SqliteStore(db) as store:
        refused = receive(tmp_path / "uploads", contents, names, store)
        assert [e.code for e in refused.report.errors] == [ProblemCode.PSEUDONYMS_REQUIRED]
        checked = receive(tmp_path / "uploads", contents, names, store, pseudonym_key=KEY)
        assert checked.ok, checked.report.errors
        confirm(tmp_path / "uploads", checked.token, store, pseudonym_key=KEY)
        assert all(is_pseudonym(p.id) for p in store.snapshot().professionals)
        assert "Medewerker 1" not in {p.name for p in store.snapshot().professionals}
