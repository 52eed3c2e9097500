"""A whole survey round, run as an analyst runs it, gives the same bytes on Neo4j as on SQLite.

The scenario loads the demo, opens a round (fixed ``--closes`` and ``--period``), writes
the links CSV (the same secret key and public address on both runs), saves partners'
answers and proposed corrections through the service the questionnaire uses
(:func:`app.survey.answers.save`, :func:`app.survey.corrections.propose`, with fixed
times), then prints the status, the analysis and the report with their survey parts,
reviews the corrections, remembers a "not the same organisation" decision, lists the
duplicates again and closes the round. It runs twice, once on a SQLite file and once with
``KETENKAART_DATABASE=bolt://…`` on the real server, in folders with the same relative
paths, and every printed line and written file is compared byte for byte.

One thing differs between the runs and is not about the store: the commands stamp what
they record with the clock (``survey close`` prints the time it closed the round, and
``survey status``, ``analyse`` and the report show it once the round is closed). Those
stamps, and only those of exactly the form the commands write
(``YYYY-MM-DDTHH:MM:SS+00:00``), are blanked before comparing; a store that gave a time
back in any other form would still differ.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Final

import pytest

from app.survey import answers, corrections
from app.survey.questionnaire import for_organisation
from app.survey.rounds import get_round
from graph.survey import Interest
from queries.base import Store
from queries.registry import open_store
from tests.conftest import neo4j_options, neo4j_uri
from tests.loaders.hsds_package import ORG
from tests.neo4j.conftest import Step, demo_inputs, open_neo4j, run_scenario

SECRET: Final = "survey-on-neo4j-secret-0123456789"
PUBLIC: Final = "https://kaart.voorbeeld.nl"
NOW: Final = "2026-12-06T10:00:00+00:00"
ROUND: Final = "najaar-2026"
CHANGED: Final = "wijz-bestaand"
NEW: Final = "wijz-nieuw"
REJECTED: Final = "wijz-afgewezen"


def _answer(database: str) -> None:
    """Partners answer through the questionnaire's service: three submit, one saves a draft."""
    with _opened(database) as store:
        chosen = get_round(store, ROUND)
        invited = sorted(chosen.invited)
        asked = [for_organisation(store, chosen, org) for org in invited]
        with_ties = [q for q in asked if len(q.ties) >= 2][:4]
        assert len(with_ties) == 4
        outsider = next(org for org in invited if all(org not in q.shown_partners() for q in with_ties))
        for number, q in enumerate(with_ties):
            first, second = q.ties[0], q.ties[1]
            ties: list[dict[str, object]] = [
                {
                    "partner": first.partner,
                    "status": "confirmed",
                    "frequency": 1 + number,
                    "ratings": {"reliable": 4 - number % 2, "open": 3, "shared_goal": 2 + number % 3},
                },
                {"partner": second.partner, "status": "rejected"},
                {"partner": "", "status": "added", "new_name": f"Buurtkamer De Linde {number}"},
            ]
            if outsider != q.organisation:
                ties.append({"partner": outsider, "status": "added", "frequency": 2})
            suggested = [
                {"partner": s.partner, "answer": list(Interest)[(number + i) % 3].value}
                for i, s in enumerate(q.suggestions)
            ]
            for submitted in (False, number < 3):  # a draft first; the last partner stays a draft
                answers.save(
                    store,
                    chosen,
                    q.organisation,
                    ties,
                    suggested,
                    submitted=submitted,
                    by="link",
                    now=NOW,
                    today=date.today(),
                    shown=q.shown_partners(),
                )
        proposer = with_ties[0].organisation
        corrections.propose(
            store, proposer, {"expertise": "schuldhulp; taalles"}, by="link", at=NOW, change_id=CHANGED
        )
        corrections.propose(
            store, "", {"name": "Buurtkamer De Linde", "areas": "WK990101"}, by="link", at=NOW, change_id=NEW
        )
        corrections.propose(
            store, proposer, {"name": "Een andere naam"}, by="link", at=NOW, change_id=REJECTED
        )


def _opened(database: str) -> Store:
    return open_store(database, neo4j_options()) if "://" in database else open_store(database)


STEPS: tuple[Step, ...] = (
    ("load", "demo"),
    ("import-hsds", "hsds"),
    ("survey", "open", "Najaar 2026", "--closes", "2099-12-31", "--period", "2026-Q4"),
    ("survey", "links", ROUND, "links.csv", "--base-url", PUBLIC),
    ("survey", "links", ROUND, "links-default.csv"),
    ("survey", "status", ROUND, "--json"),
    _answer,
    ("survey", "status", ROUND, "--json"),
    ("survey", "status", ROUND),
    ("analyse", "--json"),
    ("analyse", "--layers", "reported", "--json"),
    ("report", "rapport.html", "--lang", "en"),
    ("survey", "changes"),
    ("survey", "accept", CHANGED),
    ("survey", "accept", NEW, "--sector", "welzijn"),
    ("survey", "reject", REJECTED, "--reason", "Naam staat in het handelsregister anders."),
    ("survey", "changes", "--status", "all"),
    ("stats", "--json"),
    ("merge", "--lang", "en"),
    ("merge", "ORG0097", ORG["voedselbank"], "--not-same"),
    ("merge", "--lang", "en"),
    ("survey", "close", ROUND),
    ("survey", "status", ROUND, "--json"),
    ("analyse", "--json"),
    ("report", "rapport-na.html", "--lang", "nl"),
)


