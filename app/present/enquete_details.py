"""Section 4 of the questionnaire, "Uw gegevens": the organisation's record as the partner sees
it, the fields the partner changed, the proposals waiting for the analyst and what the analyst
decided on the partner's proposals since the round opened. Plain values; no Dash.

A partner proposes corrections through :func:`app.survey.corrections.propose`, which takes only
the fields that change: :func:`changed_fields` compares what is on the page with the record
(areas and expertise as sets, names with their spaces collapsed, an e-mail address with its
domain in lower case) and passes what the partner typed unchanged, so the service's checks
(length, markup, known areas) apply to it.

>>> now = Details("Stichting De Brug", ("WK990101",), ("schulden",), "info@brug.example")
>>> changed_fields(now, name=" Stichting  De Brug", areas=["WK990102", "WK990101"],
...                expertise="schulden ;", contact="info@BRUG.example")
{'areas': 'WK990102;WK990101'}
>>> changed_fields(now, name="Stichting De Brug", areas=["WK990101"], expertise="schulden", contact="")
{'contact': ''}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from app.i18n import Language, Texts
from app.present.enquete import T as QUESTIONNAIRE
from app.present.formatting import moment
from app.survey.corrections import FIELDS, SEPARATOR
from app.survey.mail import normalise_address
from graph.errors import InvalidAnswer
from graph.model import Area, Organisation
from graph.survey import ChangeStatus, ProposedChange
from graph.taxonomy import AreaLevel

__all__ = [
    "FIELDS",
    "LINK",
    "Decided",
    "Details",
    "DetailsForm",
    "Pending",
    "T",
    "area_labels",
    "area_options",
    "changed_fields",
    "decided_since",
    "decided_views",
    "detail_error",
    "details_form",
    "pending_views",
    "same_pending",
]

T: Final = Texts(
    {
        "title": ("4. Uw gegevens", "4. Your organisation's details"),
        "explain": (
            "Klopt wat wij over uw organisatie weten? Pas aan wat niet klopt en stel de wijziging "
            "voor. De analist beoordeelt uw voorstel; dit staat los van uw antwoorden hierboven.",
            "Is what we know about your organisation right? Change what is wrong and propose the "
            "change. The analyst reviews your proposal; it is separate from your answers above.",
        ),
        "name": ("Naam", "Name"),
        "areas": ("Werkgebied: wijken en buurten", "Areas served: districts and neighbourhoods"),
        "areas-placeholder": ("Kies wijken of buurten", "Choose districts or neighbourhoods"),
        "area-search": ("Zoek een wijk of buurt", "Search for a district or neighbourhood"),
        "area-none": ("Geen wijk of buurt gevonden", "No district or neighbourhood found"),
        "select-all": ("Alle kiezen", "Choose all"),
        "deselect-all": ("Geen kiezen", "Choose none"),
        "selected-count": ("{num_selected} gekozen", "{num_selected} chosen"),
        "clear-search": ("Zoektekst wissen", "Clear search"),
        "clear-selection": ("Keuze wissen", "Clear choice"),
        "expertise": ("Expertise", "Expertise"),
        "expertise-hint": (
            "Scheid onderwerpen met een puntkomma (;).",
            "Separate topics with a semicolon (;).",
        ),
        "contact": ("E-mailadres voor contact", "Contact e-mail address"),
        "propose": ("Wijziging voorstellen", "Propose change"),
        "sent": (
            "Verstuurd naar de analist ter beoordeling.",
            "Sent to the analyst for review.",
        ),
        "unchanged": (
            "U hebt niets gewijzigd; er is niets verstuurd.",
            "You changed nothing; nothing was sent.",
        ),
        "already": (
            "Dit voorstel ligt al bij de analist; het is niet opnieuw verstuurd.",
            "This proposal is already with the analyst; it was not sent again.",
        ),
        "not-sent": (
            "Niet verstuurd: verbeter eerst het gemarkeerde veld.",
            "Not sent: first correct the marked field.",
        ),
        "pending": (
            "Uw voorstel van {time} wacht op de analist:",
            "Your proposal of {time} is waiting for the analyst:",
        ),
        "decided-title": ("Beoordeeld door de analist", "Reviewed by the analyst"),
        "accepted": (
            "Uw voorstel van {time} is op {decided} overgenomen:",
            "Your proposal of {time} was accepted on {decided}:",
        ),
        "rejected": (
            "Uw voorstel van {time} is op {decided} afgewezen:",
            "Your proposal of {time} was rejected on {decided}:",
        ),
        "reason": ("Reden van de analist: {reason}", "The analyst's reason: {reason}"),
        "line-name": ("Naam", "Name"),
        "line-areas": ("Werkgebied", "Areas served"),
        "line-expertise": ("Expertise", "Expertise"),
        "line-contact": ("E-mailadres", "E-mail address"),
        "empty": ("(leeg)", "(empty)"),
        "wijk": ("wijk", "district"),
        "buurt": ("buurt", "neighbourhood"),
        "gemeente": ("gemeente", "municipality"),
        # InvalidAnswer codes of app.survey.corrections, next to the field
        "err-missing": ("Een naam mag niet leeg zijn.", "A name cannot be empty."),
        "err-unknown_area": ("Kies gebieden uit de lijst.", "Choose areas from the list."),
        "err-areas-too_long": (
            "Te veel gebieden voor één voorstel; kies er minder of vraag de analist.",
            "Too many areas for one proposal; choose fewer or ask the analyst.",
        ),
        "err-bad_value": (
            "Gebruik geen |; scheid onderwerpen met een puntkomma (;).",
            "Do not use |; separate topics with a semicolon (;).",
        ),
        "err-bad_email": (
            "Dit is geen e-mailadres (zoals info@voorbeeld.nl).",
            "This is not an e-mail address (like info@example.org).",
        ),
        "err-other": ("Deze waarde kunnen we niet overnemen.", "We cannot take this value: {reason}"),
    }
)
_SHARED_CODES: Final = ("invalid", "too_long", "markup", "formula", "control_character")
"""Codes of the questionnaire's free-text rule, whose messages section 4 shares."""
_LEVELS: Final = {AreaLevel.WIJK: 0, AreaLevel.BUURT: 1, AreaLevel.GEMEENTE: 2}
LINK: Final = "link"
"""Who proposed a change made through a survey link (``ProposedChange.by``): the partner."""


