"""What the Rondes page shows, as plain data: survey rounds, who answered, what to review.

An analyst opens a round (name, period, closing date, who is invited), hands out the
personal links, follows who answered (a draft saved halfway, or submitted), and reviews
what partners sent: corrections to their own records, organisations they named that the
store does not know, and probable duplicates (a "not the same organisation" verdict is
remembered). Everything here is computed from store records for one language, so the
page only lays it out; free text (names, proposed values) stays text, and the page's
tables show it escaped.

>>> from datetime import date
>>> from graph.periods import Period
>>> from graph.survey import Response, SurveyRound
>>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("O1", "O2", "O3"))
>>> answers = [Response("R1", "O1", submitted=True, at="2026-12-01T10:00:00"), Response("R1", "O2")]
>>> [row["state"] for row in invited_rows(r, answers, {"O1": "Een", "O2": "Twee"}, "en")]
['Submitted', 'Draft saved', 'Not answered']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final
from urllib.parse import urlsplit

from app.i18n import Language, Texts
from app.present import formatting
from app.present.common import SECTOR_COLOURS, Row, sector_label
from app.survey.mail import Mailing
from app.survey.rounds import RoundStatus
from graph.duplicates import DuplicateCandidate
from graph.periods import Period
from graph.survey import ChangeStatus, ProposedChange, Response, SurveyRound

__all__ = [
    "INVITE_HOW",
    "MailLine",
    "T",
    "change_rows",
    "duplicate_rows",
    "invited_rows",
    "local_links",
    "mail_question",
    "mail_result",
    "new_organisation_rows",
    "parse_period",
    "period_options",
    "pick_round",
    "round_label",
    "round_options",
    "sector_options",
    "status_lines",
]

INVITE_HOW: Final = ("all", "sector", "wijk")
"""Who a new round invites: every organisation, those of some sectors, those serving some wijken."""

T: Final = Texts(
    {
        "title": ("Rondes", "Rounds"),
        "intro": (
            "Partners houden de kaart bij: in een ronde bevestigt elke uitgenodigde organisatie "
            "haar eigen banden, vult aan wat ontbreekt en geeft aan hoe zij samenwerkt. "
            "Open hier een ronde, deel de persoonlijke links, volg wie reageerde en beoordeel wat "
            "partners voorstellen.",
            "Partners keep the map true: in a round each invited organisation confirms its own "
            "ties, adds what is missing and says how the work together goes. Open a round here, "
            "hand out the personal links, follow who answered and review what partners propose.",
        ),
        "new-round": ("Nieuwe ronde", "New round"),
        "name": ("Naam van de ronde", "Name of the round"),
        "name-placeholder": ("bijvoorbeeld Najaar 2026", "for example Autumn 2026"),
        "period": ("Over welke periode", "About which period"),
        "closes": ("Sluit op", "Closes on"),
        "invite": ("Wie uitnodigen", "Whom to invite"),
        "invite-all": ("Alle organisaties", "All organisations"),
        "invite-sector": ("Per sector", "By sector"),
        "invite-wijk": ("Per wijk", "By district"),
        "choose-sectors": ("Kies sectoren", "Choose sectors"),
        "choose-sector": ("Kies een sector", "Choose a sector"),
        "choose-wijken": ("Kies wijken", "Choose districts"),
        "open": ("Ronde openen", "Open the round"),
        "close": ("Ronde sluiten", "Close the round"),
        "close-confirm": (
            "De ronde sluiten? Daarna werkt geen enkele link van deze ronde meer en kunnen partners niets "
            "meer opslaan.",
            "Close the round? After that no link of this round works any more and partners can save "
            "nothing more.",
        ),
        "links": ("Links downloaden (CSV)", "Download links (CSV)"),
        "links-explain": (
            "Eén rij per uitgenodigde organisatie met haar persoonlijke link, voor een mailing.",
            "One row per invited organisation with its personal link, for a mail merge.",
        ),
        "links-local": (
            "De links wijzen naar {url}, dat alleen op deze computer werkt. Zet KETENKAART_PUBLIC_URL "
            "op het adres waarop partners de app bereiken voordat u ze verstuurt.",
            "The links point to {url}, which works on this computer only. Set KETENKAART_PUBLIC_URL "
            "to the address partners reach the app at before you send them.",
        ),
        "round": ("Ronde", "Round"),
        "no-rounds": (
            "Er is nog geen ronde. Open de eerste met het formulier hierboven.",
            "There is no round yet. Open the first one with the form above.",
        ),
        "choose-round": ("Kies een ronde", "Choose a round"),
        "no-invited": ("Nog niemand uitgenodigd.", "Nobody invited yet."),
        "label": ("{name} ({period}, sluit {closes})", "{name} ({period}, closes {closes})"),
        "label-closed": ("{name} ({period}, gesloten)", "{name} ({period}, closed)"),
        "status": ("Stand van de ronde", "Where the round stands"),
        "invited": ("Uitgenodigd", "Invited"),
        "responded": ("Gereageerd (concept of ingediend)", "Responded (draft or submitted)"),
        "submitted": ("Ingediend", "Submitted"),
        "closes-on": ("Sluit op", "Closes on"),
        "state": ("Stand", "State"),
        "round-open": ("Open", "Open"),
        "round-closed": ("Gesloten op {at}", "Closed on {at}"),
        "round-expired": ("Verlopen: de sluitdatum is voorbij", "Expired: the closing date has passed"),
        "invited-title": ("Uitgenodigde organisaties", "Invited organisations"),
        "organisation": ("Organisatie", "Organisation"),
        "id": ("Code", "Code"),
        "when": ("Wanneer", "When"),
        "version": ("Versie", "Version"),
        "not-answered": ("Niet gereageerd", "Not answered"),
        "draft": ("Concept opgeslagen", "Draft saved"),
        "done": ("Ingediend", "Submitted"),
        "changes-title": ("Voorgestelde correcties", "Proposed corrections"),
        "changes-explain": (
            "Partners stellen wijzigingen voor in hun eigen gegevens. Een aanvaarde correctie gaat "
            "door dezelfde controle als een bestand dat u laadt. Kies een rij en beslis.",
            "Partners propose changes to their own records. An accepted correction goes through the "
            "same checks as a file you load. Choose a row and decide.",
        ),
        "field": ("Gegeven", "Field"),
        "value": ("Voorgestelde waarde", "Proposed value"),
        "by": ("Door", "By"),
        "decision": ("Besluit", "Decision"),
        "field-name": ("Naam", "Name"),
        "field-areas": ("Wijken", "Districts"),
        "field-expertise": ("Expertise", "Expertise"),
        "field-contact": ("Contact", "Contact"),
        "new-organisation": ("Nieuwe organisatie", "New organisation"),
        "pending": ("Open", "Pending"),
        "accepted": ("Aanvaard", "Accepted"),
        "rejected": ("Afgewezen", "Rejected"),
        "accept": ("Aanvaarden", "Accept"),
        "new-sector": ("Sector (voor een nieuwe organisatie)", "Sector (for a new organisation)"),
        "reason": ("Reden (bij afwijzen)", "Reason (when rejecting)"),
        "reason-placeholder": (
            "bijvoorbeeld: naam klopt niet",
            "for example: wrong name",
        ),
        "reject": ("Afwijzen", "Reject"),
        "new-orgs-title": ("Genoemde nieuwe organisaties", "New organisations partners named"),
        "new-orgs-explain": (
            "Organisaties die partners noemen maar die nog niet in de gegevens staan. Voeg ze toe "
            "via een bestand (Gegevens) als ze kloppen.",
            "Organisations partners named that are not in the data yet. Add them through a file "
            "(Data) if they are right.",
        ),
        "named": ("Genoemde naam", "Name given"),
        "named-by": ("Genoemd door", "Named by"),
        "duplicates-title": ("Waarschijnlijk dubbele organisaties", "Probable duplicates"),
        "duplicates-explain": (
            "Paren die op elkaar lijken. Zijn het twee verschillende organisaties, kies de rij en "
            "zeg het: dat besluit wordt onthouden en het paar komt niet meer terug.",
            "Pairs that look alike. If they are two different organisations, choose the row and "
            "say so: the decision is remembered and the pair does not come back.",
        ),
        "first": ("Organisatie A", "Organisation A"),
        "second": ("Organisatie B", "Organisation B"),
        "reasons": ("Waarom ze lijken", "Why they look alike"),
        "suggestion": ("Voorstel", "Suggestion"),
        "suggest-merge": ("Samenvoegen", "Merge"),
        "suggest-set_parent": ("B is een vestiging van A", "B is a branch of A"),
        "not-same": ("Niet dezelfde organisatie", "Not the same organisation"),
        "none": ("Niets te beoordelen.", "Nothing to review."),
        "choose-row": ("Kies eerst een rij in de tabel.", "Choose a row in the table first."),
        "report-title": ("Wat partners meldden", "What partners reported"),
        "opened": ("Ronde {name} is geopend: {n} uitgenodigd.", "Round {name} is open: {n} invited."),
        "closed": ("Ronde {name} is gesloten.", "Round {name} is closed."),
        "decided": ("Besluit opgeslagen.", "Decision saved."),
        "need-name": ("Geef de ronde een naam.", "Give the round a name."),
        "need-closes": ("Kies een sluitdatum na vandaag.", "Choose a closing date after today."),
        "need-period": ("Kies een periode.", "Choose a period."),
        "need-choice": ("Kies minstens één sector of wijk.", "Choose at least one sector or district."),
        "nobody": (
            "Deze keuze nodigt geen enkele organisatie uit.",
            "This choice invites no organisation at all.",
        ),
        "refused": ("Niet gelukt: {why}", "Did not work: {why}"),
        "mail-title": ("Mailen", "Mail"),
        "mail-invite": ("Uitnodigingen mailen", "Mail invitations"),
        "mail-remind": ("Herinnering mailen", "Mail a reminder"),
        "mail-explain": (
            "De app mailt elke uitgenodigde organisatie met een e-mailadres haar eigen link (een "
            "herinnering alleen wie nog niet indiende). U ziet eerst aan wie, en bevestigt dan.",
            "The app mails each invited organisation with an e-mail address its own link (a reminder "
            "only those that have not submitted). You see first to whom, then confirm.",
        ),
        "mail-off": (
            "Mailen vanuit de app staat uit. Zet KETENKAART_SMTP_HOST en KETENKAART_MAIL_FROM om "
            "uitnodigingen en herinneringen hier te versturen; tot dan werkt de links-CSV voor een "
            "mail merge.",
            "Mailing from the app is off. Set KETENKAART_SMTP_HOST and KETENKAART_MAIL_FROM to send "
            "invitations and reminders from here; until then the links CSV works for a mail merge.",
        ),
        "mail-misconfigured": ("Mailen staat niet goed ingesteld: {why}", "Mail is not set up right: {why}"),
        "mail-ask-invite": (
            "Uitnodigingen voor {round} mailen via {server}?",
            "Mail invitations for {round} through {server}?",
        ),
        "mail-ask-remind": (
            "Een herinnering voor {round} mailen via {server}?",
            "Mail a reminder for {round} through {server}?",
        ),
        "mail-will-get": ("Krijgen een mail: {n}", "Will get a mail: {n}"),
        "mail-no-address": ("Geen e-mailadres, dus geen mail: {n}", "No e-mail address, so no mail: {n}"),
        "mail-how-address": (
            "Een adres komt uit een aanvaarde correctie (Contact), of geef ze met "
            "ketenkaart survey send {round} --emails BESTAND.",
            "An address comes from an accepted correction (Contact), or give them with "
            "ketenkaart survey send {round} --emails FILE.",
        ),
        "mail-submitted": (
            "Al ingediend, dus geen herinnering: {n}",
            "Submitted already, so no reminder: {n}",
        ),
        "mail-nobody": ("Er is niemand om te mailen.", "There is nobody to mail."),
        "mail-send": ("Nu versturen", "Send now"),
        "mail-cancel": ("Annuleren", "Cancel"),
        "mail-sent-invite": ("Uitnodigingen verstuurd: {n}", "Invitations sent: {n}"),
        "mail-sent-remind": ("Herinneringen verstuurd: {n}", "Reminders sent: {n}"),
        "mail-refused": ("Geweigerd door de mailserver: {n}", "Refused by the mail server: {n}"),
        "mail-failed": ("Mailen mislukt: {why}", "Mailing failed: {why}"),
        "mail-sent-before": ("Wel verstuurd vóór de fout: {n}", "Sent before the failure: {n}"),
        "mail-closed": (
            "Deze ronde is niet open: de links werken niet meer, dus er is niets gemaild.",
            "This round is not open: its links no longer work, so nothing was mailed.",
        ),
    }
)


def _state(status: RoundStatus, lang: Language) -> str:
    if status.round.closed_at:
        return T("round-closed", lang).format(at=formatting.moment(status.round.closed_at, lang))
    return T("round-open" if status.open else "round-expired", lang)


def status_lines(status: RoundStatus, lang: Language) -> list[tuple[str, str]]:
    """The round's figures as (label, value) lines.

    >>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20))
    >>> s = RoundStatus(r, True, 40, 12, 9, ())
    >>> status_lines(s, "nl")[1:3]
    [('Gereageerd (concept of ingediend)', '12 (30,0%)'), ('Ingediend', '9 (22,5%)')]
    """

    def share(n: int) -> str:
        whole = formatting.number(n, lang, 0)
        return f"{whole} ({formatting.percent(n / status.invited, lang, 1)})" if status.invited else whole

    return [
        (T("invited", lang), formatting.number(status.invited, lang, 0)),
        (T("responded", lang), share(status.responded)),
        (T("submitted", lang), share(status.submitted)),
        (T("closes-on", lang), formatting.day(status.round.closes, lang)),
        (T("state", lang), _state(status, lang)),
    ]


def local_links(public_url: str) -> bool:
    """Whether links built on ``public_url`` only work on this computer (a loopback address).

    >>> local_links("http://127.0.0.1:8050"), local_links("https://kaart.example.nl")
    (True, False)
    """
    host = (urlsplit(public_url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def round_label(survey_round: SurveyRound, lang: Language) -> str:
    """How a round reads in the round chooser: its name, period and closing date."""
    period = formatting.month(survey_round.period.code, lang)
    if survey_round.closed_at:
        return T("label-closed", lang).format(name=survey_round.name, period=period)
    closes = formatting.day(survey_round.closes, lang)
    return T("label", lang).format(name=survey_round.name, period=period, closes=closes)


def round_options(rounds: Sequence[SurveyRound], lang: Language) -> list[dict[str, str]]:
    """The rounds as dropdown options, newest first (as the store lists them)."""
    return [{"label": round_label(r, lang), "value": r.id} for r in rounds]


def pick_round(rounds: Sequence[SurveyRound], wanted: object) -> str | None:
    """``wanted`` if it is a known round, else the newest round, else ``None``.

    >>> rs = [SurveyRound(i, i, Period.parse("2026-Q4"), date(2026, 12, 1)) for i in ("R2", "R1")]
    >>> pick_round(rs, "R1"), pick_round(rs, "bogus"), pick_round([], "R1")
    ('R1', 'R2', None)
    """
    known = [r.id for r in rounds]
    if isinstance(wanted, str) and wanted in known:
        return wanted
    return known[0] if known else None


def period_options(today: date, lang: Language, quarters: int = 6) -> list[dict[str, str]]:
    """The current quarter and the ones before it, newest first, as dropdown options.

    >>> [o["value"] for o in period_options(date(2026, 12, 6), "nl", 3)]
    ['2026-Q4', '2026-Q3', '2026-Q2']
    """
    index = today.year * 4 + (today.month - 1) // 3
    codes = [f"{i // 4}-Q{i % 4 + 1}" for i in range(index, index - quarters, -1)]
    return [{"label": formatting.month(code, lang), "value": code} for code in codes]


def parse_period(code: object) -> Period | None:
    """A period code from the form, or ``None`` when it is not one."""
    try:
        return Period.parse(str(code)) if code else None
    except ValueError:
        return None


def invited_rows(
    survey_round: SurveyRound, responses: Iterable[Response], names: Mapping[str, str], lang: Language
) -> list[Row]:
    """One row per invited organisation: submitted first, then drafts, then the rest, by name."""
    latest = {r.organisation: r for r in responses}

    def row(org: str) -> tuple[int, Row]:
        answer = latest.get(org)
        state = "not-answered" if answer is None else ("done" if answer.submitted else "draft")
        order = {"done": 0, "draft": 1, "not-answered": 2}[state]
        return order, {
            "id": org,
            "organisation": names.get(org, org),
            "state": T(state, lang),
            "when": formatting.moment(answer.at, lang) if answer and answer.at else "",
            "version": answer.version if answer and answer.version else "",
        }

    ranked = sorted(
        (row(org) for org in survey_round.invited), key=lambda p: (p[0], str(p[1]["organisation"]).casefold())
    )
    return [r for _, r in ranked]


def change_rows(changes: Iterable[ProposedChange], names: Mapping[str, str], lang: Language) -> list[Row]:
    """One row per proposed correction: pending ones first, then by time."""
    rows: list[tuple[int, str, Row]] = []
    for change in changes:
        fields = dict(change.fields)
        who = names.get(change.organisation, change.organisation) if change.organisation else ""
        shown = "; ".join(
            f"{T(f'field-{key}', lang) if f'field-{key}' in T else key}: {value}"
            for key, value in fields.items()
        )
        row: Row = {
            "id": change.id,
            "organisation": who or T("new-organisation", lang),
            "value": shown,
            "by": change.by,
            "when": formatting.moment(change.at, lang) if change.at else "",
            "decision": T(str(change.status), lang),
        }
        rows.append((change.status is not ChangeStatus.PENDING, change.at, row))
    return [row for *_, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def new_organisation_rows(
    responses: Iterable[Response], names: Mapping[str, str], lang: Language
) -> list[Row]:
    """Organisations partners named that the store does not know, with who named them.

    >>> from graph.survey import TieAnswer, TieStatus
    >>> tie = TieAnswer("", TieStatus.ADDED, new_name="<b>Buurtkracht</b>")
    >>> new_organisation_rows([Response("R1", "O1", ties=(tie,))], {"O1": "Een"}, "nl")
    [{'id': '<b>buurtkracht</b>', 'named': '<b>Buurtkracht</b>', 'named-by': 'Een'}]
    """
    named: dict[str, tuple[str, set[str]]] = {}
    for response in responses:
        for tie in response.ties:
            if tie.partner or not tie.new_name.strip():
                continue
            key = " ".join(tie.new_name.casefold().split())
            _, by = named.setdefault(key, (tie.new_name.strip(), set()))
            by.add(names.get(response.organisation, response.organisation))
    return [
        {"id": key, "named": first, "named-by": ", ".join(sorted(by, key=str.casefold))}
        for key, (first, by) in sorted(named.items())
    ]


def duplicate_rows(
    candidates: Iterable[DuplicateCandidate], names: Mapping[str, str], lang: Language
) -> list[Row]:
    """The probable duplicates as rows (the list already leaves out pairs judged "not the same")."""
    return [
        {
            "id": f"{c.first}|{c.second}",
            "first": f"{names.get(c.first, c.first)} ({c.first})",
            "second": f"{names.get(c.second, c.second)} ({c.second})",
            "reasons": "; ".join(reason.text(lang) for reason in c.reasons),
            "suggestion": T(f"suggest-{c.suggestion}", lang),
        }
        for c in candidates
    ]


def sector_options(lang: Language) -> list[dict[str, str]]:
    """Every sector as a dropdown option."""
    return [{"label": sector_label(code, lang), "value": code} for code in SECTOR_COLOURS]


@dataclass(frozen=True, slots=True)
class MailLine:
    """One line of a mail question or result, the organisations it lists, and whether it is a problem."""

    text: str
    listed: tuple[str, ...] = ()
    problem: bool = False


def _named(ids: Iterable[str], names: Mapping[str, str]) -> tuple[str, ...]:
    listed = sorted(ids, key=lambda org: (names.get(org, org).casefold(), org))
    return tuple(f"{names.get(org, org)} ({org})" for org in listed)


def _count(n: int, lang: Language) -> str:
    return formatting.number(n, lang, 0)


def _left_out(mailing: Mailing, names: Mapping[str, str], lang: Language) -> list[MailLine]:
    lines = []
    if mailing.without_address:
        lines.append(
            MailLine(
                T("mail-no-address", lang).format(n=_count(len(mailing.without_address), lang)),
                _named(mailing.without_address, names),
                problem=True,
            )
        )
        lines.append(MailLine(T("mail-how-address", lang).format(round=mailing.round.id)))
    if mailing.reminder and mailing.submitted:
        lines.append(MailLine(T("mail-submitted", lang).format(n=_count(len(mailing.submitted), lang))))
    return lines


def mail_question(mailing: Mailing, server: str, names: Mapping[str, str], lang: Language) -> list[MailLine]:
    """What the analyst confirms before mailing: to how many, who has no address, who is skipped.

    >>> from app.survey.mail import Invitation
    >>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("O1", "O2", "O3"))
    >>> plan = Mailing(r, True, (Invitation("O2", "Twee", "a@b.nl", "u"),), ("O3",), ("O1",))
    >>> lines = mail_question(plan, "smtp.example:587", {"O3": "Drie"}, "en")
    >>> [line.text for line in lines][1:3]
    ['Will get a mail: 1', 'No e-mail address, so no mail: 1']
    >>> lines[2].listed, lines[-1].text
    (('Drie (O3)',), 'Submitted already, so no reminder: 1')
    """
    ask = "mail-ask-remind" if mailing.reminder else "mail-ask-invite"
    lines = [MailLine(T(ask, lang).format(round=mailing.round.name, server=server))]
    if mailing.invitations:
        lines.append(MailLine(T("mail-will-get", lang).format(n=_count(len(mailing.invitations), lang))))
    else:
        lines.append(MailLine(T("mail-nobody", lang), problem=True))
    return lines + _left_out(mailing, names, lang)


def mail_result(
    mailing: Mailing,
    names: Mapping[str, str],
    lang: Language,
    *,
    sent: Sequence[str] = (),
    refused: Sequence[tuple[str, str]] = (),
    failed: str | None = None,
) -> list[MailLine]:
    """What a mailing did: sent to how many, refused by the server (and why), or why it failed.

    ``failed`` is the :class:`graph.errors.MailFailed` message (it names the server); then
    ``sent`` lists who was mailed before the failure.

    >>> from app.survey.mail import Invitation
    >>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("O1", "O2"))
    >>> plan = Mailing(r, False, (Invitation("O1", "Een", "a@b.nl", "u"),), ("O2",))
    >>> [line.text for line in mail_result(plan, {}, "nl", failed="mail server h:25: cannot connect")][:2]
    ['Mailen mislukt: mail server h:25: cannot connect', 'Geen e-mailadres, dus geen mail: 1']
    """
    lines: list[MailLine] = []
    if failed is not None:
        lines.append(MailLine(T("mail-failed", lang).format(why=failed), problem=True))
        if sent:
            lines.append(
                MailLine(T("mail-sent-before", lang).format(n=_count(len(sent), lang)), _named(sent, names))
            )
    else:
        done = "mail-sent-remind" if mailing.reminder else "mail-sent-invite"
        lines.append(MailLine(T(done, lang).format(n=_count(len(sent), lang))))
    if refused:
        shown = sorted(
            (names.get(org, org).casefold(), f"{names.get(org, org)} ({org}): {why}") for org, why in refused
        )
        lines.append(
            MailLine(
                T("mail-refused", lang).format(n=_count(len(refused), lang)),
                tuple(text for _, text in shown),
                problem=True,
            )
        )
    return lines + _left_out(mailing, names, lang)
