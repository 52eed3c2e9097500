"""The partner's questionnaire as plain values: what is asked, in Dutch or English, and the answers
read back from the form.

:func:`form` turns what one organisation is asked (:mod:`app.survey.questionnaire`) into cards:
one per tie the data shows (with its evidence, to confirm or reject), one per tie the partner
added, one per "kennismaken" suggestion, each prefilled from the latest saved version.
:func:`answers` reads the form's values back into the plain lists :func:`app.survey.answers.save`
checks, remembering which card each answer came from, so :func:`place_of` can put a refused
answer's message next to its question. Nothing here knows Dash.

The questions follow the trust and value constructs of Varda et al. (2008), in our own words
(:mod:`graph.survey`): trust as reliability, openness and a shared goal; value as what a partner
contributes, how involved it is and its say in the network; every one on the scale 1 to 4.

>>> rating_label("open", "en"), frequency_label(4, "nl")
('Open to discussion', 'wekelijks')
>>> ties, suggestions, keys = answers(
...     statuses={"ORG0002": "confirmed", "ORG0003": "rejected", "ORG0004": None},
...     frequencies={"ORG0002": 3, "a1": None},
...     ratings={("ORG0002", "open"): 4, ("a1", "reliable"): 2},
...     added=[{"key": "a1", "partner": "", "new_name": "Buurtkamer De Linde"}],
...     suggestions={"ORG0009": "interested", "ORG0010": None},
... )
>>> [t["partner"] or t["new_name"] for t in ties], keys
(['ORG0002', 'ORG0003', 'Buurtkamer De Linde'], ['ORG0002', 'ORG0003', 'a1'])
>>> ties[0]["ratings"], suggestions
({'open': 4}, [{'partner': 'ORG0009', 'answer': 'interested'}])
>>> place_of("ties[2].new_name", keys, ["ORG0009"]), place_of("suggestions[0].answer", keys, ["ORG0009"])
(('tie', 'a1'), ('suggestion', 'ORG0009'))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from app.i18n import Language, Texts
from app.present.common import listing, sector_label
from app.present.formatting import count, day, moment, number
from app.survey.questionnaire import Evidence, Questionnaire, Suggested
from graph.survey import FREQUENCIES, RATING_SCALE, TRUST_ITEMS, VALUE_ITEMS, TieAnswer

__all__ = [
    "GROUPS",
    "Current",
    "Form",
    "SuggestionCard",
    "T",
    "TieCard",
    "added_card",
    "added_entries",
    "answers",
    "error_text",
    "evidence_lines",
    "form",
    "frequency_label",
    "frequency_options",
    "matches",
    "place_of",
    "rating_label",
    "refusal_text",
    "scale_label",
    "scale_options",
]

T: Final = Texts(
    {
        "title": ("Enquête: met wie werkt u samen?", "Survey: whom do you work with?"),
        "for": ("Voor {organisation}", "For {organisation}"),
        "intro": (
            "Ketenkaart toont met wie organisaties samenwerken. Klopt dat beeld voor uw organisatie? "
            "Bevestig of verwerp wat wij zien, vul aan wat ontbreekt en zeg hoe de samenwerking gaat. "
            "U kunt tussendoor opslaan en later verder met dezelfde link.",
            "Ketenkaart shows who works with whom. Is that picture right for your organisation? "
            "Confirm or reject what we see, add what is missing and say how working together goes. "
            "You can save halfway and carry on later with the same link.",
        ),
        "closes": ("Deze ronde sluit op {date}.", "This round closes on {date}."),
        "privacy": (
            "Andere organisaties zien nooit hoe u hen beoordeelt, alleen gemiddelden over minstens "
            "drie organisaties.",
            "Other organisations never see how you rate them, only averages over at least three "
            "organisations.",
        ),
        "check-title": ("1. Klopt dit?", "1. Is this right?"),
        "check-explain": (
            "Volgens onze gegevens werkt u met deze organisaties samen. Klopt dat?",
            "Our data says you work with these organisations. Is that right?",
        ),
        "none-shown": (
            "Onze gegevens tonen nog geen samenwerking voor uw organisatie. Vul hieronder aan met "
            "wie u samenwerkt.",
            "Our data shows no ties for your organisation yet. Add below whom you work with.",
        ),
        "confirm": ("Ja, we werken samen", "Yes, we work together"),
        "reject": ("Nee, geen samenwerking", "No, we do not work together"),
        "evidence": ("Wat wij zien", "What we see"),
        "ev-agreement": ("Afspraak: {names}", "Agreement: {names}"),
        "ev-agreements": ("Afspraken: {names}", "Agreements: {names}"),
        "ev-professional": ("professional werkt voor u allebei", "professional works for you both"),
        "ev-professionals": ("professionals werken voor u allebei", "professionals work for you both"),
        "ev-sent": ("Verwijzingen van u naar hen: {n}", "Referrals from you to them: {n}"),
        "ev-received": ("Verwijzingen van hen naar u: {n}", "Referrals from them to you: {n}"),
        "introducer": ("{name} kan u voorstellen", "{name} can introduce you"),
        "add-title": ("2. Wie missen we?", "2. Whom are we missing?"),
        "add-explain": (
            "Werkt u samen met een organisatie die hierboven niet staat? Zoek haar op naam, of "
            "noem een organisatie die niet in de lijst staat (de analist bekijkt die).",
            "Do you work with an organisation not listed above? Search for it by name, or name "
            "one that is not in the list (the analyst will review it).",
        ),
        "search": ("Zoek een organisatie", "Search for an organisation"),
        "add": ("Toevoegen", "Add"),
        "new-name": (
            "Of: naam van een organisatie die niet in de lijst staat",
            "Or: name of an organisation not in the list",
        ),
        "add-new": ("Nieuwe toevoegen", "Add new"),
        "added-new": (
            "nieuw: de analist bekijkt deze organisatie",
            "new: the analyst will review this organisation",
        ),
        "added": ("toegevoegd door u", "added by you"),
        "remove": ("Verwijderen", "Remove"),
        "already-listed": (
            "Deze organisatie staat al in uw lijst.",
            "This organisation is in your list already.",
        ),
        "pick-first": ("Kies eerst een organisatie.", "Choose an organisation first."),
        "name-first": ("Vul eerst een naam in.", "Fill in a name first."),
        "no-match": ("Geen organisatie gevonden", "No organisation found"),
        "how-often": ("Hoe vaak werkt u samen?", "How often do you work together?"),
        "trust": ("Vertrouwen", "Trust"),
        "value": ("Waarde", "Value"),
        "scale": (
            "1 = helemaal niet, 2 = een beetje, 3 = grotendeels, 4 = helemaal",
            "1 = not at all, 2 = a little, 3 = mostly, 4 = very much",
        ),
        "suggest-title": ("3. Kennismaken?", "3. Get acquainted?"),
        "suggest-explain": (
            "Met deze organisaties werkt u nog niet samen, maar een kennismaking kan helpen. "
            "Zegt u allebei ‘graag’, dan ziet u elkaar als koffiematch.",
            "You do not work with these organisations yet, but meeting them could help. "
            "If you both say ‘yes please’, you both see a coffee match.",
        ),
        "no-suggestions": ("Geen suggesties voor uw organisatie.", "No suggestions for your organisation."),
        "interested": ("Graag kennismaken", "Yes please, let us meet"),
        "known": ("Kennen we al", "We know them already"),
        "no": ("Nee, liever niet", "No, thank you"),
        "save": ("Tussendoor opslaan", "Save for later"),
        "submit": ("Versturen", "Send"),
        "saved": (
            "Opgeslagen op {time}. Kom terug met dezelfde link om verder te gaan.",
            "Saved on {time}. Come back with the same link to carry on.",
        ),
        "not-saved": (
            "Niet opgeslagen: verbeter eerst de gemarkeerde vraag.",
            "Not saved: first correct the marked question.",
        ),
        "done-title": ("Dank u wel!", "Thank you!"),
        "review": ("Uw antwoorden bekijken of wijzigen", "See or change your answers"),
        "done": (
            "Uw antwoorden zijn verstuurd ({time}). U kunt ze met dezelfde link nog aanpassen tot de "
            "ronde sluit; dan vervangt de nieuwe versie de vorige.",
            "Your answers have been sent ({time}). You can still change them with the same link "
            "until the round closes; the new version then replaces the previous one.",
        ),
        "sent-before": (
            "U hebt deze enquête al verstuurd ({time}). Wat u nu verandert, verstuurt u opnieuw.",
            "You sent this survey already ({time}). What you change now, you send again.",
        ),
        "draft-before": (
            "Uw antwoorden van {time} staan weer klaar.",
            "Your answers of {time} are filled in again.",
        ),
        "refused-title": ("Deze link werkt niet", "This link does not work"),
        "forged": (
            "Deze link is niet geldig: hij is niet door Ketenkaart gemaakt of is onvolledig "
            "gekopieerd. Kopieer de hele link uit uw uitnodiging.",
            "This link is not valid: it was not made by Ketenkaart or was copied incompletely. "
            "Copy the whole link from your invitation.",
        ),
        "expired": (
            "Deze enquête is gesloten; er kunnen geen antwoorden meer worden gegeven.",
            "This survey is closed; answers can no longer be given.",
        ),
        "unknown": (
            "Deze link hoort bij een ronde of organisatie die niet (meer) is uitgenodigd.",
            "This link belongs to a round or organisation that is not (or no longer) invited.",
        ),
        "refused-help": (
            "Er is niets opgeslagen. Klopt dit niet? Neem dan contact op met de analist van uw gemeente.",
            "Nothing has been stored. If this is not right, please contact your municipality's analyst.",
        ),
        "unexpected": (
            "Er ging iets mis; er is niets opgeslagen. Probeer het later opnieuw.",
            "Something went wrong; nothing has been stored. Please try again later.",
        ),
        # InvalidAnswer codes (app.survey.answers), shown next to the question
        "err-invalid": ("Dit antwoord kunnen we niet lezen.", "We cannot read this answer."),
        "err-too_many": ("Dit zijn te veel antwoorden.", "These are too many answers."),
        "err-unknown_organisation": (
            "Deze organisatie staat niet in de kaart.",
            "This organisation is not on the map.",
        ),
        "err-own_organisation": (
            "Dit is uw eigen organisatie; kies een partner.",
            "This is your own organisation; choose a partner.",
        ),
        "err-duplicate": (
            "Deze organisatie staat twee keer in uw lijst.",
            "This organisation is in your list twice.",
        ),
        "err-not_shown": (
            "Deze samenwerking toonden wij niet; voeg haar toe.",
            "We did not show this tie; add it instead.",
        ),
        "err-invalid_choice": ("Kies een van de mogelijkheden.", "Choose one of the options."),
        "err-missing": (
            "Kies een organisatie of vul de naam van een nieuwe in.",
            "Choose an organisation or fill in the name of a new one.",
        ),
        "err-out_of_range": ("Kies een antwoord op de schaal.", "Choose an answer on the scale."),
        "err-unknown_item": ("Deze vraag kennen we niet.", "We do not know this question."),
        "err-too_long": (
            "Deze tekst is te lang: hooguit 200 tekens.",
            "This text is too long: 200 characters at most.",
        ),
        "err-markup": (
            "Gebruik hier gewone tekst, zonder HTML (geen < gevolgd door een letter).",
            "Use plain text here, without HTML (no < followed by a letter).",
        ),
        "err-formula": (
            "Begin niet met =, +, - of @: spreadsheets lezen dat als formule.",
            "Do not start with =, +, - or @: spreadsheets read that as a formula.",
        ),
        "err-control_character": (
            "Deze tekst bevat een onzichtbaar stuurteken; typ hem opnieuw.",
            "This text holds an invisible control character; type it again.",
        ),
    }
)

_RATINGS: Final = Texts(
    {
        "reliable": ("Doet wat ze toezeggen", "Does what they promise"),
        "open": ("Staat open voor overleg", "Open to discussion"),
        "shared_goal": ("Werkt aan ons gedeelde doel", "Works toward our shared goal"),
        "contributes": ("Brengt kennis of middelen in", "Brings expertise or means"),
        "involved": ("Doet actief mee", "Takes an active part"),
        "influence": ("Heeft invloed in het netwerk", "Has a say in the network"),
    }
)
_SCALE: Final = Texts(
    {
        "1": ("helemaal niet", "not at all"),
        "2": ("een beetje", "a little"),
        "3": ("grotendeels", "mostly"),
        "4": ("helemaal", "very much"),
    }
)
_FREQUENCIES: Final = Texts(
    {
        "1": ("jaarlijks of minder", "yearly or less"),
        "2": ("elk kwartaal", "quarterly"),
        "3": ("maandelijks", "monthly"),
        "4": ("wekelijks", "weekly"),
        "5": ("dagelijks", "daily"),
    }
)
GROUPS: Final = (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS))
"""The rating questions in two groups, each with its heading's text key."""
_PLACE: Final = re.compile(r"^(ties|suggestions)\[(\d+)\]")
_MATCHES: Final = 30
_Values = tuple[Mapping[str, object], Mapping[tuple[str, str], object]]


