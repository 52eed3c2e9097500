"""The survey rounds of a store read once, and what the pages take from them.

:func:`read_surveys` reads every round with the answers that count for analysis (the
command line's ``analyse`` and ``report``, and the web app once per store revision).
The functions below it work on that plain record only:

- :func:`interests`: per (organisation, partner), the organisation's latest submitted answer
  to the "kennismaken" suggestion of that partner (newest round first);
- :func:`already_known`: the partners an organisation itself said it knows already;
- :func:`coffee_pairs`: the coffee matches of every round (both said *interested*);
- :func:`open_invitation`: the round an organisation is invited to and may answer today.

>>> from datetime import date
>>> from graph.periods import Period
>>> from graph.survey import SuggestionAnswer
>>> r1 = SurveyRound("R1", "Zomer", Period.parse("2026-Q3"), date(2026, 9, 30), ("A", "B"), created_at="1")
>>> r2 = SurveyRound("R2", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20), ("A",), created_at="2")
>>> said = lambda rnd, org, partner, answer: Response(
...     rnd, org, suggestions=(SuggestionAnswer(partner, Interest(answer)),), submitted=True)
>>> found = Surveys([r2, r1], {"R1": [said("R1", "A", "B", "interested"), said("R1", "B", "A", "interested")],
...                            "R2": [said("R2", "A", "B", "known")]})
>>> interests(found)[("A", "B")], interests(found)[("B", "A")]
(<Interest.KNOWN: 'known'>, <Interest.INTERESTED: 'interested'>)
>>> coffee_pairs(found)
[('A', 'B')]
>>> open_invitation(found, "A", date(2026, 10, 1)).id, open_invitation(found, "B", date(2026, 10, 1))
('R2', None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from graph.survey import Interest, Response, SurveyRound

if TYPE_CHECKING:
    from queries.base import Store

# graph.reported (and networkx with it) is imported where it is used: a store without rounds
# (``ketenkaart analyse`` on plain data) never loads it.

__all__ = ["Surveys", "already_known", "coffee_pairs", "interests", "open_invitation", "read_surveys"]


@dataclass(frozen=True, slots=True)
class Surveys:
    """The survey rounds of a store and, per round id, the answers that count for analysis."""

    rounds: list[SurveyRound] = field(default_factory=list)
    responses: dict[str, list[Response]] = field(default_factory=dict)

    def answers(self, round_id: str) -> list[Response]:
        """The responses of one round (none for a round not read)."""
        return self.responses.get(round_id, [])


def read_surveys(store: Store) -> Surveys:
    """Every round, with each organisation's latest version and, where that is a draft
    saved after a submission, its earlier versions (``graph.reported.latest_submitted``
    then picks the latest submitted one)."""
    rounds = store.rounds()
    responses: dict[str, list[Response]] = {}
    for survey_round in rounds:
        latest = store.responses(survey_round.id)
        earlier = [
            old
            for r in latest
            if not r.submitted and r.version > 1
            for old in store.response_history(survey_round.id, r.organisation)
        ]
        responses[survey_round.id] = latest + earlier
    return Surveys(rounds, responses)


def interests(surveys: Surveys) -> dict[tuple[str, str], Interest]:
    """``(organisation, partner)`` -> the organisation's answer to meeting that partner.

    Its latest submitted answer in the newest round where it gave one; drafts do not count.
    """
    if not surveys.rounds:
        return {}
    from graph.reported import latest_submitted, newest_first  # noqa: PLC0415 - only rounds need it

    found: dict[tuple[str, str], Interest] = {}
    for survey_round in newest_first(surveys.rounds):
        for org, response in latest_submitted(surveys.answers(survey_round.id)).items():
            for answer in response.suggestions:
                if answer.partner != org:
                    found.setdefault((org, answer.partner), answer.answer)
    return found


def already_known(answers: Mapping[tuple[str, str], Interest], organisation: str) -> frozenset[str]:
    """The organisations ``organisation`` itself said it knows already (its own answers only).

    >>> said = {("A", "B"): Interest.KNOWN, ("A", "C"): Interest.NO, ("D", "A"): Interest.KNOWN}
    >>> sorted(already_known(said, "A"))
    ['B']
    """
    return frozenset(
        p for (org, p), answer in answers.items() if org == organisation and answer is Interest.KNOWN
    )


def coffee_pairs(surveys: Surveys) -> list[tuple[str, str]]:
    """Every pair (``a < b``) that both said *interested* in some round, sorted."""
    if not surveys.rounds:
        return []
    from graph.reported import coffee_matches  # noqa: PLC0415 - only rounds need it

    return sorted({pair for r in surveys.rounds for pair in coffee_matches(surveys.answers(r.id))})


def open_invitation(
    surveys: Surveys | Iterable[SurveyRound], organisation: str, today: date
) -> SurveyRound | None:
    """The newest round that invites ``organisation`` and takes answers on ``today``, or ``None``."""
    rounds = surveys.rounds if isinstance(surveys, Surveys) else list(surveys)
    if not rounds:
        return None
    from graph.reported import newest_first  # noqa: PLC0415 - only rounds need it

    return next(
        (r for r in newest_first(rounds) if organisation in r.invited and r.is_open(today)),
        None,
    )
