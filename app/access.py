"""Who is looking, and what they may see.

Two roles. ``analist`` sees everything. ``partner`` sees its own organisation, the
directory and coffee suggestions, but no other organisation's referral counts. The rules
are applied on the server, before anything is sent to the browser.

A partner's own referral counts are protected so that no small count can be worked out, not
even by differencing the totals of overlapping period ranges. The protection is applied to
each *cell* of the data, the count of one pair of organisations in one period (a month, or a
quarter where the data has quarters), before anything is added up: each cell is rounded to a
multiple of the base ``b`` (``KETENKAART_SMALL_COUNT``, default 5), halves up (with ``b = 5``:
0-2 become 0, 3-7 become 5, 8-12 become 10, ...). Every total a partner sees is the sum of
rounded cells, shown as ``"<b"`` when it is 0. So everything shown is a function of the
rounded cells alone: subtracting the totals of two period ranges gives at best the rounded
value of one month, which stands for at least three possible counts, never one. This is the
rounding of table cells that statistical offices use (CBS rounds to multiples of 5;
Hundepool et al., *Statistical Disclosure Control*, 2012, §5.3), applied per cell because
rounding each shown total is not enough: the totals of overlapping ranges can pin a month
down. ``tests/test_access.py`` tries every history of three months (counts 0-16) with every
range a partner can choose and finds none that pins a month to one count below ``b``.

>>> partner = Viewer("piet", Role.PARTNER, "ORG0043")
>>> partner.sees_referrals_of("ORG0043"), partner.sees_referrals_of("ORG0007")
(True, False)
>>> partner.total([3], small=5), partner.total([0, 2], small=5), partner.total([6, 4], small=5)
(5, '<5', 10)
>>> ANALYST.total([3, 4], small=5), ANALYST.count(3, small=5)
(7, 3)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ANALYST", "Role", "Viewer", "rounded"]


def rounded(count: int, base: int) -> int:
    """One cell rounded to a multiple of ``base``, halves up.

    >>> [rounded(n, 5) for n in (0, 2, 3, 7, 8, 12, 13)]
    [0, 0, 5, 5, 10, 10, 15]
    """
    return base * ((2 * count + base) // (2 * base))


class Role(StrEnum):
    """A user's role in the app."""

    ANALIST = "analist"
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Viewer:
    """The person behind a request: a user name, a role and (for partners) their organisation."""

    name: str
    role: Role
    organisation: str | None = None

    @property
    def is_analyst(self) -> bool:
        """Whether this viewer sees everything."""
        return self.role is Role.ANALIST

    def sees_referrals_of(self, organisation: str) -> bool:
        """Whether this viewer may see the referral counts of ``organisation``."""
        return self.is_analyst or organisation == self.organisation

    def sees_flow(self, source: str, target: str) -> bool:
        """Whether this viewer may see a flow from ``source`` to ``target``."""
        return self.is_analyst or self.organisation in (source, target)

    def total(self, cells: Iterable[int], *, small: int) -> int | str:
        """The referrals of some cells (one pair, one period each) as this viewer may see their sum.

        Analysts see the sum. Partners see the sum of the cells each rounded to a multiple
        of ``small`` (:func:`rounded`), and ``"<small"`` when that is 0.
        """
        if self.is_analyst:
            return sum(cells)
        shown = sum(rounded(n, small) for n in cells)
        return shown if shown else f"<{small}"

    def count(self, value: int, *, small: int) -> int | str:
        """One cell as this viewer may see it (:meth:`total` of that cell alone)."""
        return self.total((value,), small=small)


ANALYST = Viewer("analist", Role.ANALIST)
"""The viewer when the app runs without login: one local user who sees everything."""
