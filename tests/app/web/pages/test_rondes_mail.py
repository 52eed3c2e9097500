"""Mailing invitations and reminders from the Rondes page, to a real SMTP server (aiosmtpd) on 127.0.0.1.

The page's callbacks run as plain functions on a real SQLite store holding the demo; the
tests read what the server received: exactly the invited organisations with an address,
each its own link, reminders skipping who submitted; and what the page says afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from dash import Dash
from dash.exceptions import PreventUpdate

from app.access import ANALYST
from app.settings import Settings
from app.survey import corrections, links, rounds
from app.web import ids
from app.web.factory import create_app
from app.web.pages import rondes, rondes_callbacks
from app.web.services import services
from graph.model import Ecosystem
from graph.survey import Response, SurveyRound
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.app.conftest import request_as, users_with
from tests.app.survey.mailbox import Inbox, free_port
from tests.app.trees import components, shown_components
from tests.app.web.pages.test_rondes import text_of

K = ids.Rondes
AT = "2026-12-06T09:00:00+00:00"
SENDER = "enquete@ketenkaart.example"


@pytest.fixture
def store(demo: Ecosystem) -> Iterator[SqliteStore]:
    with SqliteStore() as fresh:
        fresh.apply(demo)
        yield fresh


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def smtp_port(inbox: Inbox) -> Iterator[int]:
    """A real SMTP server on 127.0.0.1 (no TLS) keeping what it gets in ``inbox``; its port."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield int(controller.port)
    finally:
        controller.stop()


def _app(store: SqliteStore, **settings: object) -> Dash:
    users = users_with(("ana", "analist", None), ("piet", "partner", "ORG0043"))
    return create_app(Settings(**settings), store, users=users)  # type: ignore[arg-type]


def _mailing_app(store: SqliteStore, port: int) -> Dash:
    return _app(store, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, mail_from=SENDER)


def _round(store: SqliteStore, sector: Sector = Sector.ZORG) -> SurveyRound:
    today = date.today()
    return rounds.open_round(
        store, "Najaar 2026", today + timedelta(days=14), today=today, now=AT, by="ana", sectors=[sector]
    )


def _address(org: str) -> str:
    return f"info@{org.lower()}.example"


def _give_addresses(store: SqliteStore, organisations: list[str]) -> None:
    for org in organisations:
        corrections.set_contact(store, org, _address(org), by="ana", at=AT)


def _ask(
    app: Dash, button: str, round_id: str, lang: str = "nl"
) -> tuple[bool, str, bool, dict[str, object]]:
    clicks = (1, 0, 0) if button == K.MAIL_INVITE else (0, 1, 0)
    with request_as(app, "ana", triggered_id=button):
        hidden, question, send_disabled, asked, result = rondes_callbacks.ask_mail(*clicks, round_id, lang)
    assert result is None
    return hidden, text_of(question), send_disabled, asked


def _send(app: Dash, asked: dict[str, object], lang: str = "nl") -> str:
    with request_as(app, "ana", triggered_id=K.MAIL_SEND):
        hidden, result, cleared = rondes_callbacks.send_mail(1, asked, lang)
    assert (hidden, cleared) == (True, None)
    return text_of(result)


