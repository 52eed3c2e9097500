"""Survey invitations and reminders, sent to a real SMTP server (aiosmtpd) on 127.0.0.1.

Every test reads what the server received: who each message went to, the link in it,
that it names no other organisation, and that reminders skip who submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from app.settings import Settings
from app.survey.corrections import contacts, set_contact
from app.survey.links import link_rows, read_token
from app.survey.mail import (
    Mailing,
    MailServer,
    normalise_address,
    plan_mailing,
    read_addresses,
    send_mailing,
)
from graph.errors import ConfigError, MailFailed
from graph.survey import Response
from queries.sqlite import SqliteStore
from tests.app.survey.conftest import NOW, SECRET
from tests.app.survey.mailbox import Inbox, free_port

BASE = "https://kaart.ketendam.example"
ADDRESSES = {
    "A": "info@alfa-zorg.example",
    "B": "secretariaat@beta-wonen.example",
    "C": "post@gamma.example",
    "D": "jeugd@delta.example",
}
NAMES = {"A": "Alfa Zorg", "B": "Beta Wonen", "C": "Gamma Welzijn", "D": "Delta Jeugd", "E": "Epsilon Werk"}


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def smtp(inbox: Inbox) -> Iterator[MailServer]:
    """A real SMTP server on 127.0.0.1 (no TLS), and how to reach it."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield MailServer(
            host="127.0.0.1",
            port=controller.port,
            sender="enquete@ketenkaart.example",
            starttls=False,
            timeout=5,
        )
    finally:
        controller.stop()


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def mailing(store: SqliteStore, addresses: dict[str, str], *, reminder: bool = False) -> Mailing:
    survey_round = store.rounds()[0]
    rows = link_rows(survey_round, NAMES, SECRET, BASE)
    return plan_mailing(
        survey_round, rows, addresses, reminder=reminder, responses=store.responses(survey_round.id)
    )


def test_each_invited_organisation_gets_its_own_link_and_nothing_of_another(
    mini_store: SqliteStore, smtp: MailServer, inbox: Inbox
) -> None:
    # A and B gave their address through an accepted correction; C only in the analyst's file;
    # D has none; E is not invited (its address must never be used).
    set_contact(mini_store, "A", ADDRESSES["A"], by="analist", at=NOW)
    set_contact(mini_store, "B", ADDRESSES["B"], by="analist", at=NOW)
    set_contact(mini_store, "E", "werk@epsilon.example", by="analist", at=NOW)
    addresses = {**contacts(mini_store), "C": ADDRESSES["C"]}

    planned = mailing(mini_store, addresses)
    result = send_mailing(smtp, planned)

    assert sorted(result.sent) == ["A", "B", "C"]
    assert planned.without_address == ("D",)
    assert sorted(to for to, _ in inbox.received) == [[ADDRESSES["A"]], [ADDRESSES["C"]], [ADDRESSES["B"]]]
    for to, message in inbox.received:
        organisation = next(org for org, address in ADDRESSES.items() if [address] == to)
        text = body(message)
        assert message["To"] == ADDRESSES[organisation]
        assert message["From"] == "enquete@ketenkaart.example"
        assert message["Subject"] == "Uitnodiging / Invitation: Najaar 2026"
        links = [line for line in text.splitlines() if line.startswith(BASE)]
        assert len(links) == 2  # once in Dutch, once in English: the same link
        assert len(set(links)) == 1
        token = links[0].removeprefix(f"{BASE}/enquete/")
        assert read_token(SECRET, token) == ("najaar-2026", organisation)
        assert NAMES[organisation] in text
        others = [o for o in NAMES if o != organisation]
        assert not any(NAMES[o] in text for o in others)
        assert not any(
            address in text or address in str(message)
            for o, address in ADDRESSES.items()
            if o != organisation
        )
        assert "werk@epsilon.example" not in str(message)
        assert text.index("Beste collega") < text.index("Dear colleague")  # Dutch first
        assert "20 december 2026" in text
        assert "20 December 2026" in text


def test_a_reminder_goes_only_to_invited_organisations_that_have_not_submitted(
    mini_store: SqliteStore, smtp: MailServer, inbox: Inbox
) -> None:
    mini_store.save_response(Response("najaar-2026", "A", submitted=True, by="link", at=NOW))
    mini_store.save_response(Response("najaar-2026", "B", submitted=False, by="link", at=NOW))  # a draft
    mini_store.save_response(Response("najaar-2026", "C", submitted=True, by="link", at=NOW))
    mini_store.save_response(Response("najaar-2026", "D", submitted=True, by="link", at=NOW))
    reopened = Response("najaar-2026", "D", submitted=False, by="link", at=NOW)  # changed after submitting
    mini_store.save_response(reopened)
    planned = mailing(mini_store, ADDRESSES, reminder=True)
    assert planned.submitted == ("A", "C")

    result = send_mailing(smtp, planned)

    assert sorted(result.sent) == ["B", "D"]
    assert sorted(to[0] for to, _ in inbox.received) == sorted([ADDRESSES["B"], ADDRESSES["D"]])
    for _, message in inbox.received:
        assert message["Subject"] == "Herinnering / Reminder: Najaar 2026"
        assert "nog niet ingestuurd" in body(message)


