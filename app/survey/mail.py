"""Survey invitations and reminders by e-mail, through the SMTP server the settings name.

Mail is optional: without ``KETENKAART_SMTP_HOST`` the app sends nothing and the analyst
downloads the links for a mail merge (``ketenkaart survey links``). With it,
``ketenkaart survey send ROUND`` mails every invited organisation its own link, and
``--reminder`` mails those invited organisations that have not submitted (a draft saved
halfway is not submitted).

Each organisation gets its own message, addressed to it alone: one message names one
organisation and holds one link, so no organisation sees another's address, link or
name. The text is in Dutch, then English, in one message; it is plain text, so nothing
in a name can act as markup.

An organisation's address is its *contact*: the one a partner gave in a correction that
an analyst accepted (:func:`app.survey.corrections.contacts`), or, for one mailing, the one
an analyst gives in a CSV file of ``organisation,email`` (:func:`read_addresses`), which
takes precedence. An organisation without an address is listed, not mailed.

The connection is encrypted with STARTTLS unless the settings turn it off; a password is
never sent over an unencrypted connection except to a server on this machine. A server
that cannot be reached or refuses the mail raises :class:`graph.errors.MailFailed`, which
names the server and the organisations already mailed.

>>> normalise_address("  Info@De-Brug.Example ")
'Info@de-brug.example'
>>> normalise_address("geen adres")
Traceback (most recent call last):
...
ValueError: 'geen adres' is not an e-mail address
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Final

from babel.dates import format_date

from app.survey.links import LinkRow
from graph.errors import ConfigError, MailFailed
from graph.survey import Response, SurveyRound
from loaders.readers import parse_csv
from loaders.report import LoadReport

if TYPE_CHECKING:
    from app.settings import Settings

__all__ = [
    "MAX_ADDRESS",
    "Invitation",
    "MailServer",
    "Mailing",
    "SendResult",
    "invitation_message",
    "normalise_address",
    "plan_mailing",
    "read_addresses",
    "send_mailing",
]

MAX_ADDRESS: Final = 254
"""The longest e-mail address (RFC 5321's path limit less the angle brackets)."""

_TIMEOUT: Final = 30.0
_LOOPBACK_NAMES: Final = frozenset({"localhost", "localhost.localdomain"})


def normalise_address(text: str) -> str:
    """An e-mail address as given, trimmed, its domain in lower case; ``ValueError`` if it is none.

    Only a bare address (``name@domain.tld``) is taken: no display name, no second
    address, no white space, and a domain with at least one dot.
    """
    cleaned = text.strip()
    problem = ValueError(f"{cleaned[:60]!r} is not an e-mail address")
    if not cleaned or len(cleaned) > MAX_ADDRESS or any(c.isspace() or c in "<>,;\"'" for c in cleaned):
        raise problem
    try:
        parsed = Address(addr_spec=cleaned)
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise problem from exc
    domain = parsed.domain.lower()
    labels = domain.split(".")
    if not parsed.username or len(labels) < 2 or not all(labels) or domain.startswith("["):
        raise problem
    return f"{parsed.username}@{domain}"


@dataclass(frozen=True, slots=True)
class MailServer:
    """Where and how to send: from the ``smtp_*`` settings and ``mail_from``.

    ``str(server)`` is ``host:port``, the name error messages use (never the password).
    """

    host: str
    sender: str
    port: int = 587
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True
    timeout: float = _TIMEOUT

    def __post_init__(self) -> None:
        if self.user and not self.starttls and not _is_loopback(self.host):
            raise ConfigError(
                f"KETENKAART_SMTP_STARTTLS is off, so the password for {self.user!r} would cross the network "
                f"to {self.host} unencrypted; turn STARTTLS on (or use a server on this machine)"
            )

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_settings(cls, settings: Settings) -> MailServer | None:
        """The server the settings name, or ``None`` when ``smtp_host`` is not set (no mail).

        Raises :class:`graph.errors.ConfigError` when ``mail_from`` is missing or no address,
        or when a login would go unencrypted to another machine.
        """
        if not settings.smtp_host:
            return None
        if not settings.mail_from:
            raise ConfigError("KETENKAART_SMTP_HOST is set but KETENKAART_MAIL_FROM is not: set the sender")
        try:
            sender = normalise_address(settings.mail_from)
        except ValueError as exc:
            raise ConfigError(f"KETENKAART_MAIL_FROM: {exc}") from exc
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(
            host=settings.smtp_host,
            sender=sender,
            port=settings.smtp_port,
            user=settings.smtp_user or None,
            password=password,
            starttls=settings.smtp_starttls,
        )


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Invitation:
    """One message to send: an organisation, its address and its own link."""

    organisation: str
    name: str
    address: str
    url: str


@dataclass(frozen=True, slots=True)
class Mailing:
    """What one ``survey send`` will do.

    ``invitations`` are the messages to send; ``without_address`` the organisations due a
    message that have no address; ``submitted`` the invited organisations a reminder
    skips because they have submitted.
    """

    round: SurveyRound
    reminder: bool
    invitations: tuple[Invitation, ...]
    without_address: tuple[str, ...] = ()
    submitted: tuple[str, ...] = ()


def plan_mailing(
    survey_round: SurveyRound,
    links: Iterable[LinkRow],
    addresses: Mapping[str, str],
    *,
    reminder: bool = False,
    responses: Iterable[Response] = (),
) -> Mailing:
    """Who gets a message: every invited organisation, or for a reminder those not submitted.

    Parameters
    ----------
    survey_round : SurveyRound
        The round; only its invited organisations are mailed, whatever ``links`` holds.
    links : iterable of LinkRow
        Each invited organisation's name and link (:func:`app.survey.links.link_rows`).
    addresses : mapping of str to str
        Organisation id to e-mail address.
    reminder : bool
        Mail only the invited organisations whose latest answers are not submitted.
    responses : iterable of Response
        The latest version of each organisation's answers (``Store.responses``); used
        for a reminder.

    Returns
    -------
    Mailing
        The invitations in the order of ``links``, and who is left out and why.
    """
    invited = frozenset(survey_round.invited)
    done = {r.organisation for r in responses if r.submitted and r.organisation in invited}
    due = [row for row in links if row.organisation in invited]
    skipped = sorted(row.organisation for row in due if reminder and row.organisation in done)
    due = [row for row in due if not (reminder and row.organisation in done)]
    invitations = tuple(
        Invitation(row.organisation, row.name, addresses[row.organisation], row.url)
        for row in due
        if addresses.get(row.organisation)
    )
    missing = sorted(row.organisation for row in due if not addresses.get(row.organisation))
    return Mailing(survey_round, reminder, invitations, tuple(missing), tuple(skipped))


def _day(survey_round: SurveyRound, locale: str) -> str:
    return str(format_date(survey_round.closes, "d MMMM y", locale=locale))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _body(invitation: Invitation, survey_round: SurveyRound, *, reminder: bool) -> str:
    name, url, title = _one_line(invitation.name), invitation.url, _one_line(survey_round.name)
    nl_day, en_day = _day(survey_round, "nl_NL"), _day(survey_round, "en_GB")
    if reminder:
        nl_opening = (
            f"U heeft de vragenlijst \u201c{title}\u201d voor {name} nog niet ingestuurd. "
            "Wat u al opsloeg, staat klaar: met dezelfde link gaat u verder."
        )
        en_opening = (
            f"{name} has not yet submitted the questionnaire \u201c{title}\u201d. "
            "Whatever you saved is still there: the same link takes you back to it."
        )
    else:
        nl_opening = (
            f"Ketenkaart brengt in kaart wie in het sociaal domein met wie samenwerkt. In de ronde "
            f"\u201c{title}\u201d vragen we {name} welke samenwerkingen kloppen, welke ontbreken en "
            "hoe vaak en hoe goed u samenwerkt. Invullen kost ongeveer tien minuten; tussendoor "
            "opslaan en later verdergaan kan."
        )
        en_opening = (
            f"Ketenkaart maps who works with whom in the social domain. In the round \u201c{title}\u201d "
            f"we ask {name} which ties are right, which are missing, and how often and how well you "
            "work together. It takes about ten minutes; you can save halfway and come back later."
        )
    return (
        "(English below)\n\n"
        "Beste collega,\n\n"
        f"{nl_opening}\n\n"
        f"Uw persoonlijke link:\n{url}\n\n"
        f"De link is alleen voor {name}: stuur hem niet door. Hij werkt tot en met {nl_day}.\n\n"
        "Met vriendelijke groet,\nKetenkaart\n\n"
        "----------------------------------------------------------------------\n\n"
        "Dear colleague,\n\n"
        f"{en_opening}\n\n"
        f"Your personal link:\n{url}\n\n"
        f"The link is for {name} only: please do not forward it. It works until {en_day} inclusive.\n\n"
        "Kind regards,\nKetenkaart\n"
    )


def invitation_message(
    invitation: Invitation, survey_round: SurveyRound, sender: str, *, reminder: bool = False
) -> EmailMessage:
    """The message for one organisation: to its address only, Dutch first, then English."""
    title = _one_line(survey_round.name)
    subject = f"Herinnering / Reminder: {title}" if reminder else f"Uitnodiging / Invitation: {title}"
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = invitation.address
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message["Content-Language"] = "nl, en"
    message.set_content(_body(invitation, survey_round, reminder=reminder))
    return message


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the server took: ``sent`` organisations, and ``refused`` ones with the server's reason."""

    sent: tuple[str, ...]
    refused: tuple[tuple[str, str], ...] = ()


def _connect(server: MailServer) -> smtplib.SMTP:
    try:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailFailed(
            str(server), f"cannot connect ({_reason(exc)}); check KETENKAART_SMTP_HOST and _PORT"
        ) from exc
    try:
        if server.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if server.user:
            smtp.login(server.user, server.password or "")
    except smtplib.SMTPNotSupportedError as exc:
        smtp.close()
        raise MailFailed(
            str(server), "the server does not offer STARTTLS, so nothing was sent (KETENKAART_SMTP_STARTTLS)"
        ) from exc
    except smtplib.SMTPAuthenticationError as exc:
        smtp.close()
        raise MailFailed(str(server), f"login as {server.user!r} refused ({_reason(exc)})") from exc
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise MailFailed(str(server), f"the connection failed ({_reason(exc)})") from exc
    return smtp


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return f"{exc.smtp_code} {_one_line(str(text))}"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer in time"
    return _one_line(str(exc)) or type(exc).__name__


def send_mailing(server: MailServer, mailing: Mailing) -> SendResult:
    """Send each invitation as its own message over one connection.

    A recipient the server refuses is reported in ``refused`` and the rest are sent.
    Raises :class:`graph.errors.MailFailed` when the server cannot be reached, refuses the
    login or the sender, or drops the connection; ``sent`` on the error lists who was
    mailed before that.
    """
    messages = [
        (inv.organisation, invitation_message(inv, mailing.round, server.sender, reminder=mailing.reminder))
        for inv in mailing.invitations
    ]
    return _send(server, messages)


def _send(server: MailServer, messages: Sequence[tuple[str, EmailMessage]]) -> SendResult:
    if not messages:
        return SendResult(())
    sent: list[str] = []
    refused: list[tuple[str, str]] = []
    smtp = _connect(server)
    try:
        for organisation, message in messages:
            try:
                smtp.send_message(message)
            except smtplib.SMTPRecipientsRefused as exc:
                reasons = "; ".join(
                    _reason(smtplib.SMTPResponseException(*r)) for r in exc.recipients.values()
                )
                refused.append((organisation, reasons))
                smtp.rset()
            except smtplib.SMTPSenderRefused as exc:
                raise MailFailed(
                    str(server), f"the sender {server.sender} was refused ({_reason(exc)})", sent=tuple(sent)
                ) from exc
            except smtplib.SMTPDataError as exc:
                refused.append((organisation, _reason(exc)))
                smtp.rset()
            else:
                sent.append(organisation)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailFailed(
            str(server),
            f"the connection failed after {len(sent)} of {len(messages)} messages ({_reason(exc)})",
            sent=tuple(sent),
        ) from exc
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return SendResult(tuple(sent), tuple(refused))


def read_addresses(path: Path) -> dict[str, str]:
    """The addresses in a CSV file with the columns ``organisation`` and ``email``.

    The file may be comma or semicolon separated, UTF-8 or cp1252 (as Dutch Excel saves);
    Dutch headers (``organisatie``, ``e-mail``) are read too. Raises
    :class:`graph.errors.ConfigError` naming the line of the first problem.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    report = LoadReport(path.name)
    parsed = parse_csv(path.name, data, report)
    if parsed is None:
        first = report.errors[0]
        raise ConfigError(f"{path.name}: {first.message}")
    header = [h.strip().lower().replace("-", "").replace("_", "") for h in parsed.header]
    try:
        org_at = next(
            i for i, h in enumerate(header) if h in {"organisation", "organisatie", "organization", "id"}
        )
        mail_at = next(
            i for i, h in enumerate(header) if h in {"email", "mail", "emailaddress", "emailadres"}
        )
    except StopIteration:
        raise ConfigError(f"{path.name}: the first line must name the columns organisation,email") from None
    addresses: dict[str, str] = {}
    for line, cells in parsed.rows:
        organisation = cells[org_at].strip() if org_at < len(cells) else ""
        given = cells[mail_at] if mail_at < len(cells) else ""
        if not organisation:
            raise ConfigError(f"{path.name} line {line}: no organisation id")
        try:
            address = normalise_address(given)
        except ValueError as exc:
            raise ConfigError(f"{path.name} line {line}: {exc}") from exc
        if addresses.get(organisation, address) != address:
            raise ConfigError(f"{path.name} line {line}: a second address for {organisation}")
        addresses[organisation] = address
    return addresses