@dataclass(frozen=True, slots=True)
class TieCard:
    """One tie on the form: the partner, what the data shows (``lines``), and its answers so far.

    ``key`` names the card in the page (a shown tie: the partner's id; an added one: ``a1``,
    ``a2``, ...); ``added`` ties have no status to choose.
    """

    key: str
    partner: str
    name: str
    sector: str = ""
    lines: tuple[str, ...] = ()
    status: str | None = None
    frequency: int | None = None
    ratings: Mapping[str, int] = field(default_factory=dict)
    new_name: str = ""
    added: bool = False


@dataclass(frozen=True, slots=True)
class SuggestionCard:
    """One kennismaken suggestion: whom, why, and the answer so far."""

    partner: str
    name: str
    sector: str = ""
    why: tuple[str, ...] = ()
    answer: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
    """The whole questionnaire for one organisation, in one language."""

    organisation: str
    heading: str
    closes: str
    previous: str
    shown: tuple[TieCard, ...]
    added: tuple[TieCard, ...]
    suggestions: tuple[SuggestionCard, ...]


@dataclass(frozen=True, slots=True)
class Current:
    """The answers on the page now (not yet saved), to draw the form again in another language."""

    statuses: Mapping[str, object] = field(default_factory=dict)
    frequencies: Mapping[str, object] = field(default_factory=dict)
    ratings: Mapping[tuple[str, str], object] = field(default_factory=dict)
    added: Sequence[Mapping[str, Any]] = ()
    suggestions: Mapping[str, object] = field(default_factory=dict)


