"""The command line as a user runs it: real files, a real SQLite file, real output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from loaders.templates import TEMPLATE_WORKBOOK

COUNT_KEYS = {"organisations", "professionals", "agreements", "referral_flows", "areas"}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def stats(db: Path) -> dict[str, int]:
    result = run("stats", "--database", str(db), "--json")
    assert result.exit_code == 0, result.output
    counts: dict[str, int] = json.loads(result.stdout)  # an empty store is reported on standard error
    return counts


def test_template_writes_loadable_csv_and_excel_templates(tmp_path: Path) -> None:
    result = run("template", str(tmp_path / "tpl"))
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "tpl").iterdir()}
    assert {"organisations.csv", "referrals.csv", "_columns.csv", TEMPLATE_WORKBOOK} <= names
    assert run("check", str(tmp_path / "tpl")).exit_code == 0
    assert run("check", str(tmp_path / "tpl" / TEMPLATE_WORKBOOK)).exit_code == 0
    explained = (tmp_path / "tpl" / "_columns.csv").read_text(encoding="utf-8-sig")
    assert "naar_organisatie" in explained


def test_generate_load_export_load_keeps_identical_counts(tmp_path: Path) -> None:
    assert run("generate-demo", str(tmp_path / "demo"), "--seed", "3").exit_code == 0
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    loaded = run("load", str(tmp_path / "demo"), "--database", str(first))
    assert loaded.exit_code == 0, loaded.output
    assert "Written:" in loaded.output
    assert run("export", str(tmp_path / "out"), "--database", str(first)).exit_code == 0
    assert run("load", str(tmp_path / "out"), "--database", str(second)).exit_code == 0
    assert stats(first) == stats(second)
    assert set(stats(first)) >= COUNT_KEYS
    assert stats(first)["organisations"] > 100


def test_second_load_of_the_same_files_reports_no_changes(tmp_path: Path) -> None:
    run("generate-demo", str(tmp_path / "demo"))
    db = tmp_path / "db.sqlite"
    run("load", str(tmp_path / "demo"), "--database", str(db))
    before = stats(db)
    again = run("load", str(tmp_path / "demo"), "--database", str(db))
    assert again.exit_code == 0
    assert "No changes" in again.output
    assert stats(db) == before


def test_dry_run_prints_what_would_load_and_writes_nothing(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    db = tmp_path / "db.sqlite"
    result = run("load", str(tmp_path / "tpl"), "--dry-run", "--database", str(db))
    assert result.exit_code == 0
    assert "Dry run" in result.output
    assert stats(db)["organisations"] == 0


def test_check_reports_a_table_and_exits_1_on_invalid_input(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    orgs = tmp_path / "tpl" / "organisations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8-sig").replace("welzijn", "ruimtevaart"), encoding="utf-8")
    result = run("check", str(tmp_path / "tpl"), "--errors-csv", str(tmp_path / "errors.csv"))
    assert result.exit_code == 1
    assert "unknown-sector" in result.output
    assert "organisations.csv" in result.output
    saved = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    assert "error,organisations.csv,2,sector,unknown-sector" in saved


def test_database_setting_comes_from_the_environment(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    db = tmp_path / "from-env.sqlite"
    result = run("load", str(tmp_path / "tpl"), env={"KETENKAART_DATABASE": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert stats(db)["organisations"] == 2


def test_default_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    assert run("load", str(tmp_path / "tpl")).exit_code == 0
    assert (tmp_path / "data" / "ketenkaart.sqlite").exists()


def test_pseudonymise_needs_a_key(tmp_path: Path) -> None:
    run("template", str(tmp_path / "tpl"))
    db = tmp_path / "db.sqlite"
    refused = run("load", str(tmp_path / "tpl"), "--pseudonymise", "--database", str(db))
    assert refused.exit_code == 2
    assert "KETENKAART_PSEUDONYM_KEY" in refused.output
    env = {"KETENKAART_PSEUDONYM_KEY": "a-key-for-tests-only-123"}
    assert run("load", str(tmp_path / "tpl"), "--pseudonymise", "--database", str(db), env=env).exit_code == 0
    found = run("search", "medewerker", "--database", str(db))
    assert "PSN-" in found.output


def test_search_finds_by_name(tmp_path: Path) -> None:
    run("generate-demo", str(tmp_path / "demo"))
    db = tmp_path / "db.sqlite"
    run("load", str(tmp_path / "demo"), "--database", str(db))
    result = run("search", "welzijn", "--database", str(db))
    assert result.exit_code == 0
    assert "organisation" in result.output


def test_unknown_database_scheme_is_a_configuration_error(tmp_path: Path) -> None:
    result = run("stats", "--database", "mysql://host/db")
    assert result.exit_code == 2
    assert "unknown database URL scheme" in result.output


def test_init_db_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    assert run("init-db", "--database", str(db)).exit_code == 0
    assert run("init-db", "--database", str(db)).exit_code == 0
    assert stats(db)["organisations"] == 0


def test_demo_loads_into_the_store_every_command_uses(tmp_path: Path) -> None:
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "Ketendam" in result.output
    db = tmp_path / "data" / "ketenkaart.sqlite"  # the default store: the next commands see the demo
    assert str(db) in result.output
    plain = run("stats", "--json")
    assert json.loads(plain.stdout)["organisations"] > 100
    assert "empty" not in plain.output
    again = run("demo", "--no-serve")  # a store with data is replaced only when the user says so
    assert again.exit_code == 2
    assert "--yes" in again.output
    assert run("demo", "--no-serve", "--yes").exit_code == 0
    assert stats(db)["organisations"] > 100


def test_a_command_on_an_empty_store_says_which_and_what_to_do(tmp_path: Path) -> None:
    result = run("stats")
    assert result.exit_code == 0
    assert f"The database {tmp_path / 'data' / 'ketenkaart.sqlite'} is empty" in result.stderr
    assert "ketenkaart demo" in result.stderr


@pytest.mark.parametrize("command", [["analyse"], ["stats"], ["report", "out"]])
def test_a_reading_command_refuses_a_database_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "ketenkaart.sqlte"
    result = run(*command, "--database", str(typo))
    assert result.exit_code == 2
    assert f"there is no database at {typo}" in result.stderr
    assert not typo.exists()  # a mistyped path makes no empty database


def test_the_installed_command_runs(tmp_path: Path) -> None:
    command = shutil.which("ketenkaart", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("ketenkaart is not installed in this environment (pip install -e .)")
    done = subprocess.run(
        [command, "template", str(tmp_path / "tpl")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    module = subprocess.run(
        [sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=False
    )
    assert "generate-demo" in module.stdout