def _received(inbox: Inbox) -> dict[str, str]:
    """Recipient address -> the one survey link in the message it got."""
    found: dict[str, str] = {}
    for recipients, message in inbox.received:
        assert len(recipients) == 1  # every message goes to one organisation alone
        body = str(message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
        urls = {word for word in body.split() if "/enquete/" in word}
        assert len(urls) == 1
        found[recipients[0]] = urls.pop()
    return found


def test_invitations_reach_exactly_the_invited_organisations_with_an_address(
    store: SqliteStore, smtp_port: int, inbox: Inbox
) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    outsider = next(o.id for o in store.snapshot().organisations if o.id not in opened.invited)
    with_address = list(opened.invited[:3])
    _give_addresses(store, [*with_address, outsider])
    missing = len(opened.invited) - 3
    assert missing > 0
    with request_as(app, "ana"):
        assert rondes_callbacks.mail_state(opened.id, 0) == (False, False, True, None)
    hidden, question, send_disabled, asked = _ask(app, K.MAIL_INVITE, opened.id)
    assert (hidden, send_disabled) == (False, False)
    assert f"Uitnodigingen voor Najaar 2026 mailen via 127.0.0.1:{smtp_port}?" in question
    assert "Krijgen een mail: 3" in question
    assert f"Geen e-mailadres, dus geen mail: {missing}" in question
    names = {o.id: o.name for o in store.snapshot().organisations}
    without = [org for org in opened.invited if org not in with_address]
    assert all(f"{names[org]} ({org})" in question for org in without)  # listed by name
    assert inbox.received == []  # asking sends nothing

    result = _send(app, asked)
    assert "Uitnodigingen verstuurd: 3" in result
    assert f"Geen e-mailadres, dus geen mail: {missing}" in result
    got = _received(inbox)
    assert sorted(got) == sorted(_address(org) for org in with_address)  # not the outsider, nobody twice
    with request_as(app, "ana"):
        secret = links.link_secret(services().settings)
    for org in with_address:
        token = got[_address(org)].rsplit("/enquete/", 1)[1]
        assert links.read_token(secret, token) == (opened.id, org)


def test_a_confirmation_sends_once(store: SqliteStore, smtp_port: int, inbox: Inbox) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    _give_addresses(store, list(opened.invited[:2]))
    *_, asked = _ask(app, K.MAIL_INVITE, opened.id, "en")
    assert "Invitations sent: 2" in _send(app, asked, "en")
    with request_as(app, "ana", triggered_id=K.MAIL_SEND), pytest.raises(PreventUpdate):
        rondes_callbacks.send_mail(2, asked, "en")  # a double click, or the same answer again
    assert len(inbox.received) == 2


def test_a_reminder_skips_the_organisations_that_submitted(
    store: SqliteStore, smtp_port: int, inbox: Inbox
) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    submitted, draft, silent = opened.invited[:3]
    _give_addresses(store, [submitted, draft, silent])
    store.save_response(Response(opened.id, submitted, submitted=True, by="link", at=AT))
    store.save_response(Response(opened.id, draft, by="link", at=AT))
    _, question, _, asked = _ask(app, K.MAIL_REMIND, opened.id, "en")
    assert "Mail a reminder for Najaar 2026" in question
    assert "Will get a mail: 2" in question
    assert "Submitted already, so no reminder: 1" in question
    result = _send(app, asked, "en")
    assert "Reminders sent: 2" in result
    assert sorted(_received(inbox)) == sorted([_address(draft), _address(silent)])
    assert all(str(m["Subject"]).startswith("Herinnering / Reminder") for _, m in inbox.received)


def test_refused_recipients_are_listed_with_the_server_reason(
    store: SqliteStore, smtp_port: int, inbox: Inbox
) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    first, second = opened.invited[:2]
    _give_addresses(store, [first, second])
    inbox.refuse = frozenset({_address(second)})
    *_, asked = _ask(app, K.MAIL_INVITE, opened.id, "en")
    result = _send(app, asked, "en")
    names = {o.id: o.name for o in store.snapshot().organisations}
    assert "Invitations sent: 1" in result
    assert "Refused by the mail server: 1" in result
    assert f"{names[second]} ({second}): 550 5.1.1 no such mailbox" in result
    assert sorted(_received(inbox)) == [_address(first)]


def test_an_unreachable_server_is_named_and_nothing_is_sent(store: SqliteStore) -> None:
    nobody = free_port()  # nothing listens here
    app = _mailing_app(store, nobody)
    opened = _round(store)
    _give_addresses(store, list(opened.invited[:2]))
    *_, asked = _ask(app, K.MAIL_INVITE, opened.id)
    result = _send(app, asked)
    assert f"Mailen mislukt: mail server 127.0.0.1:{nobody}: cannot connect" in result
    assert "verstuurd" not in result.casefold()  # neither "sent" nor "sent before the failure"


def test_without_mail_settings_there_are_no_mail_buttons(store: SqliteStore) -> None:
    _round(store)
    app = _app(store, smtp_host=None, mail_from=None)
    with request_as(app, "ana"):
        nl, en = rondes.layout("nl", ANALYST), rondes.layout("en", ANALYST)
    shown = {getattr(c, "id", None) for c in shown_components(nl)}
    assert not shown & {K.MAIL_INVITE, K.MAIL_REMIND, K.MAIL_SEND}
    # in the page but hidden, so every mail callback's components exist
    assert {K.MAIL_INVITE, K.MAIL_REMIND, K.MAIL_SEND} <= {getattr(c, "id", None) for c in components(nl)}
    assert K.LINKS in shown  # the links for a mail merge are still there
    section = next(c for c in components(en) if getattr(c, "id", None) == K.MAIL)
    said = text_of(section)
    assert "KETENKAART_SMTP_HOST" in said
    assert "KETENKAART_MAIL_FROM" in said
    assert "mail merge" in said


def test_a_sender_missing_from_the_settings_is_said_instead_of_buttons(store: SqliteStore) -> None:
    app = _app(store, smtp_host="127.0.0.1", mail_from=None)
    with request_as(app, "ana"):
        page = rondes.layout("en", ANALYST)
    shown = {getattr(c, "id", None) for c in shown_components(page)}
    assert K.MAIL_INVITE not in shown
    section = next(c for c in components(page) if getattr(c, "id", None) == K.MAIL)
    assert "Mail is not set up right: KETENKAART_SMTP_HOST is set but KETENKAART_MAIL_FROM is not" in text_of(
        section
    )


def test_a_closed_round_offers_no_mailing(store: SqliteStore, smtp_port: int, inbox: Inbox) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    _give_addresses(store, list(opened.invited[:2]))
    *_, asked = _ask(app, K.MAIL_INVITE, opened.id)
    rounds.close(store, opened.id, now=AT)
    with request_as(app, "ana"):
        assert rondes_callbacks.mail_state(opened.id, 1)[:2] == (True, True)
    with request_as(app, "ana", triggered_id=K.MAIL_SEND):
        _, result, _ = rondes_callbacks.send_mail(1, asked, "nl")  # confirmed before it closed
    assert "Deze ronde is niet open" in text_of(result)
    assert inbox.received == []


def test_a_partner_cannot_mail(store: SqliteStore, smtp_port: int) -> None:
    app = _mailing_app(store, smtp_port)
    opened = _round(store)
    with request_as(app, "piet", triggered_id=K.MAIL_INVITE), pytest.raises(PermissionError):
        rondes_callbacks.ask_mail(1, 0, 0, opened.id, "nl")
    with request_as(app, "piet", triggered_id=K.MAIL_SEND), pytest.raises(PermissionError):
        rondes_callbacks.send_mail(1, {"round": opened.id, "reminder": False, "once": "x"}, "nl")
