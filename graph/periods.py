"""Reporting periods of referral flows: a calendar month or a quarter.

A period is written ``YYYY-MM`` (month) or ``YYYY-Qn`` (quarter). Periods order by the
months they cover, so months and quarters can be mixed in one range.

>>> Period.parse("2025-q1")
Period('2025-Q1')
>>> Period.parse("2025-02") in PeriodRange(Period.parse("2025-Q1"), Period.parse("2025-Q1"))
True
>>> sorted([Period.parse("2025-04"), Period.parse("2025-Q1")])
[Period('2025-Q1'), Period('2025-04')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

__all__ = ["Period", "PeriodRange", "span"]

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{1,2})\Z")
_QUARTER = re.compile(r"^([0-9]{4})-?[Qq]([1-4])\Z")


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A month or a quarter, stored as its first and last month index.

    A month index counts months since year 0 (``year * 12 + month - 1``), which makes
    range checks plain integer comparisons.
    """

    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY-MM`` or ``YYYY-Qn``.

        Raises
        ------
        ValueError
            If the text is neither form, or the month is not 1-12.
        """
        cleaned = text.strip()
        if match := _MONTH.match(cleaned):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} in {text!r} is not 1-12")
            index = year * 12 + month - 1
            return cls(index, index)
        if match := _QUARTER.match(cleaned):
            start = int(match[1]) * 12 + (int(match[2]) - 1) * 3
            return cls(start, start + 2)
        raise ValueError(f"period {text!r} is not YYYY-MM (month) or YYYY-Qn (quarter)")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The period of one calendar month."""
        return cls.parse(f"{year:04d}-{month:02d}")

    @property
    def is_quarter(self) -> bool:
        """Whether this period is a quarter rather than a month."""
        return self.last != self.first

    @property
    def code(self) -> str:
        """The canonical text form, ``YYYY-MM`` or ``YYYY-Qn``."""
        year, month0 = divmod(self.first, 12)
        if self.is_quarter:
            return f"{year:04d}-Q{month0 // 3 + 1}"
        return f"{year:04d}-{month0 + 1:02d}"

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Period({self.code!r})"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.first, self.last) < (other.first, other.last)


@dataclass(frozen=True, slots=True)
class PeriodRange:
    """An inclusive range of periods; ``None`` on a side leaves that side open.

    A period belongs to the range when every month it covers lies inside it.
    """

    start: Period | None = None
    end: Period | None = None

    def __contains__(self, period: object) -> bool:
        if not isinstance(period, Period):
            return False
        after_start = self.start is None or period.first >= self.start.first
        before_end = self.end is None or period.last <= self.end.last
        return after_start and before_end

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """First and last month index covered, ``None`` where open."""
        return (
            None if self.start is None else self.start.first,
            None if self.end is None else self.end.last,
        )

    @property
    def months(self) -> int | None:
        """How many calendar months the range covers; ``None`` when a side is open.

        >>> PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2")).months
        3
        """
        first, last = self.bounds
        return None if first is None or last is None else last - first + 1

    def shifted(self, months: int) -> PeriodRange:
        """The range moved by ``months`` (negative: back in time), as a range of months.

        Raises
        ------
        ValueError
            If a side is open (an open range cannot move).

        >>> PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2")).shifted(-3).code
        '2025-Q1'
        """
        first, last = self.bounds
        if first is None or last is None:
            raise ValueError("an open period range cannot be shifted")
        return span(first + months, last + months)

    def with_previous(self) -> PeriodRange:
        """This range widened back to hold the range it is compared with (``graph.timeline.previous_range``).

        A closed range gains the range of equal length before it; a range with only a start
        gains a quarter (the longest period, so its latest period's predecessor is in); an
        open start stays open.

        >>> q2 = PeriodRange(Period.parse("2025-Q2"), Period.parse("2025-Q2"))
        >>> q2.with_previous().code, PeriodRange(Period.parse("2025-04"), None).with_previous().code
        ('2025-01..2025-06', '2025-01...')
        """
        first, last = self.bounds
        if first is None:
            return self
        back = self.months or 3
        start = Period(first - back, first - back)
        return PeriodRange(start, None if last is None else Period(last, last))

    @property
    def code(self) -> str:
        """A short label: one month (``2025-04``), one calendar quarter (``2025-Q2``), or ``start..end``.

        >>> span(2025 * 12 + 3, 2025 * 12 + 5).code, span(2025 * 12 + 1, 2025 * 12 + 3).code
        ('2025-Q2', '2025-02..2025-04')
        >>> PeriodRange(None, Period.parse("2025-03")).code
        '...2025-03'
        """
        first, last = self.bounds
        if first is None or last is None:
            start = self.start.code if self.start else ""
            end = self.end.code if self.end else ""
            return f"{start}...{end}"
        if first == last or (last - first == 2 and first % 3 == 0):
            return Period(first, last).code
        return f"{Period(first, first).code}..{Period(last, last).code}"


def span(first: int, last: int) -> PeriodRange:
    """The range of months from month index ``first`` to ``last`` (inclusive).

    >>> span(2025 * 12, 2025 * 12 + 2)
    PeriodRange(start=Period('2025-01'), end=Period('2025-03'))
    """
    return PeriodRange(Period(first, first), Period(last, last))
