"""Small-count protection: what a partner sees cannot be combined into a count below the threshold.

The brute force tries every history of three months (counts 0..16 a month, which crosses every
rounding boundary up to totals of 45) with every period range a partner can choose (6 ranges),
exactly as the app computes what it shows: every total is built from per-month cells.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import pytest

from app.access import ANALYST, Role, Viewer, rounded

PARTNER = Viewer("piet", Role.PARTNER, "ORG0043")
MONTHS = 3
HIGHEST = 16


def _ranges(months: int) -> list[tuple[int, int]]:
    """Every period range a partner can choose (first and last month, inclusive)."""
    return [(i, j) for i in range(months) for j in range(i, months)]


def _view(counts: tuple[int, ...], small: int) -> tuple[int | str, ...]:
    """What the partner's panel shows for every range: the range's cells, as the app adds them."""
    return tuple(PARTNER.total(counts[i : j + 1], small=small) for i, j in _ranges(len(counts)))


@pytest.mark.parametrize("small", [3, 5, 10])
def test_no_combination_of_period_ranges_pins_down_a_small_count(small: int) -> None:
    """Histories that look the same in every range are grouped; within a group no month and no
    run of months (what differencing two ranges yields) may be one single value from 1 to small-1."""
    alike: defaultdict[tuple[int | str, ...], list[tuple[int, ...]]] = defaultdict(list)
    for counts in product(range(HIGHEST + 1), repeat=MONTHS):
        alike[_view(counts, small)].append(counts)
    leaks = []
    for view, histories in alike.items():
        for i, j in _ranges(MONTHS):
            totals = {sum(h[i : j + 1]) for h in histories}
            if len(totals) == 1 and 0 <= (total := totals.pop()) < small:
                leaks.append((view, (i, j), total))
    assert leaks == []


def test_the_differencing_attack_of_the_issue_no_longer_works() -> None:
    """January 6, February 4: the ranges show 5, 5 and 10; February could be anything from 3 to 7."""
    jan, feb = 6, 4
    shown = [PARTNER.total(cells, small=5) for cells in ((jan,), (feb,), (jan, feb))]
    assert shown == [5, 5, 10]
    candidates = {
        f
        for j, f in product(range(40), repeat=2)
        if [PARTNER.total(c, small=5) for c in ((j,), (f,), (j, f))] == shown
    }
    assert candidates == {3, 4, 5, 6, 7}


def test_the_lead_s_counterexample_for_rounded_totals_does_not_pin_a_month() -> None:
    """Rounding each range's total pinned a2 to 4 for some views; rounding cells leaves a range."""
    small = 5
    target = _view((2, 4, 2), small)
    pinned = {h[1] for h in product(range(HIGHEST + 1), repeat=MONTHS) if _view(h, small) == target}
    assert len(pinned) >= 3


def test_zero_is_not_shown_exactly_to_partners_and_analysts_see_every_count() -> None:
    assert PARTNER.count(0, small=5) == "<5"
    assert PARTNER.total([1, 2, 2], small=5) == "<5"  # every cell below half the base
    assert [ANALYST.count(n, small=5) for n in (0, 3, 12)] == [0, 3, 12]
    assert ANALYST.total([1, 2, 2], small=5) == 5
    assert [PARTNER.count(n, small=5) for n in (3, 5, 7, 8, 12, 13)] == [5, 5, 5, 10, 10, 15]
    assert [rounded(n, 10) for n in (4, 5, 14, 15)] == [0, 10, 10, 20]
