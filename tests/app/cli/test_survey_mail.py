"""`ketenkaart survey send | changes | accept | reject` and `merge --not-same`, as a user runs them.

A real SQLite file, a real SMTP server on 127.0.0.1 (aiosmtpd), real output and exit codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner, Result

from app.cli.main import cli
from app.survey.corrections import contacts, propose, set_contact
from graph.model import Ecosystem, Organisation
from graph.survey import ChangeStatus, Response
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import NOW, SECRET, autumn, mini_ecosystem
from tests.app.survey.mailbox import Inbox, free_port

WIDE = {"COLUMNS": "400"}
BASE = "https://kaart.ketendam.example"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=WIDE)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store file with the mini municipality, a round open for another month, and link settings."""
    path = tmp_path / "kaart.sqlite"
    with SqliteStore(path) as store:
        store.apply(mini_ecosystem())
        store.open_round(autumn(closes=date.today() + timedelta(days=30)))
    monkeypatch.setenv("KETENKAART_SECRET_KEY", SECRET)
    monkeypatch.setenv("KETENKAART_PUBLIC_URL", BASE)
    return path


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1, named in the settings."""
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("KETENKAART_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KETENKAART_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("KETENKAART_SMTP_STARTTLS", "false")
    monkeypatch.setenv("KETENKAART_MAIL_FROM", "enquete@ketendam.example")
    try:
        yield received
    finally:
        controller.stop()


@pytest.fixture
def emails(tmp_path: Path) -> Path:
    path = tmp_path / "adressen.csv"
    path.write_text(
        "organisation,email\nA,a@alfa.example\nB,b@beta.example\nE,e@epsilon.example\n", encoding="utf-8"
    )
    return path


def recipients(inbox: Inbox) -> list[str]:
    return sorted(address for to, _ in inbox.received for address in to)


def test_send_mails_each_invited_organisation_with_an_address_its_link(
    db: Path, inbox: Inbox, emails: Path
) -> None:
    with SqliteStore(db) as store:
        set_contact(store, "C", "c@gamma.example", by="analist", at=NOW)
    result = run("survey", "send", "najaar-2026", "--emails", str(emails), "--database", str(db))
    assert result.exit_code == 0, result.output
    assert recipients(inbox) == ["a@alfa.example", "b@beta.example", "c@gamma.example"]  # E is not invited
    assert "Sent 3 invitations for Najaar 2026 through 127.0.0.1:" in result.stdout
    assert "Not invited to najaar-2026, so not mailed: E" in result.stderr
    assert "No address for 1 organisations, not mailed: D" in result.stderr
    for to, message in inbox.received:
        text = str(message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
        assert f"{BASE}/enquete/" in text
        assert to[0] not in text  # the message body names no address at all


def test_send_reminder_skips_who_submitted(db: Path, inbox: Inbox, emails: Path) -> None:
    with SqliteStore(db) as store:
        store.save_response(Response("najaar-2026", "A", submitted=True, by="link", at=NOW))
    result = run(
        "survey", "send", "najaar-2026", "--reminder", "--emails", str(emails), "--database", str(db)
    )
    assert result.exit_code == 0, result.output
    assert recipients(inbox) == ["b@beta.example"]
    assert "Submitted already, no reminder: 1 organisations" in result.stderr
    assert "Sent 1 reminders" in result.stdout


def test_send_dry_run_lists_and_sends_nothing(db: Path, inbox: Inbox, emails: Path) -> None:
    result = run("survey", "send", "najaar-2026", "--dry-run", "--emails", str(emails), "--database", str(db))
    assert result.exit_code == 0, result.output
    assert "a@alfa.example" in result.stdout
    assert "b@beta.example" in result.stdout
    assert "nothing was sent" in result.stdout
    assert inbox.received == []


def test_send_without_a_mail_server_points_to_the_links_csv(db: Path, emails: Path) -> None:
    result = run("survey", "send", "najaar-2026", "--emails", str(emails), "--database", str(db))
    assert result.exit_code == 2
    assert "no mail server" in result.stderr
    assert "ketenkaart survey links najaar-2026" in result.stderr


def test_send_to_a_server_that_refuses_the_connection_names_it(
    db: Path, emails: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("KETENKAART_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KETENKAART_SMTP_PORT", str(port))
    monkeypatch.setenv("KETENKAART_SMTP_STARTTLS", "false")
    monkeypatch.setenv("KETENKAART_MAIL_FROM", "enquete@ketendam.example")
    result = run("survey", "send", "najaar-2026", "--emails", str(emails), "--database", str(db))
    assert result.exit_code == 1
    assert f"mail server 127.0.0.1:{port}: cannot connect" in " ".join(result.stderr.split())


def test_send_refuses_a_closed_round_and_an_unknown_one(db: Path, inbox: Inbox, emails: Path) -> None:
    unknown = run("survey", "send", "voorjaar", "--emails", str(emails), "--database", str(db))
    assert unknown.exit_code == 3
    assert "no survey round 'voorjaar'" in unknown.stderr
    assert run("survey", "close", "najaar-2026", "--database", str(db)).exit_code == 0
    closed = run("survey", "send", "najaar-2026", "--emails", str(emails), "--database", str(db))
    assert closed.exit_code == 1
    assert "closed" in closed.stderr
    assert inbox.received == []


def test_changes_are_listed_accepted_and_rejected_from_the_command_line(db: Path) -> None:
    with SqliteStore(db) as store:
        rename = propose(
            store, "A", {"name": "Alfa Zorg Ketendam", "contact": "a@alfa.example"}, by="link", at=NOW
        )
        wrong = propose(store, "B", {"areas": "WK990102"}, by="link", at=NOW)
        new = propose(store, "", {"name": "Buurtkamer De Linde"}, by="link", at=NOW)
    listed = run("survey", "changes", "--database", str(db))
    assert listed.exit_code == 0, listed.output
    assert {rename.id, wrong.id, new.id} <= set(re.findall(r"\b[0-9a-f]{16}\b", listed.stdout))
    assert "name=Alfa Zorg Ketendam" in listed.stdout

    assert run("survey", "accept", rename.id, "--database", str(db)).exit_code == 0
    no_sector = run("survey", "accept", new.id, "--database", str(db))
    assert no_sector.exit_code == 1
    assert "a new organisation needs a sector" in no_sector.stderr
    added = run("survey", "accept", new.id, "--sector", "welzijn", "--id", "F", "--database", str(db))
    assert added.exit_code == 0, added.output
    no_reason = run("survey", "reject", wrong.id, "--database", str(db))
    assert no_reason.exit_code == 2  # --reason is required
    assert (
        run("survey", "reject", wrong.id, "--reason", "Werkt niet in Noord", "--database", str(db)).exit_code
        == 0
    )
    again = run("survey", "accept", wrong.id, "--database", str(db))
    assert again.exit_code == 3
    assert "rejected already" in again.stderr

    with SqliteStore(db) as store:
        names = {o.id: o.name for o in store.snapshot().organisations}
        assert names["A"] == "Alfa Zorg Ketendam"
        assert names["F"] == "Buurtkamer De Linde"
        assert contacts(store) == {"A": "a@alfa.example"}
        decided = {c.id: (c.status, c.reason) for c in store.proposed_changes()}
        assert decided[wrong.id] == (ChangeStatus.REJECTED, "Werkt niet in Noord")
        assert "WK990102" not in next(o for o in store.snapshot().organisations if o.id == "B").areas
    pending = run("survey", "changes", "--database", str(db))
    assert "No pending changes." in pending.stdout


def test_merge_not_same_remembers_the_verdict_and_the_pair_is_not_listed_again(tmp_path: Path) -> None:
    path = tmp_path / "dubbel.sqlite"
    with SqliteStore(path) as store:
        store.apply(
            Ecosystem(
                organisations=(
                    Organisation("O1", "Stichting De Brug", Sector.WELZIJN),
                    Organisation("O2", "De Brug", Sector.WELZIJN),
                    Organisation("O3", "Brug", Sector.WELZIJN),
                )
            )
        )
    before = run("merge", "--database", str(path), "--lang", "en")
    assert "3 pairs" in before.stdout
    decided = run("merge", "O2", "O1", "--not-same", "--database", str(path))
    assert decided.exit_code == 0, decided.output
    assert "O2 and O1 are different organisations" in decided.stdout
    after = run("merge", "--database", str(path), "--lang", "en")
    assert "2 pairs" in after.stdout
    assert "ketenkaart merge O1 O2" not in after.stdout
    unknown = run("merge", "O1", "O9", "--not-same", "--database", str(path))
    assert unknown.exit_code == 2
    assert "no organisation with id O9" in unknown.stderr
    with SqliteStore(path) as store:
        [verdict] = store.pair_decisions()
        assert (verdict.first, verdict.second, verdict.same) == ("O1", "O2", False)
        assert verdict.by
        assert verdict.at