@dataclass(frozen=True, slots=True)
class Details:
    """An organisation's record as section 4 shows it: ``areas`` are CBS codes, ``contact`` the
    accepted e-mail address (empty: none)."""

    name: str
    areas: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()
    contact: str = ""

    @classmethod
    def of(cls, organisation: Organisation, contact: str = "") -> Details:
        """The record of ``organisation`` with its accepted ``contact``."""
        return cls(organisation.name, organisation.areas, organisation.expertise, contact)


@dataclass(frozen=True, slots=True)
class Pending:
    """A proposal waiting for the analyst: when, and one line per field."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Decided:
    """A proposal the analyst decided on: when it was made and decided, one line per field,
    and the analyst's reason (a rejection's; empty for an accepted one)."""

    heading: str
    lines: tuple[str, ...]
    accepted: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DetailsForm:
    """Section 4 in one language: the record, the area choices, the waiting proposals and the
    decided ones."""

    organisation: str
    details: Details
    area_options: tuple[dict[str, str], ...]
    pending: tuple[Pending, ...]
    decided: tuple[Decided, ...] = ()


def _text(field: str, value: object) -> str:
    """A field's value from the page as text (``None``: empty); anything else is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidAnswer(field, "give text here", code="invalid")
    return value


def _codes(value: object) -> list[str]:
    """The area codes chosen in the dropdown (a list; one code alone is taken too)."""
    chosen = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if value is not None and (chosen is None or not all(isinstance(c, str) for c in chosen)):
        raise InvalidAnswer("areas", "choose areas from the list", code="invalid")
    return [code.strip().upper() for code in chosen or [] if code.strip()]


def _items(text: str) -> set[str]:
    return {" ".join(part.split()) for part in text.split(SEPARATOR)} - {""}


def _address(text: str) -> str:
    try:
        return normalise_address(text)
    except ValueError:
        return text.strip()


def changed_fields(
    current: Details, *, name: object, areas: object, expertise: object, contact: object
) -> dict[str, str]:
    """The fields on the page that differ from ``current``, as
    :func:`app.survey.corrections.propose` takes them (empty: nothing changed).

    Raises :class:`graph.errors.InvalidAnswer` for a value that is no text (or, for the
    areas, no list of codes).
    """
    changed: dict[str, str] = {}
    typed_name = _text("name", name)
    if " ".join(typed_name.split()) != current.name:
        changed["name"] = typed_name
    codes = _codes(areas)
    if set(codes) != set(current.areas):
        changed["areas"] = SEPARATOR.join(codes)
    typed_expertise = _text("expertise", expertise)
    if _items(typed_expertise) != set(current.expertise):
        changed["expertise"] = typed_expertise
    typed_contact = _text("contact", contact)
    if _address(typed_contact) != current.contact:
        changed["contact"] = typed_contact
    return changed


def same_pending(pending: Iterable[ProposedChange], cleaned: Mapping[str, str]) -> ProposedChange | None:
    """The waiting proposal that proposes exactly ``cleaned`` (the checked fields), if any."""
    wanted = tuple(sorted(cleaned.items()))
    return next((change for change in pending if change.fields == wanted), None)


def area_options(areas: Iterable[Area], lang: Language, keep: Iterable[str] = ()) -> list[dict[str, str]]:
    """The wijken and buurten as dropdown choices (``"Centrum (wijk)"`` -> its code), by name;
    other areas only when in ``keep`` (the ones the organisation serves now)."""
    kept = set(keep)
    chosen = [a for a in areas if a.level is not AreaLevel.GEMEENTE or a.code in kept]
    chosen.sort(key=lambda a: (a.name.casefold(), _LEVELS.get(a.level, 3), a.code))
    return [{"label": f"{a.name} ({T(a.level.value, lang)})", "value": a.code} for a in chosen]


