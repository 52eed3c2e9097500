"""`ketenkaart import-hsds` as a user runs it: the shared Open Referral files, a real SQLite file."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from graph.model import Ecosystem, Organisation
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.loaders.hsds_package import ORG, SHARED, SHARED_CSV, write_areas, write_ketendam

WIDE = {"COLUMNS": "400", "NO_COLOR": "1"}  # every table cell on one line
EXAMPLE_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=WIDE, catch_exceptions=False)


def snapshot(db: Path) -> Ecosystem:
    with SqliteStore(db) as store:
        return store.snapshot()


def loads(db: Path) -> int:
    with SqliteStore(db) as store:
        return len(store.loads())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_importing_the_shared_csv_package_stores_its_organisation(tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    result = run("import-hsds", str(SHARED_CSV), "--database", str(db))
    assert result.exit_code == 0, result.output
    assert "Written:" in result.output
    for code in ("unknown-organisation", "default-sector", "unmatched-area"):
        assert code in result.output
    stats = json.loads(run("stats", "--database", str(db), "--json").output)
    assert stats["organisations"] == 1
    (org,) = snapshot(db).organisations
    assert org == Organisation(
        id=EXAMPLE_ID,
        name="Example Organization Inc.",
        sector=Sector.OVERIG,
        description="Example Org is a non-profit organization dedicated to providing services to "
        "qualified beneficiaries",
        expertise=("Community Counselling",),
    )
    found = run("search", "Example Organization", "--database", str(db))
    assert EXAMPLE_ID in found.output


def test_importing_the_same_files_again_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    assert run("import-hsds", str(SHARED_CSV), "--database", str(db)).exit_code == 0
    before = (snapshot(db), loads(db))
    again = run("import-hsds", str(SHARED_CSV), "--database", str(db))
    assert again.exit_code == 0, again.output
    assert "No changes" in again.output
    assert (snapshot(db), loads(db)) == before
    assert before[1] == 1


@pytest.mark.parametrize(
    "name",
    [
        "organization_full.json",
        "organization_list.json",
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "tabular.json",
    ],
)
def test_importing_a_shared_json_example_stores_its_organisation(name: str, tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    result = run("import-hsds", str(SHARED / name), "--database", str(db), "--sector", "welzijn")
    assert result.exit_code == 0, result.output
    (org,) = snapshot(db).organisations
    assert (org.id, org.name, org.sector, org.parent_id) == (
        EXAMPLE_ID,
        "Example Organization Inc.",
        Sector.WELZIJN,  # no term names a sector: --sector
        None,  # its parent is in no file
    )


def test_dry_run_checks_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    result = run("import-hsds", str(SHARED / "organization_full.json"), "--dry-run", "--database", str(db))
    assert result.exit_code == 0, result.output
    assert "Dry run" in result.output
    assert snapshot(db).organisations == ()
    assert loads(db) == 0


@pytest.mark.parametrize(
    ("option", "value"),
    [("--sector", "ruimtevaart"), ("--municipality", "WK990101"), ("--municipality", "x")],
)
def test_bad_options_are_usage_errors(option: str, value: str, tmp_path: Path) -> None:
    result = run("import-hsds", str(SHARED_CSV), option, value, "--database", str(tmp_path / "k.sqlite"))
    assert result.exit_code == 2
    assert option in result.output


def test_synthetic_dutch_package_in_out_and_in_again_gives_the_same_organisations(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    assert run("load", str(write_areas(tmp_path / "areas")), "--database", str(first)).exit_code == 0
    imported = run("import-hsds", str(write_ketendam(tmp_path / "in")), "--database", str(first))
    assert imported.exit_code == 0, imported.output
    eco = snapshot(first)
    assert {o.id for o in eco.organisations} == set(ORG.values())
    welzijn = next(o for o in eco.organisations if o.id == ORG["welzijn"])
    assert (welzijn.kvk, welzijn.sector, welzijn.municipality, welzijn.areas) == (
        "90000001",
        Sector.WELZIJN,
        "GM9901",
        ("WK990102",),
    )
    assert welzijn.expertise == ("Buurtbemiddeling", "Mantelzorgondersteuning")

    exported = run("export", str(tmp_path / "out"), "--format", "hsds", "--database", str(first))
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "out" / "datapackage.json").is_file()
    back = run("import-hsds", str(tmp_path / "out"), "--database", str(first))
    assert back.exit_code == 0, back.output
    assert "No changes" in back.output
    assert snapshot(first) == eco

    fresh = run("import-hsds", str(tmp_path / "out"), "--database", str(second))
    assert fresh.exit_code == 0, fresh.output
    assert snapshot(second).organisations == eco.organisations


def test_an_organisation_like_a_stored_one_is_listed_for_review_after_the_changes(tmp_path: Path) -> None:
    db = tmp_path / "k.sqlite"
    assert run("import-hsds", str(write_ketendam(tmp_path / "in")), "--database", str(db)).exit_code == 0
    twin_id = "5f0c2b9e-1d7a-4e8c-9a55-3b2f4d6e8a01"
    twin = {
        "id": twin_id,
        "name": "Stichting Welzijn Ketendam",
        "description": "Dezelfde stichting, uit een andere gids.",
        "organization_identifiers": [
            {
                "id": "5f0c2b9e-1d7a-4e8c-9a55-3b2f4d6e8a02",
                "identifier_scheme": "NL-KVK",
                "identifier": "90000001",
            }
        ],
    }
    (tmp_path / "twin.json").write_text(json.dumps({"contents": [twin]}), encoding="utf-8")
    result = run("import-hsds", str(tmp_path / "twin.json"), "--database", str(db))
    assert result.exit_code == 0, result.output
    notice = result.output.index("already known; review with `ketenkaart merge`")
    assert result.output.index("Valid:") < result.output.index("Written:") < notice
    listed = result.output[notice:]
    assert twin_id in listed
    assert ORG["welzijn"] in listed
    assert len(snapshot(db).organisations) == 5  # listed, not merged


def test_errors_csv_holds_the_warnings_of_a_valid_import(tmp_path: Path) -> None:
    saved = tmp_path / "problems.csv"
    result = run(
        "import-hsds", str(SHARED_CSV), "--database", str(tmp_path / "k.sqlite"), "--errors-csv", str(saved)
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(saved.read_text(encoding="utf-8-sig").splitlines()))
    assert {(r["severity"], r["file"], r["row"], r["column"], r["code"]) for r in rows} >= {
        ("warning", "organizations.csv", "2", "parent_organization_id", "unknown-organisation"),
        ("warning", "locations.csv", "2", "organization_id", "unknown-organisation"),
    }


# -- malformed copies of the shared files: one precise error, exit 1, the database untouched ---


@dataclass(frozen=True)
class Case:
    """A copy of a shared file with one defect, and the one error it must give."""

    source: str  # "csv" (the CSV package) or a JSON file name
    defect: Callable[[Path], None]  # changes the copy in place
    file: str
    row: int | None
    column: str | None
    code: str


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def set_cell(file: str, column: str, value: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        header, row, *rest = _csv_rows(folder / file)
        row[header.index(column)] = value
        _write_rows(folder / file, [header, row, *rest])

    return change


def repeat_row(file: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        rows = _csv_rows(folder / file)
        _write_rows(folder / file, [*rows, rows[1]])

    return change


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        rows = _csv_rows(folder / file)
        index = rows[0].index(column)
        _write_rows(folder / file, [[c for i, c in enumerate(r) if i != index] for r in rows])

    return change


def replace_everywhere(old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        for path in folder.glob("*.csv"):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return change


def cp1252(file: str, column: str, value: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        set_cell(file, column, value)(folder)
        path = folder / file
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))

    return change


def edit_json(name: str, edit: Callable[[Any], None]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        document = json.loads((folder / name).read_text(encoding="utf-8"))
        edit(document)
        (folder / name).write_text(json.dumps(document, indent=2), encoding="utf-8")

    return change


def replace_text(name: str, old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Any], None]:
    def edit(document: Any) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _delete(key: str) -> Callable[[Any], None]:
    return lambda document: document.pop(key)


ORGS, SERVICES, IDS = "organizations.csv", "services.csv", "organization_identifiers.csv"
FULL, PAGE = "organization_full.json", "organization_list.json"
CASES = {
    "organisation-without-name": Case("csv", set_cell(ORGS, "name", ""), ORGS, 2, "name", "missing-value"),
    "organisation-twice": Case("csv", repeat_row(ORGS), ORGS, 3, "id", "duplicate-key"),
    "no-name-column": Case("csv", drop_column(ORGS, "name"), ORGS, 1, "name", "missing-column"),
    "service-of-unknown-organisation": Case(
        "csv",
        set_cell(SERVICES, "organization_id", "0b5e7a26-7f7a-4c36-9b1f-7c9a1c1b2b11"),
        SERVICES,
        2,
        "organization_id",
        "unknown-organisation",
    ),
    "kvk-of-seven-digits": Case(
        "csv", set_cell(IDS, "identifier_scheme", "NL-KVK"), IDS, 2, "identifier", "bad-value"
    ),
    "formula-in-name": Case(
        "csv", set_cell(ORGS, "name", "=HYPERLINK(1)"), ORGS, 2, "name", "formula-injection"
    ),
    "formula-in-service-name": Case(
        "csv", set_cell(SERVICES, "name", "@SUM(A1)"), SERVICES, 2, "name", "formula-injection"
    ),
    "id-with-a-space": Case("csv", replace_everywhere(EXAMPLE_ID, "d9d5e0f5 d3ce"), ORGS, 2, "id", "bad-id"),
    "name-too-long": Case("csv", set_cell(ORGS, "name", "x" * 501), ORGS, 2, "name", "cell-too-long"),
    "cp1252-file": Case("csv", cp1252(ORGS, "name", "Café Ketendam"), ORGS, 2, None, "bad-encoding"),
    "datapackage-path-outside": Case(
        "csv",
        replace_text("datapackage.json", '"path": "services.csv"', '"path": "../services.csv"'),
        "datapackage.json",
        None,
        "$.resources[2].path",
        "unreadable-file",
    ),
    "json-syntax": Case(
        FULL,
        replace_text(FULL, '"name": "Example Organization Inc.",', '"name": "Example Organization Inc."'),
        FULL,
        4,
        None,
        "bad-json",
    ),
    "json-services-not-a-list": Case(
        FULL, edit_json(FULL, _set(("services",), {"id": "x"})), FULL, None, "$.services", "bad-json"
    ),
    "json-service-name-a-list": Case(
        FULL,
        edit_json(FULL, _set(("services", 0, "name"), ["Counselling"])),
        FULL,
        None,
        "$.services[0].name",
        "bad-json",
    ),
    "json-without-name": Case(FULL, edit_json(FULL, _delete("name")), FULL, None, "$.name", "missing-value"),
    "json-bad-kvk": Case(
        FULL,
        edit_json(FULL, _set(("organization_identifiers", 0, "identifier_scheme"), "NL-KVK")),
        FULL,
        None,
        "$.organization_identifiers[0].identifier",
        "bad-value",
    ),
    "json-description-too-long": Case(
        PAGE,
        edit_json(PAGE, _set(("contents", 0, "description"), "lang " * 1000)),
        PAGE,
        None,
        "$.contents[0].description",
        "cell-too-long",
    ),
    "json-not-organisations": Case(
        "taxonomy.json", lambda folder: None, "taxonomy.json", None, None, "no-organisations"
    ),
}


@pytest.fixture(scope="module")
def base_database(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A closed SQLite file holding the synthetic Ketendam organisations."""
    folder = tmp_path_factory.mktemp("base")
    db = folder / "base.sqlite"
    assert run("load", str(write_areas(folder / "areas")), "--database", str(db)).exit_code == 0
    assert run("import-hsds", str(write_ketendam(folder / "in")), "--database", str(db)).exit_code == 0
    return db.read_bytes()


