"""Survey rounds: what partners report about their own ties, as plain records.

A *round* asks the invited organisations, each through its own link, which ties the data
shows are true (confirm or reject), which ties the data misses (add), how often they work
with each partner and how much they trust and value them, and whether they would like to
meet the organisations Ketenkaart suggests. An organisation's answers are one
:class:`Response`; saving halfway stores a draft, submitting marks it submitted. Every
save that changes something is a new *version* (the store keeps them all); the latest
version is the organisation's answer for the round.

Partners also propose corrections to their own organisation record
(:class:`ProposedChange`), and analysts decide them; an analyst's "not the same
organisation" verdict on a probable duplicate is a :class:`PairDecision`.

Nothing here is about clients: a response names organisations only, never a person
helped.

The questions follow the constructs of Varda, Chandra, Stern and Lurie (2008) on trust and
value in interorganisational networks, in our own words: *trust* as reliability, openness
and working toward a shared goal; *value* as what a partner contributes, how involved it is
and its say in the network. Every rating is on one fixed scale, 1 (not at all) to 4 (very).

References
----------
.. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
   connectivity in public health collaboratives. *Journal of Public Health Management and
   Practice*, 14(5), E1-E7.
.. [2] Varda, D. M., & Retrum, J. H. (2015). Collaborative performance as a function of
   network members' perceptions of success. *Public Performance & Management Review*,
   38(4), 632-653.

>>> tie = TieAnswer("O2", TieStatus.CONFIRMED, frequency=3, ratings=(("open", 4), ("reliable", 3)))
>>> tie.score(TRUST_ITEMS)
3.5
>>> r = Response("R1", "O1", ties=(tie,), submitted=True)
>>> r.named_partners()
('O2',)
>>> pair_key("O9", "O2")
('O2', 'O9')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from graph.periods import Period

__all__ = [
    "FREQUENCIES",
    "MAX_TEXT",
    "RATING_ITEMS",
    "RATING_SCALE",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "ChangeStatus",
    "Interest",
    "PairDecision",
    "ProposedChange",
    "ReportedTie",
    "Response",
    "SuggestionAnswer",
    "SurveyRound",
    "TieAnswer",
    "TieStatus",
    "pair_key",
]

RATING_SCALE: Final = (1, 2, 3, 4)
"""Every rating: 1 not at all, 2 a little, 3 mostly, 4 very."""

TRUST_ITEMS: Final = ("reliable", "open", "shared_goal")
"""Trust: does what it says; open to discussion; works toward the goal we share."""

VALUE_ITEMS: Final = ("contributes", "involved", "influence")
"""Value: brings means or expertise; takes part actively; has a say in the network."""

RATING_ITEMS: Final = TRUST_ITEMS + VALUE_ITEMS

FREQUENCIES: Final = (1, 2, 3, 4, 5)
"""How often two organisations work together: 1 yearly or less, 2 quarterly, 3 monthly,
4 weekly, 5 daily."""

MAX_TEXT: Final = 200
"""The longest free text a partner may give (a new organisation's name, a correction)."""


class TieStatus(StrEnum):
    """What a partner says of one tie."""

    CONFIRMED = "confirmed"
    """A tie the data shows, and the partner says it is real."""
    REJECTED = "rejected"
    """A tie the data shows, and the partner says there is none."""
    ADDED = "added"
    """A tie the data does not show, named by the partner."""


class Interest(StrEnum):
    """A partner's answer to a "kennismaken" suggestion."""

    INTERESTED = "interested"
    KNOWN = "known"
    """We know them already."""
    NO = "no"


class ChangeStatus(StrEnum):
    """Where a proposed correction stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SurveyRound:
    """One survey round: who is asked, about which period, until when.

    ``invited`` are organisation ids; ``closed_at`` is set (an ISO timestamp) once an
    analyst closes the round. A round also stops taking answers after ``closes``.
    """

    id: str
    name: str
    period: Period
    closes: date
    invited: tuple[str, ...] = ()
    created_by: str = ""
    created_at: str = ""
    closed_at: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "invited", tuple(sorted(set(self.invited))))

    def is_open(self, today: date) -> bool:
        """Whether the round takes answers on ``today``.

        >>> r = SurveyRound("R1", "Najaar", Period.parse("2026-Q4"), date(2026, 12, 20))
        >>> r.is_open(date(2026, 12, 20)), r.is_open(date(2026, 12, 21))
        (True, False)
        """
        return self.closed_at is None and today <= self.closes


@dataclass(frozen=True, slots=True)
class TieAnswer:
    """A partner's answer about one tie.

    ``partner`` is an organisation id; for a tie to an organisation the store does not
    know, ``partner`` is empty and ``new_name`` names it (it goes to the analyst's
    review). ``ratings`` are ``(item, score)`` pairs, items from :data:`RATING_ITEMS`,
    scores from :data:`RATING_SCALE`; a rejected tie has neither frequency nor ratings.
    """

    partner: str
    status: TieStatus
    new_name: str = ""
    frequency: int | None = None
    ratings: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "ratings", tuple(sorted(dict(self.ratings).items())))

    @property
    def is_tie(self) -> bool:
        """Whether the partner says the tie exists (confirmed or added)."""
        return self.status is not TieStatus.REJECTED

    def score(self, items: Iterable[str]) -> float | None:
        """The mean rating over ``items`` that were answered, or ``None``."""
        given = dict(self.ratings)
        scores = [given[item] for item in items if item in given]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True, slots=True)
class SuggestionAnswer:
    """A partner's answer to one "kennismaken" suggestion."""

    partner: str
    answer: Interest


@dataclass(frozen=True, slots=True)
class Response:
    """One organisation's answers in one round, as saved at one moment.

    ``version`` is given by the store (1, 2, ...); ``by`` is the user name, or
    ``"link"`` for an answer through the personal link.
    """

    round_id: str
    organisation: str
    ties: tuple[TieAnswer, ...] = ()
    suggestions: tuple[SuggestionAnswer, ...] = ()
    submitted: bool = False
    by: str = ""
    at: str = ""
    version: int = 0

    def __post_init__(self) -> None:
        ties = sorted(self.ties, key=lambda t: (t.partner, t.new_name.casefold(), t.new_name))
        object.__setattr__(self, "ties", tuple(ties))
        object.__setattr__(self, "suggestions", tuple(sorted(self.suggestions, key=lambda s: s.partner)))

    def same_answers(self, other: Response) -> bool:
        """Whether two saves hold the same answers (who, when and version aside).

        Saving the same answers again is not a new version.
        """
        mine = (self.ties, self.suggestions, self.submitted)
        return mine == (other.ties, other.suggestions, other.submitted)

    def named_partners(self) -> tuple[str, ...]:
        """The known organisations this response says it works with."""
        return tuple(t.partner for t in self.ties if t.is_tie and t.partner)


@dataclass(frozen=True, slots=True)
class ReportedTie:
    """A tie an organisation reported in a submitted response: the "gemeld" layer.

    One record per reporter and partner per round, taken from each organisation's latest
    submitted version; rejected ties and ties to organisations not yet in the store are
    not reported ties.
    """

    reporter: str
    partner: str
    round_id: str
    period: Period


@dataclass(frozen=True, slots=True)
class ProposedChange:
    """A correction a partner proposes to its own organisation record.

    ``fields`` are ``(name, value)`` pairs: ``name``, ``areas`` (CBS codes separated by
    ``;``), ``expertise`` (separated by ``;``) or ``contact`` (an e-mail address for the
    organisation). An empty ``organisation`` proposes a new organisation, named by the
    ``name`` field.
    """

    id: str
    organisation: str
    fields: tuple[tuple[str, str], ...]
    by: str = ""
    at: str = ""
    status: ChangeStatus = ChangeStatus.PENDING
    decided_by: str = ""
    decided_at: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", tuple(sorted(dict(self.fields).items())))


def pair_key(first: str, second: str) -> tuple[str, str]:
    """Two organisation ids in a fixed order, so a pair has one key."""
    return (first, second) if first <= second else (second, first)


@dataclass(frozen=True, slots=True)
class PairDecision:
    """An analyst's verdict on a probable duplicate pair: the same organisation or not.

    ``first`` and ``second`` are kept in :func:`pair_key` order.
    """

    first: str
    second: str
    same: bool
    by: str = ""
    at: str = ""

    def __post_init__(self) -> None:
        first, second = pair_key(self.first, self.second)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "second", second)