def evidence_lines(evidence: Evidence, lang: Language) -> tuple[str, ...]:
    """What the data shows of one tie, one line per kind of evidence.

    >>> for line in evidence_lines(Evidence(("Convenant Zuid",), 2, 12, "<5"), "nl"):
    ...     print(line)
    Afspraak: Convenant Zuid
    2 professionals werken voor u allebei
    Verwijzingen van u naar hen: 12
    Verwijzingen van hen naar u: <5
    """
    lines: list[str] = []
    if evidence.agreements:
        key = "ev-agreement" if len(evidence.agreements) == 1 else "ev-agreements"
        lines.append(T(key, lang).format(names=listing(evidence.agreements, lang)))
    if evidence.professionals:
        n = evidence.professionals
        lines.append(count(n, T("ev-professional", lang), T("ev-professionals", lang), lang))
    for value, key in ((evidence.referrals_sent, "ev-sent"), (evidence.referrals_received, "ev-received")):
        if value is not None:
            shown = number(value, lang, 0) if isinstance(value, int) else str(value)
            lines.append(T(key, lang).format(n=shown))
    return tuple(lines)


def _answered(answer: TieAnswer | None) -> tuple[int | None, dict[str, int]]:
    return (answer.frequency, dict(answer.ratings)) if answer else (None, {})


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _carried(card: TieCard, current: Current) -> TieCard:
    """A card with the answers now on the page."""
    status = current.statuses.get(card.key, card.status) if not card.added else card.status
    ratings = {item: _int(v) for (k, item), v in current.ratings.items() if k == card.key}
    return TieCard(
        card.key,
        card.partner,
        card.name,
        card.sector,
        card.lines,
        str(status) if status else None,
        _int(current.frequencies.get(card.key)),
        {item: v for item, v in ratings.items() if v is not None},
        card.new_name,
        card.added,
    )