def _copy(case: Case, tmp_path: Path) -> Path:
    if case.source == "csv":
        target = tmp_path / "hsds"
        shutil.copytree(SHARED_CSV, target)
        for path in target.iterdir():
            path.chmod(0o644)
        case.defect(target)
        return target
    target = tmp_path / case.source
    shutil.copyfile(SHARED / case.source, target)
    target.chmod(0o644)
    case.defect(tmp_path)
    return target


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_malformed_copy_gives_one_precise_error_and_writes_nothing(
    name: str, base_database: bytes, tmp_path: Path
) -> None:
    case = CASES[name]
    source = _copy(case, tmp_path)
    db = tmp_path / "k.sqlite"
    db.write_bytes(base_database)
    before = sha256(db)
    saved = tmp_path / "errors.csv"
    result = run("import-hsds", str(source), "--database", str(db), "--errors-csv", str(saved))
    assert result.exit_code == 1, result.output
    assert "Nothing was written" in result.output
    problems = list(csv.DictReader(saved.read_text(encoding="utf-8-sig").splitlines()))
    errors = [(p["file"], p["row"], p["column"], p["code"]) for p in problems if p["severity"] == "error"]
    expected = (case.file, "" if case.row is None else str(case.row), case.column or "", case.code)
    assert errors == [expected]
    assert case.code in result.output
    assert sha256(db) == before
    assert not Path(f"{db}-wal").exists()
