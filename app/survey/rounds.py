"""Survey rounds: who is invited, a readable id, opening, closing and where a round stands.

Invited are all organisations, or those of the chosen sectors, or those serving the
chosen wijken (a buurt served counts for its wijk); with both, those that match both.
A round's id is made from its name (``Najaar 2026`` gives ``najaar-2026``, then
``najaar-2026-2`` when that is taken): readable on the command line, and not a secret,
as the signed links protect the rounds.

>>> round_id("Najaar 2026: Zuid & Oost", set())
'najaar-2026-zuid-oost'
>>> round_id("Najaar 2026", {"najaar-2026"}), round_id("???", set())
('najaar-2026-2', 'ronde')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from graph.areacodes import wijk_of
from graph.errors import ConfigError, NotFound
from graph.model import Organisation
from graph.periods import Period
from graph.survey import SurveyRound
from graph.taxonomy import Sector

if TYPE_CHECKING:
    from queries.base import Store

__all__ = [
    "MAX_NAME",
    "RoundStatus",
    "close",
    "find_round",
    "get_round",
    "invited_organisations",
    "open_round",
    "quarter_of",
    "round_id",
    "round_status",
]

MAX_NAME: Final = 80
_ID_LENGTH: Final = 40


def round_id(name: str, taken: Collection[str]) -> str:
    """A short, readable id for a round called ``name`` that is not in ``taken``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:_ID_LENGTH].strip("-") or "ronde"
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def quarter_of(day: date) -> Period:
    """The quarter ``day`` falls in.

    >>> quarter_of(date(2026, 12, 6))
    Period('2026-Q4')
    """
    return Period.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def _serves(org: Organisation, wijken: frozenset[str]) -> bool:
    return any(wijk_of(code) in wijken for code in org.areas)


def invited_organisations(
    organisations: Iterable[Organisation], sectors: Collection[Sector] = (), wijken: Collection[str] = ()
) -> tuple[str, ...]:
    """The ids of the organisations a round invites: in one of ``sectors`` (all when empty)
    and serving one of ``wijken`` (all when empty)."""
    wanted = frozenset(wijken)
    return tuple(
        sorted(
            org.id
            for org in organisations
            if (not sectors or org.sector in sectors) and (not wanted or _serves(org, wanted))
        )
    )


def open_round(
    store: Store,
    name: str,
    closes: date,
    *,
    today: date,
    now: str,
    by: str,
    period: Period | None = None,
    sectors: Collection[Sector] = (),
    wijken: Collection[str] = (),
) -> SurveyRound:
    """Open a round in ``store`` and return it.

    ``period`` defaults to the quarter of ``today``; ``now`` is the ISO timestamp it is
    opened at, ``by`` who opened it.

    Raises
    ------
    ConfigError
        For an empty or overlong name, a closing date before ``today``, a wijk code the
        store does not hold, or a choice that invites no organisation.
    """
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise ConfigError(f"a round needs a name of 1 to {MAX_NAME} characters")
    if closes < today:
        raise ConfigError(f"the closing date {closes.isoformat()} has passed; choose today or later")
    eco = store.snapshot()
    served = {w for org in eco.organisations for code in org.areas if (w := wijk_of(code))}
    known_wijken = served | {a.code for a in eco.areas if a.code.startswith("WK")}
    unknown = sorted(set(wijken) - known_wijken)
    if unknown:
        raise ConfigError(
            f"no wijk {', '.join(unknown)} in the store (a wijk code is WK and 6 digits); "
            "find codes with: ketenkaart search NAME"
        )
    invited = invited_organisations(eco.organisations, sectors, wijken)
    if not invited:
        raise ConfigError("no organisation in the store matches these sectors and wijken; nobody to invite")
    created = SurveyRound(
        id=round_id(cleaned, {r.id for r in store.rounds()}),
        name=cleaned,
        period=period or quarter_of(today),
        closes=closes,
        invited=invited,
        created_by=by,
        created_at=now,
    )
    store.open_round(created)
    return created


def find_round(store: Store, round_id: str) -> SurveyRound | None:
    """The round with this id in ``store``, or ``None``."""
    return next((r for r in store.rounds() if r.id == round_id), None)


def get_round(store: Store, round_id: str) -> SurveyRound:
    """The round with this id; raises :class:`graph.errors.NotFound` naming the rounds there are."""
    found = find_round(store, round_id)
    if found is None:
        rounds = store.rounds()
        there = ", ".join(r.id for r in rounds[:10]) or "none yet; open one with: ketenkaart survey open NAME"
        raise NotFound(f"no survey round {round_id!r} (rounds: {there})")
    return found


def close(store: Store, round_id: str, *, now: str) -> SurveyRound:
    """Close a round (closing it again keeps the first time) and return it."""
    get_round(store, round_id)
    return store.close_round(round_id, now)


@dataclass(frozen=True, slots=True)
class RoundStatus:
    """Where a round stands: how many were invited, answered (a draft or submitted), submitted.

    ``submitted`` counts organisations whose latest saved version is submitted; ``drafts``
    those whose latest version is a draft (saved halfway, or changed after submitting).
    """

    round: SurveyRound
    open: bool
    invited: int
    responded: int
    submitted: int
    waiting: tuple[str, ...]

    @property
    def drafts(self) -> int:
        """Organisations that saved answers but whose latest version is not submitted."""
        return self.responded - self.submitted

    @property
    def response_rate(self) -> float:
        """Submitted over invited (0 when nobody was invited)."""
        return self.submitted / self.invited if self.invited else 0.0

    def to_data(self) -> dict[str, object]:
        """The status as plain JSON data (``ketenkaart survey status --json``)."""
        r = self.round
        return {
            "round": r.id,
            "name": r.name,
            "period": r.period.code,
            "closes": r.closes.isoformat(),
            "closed": not self.open,
            "closed_at": r.closed_at,
            "invited": self.invited,
            "responded": self.responded,
            "submitted": self.submitted,
            "drafts": self.drafts,
            "response_rate": round(self.response_rate, 4),
            "waiting": list(self.waiting),
        }


def round_status(store: Store, round_id: str, *, today: date) -> RoundStatus:
    """Where the round ``round_id`` stands on ``today`` (``waiting``: invited, no answer saved)."""
    found = get_round(store, round_id)
    latest = [r for r in store.responses(round_id) if r.organisation in found.invited]
    answered = {r.organisation for r in latest}
    return RoundStatus(
        round=found,
        open=found.is_open(today),
        invited=len(found.invited),
        responded=len(answered),
        submitted=sum(1 for r in latest if r.submitted),
        waiting=tuple(org for org in found.invited if org not in answered),
    )