def _line(field: str, value: str, area_names: Mapping[str, str], lang: Language) -> str:
    if field == "areas":
        shown = ", ".join(area_names.get(code, code) for code in value.split(SEPARATOR) if code)
    elif field == "expertise":
        shown = "; ".join(item for item in value.split(SEPARATOR) if item)
    else:
        shown = value
    return f"{T('line-' + field, lang)}: {shown or T('empty', lang)}"


def _lines(change: ProposedChange, area_names: Mapping[str, str], lang: Language) -> tuple[str, ...]:
    given = dict(change.fields)
    return tuple(_line(f, given[f], area_names, lang) for f in FIELDS if f in given)


def pending_views(
    pending: Iterable[ProposedChange], area_names: Mapping[str, str], lang: Language
) -> tuple[Pending, ...]:
    """The waiting proposals, oldest first, each with one line per proposed field."""
    return tuple(
        Pending(T("pending", lang).format(time=moment(c.at, lang)), _lines(c, area_names, lang))
        for c in pending
    )


def _instant(stamp: str) -> datetime | None:
    """An ISO timestamp as an aware moment (no zone: UTC); ``None`` if it is none."""
    try:
        parsed = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def decided_since(changes: Iterable[ProposedChange], organisation: str, opened: str) -> list[ProposedChange]:
    """The partner's own proposals for ``organisation`` (made through a link) that the analyst
    decided at or after ``opened`` (the round's opening; empty: any time), in the order decided.

    An analyst's own entries (a contact set on the Rondes page) are not the partner's proposals.

    >>> def change(id_, by, status, at):
    ...     return ProposedChange(id_, "ORG1", (("name", "X"),), by=by, status=status, decided_at=at)
    >>> changes = [
    ...     change("a", LINK, ChangeStatus.REJECTED, "2026-12-07T09:00:00+01:00"),
    ...     change("b", LINK, ChangeStatus.ACCEPTED, "2026-12-06T11:00:00+00:00"),
    ...     change("c", LINK, ChangeStatus.ACCEPTED, "2026-11-30T11:00:00+00:00"),
    ...     change("d", "ana", ChangeStatus.ACCEPTED, "2026-12-06T11:00:00+00:00"),
    ...     change("e", LINK, ChangeStatus.PENDING, ""),
    ... ]
    >>> [c.id for c in decided_since(changes, "ORG1", "2026-12-06T10:00:00+00:00")]
    ['b', 'a']
    """
    start = _instant(opened) if opened else None
    chosen = []
    for change in changes:
        if change.organisation != organisation or change.by != LINK or change.status is ChangeStatus.PENDING:
            continue
        when = _instant(change.decided_at)
        if start is None or (when is not None and when >= start):
            chosen.append((when or datetime.min.replace(tzinfo=UTC), change))
    return [change for _, change in sorted(chosen, key=lambda pair: pair[0])]


def decided_views(
    decided: Iterable[ProposedChange], area_names: Mapping[str, str], lang: Language
) -> tuple[Decided, ...]:
    """The decided proposals, each with its outcome, one line per field and a rejection's reason."""
    views = []
    for change in decided:
        accepted = change.status is ChangeStatus.ACCEPTED
        key = "accepted" if accepted else "rejected"
        heading = T(key, lang).format(time=moment(change.at, lang), decided=moment(change.decided_at, lang))
        reason = "" if accepted or not change.reason else T("reason", lang).format(reason=change.reason)
        views.append(Decided(heading, _lines(change, area_names, lang), accepted, reason))
    return tuple(views)


def details_form(
    organisation: Organisation,
    contact: str,
    areas: Iterable[Area],
    pending: Iterable[ProposedChange],
    lang: Language,
    decided: Iterable[ProposedChange] = (),
) -> DetailsForm:
    """Section 4 for ``organisation``: its record, the area choices, its waiting proposals and
    the ``decided`` ones (as :func:`decided_since` chooses them)."""
    every = list(areas)
    names = {a.code: a.name for a in every}
    options = area_options(every, lang, organisation.areas)
    return DetailsForm(
        organisation.id,
        Details.of(organisation, contact),
        tuple(options),
        pending_views(pending, names, lang),
        decided_views(decided, names, lang),
    )


def area_labels(lang: Language) -> dict[str, str]:
    """The texts of the area dropdown's own controls (Dash's are English)."""
    keys = {
        "search": "area-search",
        "no_options_found": "area-none",
        "select_all": "select-all",
        "deselect_all": "deselect-all",
        "selected_count": "selected-count",
        "clear_search": "clear-search",
        "clear_selection": "clear-selection",
    }
    return {prop: T(key, lang) for prop, key in keys.items()}


def detail_error(field: str, code: str, reason: str, lang: Any) -> str:
    """The message for a refused field of section 4, in the chosen language."""
    if field == "areas" and code == "too_long":
        return T("err-areas-too_long", lang)
    if code in _SHARED_CODES:
        return QUESTIONNAIRE(f"err-{code}", lang)
    key = f"err-{code}"
    return T(key, lang) if key in T else T("err-other", lang).format(reason=reason)