def form(q: Questionnaire, lang: Language, current: Current | None = None) -> Form:
    """The questionnaire ``q`` as cards in ``lang``: prefilled from its latest saved version, or
    with the ``current`` answers of the page (when the language changes before saving)."""
    shown = []
    for tie in q.ties:
        frequency, ratings = _answered(tie.answer)
        status = tie.answer.status.value if tie.answer else None
        lines = evidence_lines(tie.evidence, lang)
        sector = sector_label(tie.sector, lang)
        shown.append(TieCard(tie.partner, tie.partner, tie.name, sector, lines, status, frequency, ratings))
    added = []
    for index, extra in enumerate(q.added, start=1):
        frequency, ratings = _answered(extra.answer)
        new = extra.answer.new_name if not extra.partner else ""
        sector = sector_label(extra.sector, lang) if extra.sector else ""
        added.append(
            TieCard(
                f"a{index}", extra.partner, extra.name, sector, (), "added", frequency, ratings, new, True
            )
        )
    suggestions = [
        SuggestionCard(
            s.partner,
            s.name,
            sector_label(s.sector, lang) if s.sector else "",
            _why(s, lang),
            s.answer.value if s.answer else None,
        )
        for s in q.suggestions
    ]
    if current is not None:
        shown = [_carried(card, current) for card in shown]
        added = [_carried(added_card(entry, lang), current) for entry in current.added]
        suggestions = [
            SuggestionCard(s.partner, s.name, s.sector, s.why, _text(current.suggestions.get(s.partner)))
            for s in suggestions
        ]
    return Form(
        q.organisation,
        T("for", lang).format(organisation=q.name),
        T("closes", lang).format(date=day(q.round.closes, lang)),
        _previous(q, lang),
        tuple(shown),
        tuple(added),
        tuple(suggestions),
    )