def test_a_refused_connection_is_a_clear_error_naming_the_server(mini_store: SqliteStore) -> None:
    port = free_port()  # nothing listens here
    server = MailServer(
        host="127.0.0.1", port=port, sender="enquete@ketenkaart.example", starttls=False, timeout=5
    )
    with pytest.raises(MailFailed, match=f"mail server 127.0.0.1:{port}: cannot connect") as failed:
        send_mailing(server, mailing(mini_store, ADDRESSES))
    assert failed.value.server == f"127.0.0.1:{port}"
    assert failed.value.sent == ()


def test_without_starttls_on_offer_nothing_is_sent(
    mini_store: SqliteStore, smtp: MailServer, inbox: Inbox
) -> None:
    wants_tls = MailServer(host=smtp.host, port=smtp.port, sender=smtp.sender, starttls=True, timeout=5)
    with pytest.raises(MailFailed, match="does not offer STARTTLS"):
        send_mailing(wants_tls, mailing(mini_store, ADDRESSES))
    assert inbox.received == []


def test_an_address_the_server_refuses_is_reported_and_the_others_are_sent(
    mini_store: SqliteStore, smtp: MailServer, inbox: Inbox
) -> None:
    inbox.refuse = frozenset({ADDRESSES["B"]})
    result = send_mailing(smtp, mailing(mini_store, ADDRESSES))
    assert sorted(result.sent) == ["A", "C", "D"]
    assert [org for org, _ in result.refused] == ["B"]
    assert "550" in result.refused[0][1]
    assert len(inbox.received) == 3


def test_markup_and_line_breaks_in_names_stay_plain_text(
    mini_store: SqliteStore, smtp: MailServer, inbox: Inbox
) -> None:
    survey_round = mini_store.rounds()[0]
    names = {**NAMES, "A": "<b>Alfa</b>\nBcc: spion@example.org"}
    rows = link_rows(survey_round, names, SECRET, BASE)
    planned = plan_mailing(survey_round, [r for r in rows if r.organisation == "A"], ADDRESSES)
    send_mailing(smtp, planned)
    [(to, message)] = inbox.received
    assert to == [ADDRESSES["A"]]
    assert message["Bcc"] is None
    assert message.get_content_type() == "text/plain"
    assert "<b>Alfa</b> Bcc: spion@example.org" in body(message)


def test_the_server_comes_from_the_settings_and_mail_is_off_without_a_host() -> None:
    assert MailServer.from_settings(Settings(smtp_host=None)) is None
    with pytest.raises(ConfigError, match="KETENKAART_MAIL_FROM"):
        MailServer.from_settings(Settings(smtp_host="smtp.example.org"))
    server = MailServer.from_settings(
        Settings(
            smtp_host="smtp.example.org",
            smtp_port=2525,
            smtp_user="ketenkaart",
            smtp_password="geheim",  # type: ignore[arg-type]
            mail_from="Enquete@Ketendam.Example",
        )
    )
    assert server is not None
    assert (str(server), server.sender, server.starttls, server.password) == (
        "smtp.example.org:2525",
        "Enquete@ketendam.example",
        True,
        "geheim",
    )
    assert "geheim" not in repr(server)
    with pytest.raises(ConfigError, match="unencrypted"):
        MailServer.from_settings(
            Settings(
                smtp_host="smtp.example.org", smtp_user="u", smtp_starttls=False, mail_from="a@b.example"
            )
        )


@pytest.mark.parametrize(
    "text",
    ["", "geen adres", "a@b", "a@@b.example", "A <a@b.example>", "a@b.example, c@d.example", "a@.example"],
)
def test_only_a_bare_address_is_an_address(text: str) -> None:
    with pytest.raises(ValueError, match="not an e-mail address"):
        normalise_address(text)


def test_the_analysts_address_file_is_read_as_excel_saves_it(tmp_path: Path) -> None:
    saved = tmp_path / "adressen.csv"
    saved.write_bytes(
        "organisatie;e-mail\nA;info@alfa-zorg.example\nC; Post@Gamma.Example \n".encode("cp1252")
    )
    assert read_addresses(saved) == {"A": "info@alfa-zorg.example", "C": "Post@gamma.example"}
    bad = tmp_path / "fout.csv"
    bad.write_text("organisation,email\nA,info@alfa-zorg.example\nB,beta wonen\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fout\.csv line 3: 'beta wonen' is not an e-mail address"):
        read_addresses(bad)
    headless = tmp_path / "zonder.csv"
    headless.write_text("A,info@alfa-zorg.example\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="organisation,email"):
        read_addresses(headless)
