"""A partner's answers, as a form gives them, checked and turned into a :class:`Response`.

The form gives plain data::

    ties = [{"partner": "ORG0007", "status": "confirmed", "frequency": 3,
             "ratings": {"reliable": 4, "open": 3}},
            {"partner": "", "status": "added", "new_name": "Buurtkamer De Linde"}]
    suggestions = [{"partner": "ORG0101", "answer": "interested"}]

:func:`parse_answers` checks every answer and raises :class:`graph.errors.InvalidAnswer` at
the first one that breaks a rule, naming the question (``field``: ``ties[1].new_name``,
``ties[0].ratings.open``, ``suggestions[0].answer``), the reason, and a stable ``code``
for translation:

========================  =====================================================
code                      the answer ...
========================  =====================================================
``invalid``               is not of the form above (not a list, not a mapping)
``too_many``              list holds more than :data:`MAX_TIES` ties or
                          :data:`MAX_SUGGESTIONS` suggestions
``unknown_organisation``  names an organisation the store does not hold
``own_organisation``      names the answering organisation itself
``duplicate``             names a partner (or a new name) twice
``not_shown``             confirms or rejects a tie the questionnaire did not show
``invalid_choice``        has a status or answer that is not one of the choices
``missing``               adds a tie without a partner or a name
``out_of_range``          has a frequency or rating off its scale
``unknown_item``          rates an item that is not a question
``too_long``              holds a text over :data:`graph.survey.MAX_TEXT`
``markup``                holds an HTML tag (``<`` followed by a letter, ``/``,
                          ``!`` or ``?``)
``formula``               starts like a spreadsheet formula (the loaders' rule,
                          :func:`loaders.textsafety.formula_start`)
``control_character``     holds a control character
========================  =====================================================

Answers are forgiving where a form is: numbers may come as text (``"3"``), an empty
value is no answer, a rejected tie drops the frequency and ratings a form may still hold,
and a tie *added* to a partner the data already shows (``shown``) is a confirmation.
Free text is kept as written (trimmed) and shown escaped everywhere.

:func:`save` checks that the round still takes answers, checks the answers against the
store's organisations and stores them through ``Store.save_response`` (which refuses a
closed round once more, inside its write); nothing is stored when any check fails.

>>> r = parse_answers("R1", "O1", [{"partner": "O2", "status": "confirmed", "frequency": "4"}],
...                   [], known={"O1", "O2"})
>>> r.ties[0].frequency, r.submitted
(4, False)
>>> parse_answers("R1", "O1", [{"partner": "O9", "status": "confirmed"}], [], known={"O1", "O2"})
Traceback (most recent call last):
...
graph.errors.InvalidAnswer: ties[0].partner: 'O9' is not an organisation in the map
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from app.survey.rounds import find_round
from graph.errors import InvalidAnswer, LinkRefused, NotFound
from graph.survey import (
    FREQUENCIES,
    MAX_TEXT,
    RATING_ITEMS,
    RATING_SCALE,
    Interest,
    Response,
    SuggestionAnswer,
    SurveyRound,
    TieAnswer,
    TieStatus,
)
from loaders.textsafety import control_character, formula_start

if TYPE_CHECKING:
    from queries.base import Store

__all__ = ["MAX_SUGGESTIONS", "MAX_TIES", "check_text", "parse_answers", "save"]

MAX_TIES: Final = 300
"""The most ties one response may hold (the data's ties and the added ones together)."""

MAX_SUGGESTIONS: Final = 50
"""The most suggestion answers one response may hold."""

_TAG: Final = re.compile(r"<\s*[A-Za-z/!?]")
_SHOWN_ID: Final = 40


def _show(value: object) -> str:
    """A value for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= _SHOWN_ID else text[: _SHOWN_ID - 3] + "..."


def check_text(field: str, value: object) -> str:
    """A free text as it may be stored (trimmed), or :class:`InvalidAnswer`.

    >>> check_text("name", "  Buurtkamer De Linde ")
    'Buurtkamer De Linde'
    >>> check_text("name", "Jeugd < 18 jaar")
    'Jeugd < 18 jaar'
    >>> check_text("name", "<b>Linde</b>")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidAnswer: name: HTML is not allowed here; write plain text
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidAnswer(field, "give text here", code="invalid")
    if len(value) > MAX_TEXT:
        raise InvalidAnswer(
            field, f"{len(value)} characters; at most {MAX_TEXT} are allowed", code="too_long"
        )
    if _TAG.search(value):
        raise InvalidAnswer(field, "HTML is not allowed here; write plain text", code="markup")
    if (start := formula_start(value)) is not None:
        raise InvalidAnswer(
            field, f"starts with {start!r}, which spreadsheets run as a formula; remove it", code="formula"
        )
    if (control := control_character(value)) is not None:
        raise InvalidAnswer(
            field, f"holds the control character U+{ord(control):04X}", code="control_character"
        )
    return value.strip()


def _number(field: str, value: object, scale: Sequence[int], what: str) -> int | None:
    """A score on ``scale`` from a form value (a number or its text); ``None`` for no answer."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) < 5:
        number = int(value.strip())
    if number not in scale:
        raise InvalidAnswer(
            field, f"{_show(value)} is not {what}: choose {scale[0]} to {scale[-1]}", code="out_of_range"
        )
    return number


def _mapping(field: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidAnswer(field, "each answer must be a set of named values", code="invalid")
    return value


def _list(field: str, value: object, most: int) -> Sequence[Any]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidAnswer(field, "give a list of answers", code="invalid")
    if len(value) > most:
        raise InvalidAnswer(field, f"{len(value)} answers; at most {most} are allowed", code="too_many")
    return value


def _partner(field: str, value: object, organisation: str, known: Collection[str]) -> str:
    """A partner id as given ("" for none), checked against the known organisations."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or value not in known:
        raise InvalidAnswer(
            field, f"{_show(value)} is not an organisation in the map", code="unknown_organisation"
        )
    if value == organisation:
        raise InvalidAnswer(field, "this is your own organisation; name a partner", code="own_organisation")
    return value


def _status(field: str, value: object) -> TieStatus:
    try:
        return TieStatus(str(value))
    except ValueError:
        choices = ", ".join(s.value for s in TieStatus)
        raise InvalidAnswer(field, f"{_show(value)} is not one of {choices}", code="invalid_choice") from None


def _ratings(field: str, value: object) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    given = _mapping(field, value)
    ratings: list[tuple[str, int]] = []
    for item, score in given.items():
        if item not in RATING_ITEMS:
            raise InvalidAnswer(
                f"{field}.{str(item)[:_SHOWN_ID]}",
                f"{_show(item)} is not a question here",
                code="unknown_item",
            )
        number = _number(f"{field}.{item}", score, RATING_SCALE, "a rating")
        if number is not None:
            ratings.append((item, number))
    return tuple(ratings)


def _tie(
    index: int, raw: object, organisation: str, known: Collection[str], shown: Collection[str] | None
) -> TieAnswer:
    field = f"ties[{index}]"
    answer = _mapping(field, raw)
    partner = _partner(f"{field}.partner", answer.get("partner"), organisation, known)
    status = _status(f"{field}.status", answer.get("status"))
    new_name = "" if partner else check_text(f"{field}.new_name", answer.get("new_name"))
    if not partner and not new_name:
        raise InvalidAnswer(
            f"{field}.partner", "choose an organisation or give the name of a new one", code="missing"
        )
    if not partner and status is not TieStatus.ADDED:
        raise InvalidAnswer(f"{field}.status", "a new organisation can only be added", code="invalid_choice")
    if shown is not None and partner and status is not TieStatus.ADDED and partner not in shown:
        raise InvalidAnswer(
            f"{field}.partner", "this tie is not one the map shows; add it instead", code="not_shown"
        )
    if status is TieStatus.ADDED and partner in (shown or ()):
        status = TieStatus.CONFIRMED
    if status is TieStatus.REJECTED:
        return TieAnswer(partner, status)
    frequency = _number(f"{field}.frequency", answer.get("frequency"), FREQUENCIES, "a frequency")
    return TieAnswer(
        partner, status, new_name, frequency, _ratings(f"{field}.ratings", answer.get("ratings"))
    )


def _suggestion(
    index: int, raw: object, organisation: str, known: Collection[str]
) -> SuggestionAnswer | None:
    field = f"suggestions[{index}]"
    answer = _mapping(field, raw)
    partner = _partner(f"{field}.partner", answer.get("partner"), organisation, known)
    if not partner:
        raise InvalidAnswer(f"{field}.partner", "name the suggested organisation", code="missing")
    given = answer.get("answer")
    if given is None or given == "":
        return None
    try:
        return SuggestionAnswer(partner, Interest(str(given)))
    except ValueError:
        choices = ", ".join(i.value for i in Interest)
        raise InvalidAnswer(
            f"{field}.answer", f"{_show(given)} is not one of {choices}", code="invalid_choice"
        ) from None


def _no_duplicates(ties: Sequence[TieAnswer], suggestions: Sequence[SuggestionAnswer]) -> None:
    seen: set[str] = set()
    for index, tie in enumerate(ties):
        key = tie.partner or "new:" + tie.new_name.casefold()
        if key in seen:
            which = tie.partner or tie.new_name
            raise InvalidAnswer(
                f"ties[{index}].partner", f"{_show(which)} is in your list twice", code="duplicate"
            )
        seen.add(key)
    partners: set[str] = set()
    for index, suggestion in enumerate(suggestions):
        if suggestion.partner in partners:
            raise InvalidAnswer(
                f"suggestions[{index}].partner",
                f"{_show(suggestion.partner)} is answered twice",
                code="duplicate",
            )
        partners.add(suggestion.partner)


def parse_answers(
    round_id: str,
    organisation: str,
    ties: object,
    suggestions: object,
    *,
    known: Collection[str],
    shown: Collection[str] | None = None,
    submitted: bool = False,
    by: str = "link",
    at: str = "",
) -> Response:
    """One organisation's answers as a :class:`Response`, every answer checked.

    Parameters
    ----------
    round_id, organisation : str
        The round and the answering organisation.
    ties, suggestions : list of dict
        As the form gives them (see the module docstring); ``None`` is an empty list.
    known : collection of str
        Every organisation id the store holds.
    shown : collection of str, optional
        The partners whose ties the questionnaire showed; with it, only those can be
        confirmed or rejected.
    submitted, by, at
        As in :class:`graph.survey.Response`.

    Raises
    ------
    InvalidAnswer
        At the first answer that breaks a rule; the module docstring lists them.
    """
    if organisation not in known:
        raise InvalidAnswer(
            "organisation",
            f"{_show(organisation)} is not an organisation in the map",
            code="unknown_organisation",
        )
    tie_list = _list("ties", ties, MAX_TIES)
    suggestion_list = _list("suggestions", suggestions, MAX_SUGGESTIONS)
    parsed_ties = [_tie(i, raw, organisation, known, shown) for i, raw in enumerate(tie_list)]
    answered = [_suggestion(i, raw, organisation, known) for i, raw in enumerate(suggestion_list)]
    parsed_suggestions = [s for s in answered if s is not None]
    _no_duplicates(parsed_ties, parsed_suggestions)
    return Response(
        round_id,
        organisation,
        ties=tuple(parsed_ties),
        suggestions=tuple(parsed_suggestions),
        submitted=submitted,
        by=by,
        at=at,
    )


def save(
    store: Store,
    survey_round: SurveyRound | str,
    organisation: str,
    ties: object,
    suggestions: object,
    *,
    submitted: bool,
    by: str,
    now: str,
    today: date,
    shown: Collection[str] | None = None,
) -> Response:
    """Check a form's answers and store them as the organisation's next version; return it.

    The round is read again from the store, so a round closed since its link was checked
    takes no answers; and ``Store.save_response`` checks again inside its write, so one
    closed between this check and the write takes none either (the same refusal). Saving
    the same answers again stores nothing new (the store returns the version it holds).

    Raises
    ------
    LinkRefused
        ``unknown`` for a round that does not exist or did not invite ``organisation``,
        ``expired`` for one that is closed or past its closing date (from this check or
        from the store's).
    InvalidAnswer
        For an answer that breaks a rule (:func:`parse_answers`).
    """
    round_id = survey_round if isinstance(survey_round, str) else survey_round.id
    current = find_round(store, round_id)
    if current is None or organisation not in current.invited:
        raise LinkRefused("unknown", "this survey round does not exist or did not invite this organisation")
    if not current.is_open(today):
        raise LinkRefused("expired", f"the survey {current.name} is closed; answers can no longer be given")
    known = store.known_ids().organisations
    response = parse_answers(
        round_id,
        organisation,
        ties,
        suggestions,
        known=known,
        shown=shown,
        submitted=submitted,
        by=by,
        at=now,
    )
    try:
        return store.save_response(response)
    except NotFound as gone:  # the round went (``Store.clear``) since it was read above
        raise LinkRefused("unknown", f"this survey round does not exist any more: {gone}") from gone