def _why(suggested: Suggested, lang: Language) -> tuple[str, ...]:
    """The reasons of a suggestion, with who can introduce (unless a reason says so already)."""
    reasons = tuple(r.text(lang) for r in suggested.reasons)
    named = any(r.code == "introducer" for r in suggested.reasons)
    if suggested.introducer and not named:
        reasons += (T("introducer", lang).format(name=suggested.introducer),)
    return reasons


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _previous(q: Questionnaire, lang: Language) -> str:
    if q.latest is None:
        return ""
    key = "sent-before" if q.latest.submitted else "draft-before"
    return T(key, lang).format(time=moment(q.latest.at, lang))


def added_entries(cards: Iterable[TieCard]) -> list[dict[str, str]]:
    """The added ties as the page keeps them (in a store), to read the answers back."""
    return [
        {"key": c.key, "partner": c.partner, "new_name": c.new_name, "name": c.name, "sector": c.sector}
        for c in cards
    ]


def added_card(entry: Mapping[str, Any], lang: Language) -> TieCard:
    """The card of a tie the partner added (from the page's store)."""
    return TieCard(
        str(entry.get("key", "")),
        str(entry.get("partner") or ""),
        str(entry.get("name") or entry.get("new_name") or ""),
        str(entry.get("sector") or ""),
        status="added",
        new_name=str(entry.get("new_name") or ""),
        added=True,
    )


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.casefold()


def matches(search: str, names: Mapping[str, str], leave_out: Iterable[str] = ()) -> list[dict[str, str]]:
    """Organisations whose name holds ``search`` (case and accents aside), as dropdown options:
    the names that start with it first, at most 30.

    >>> matches("lin", {"O1": "Woonstichting De Linie", "O2": "Lindeboom", "O3": "Alfa"}, {"O3"})
    [{'label': 'Lindeboom', 'value': 'O2'}, {'label': 'Woonstichting De Linie', 'value': 'O1'}]
    """
    wanted = _folded(search.strip())
    if not wanted:
        return []
    skip = set(leave_out)
    found = [
        (not _folded(name).startswith(wanted), name.casefold(), oid, name)
        for oid, name in names.items()
        if oid not in skip and wanted in _folded(name)
    ]
    return [{"label": name, "value": oid} for *_, oid, name in sorted(found)[:_MATCHES]]


def rating_label(item: str, lang: object) -> str:
    """The short question for a rating item (:data:`graph.survey.RATING_ITEMS`)."""
    return _RATINGS(item, lang)


