"""``ketenkaart survey`` as an analyst runs it, on the demo municipality in a real SQLite file."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli.main import cli
from app.settings import Settings
from app.survey.answers import save
from app.survey.links import check_link, link_secret
from graph.errors import LinkRefused
from graph.model import Ecosystem
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore

ROOT = Path(__file__).parents[3]
TODAY = date.today()
CLOSES = (TODAY + timedelta(days=14)).isoformat()
PUBLIC = "https://kaart.example.nl"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"KETENKAART_PUBLIC_URL": PUBLIC}, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path, demo: Ecosystem) -> Path:
    """The demo municipality in a SQLite file."""
    path = tmp_path / "demo.sqlite"
    with SqliteStore(path) as store:
        store.init_schema()
        store.apply(demo)
    return path


def _open(db: Path, *options: str) -> str:
    result = run("survey", "open", "Najaar 2026", "--closes", CLOSES, "--database", str(db), *options)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _status(db: Path, round_id: str) -> dict[str, object]:
    result = run("survey", "status", round_id, "--json", "--database", str(db))
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_round_from_opening_to_closing(db: Path, tmp_path: Path, demo: Ecosystem) -> None:
    opened = run(
        "survey", "open", "Najaar 2026", "--closes", CLOSES, "--period", "2026-Q4", "--database", str(db)
    )
    assert opened.exit_code == 0, opened.output
    assert opened.stdout == "najaar-2026\n"  # only the id on standard output
    assert f"for {len(demo.organisations)} organisations" in opened.stderr

    out = tmp_path / "mail" / "links.csv"
    links = run("survey", "links", "najaar-2026", str(out), "--database", str(db))
    assert links.exit_code == 0, links.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {o.id: o.name for o in demo.organisations}
    assert list(rows[0]) == ["organisation", "name", "url"]
    assert {r["organisation"]: r["name"] for r in rows} == names
    secret = link_secret(Settings())  # the key file the command made in the data folder
    with SqliteStore(db) as store:
        for row in rows:
            assert row["url"].startswith(f"{PUBLIC}/enquete/")
            token = row["url"].rsplit("/", 1)[1]
            assert check_link(store, secret, token, TODAY)[1] == row["organisation"]
        first = rows[0]["organisation"]
        save(
            store,
            "najaar-2026",
            first,
            [],
            [],
            submitted=True,
            by="link",
            now="2026-12-06T10:00:00+00:00",
            today=TODAY,
        )

    status = _status(db, "najaar-2026")
    assert {
        k: status[k] for k in ("round", "period", "closes", "closed", "invited", "responded", "submitted")
    } == {
        "round": "najaar-2026",
        "period": "2026-Q4",
        "closes": CLOSES,
        "closed": False,
        "invited": len(names),
        "responded": 1,
        "submitted": 1,
    }
    table = run("survey", "status", "najaar-2026", "--database", str(db))
    assert table.exit_code == 0
    assert "responded" in table.stdout
    assert "Najaar 2026" in table.stdout

    closed = run("survey", "close", "najaar-2026", "--database", str(db))
    assert closed.exit_code == 0, closed.output
    assert "Closed Najaar 2026 (najaar-2026)" in closed.stdout
    assert _status(db, "najaar-2026")["closed"] is True
    with SqliteStore(db) as store, pytest.raises(LinkRefused) as refused:
        check_link(store, secret, rows[0]["url"].rsplit("/", 1)[1], TODAY)
    assert refused.value.why == "expired"
    again = run("survey", "links", "najaar-2026", str(out), "--database", str(db))
    assert again.exit_code == 1
    assert "closed" in again.stderr


def test_a_round_for_some_sectors_and_wijken(db: Path, demo: Ecosystem) -> None:
    wijk = next(a.code for a in demo.areas if a.code.startswith("WK"))
    round_id = _open(db, "--sector", "zorg", "--sector", "JEUGD", "--wijk", wijk.lower())
    expected = {
        o.id
        for o in demo.organisations
        if o.sector in (Sector.ZORG, Sector.JEUGD)
        and any(code[2:8] == wijk[2:] for code in o.areas)  # a wijk or its buurt
    }
    assert 0 < _status(db, round_id)["invited"] == len(expected) < len(demo.organisations)  # type: ignore[operator]
    assert _open(db) == "najaar-2026-2"  # a second round of the same name


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["survey", "open", "Najaar", "--closes", "20-12-2026"], 2, "'20-12-2026' is not a date YYYY-MM-DD"),
        (["survey", "open", "Najaar", "--closes", "2026-02-30"], 2, "is not a date YYYY-MM-DD"),
        (["survey", "open", "Najaar", "--closes", "2020-01-01"], 2, "has passed"),
        (["survey", "open", "Najaar", "--closes", CLOSES, "--sector", "kunst"], 2, "'kunst' is not one of"),
        (["survey", "open", "Najaar", "--closes", CLOSES, "--wijk", "WK999999"], 2, "no wijk WK999999"),
        (["survey", "open", "Najaar", "--closes", CLOSES, "--period", "2026-Q5"], 2, "YYYY-Qn"),
        (["survey", "status", "najaar"], 2, "no survey round 'najaar'"),
        (["survey", "close", "najaar"], 2, "no survey round 'najaar'"),
        (["survey", "links", "najaar", "out.csv"], 2, "no survey round 'najaar'"),
    ],
)
def test_mistakes_get_a_clear_message_and_an_exit_code(
    db: Path, args: list[str], code: int, words: str
) -> None:
    result = run(*args, "--database", str(db))
    assert result.exit_code == code, result.output
    assert words in " ".join(result.stderr.split())
    with SqliteStore(db) as store:
        assert store.rounds() == []


def test_links_need_a_web_address(db: Path, tmp_path: Path) -> None:
    round_id = _open(db)
    result = run(
        "survey",
        "links",
        round_id,
        str(tmp_path / "l.csv"),
        "--base-url",
        "kaart.example.nl",
        "--database",
        str(db),
    )
    assert result.exit_code == 2
    assert "must start with http:// or https://" in result.stderr
    assert not (tmp_path / "l.csv").exists()


def test_survey_open_prints_the_round_id_for_a_script(db: Path) -> None:
    """As a shell runs it: ``ROUND=$(ketenkaart survey open ...)`` keeps just the id."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "survey",
            "open",
            "Voorjaar 2027",
            "--closes",
            CLOSES,
            "--database",
            str(db),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "voorjaar-2027\n"
    assert "ketenkaart survey links voorjaar-2027" in done.stderr
