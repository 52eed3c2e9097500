"""`ketenkaart merge` as a user runs it: real CSV files, a real SQLite file, real output."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from app.cli.main import cli
from app.cli.merge import print_duplicates
from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from loaders.writers import ecosystem_tables, write_csv_folder
from queries.sqlite import SqliteStore

JAN = Period.parse("2025-01")
WIDE = {"COLUMNS": "400"}  # one table row per line


def org(id: str, name: str, sector: Sector, **fields: object) -> Organisation:
    return Organisation(id, name, sector, municipality="GM9901", areas=("WK990101",), **fields)  # type: ignore[arg-type]


def flow(source: str, target: str, count: int, kind: ActorKind = ActorKind.ORGANISATION) -> ReferralFlow:
    return ReferralFlow(kind, source, target, JAN, "zorg", count)


def ecosystem() -> Ecosystem:
    """Invented organisations: a KvK twin, a name variant and an umbrella with a location."""
    return Ecosystem(
        areas=(
            Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
            Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
            Area("WK990102", "Noord", AreaLevel.WIJK, "GM9901"),
        ),
        organisations=(
            org("O001", "Stichting De Brug", Sector.WELZIJN, kvk="41234567", description="Buurtwerk"),
            org("O002", "De Brug", Sector.WELZIJN, capacity=20),
            org("O003", "Buurtzorg", Sector.ZORG, kvk="11111111"),
            org("O004", "Buurtzorg Noord", Sector.ZORG),
            org("O005", "Schuldhulp Ketendam", Sector.WERK_INKOMEN, kvk="22222222"),
            org("O006", "Geldzaken Op Orde", Sector.WERK_INKOMEN, kvk="22222222"),
            org("O007", "Wijkteam Centrum", Sector.HULPVERLENING),
            org("O008", "Wijkteam Noord", Sector.HULPVERLENING),
            org("O009", "Apotheek De Linde", Sector.ZORG),
            org("O010", "Apotheek De Lindeboom", Sector.ZORG),
            Organisation("O011", "De Brug Jongerenwerk", Sector.WELZIJN, parent_id="O002"),
        ),
        professionals=(
            Professional(
                "P001", "Medewerker Een", employments=(Employment("O001", 0.5), Employment("O002", 0.3))
            ),
            Professional("P002", "Medewerker Twee", employments=(Employment("O002", 1.0),)),
        ),
        agreements=(
            Agreement(
                "A001",
                "Convenant Brug",
                AgreementKind.COVENANT,
                date(2024, 1, 1),
                parties=("O001", "O002", "O007"),
            ),
            Agreement("A002", "Wijkteam", AgreementKind.WIJKTEAM, date(2024, 1, 1), parties=("O002", "O009")),
        ),
        flows=(
            flow("O007", "O001", 5),
            flow("O007", "O002", 3),
            flow("O001", "O002", 4),
            flow("O002", "O009", 6),
            flow("P001", "O009", 2, ActorKind.PROFESSIONAL),
        ),
    )


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env=WIDE, catch_exceptions=False)


def digest(db: Path) -> str:
    """The database file and its write-ahead log, if any: changes when anything is written."""
    parts = [db, db.with_name(db.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    write_csv_folder(ecosystem_tables(ecosystem()), folder)
    return folder


@pytest.fixture
def db(tmp_path: Path, files: Path) -> Path:
    database = tmp_path / "kaart.sqlite"
    loaded = run("load", str(files), "--database", str(database))
    assert loaded.exit_code == 0, loaded.output
    return database


def listed(output: str) -> set[str]:
    """The suggestion cells of the duplicates table."""
    return set(re.findall(r"(merge: ketenkaart merge \w+ \w+|set_parent: parent_id of \w+ = \w+)", output))


def test_merge_without_arguments_lists_exactly_the_probable_duplicates(db: Path) -> None:
    result = run("merge", "--database", str(db), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert listed(result.output) == {
        "merge: ketenkaart merge O005 O006",
        "merge: ketenkaart merge O001 O002",
        "set_parent: parent_id of O004 = O003",
    }
    assert "same KvK number 22222222" in result.output
    assert "same name once legal form and punctuation are ignored ('brug')" in result.output
    assert "name is 'Buurtzorg' plus the place 'Noord', same sector" in result.output
    assert "3 pairs" in result.output


def test_merge_rewrites_references_and_counts(db: Path, files: Path) -> None:
    result = run("merge", "O001", "O002", "--database", str(db), "--yes")
    assert result.exit_code == 0, result.output
    assert (
        "Merged O002 into O001 in one transaction: organisations 11 -> 10, referrals 20 -> 16."
        in result.output
    )
    with SqliteStore(db) as store:
        eco = store.snapshot()
        loads = store.loads()
    orgs = {o.id: o for o in eco.organisations}
    assert "O002" not in orgs
    assert orgs["O001"].capacity == 20
    assert orgs["O011"].parent_id == "O001"
    assert {p.id: p.employments for p in eco.professionals} == {
        "P001": (Employment("O001", 0.8),),
        "P002": (Employment("O001", 1.0),),
    }
    assert {a.id: a.parties for a in eco.agreements} == {"A001": ("O001", "O007"), "A002": ("O001", "O009")}
    assert {(f.source_id, f.target_id): f.count for f in eco.flows} == {
        ("O007", "O001"): 8,
        ("O001", "O009"): 6,
        ("P001", "O009"): 2,
    }
    assert eco.counts().referrals == ecosystem().counts().referrals - 4  # the O001 -> O002 flow
    assert loads[-1].files == ("merge: kept O001, dropped O002",)
    after = run("merge", "--database", str(db))
    assert "ketenkaart merge O001 O002" not in after.output
    assert len(listed(after.output)) == 2
    # a known limit: a merge is not remembered, so loading the source again brings O002 back
    assert run("load", str(files), "--database", str(db)).exit_code == 0
    with SqliteStore(db) as store:
        assert "O002" in {o.id for o in store.snapshot().organisations}


def test_merge_after_confirming(db: Path) -> None:
    result = run("merge", "O005", "O006", "--database", str(db), input="y\n")
    assert result.exit_code == 0, result.output
    assert "Merge O006 (Geldzaken Op Orde) into O005 (Schuldhulp Ketendam)" in result.output
    with SqliteStore(db) as store:
        assert "O006" not in {o.id for o in store.snapshot().organisations}


def test_dry_run_and_a_declined_confirmation_write_nothing(db: Path) -> None:
    before = digest(db)
    dry = run("merge", "O001", "O002", "--database", str(db), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing written." in dry.output
    assert re.search(r"flows between the two dropped\s*│\s*1 \(4 referrals\)", dry.output)
    assert digest(db) == before
    declined = run("merge", "O001", "O002", "--database", str(db), input="n\n")
    assert declined.exit_code == 0, declined.output
    assert "Not merged: nothing written." in declined.output
    assert digest(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("O001", "O999"), "no organisation with id 'O999'"),
        (("O999", "O001"), "no organisation with id 'O999'"),
        (("O001", "O001"), "cannot merge 'O001' into itself"),
        (("O001", "P001"), "no organisation with id 'P001'"),
    ],
)
def test_unknown_ids_are_refused_and_nothing_is_written(
    db: Path, args: tuple[str, str], message: str
) -> None:
    before = digest(db)
    result = run("merge", *args, "--database", str(db), "--yes")
    assert result.exit_code == 2  # a value that cannot work, as `coffee` with an unknown organisation
    assert message in result.output
    assert digest(db) == before


def test_one_id_is_a_usage_error(db: Path) -> None:
    result = run("merge", "O001", "--database", str(db))
    assert result.exit_code == 2
    assert "give two ids" in result.output


def test_print_duplicates_lists_only_pairs_with_new_records(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "store.sqlite") as store:
        store.apply(ecosystem())
        console = Console(record=True, width=400)
        assert print_duplicates(console, store, {"O002"}) == 1
        text = console.export_text()
        assert "1 organisation looks like one already known; review with `ketenkaart merge`" in text
        assert listed(text) == {"merge: ketenkaart merge O001 O002"}  # the known one is kept
        assert print_duplicates(console, store, ["O002", "O004", "O006"]) == 3
        assert "3 organisations look like ones already known" in console.export_text()
        assert print_duplicates(console, store, ["O007", "O009"]) == 0
        assert console.export_text() == ""


def test_load_lists_the_probable_duplicates_it_brought_in(tmp_path: Path, files: Path) -> None:
    result = run("load", str(files), "--database", str(tmp_path / "fresh.sqlite"))
    assert result.exit_code == 0, result.output
    assert "look like ones already known; review with `ketenkaart merge`" in result.output
    assert listed(result.output) == {
        "merge: ketenkaart merge O005 O006",
        "merge: ketenkaart merge O001 O002",
        "set_parent: parent_id of O004 = O003",
    }
    again = run("load", str(files), "--database", str(tmp_path / "fresh.sqlite"))
    assert again.exit_code == 0, again.output
    assert "ketenkaart merge O001 O002" in again.output  # still listed until someone merges
