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

The round's mail goes out too: ``survey send`` right after the links and ``survey send
--reminder`` after the answers, with the addresses in an ``--emails`` CSV among the inputs,
to one real SMTP server on 127.0.0.1 (aiosmtpd, :mod:`tests.app.survey.mailbox`; no
STARTTLS, as a local server offers none) that both runs use, so the printed server
address is the same. The messages the server received from each run (envelope recipients,
every header and the body with the link) are compared between the runs as well.

One thing differs between the runs and is not about the store: the commands stamp what
they record with the clock (``survey close`` prints the time it closed the round, and
``survey status``, ``analyse`` and the report show it once the round is closed). Those
stamps, and only those of exactly the form the commands write
(``YYYY-MM-DDTHH:MM:SS+00:00``), are blanked before comparing; a store that gave a time
back in any other form would still differ. Likewise each message's ``Date`` and
``Message-ID`` headers, made when it is sent, are blanked only in the exact form
:func:`email.utils.format_datetime` and :func:`email.utils.make_msgid` give them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Final

import pytest
from aiosmtpd.controller import Controller

from app.survey import answers, corrections
from app.survey.questionnaire import for_organisation
from app.survey.rounds import get_round
from graph.survey import Interest
from queries.base import Store
from queries.registry import open_store
from tests.app.survey.mailbox import Inbox, free_port
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
SENDER: Final = "enquete@ketendam.example"
EMAILS: Final = "adressen.csv"
WITHOUT_ADDRESS: Final = "ORG0150"
"""The one demo organisation the ``--emails`` file leaves out (the HSDS ones are all in it)."""
STRAY: Final = "ORG9999"
"""An organisation in the ``--emails`` file that the round did not invite."""


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
    ("survey", "send", ROUND, "--emails", EMAILS),
    ("survey", "status", ROUND, "--json"),
    _answer,
    ("survey", "send", ROUND, "--reminder", "--emails", EMAILS),
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


def _address(organisation: str) -> str:
    return f"{organisation.lower()}@partners.example"