def _run_scenario(inputs: Path, work: Path, database: str) -> dict[str, bytes]:
    env = {"KETENKAART_SECRET_KEY": SECRET, "KETENKAART_PUBLIC_URL": PUBLIC + "/ketenkaart"}
    return run_scenario(inputs, work, database, STEPS, env)


Runs = tuple[dict[str, bytes], dict[str, bytes]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The scenario on SQLite and on Neo4j (cleared first, and after)."""
    neo4j_uri()  # without a server, skip before the SQLite run
    root = tmp_path_factory.mktemp("survey")
    demo_inputs(root / "inputs")
    on_sqlite = _run_scenario(root / "inputs", root / "sqlite", str(root / "store.sqlite"))
    with open_neo4j() as store:
        try:
            on_neo4j = _run_scenario(root / "inputs", root / "neo4j", neo4j_uri())
        finally:
            store.clear()
    return on_sqlite, on_neo4j


_CLOCK: Final = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00")
_CLOSED_AT: Final = next(
    n for n, step in enumerate(STEPS) if isinstance(step, tuple) and step[:2] == ("survey", "close")
)


def _stamped(name: str) -> bool:
    """Whether an output may hold the clock's time: ``survey status``, and all after the close."""
    if name.startswith("file "):
        return name.startswith("file rapport-na")
    return "survey status" in name or int(name[:2]) >= _CLOSED_AT


def _comparable(name: str, data: bytes) -> bytes:
    """The bytes; where the commands' clock may show (:func:`_stamped`), with its times blanked."""
    if _stamped(name):
        return _CLOCK.sub(lambda m: b"<now>" if m.group() != NOW.encode() else m.group(), data)
    return data


def test_both_runs_printed_and_wrote_the_same_things(runs: Runs) -> None:
    on_sqlite, on_neo4j = runs
    assert sorted(on_neo4j) == sorted(on_sqlite)
    assert "file links.csv" in on_sqlite
    assert any(name.startswith("file rapport-tabellen/enquete-") for name in on_sqlite), sorted(on_sqlite)


def test_every_output_is_byte_identical(runs: Runs) -> None:
    on_sqlite, on_neo4j = runs
    differ = [n for n in on_sqlite if _comparable(n, on_neo4j.get(n, b"")) != _comparable(n, on_sqlite[n])]
    assert not differ, f"{differ}: " + _first_difference(
        differ[0], on_sqlite[differ[0]], on_neo4j.get(differ[0], b"")
    )


def _out(seen: dict[str, bytes], start: str) -> str:
    return next(text.decode() for name, text in seen.items() if name.startswith(start) and "stdout" in name)


def test_the_round_did_real_work_on_neo4j(runs: Runs) -> None:
    _, on_neo4j = runs
    assert _out(on_neo4j, "02 survey open").strip() == ROUND
    links = on_neo4j["file links.csv"].decode("utf-8-sig").splitlines()
    assert links[0] == "organisation,name,url"
    assert len(links) > 10
    assert all(f",{PUBLIC}/enquete/" in line for line in links[1:])
    default = on_neo4j["file links-default.csv"].decode("utf-8-sig")
    assert f"{PUBLIC}/ketenkaart/enquete/" in default
    before, after = (
        json.loads(_out(on_neo4j, "05 survey status")),
        json.loads(_out(on_neo4j, "07 survey status")),
    )
    assert (before["responded"], after["responded"], after["submitted"], after["drafts"]) == (0, 4, 3, 1)
    assert after["closes"] == "2099-12-31"
    assert after["closed"] is False
    analysed = json.loads(_out(on_neo4j, "09 analyse --json"))
    assert analysed["survey"]
    changes = _out(on_neo4j, "12 survey changes")
    assert all(change in changes for change in (CHANGED, NEW, REJECTED))
    assert "Accepted" in _out(on_neo4j, "13 survey accept")
    every = _out(on_neo4j, "16 survey changes")
    assert "accepted" in every
    assert "rejected" in every
    assert "ORG0097" in _out(on_neo4j, "18 merge --lang en")
    listed_after = _out(on_neo4j, "20 merge --lang en")
    assert not re.search(rf"ORG0097.*{ORG['voedselbank']}|{ORG['voedselbank']}.*ORG0097", listed_after)
    closed = json.loads(_out(on_neo4j, "22 survey status"))
    assert closed["closed"] is True
    assert closed["closed_at"]


def _first_difference(name: str, expected: bytes, got: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), None)
    at = min(len(expected), len(got)) if at is None else at
    return (
        f"{name} differs at byte {at} (SQLite {len(expected)} bytes, Neo4j {len(got)}):\n"
        f"SQLite: {expected[max(0, at - 300) : at + 300]!r}\nNeo4j:  {got[max(0, at - 300) : at + 300]!r}"
    )