def scale_label(score: int, lang: object) -> str:
    """What a score on :data:`graph.survey.RATING_SCALE` means."""
    return _SCALE(str(score), lang)


def frequency_label(frequency: int, lang: object) -> str:
    """How often, for a value of :data:`graph.survey.FREQUENCIES`."""
    return _FREQUENCIES(str(frequency), lang)


def frequency_options(lang: object) -> list[dict[str, Any]]:
    """The choices of "how often", for a radio group."""
    return [{"label": frequency_label(f, lang), "value": f} for f in FREQUENCIES]


def scale_options(lang: object) -> list[dict[str, Any]]:
    """The choices of one rating: the numbers, each titled with its meaning elsewhere (the legend)."""
    return [{"label": str(score), "value": score} for score in RATING_SCALE]


def _score(value: object) -> int | str | None:
    """A form's value as the service takes it (it checks the range)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, (int, str)) else str(value)


def _tie(partner: str, status: str, key: str, values: _Values, new_name: str = "") -> dict[str, Any]:
    frequencies, ratings = values
    tie: dict[str, Any] = {"partner": partner, "status": status}
    if new_name:
        tie["new_name"] = new_name
    if status != "rejected":
        frequency = _score(frequencies.get(key))
        if frequency is not None:
            tie["frequency"] = frequency
        given = {item: _score(v) for (k, item), v in ratings.items() if k == key}
        tie["ratings"] = {item: v for item, v in given.items() if v is not None}
    return tie


def answers(
    *,
    statuses: Mapping[str, object],
    frequencies: Mapping[str, object],
    ratings: Mapping[tuple[str, str], object],
    added: Sequence[Mapping[str, Any]],
    suggestions: Mapping[str, object],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """The form's answers as :func:`app.survey.answers.save` takes them, and each tie's card key.

    Parameters
    ----------
    statuses : mapping
        Shown tie's key (its partner id) -> ``"confirmed"``, ``"rejected"`` or ``None`` (no answer yet;
        left out).
    frequencies, ratings : mapping
        Card key -> how often; (card key, rating item) -> score (``None``: no answer).
    added : sequence of mapping
        The ties the partner added, in order: ``key``, ``partner`` (an id, or empty) and ``new_name``.
    suggestions : mapping
        Suggested partner id -> ``"interested"``, ``"known"``, ``"no"`` or ``None``.

    Returns
    -------
    ties, suggestions, keys
        ``keys[i]`` is the card of ``ties[i]``.
    """
    values = (frequencies, ratings)
    ties: list[dict[str, Any]] = []
    keys: list[str] = []
    for key, status in statuses.items():
        if status in ("confirmed", "rejected"):
            ties.append(_tie(key, str(status), key, values))
            keys.append(key)
    for entry in added:
        key = str(entry.get("key", ""))
        ties.append(
            _tie(str(entry.get("partner") or ""), "added", key, values, str(entry.get("new_name") or ""))
        )
        keys.append(key)
    chosen = [{"partner": p, "answer": a} for p, a in suggestions.items() if a not in (None, "")]
    return ties, chosen, keys


def place_of(field: str, keys: Sequence[str], suggested: Sequence[str]) -> tuple[str, str]:
    """Where a refused answer's message goes: ``("tie", card key)``, ``("suggestion", partner)``,
    or ``("form", "")`` when the field names no card.

    ``suggested`` are the partners of the suggestion answers sent, in the order sent.
    """
    found = _PLACE.match(field)
    if found is None:
        return ("form", "")
    index = int(found.group(2))
    if found.group(1) == "ties" and index < len(keys):
        return ("tie", keys[index])
    if found.group(1) == "suggestions" and index < len(suggested):
        return ("suggestion", suggested[index])
    return ("form", "")


def error_text(code: str, reason: str, lang: object) -> str:
    """The message for a refused answer, in the chosen language (the service's reason when its
    code is new to us)."""
    key = f"err-{code}"
    return T(key, lang) if key in T else reason


def refusal_text(why: str, lang: object) -> str:
    """Why a link is refused (``forged``, ``expired``, ``unknown``), in the chosen language."""
    return T(why if why in ("forged", "expired", "unknown") else "forged", lang)
