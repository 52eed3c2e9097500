"""A small municipality with known ties, in a real SQLite store, and a round open on it.

A (zorg) and B (wonen) share the agreement "Convenant Wijkzorg"; A and C (welzijn) share one
professional; A sent D (jeugd) 12 referrals and got 2 back in October 2026; A sent E
(werk en inkomen) 2; B sent C 40 (not A's business); C and E share the agreement "Werkt
Samen", so E is a kennismaken suggestion for A, introduced by C. In January 2027, after the
round's period, A sent B 30 more.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.survey import Response, SurveyRound
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from queries.sqlite import SqliteStore

TODAY = date(2026, 12, 6)
CLOSES = date(2026, 12, 20)
NOW = "2026-12-06T10:00:00+00:00"
SECRET = "a-test-secret-of-enough-length"
OCTOBER, JANUARY = Period.parse("2026-10"), Period.parse("2027-01")


def _flow(source: str, target: str, period: Period, count: int) -> ReferralFlow:
    return ReferralFlow(ActorKind.ORGANISATION, source, target, period, "", count)


def mini_ecosystem(b_to_c: int = 40) -> Ecosystem:
    """The municipality above; ``b_to_c`` referrals from B to C (0: none)."""
    areas = (
        Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
        Area("WK990101", "Centrum", AreaLevel.WIJK, "GM9901"),
        Area("WK990102", "Noord", AreaLevel.WIJK, "GM9901"),
        Area("BU99010201", "Noord-Oost", AreaLevel.BUURT, "WK990102"),
    )
    orgs = (
        Organisation("A", "Alfa Zorg", Sector.ZORG, "GM9901", ("WK990101",)),
        Organisation("B", "Beta Wonen", Sector.WONEN, "GM9901", ("WK990101",)),
        Organisation("C", "Gamma Welzijn", Sector.WELZIJN, "GM9901", ("WK990101", "WK990102")),
        Organisation("D", "Delta Jeugd", Sector.JEUGD, "GM9901", ("BU99010201",)),
        Organisation("E", "Epsilon Werk", Sector.WERK_INKOMEN, "GM9901", ("WK990101", "WK990102")),
    )
    agreements = (
        Agreement("X", "Convenant Wijkzorg", AgreementKind.COVENANT, parties=("A", "B")),
        Agreement("Y", "Werkt Samen", AgreementKind.COVENANT, parties=("C", "E")),
    )
    staff = (Professional("P1", "Pseudoniem 1", employments=(Employment("A", 0.5), Employment("C", 0.5))),)
    flows = [_flow("A", "D", OCTOBER, 12), _flow("D", "A", OCTOBER, 2), _flow("A", "E", OCTOBER, 2)]
    flows += [_flow("A", "B", JANUARY, 30)]
    if b_to_c:
        flows.append(_flow("B", "C", OCTOBER, b_to_c))
    return Ecosystem(
        areas=areas, organisations=orgs, professionals=staff, agreements=agreements, flows=tuple(flows)
    )


def autumn(**changes: object) -> SurveyRound:
    """The round every test opens: Najaar 2026, about 2026-Q4, inviting A to D (not E)."""
    fields: dict[str, object] = {
        "id": "najaar-2026",
        "name": "Najaar 2026",
        "period": Period.parse("2026-Q4"),
        "closes": CLOSES,
        "invited": ("A", "B", "C", "D"),
        "created_by": "test",
        "created_at": NOW,
    }
    fields.update(changes)
    return SurveyRound(**fields)  # type: ignore[arg-type]


@pytest.fixture
def mini_store() -> Iterator[SqliteStore]:
    """The municipality in a real in-memory SQLite store, with the autumn round open."""
    store = SqliteStore()
    store.init_schema()
    store.apply(mini_ecosystem())
    store.open_round(autumn())
    yield store
    store.close()


class ClosingStore(SqliteStore):
    """A real SQLite store on which an analyst closes a round at the worst moment.

    Set ``closing`` to a round id, and the next ``save_response`` first closes that round
    (through the store, as the rounds page does), then writes: the order of events when
    "close" is pressed after a partner's save was checked but before it was written.
    """

    closing: str | None = None

    def save_response(self, response: Response) -> Response:
        if self.closing is not None:
            self.close_round(self.closing, NOW)
            self.closing = None
        return super().save_response(response)