def _write_emails(inputs: Path) -> None:
    """The ``--emails`` file: every demo and HSDS organisation but one, and one not invited."""
    demo = (inputs / "demo" / "organisations.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    ids = [line.split(",", 1)[0] for line in demo if line] + sorted(ORG.values()) + [STRAY]
    rows = [f"{org},{_address(org)}" for org in ids if org != WITHOUT_ADDRESS]
    assert len(rows) > 100
    (inputs / EMAILS).write_text("organisation,email\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _run_scenario(inputs: Path, work: Path, database: str, port: int) -> dict[str, bytes]:
    env = {
        "KETENKAART_SECRET_KEY": SECRET,
        "KETENKAART_PUBLIC_URL": PUBLIC + "/ketenkaart",
        "KETENKAART_SMTP_HOST": "127.0.0.1",
        "KETENKAART_SMTP_PORT": str(port),
        "KETENKAART_SMTP_STARTTLS": "false",
        "KETENKAART_MAIL_FROM": SENDER,
    }
    return run_scenario(inputs, work, database, STEPS, env)


Mail = list[tuple[list[str], EmailMessage]]


@dataclass(frozen=True)
class Runs:
    """What each run printed and wrote, and the messages the SMTP server received from it."""

    sqlite: dict[str, bytes]
    neo4j: dict[str, bytes]
    sqlite_mail: Mail
    neo4j_mail: Mail


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 for both runs, and its port."""
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield received, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, inbox: tuple[Inbox, int]) -> Runs:
    """The scenario on SQLite and on Neo4j (cleared first, and after)."""
    neo4j_uri()  # without a server, skip before the SQLite run
    received, port = inbox
    root = tmp_path_factory.mktemp("survey")
    demo_inputs(root / "inputs")
    _write_emails(root / "inputs")
    on_sqlite = _run_scenario(root / "inputs", root / "sqlite", str(root / "store.sqlite"), port)
    sqlite_mail = list(received.received)
    with open_neo4j() as store:
        try:
            on_neo4j = _run_scenario(root / "inputs", root / "neo4j", neo4j_uri(), port)
        finally:
            store.clear()
    return Runs(on_sqlite, on_neo4j, sqlite_mail, received.received[len(sqlite_mail) :])


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
    on_sqlite, on_neo4j = runs.sqlite, runs.neo4j
    assert sorted(on_neo4j) == sorted(on_sqlite)
    assert "file links.csv" in on_sqlite
    assert any(name.startswith("file rapport-tabellen/enquete-") for name in on_sqlite), sorted(on_sqlite)


def test_every_output_is_byte_identical(runs: Runs) -> None:
    on_sqlite, on_neo4j = runs.sqlite, runs.neo4j
    differ = [n for n in on_sqlite if _comparable(n, on_neo4j.get(n, b"")) != _comparable(n, on_sqlite[n])]
    assert not differ, f"{differ}: " + _first_difference(
        differ[0], on_sqlite[differ[0]], on_neo4j.get(differ[0], b"")
    )


def _out(seen: dict[str, bytes], start: str) -> str:
    return next(text.decode() for name, text in seen.items() if name.startswith(start) and "stdout" in name)


def test_the_round_did_real_work_on_neo4j(runs: Runs) -> None:
    on_neo4j = runs.neo4j
    assert _out(on_neo4j, "02 survey open").strip() == ROUND
    links = on_neo4j["file links.csv"].decode("utf-8-sig").splitlines()
    assert links[0] == "organisation,name,url"
    assert len(links) > 10
    assert all(f",{PUBLIC}/enquete/" in line for line in links[1:])
    default = on_neo4j["file links-default.csv"].decode("utf-8-sig")
    assert f"{PUBLIC}/ketenkaart/enquete/" in default
    before, after = (
        json.loads(_out(on_neo4j, "06 survey status")),
        json.loads(_out(on_neo4j, "09 survey status")),
    )
    assert (before["responded"], after["responded"], after["submitted"], after["drafts"]) == (0, 4, 3, 1)
    assert after["closes"] == "2099-12-31"
    assert after["closed"] is False
    analysed = json.loads(_out(on_neo4j, "11 analyse --json"))
    assert analysed["survey"]
    changes = _out(on_neo4j, "14 survey changes")
    assert all(change in changes for change in (CHANGED, NEW, REJECTED))
    assert "Accepted" in _out(on_neo4j, "15 survey accept")
    every = _out(on_neo4j, "18 survey changes")
    assert "accepted" in every
    assert "rejected" in every
    assert "ORG0097" in _out(on_neo4j, "20 merge --lang en")
    listed_after = _out(on_neo4j, "22 merge --lang en")
    assert not re.search(rf"ORG0097.*{ORG['voedselbank']}|{ORG['voedselbank']}.*ORG0097", listed_after)
    closed = json.loads(_out(on_neo4j, "24 survey status"))
    assert closed["closed"] is True
    assert closed["closed_at"]


def _first_difference(name: str, expected: bytes, got: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), None)
    at = min(len(expected), len(got)) if at is None else at
    return (
        f"{name} differs at byte {at} (SQLite {len(expected)} bytes, Neo4j {len(got)}):\n"
        f"SQLite: {expected[max(0, at - 300) : at + 300]!r}\nNeo4j:  {got[max(0, at - 300) : at + 300]!r}"
    )


_DATE: Final = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000")
"""A ``Date`` header as :func:`email.utils.format_datetime` writes a time in UTC."""
_MESSAGE_ID: Final = re.compile(r"<\d+\.\d+\.\d+@" + re.escape(SENDER.rpartition("@")[2]) + ">")
"""A ``Message-ID`` as :func:`email.utils.make_msgid` makes it for the sender's domain."""


def _comparable_mail(mail: Mail) -> list[bytes]:
    """Each message as received: its envelope recipients, every header as sent and the decoded
    body; ``Date`` and ``Message-ID`` blanked, and only when of exactly their per-run form."""
    shown = []
    for to, message in mail:
        lines = [f"RCPT TO: {', '.join(to)}"]
        for name, value in message.raw_items():
            text = str(value)
            if name == "Date" and _DATE.fullmatch(text):
                text = "<date>"
            elif name == "Message-ID" and _MESSAGE_ID.fullmatch(text):
                text = "<message-id>"
            lines.append(f"{name}: {text}")
        body = message.get_payload(decode=True)
        assert isinstance(body, bytes)
        shown.append("\n".join(lines).encode() + b"\n\n" + body)
    return shown


def test_both_runs_sent_the_same_messages(runs: Runs) -> None:
    on_sqlite, on_neo4j = _comparable_mail(runs.sqlite_mail), _comparable_mail(runs.neo4j_mail)
    assert on_sqlite, "the SQLite run sent no mail"
    assert len(on_neo4j) == len(on_sqlite)
    differ = [n for n, (a, b) in enumerate(zip(on_sqlite, on_neo4j, strict=True)) if a != b]
    assert not differ, f"{len(differ)} messages differ: " + _first_difference(
        f"message {differ[0]}", on_sqlite[differ[0]], on_neo4j[differ[0]]
    )


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_the_mail_went_out_on_neo4j(runs: Runs, inbox: tuple[Inbox, int]) -> None:
    on_neo4j, mail = runs.neo4j, runs.neo4j_mail
    invited = json.loads(_out(on_neo4j, "06 survey status"))["invited"]
    links = on_neo4j["file links-default.csv"].decode("utf-8-sig").splitlines()[1:]
    url = {line.split(",", 1)[0]: line.rpartition(",")[2] for line in links}
    assert len(url) == invited
    invitations = [(to, m) for to, m in mail if str(m["Subject"]) == "Uitnodiging / Invitation: Najaar 2026"]
    reminders = [(to, m) for to, m in mail if str(m["Subject"]) == "Herinnering / Reminder: Najaar 2026"]
    assert len(invitations) + len(reminders) == len(mail)
    mailed = {org: _address(org) for org in url if org != WITHOUT_ADDRESS}
    assert sorted(to[0] for to, _ in invitations) == sorted(mailed.values())
    for organisation, address in mailed.items():
        message, *more = [m for to, m in invitations if to == [address]]
        assert not more
        assert (str(message["To"]), str(message["From"])) == (address, SENDER)
        assert _DATE.fullmatch(str(message["Date"]))
        assert _MESSAGE_ID.fullmatch(str(message["Message-ID"]))
        assert url[organisation] in _text(message).splitlines()  # the link on a line of its own
    port = inbox[1]
    sent = _out(on_neo4j, "05 survey send")
    assert f"Sent {len(invitations)} invitations for Najaar 2026 through 127.0.0.1:{port}." in sent
    noted = " ".join(on_neo4j[f"05 survey send {ROUND} --emails {EMAILS}: stderr"].decode().split())
    assert f"Not invited to {ROUND}, so not mailed: {STRAY}" in noted
    assert f"No address for 1 organisations, not mailed: {WITHOUT_ADDRESS}" in noted
    reminded = {to[0] for to, _ in reminders}
    assert reminded < {to[0] for to, _ in invitations}
    assert len(reminders) == len(invitations) - 3  # the three that submitted; the draft is reminded
    assert f"Sent {len(reminders)} reminders" in _out(on_neo4j, "08 survey send")
    again = on_neo4j[f"08 survey send {ROUND} --reminder --emails {EMAILS}: stderr"].decode()
    assert "Submitted already, no reminder: 3 organisations" in " ".join(again.split())
