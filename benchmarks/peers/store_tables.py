"""Read a Ketenkaart SQLite store with plain ``sqlite3``, and the tie tables both peers build from it.

:func:`read` returns the records as plain dicts and lists: organisations (sector, name,
capacity, the wijken and buurten they serve, folded as Ketenkaart folds them: a buurt
counts for its wijk, a wijk for its buurten, a gemeente for neither), area names,
agreements (dates, known parties, members), professionals (role, jobs) and referral flows
(with each period's first and last month, months counted as ``year * 12 + month - 1``),
and the tables every range of months reuses, worked out once (as Ketenkaart works out the
static layers and the split of the flows by period once).

:func:`ties` is the organisation graph of a range of months as ``organisation_graph``
defines it: a tie per pair of organisations sharing an agreement in force in the range, a
professional, or referrals either way in the range (a professional's referrals count for
each of their employers); weight = agreements + professionals + referrals. The *reported*
layer (survey answers) is left out: neither the benchmark's stores nor the demo store hold
survey rounds. :func:`referrals` is the directed referral graph of a range as arc counts;
:func:`change_ranges` the two ranges ``analyse`` compares in ``change``. Also Ketenkaart's
rules both peers follow: the exact-betweenness budget and the pivot counts (:func:`samples`),
the candidate limit and the spread window of the suggestions, the brokerage roles
(:func:`role_of`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import Any

EXACT_BUDGET = 10_000_000  # Ketenkaart's rule of thumb (graph.analysis): exact up to n * m = 1e7
ALL_CANDIDATES_UP_TO = 50_000  # Ketenkaart's (graph.chances): above, suggestions only among same-wijk pairs
WINDOW = 20  # Ketenkaart's (graph.chances): no organisation more than twice in any 20 places of a list
# the brokerage roles of Gould and Fernandez, in sna's column order (graph.brokerage)
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
Months = tuple[int, int] | None  # first and last month of a range; None: all periods
Pair = tuple[str, str]


def _wijk_of(code: str) -> str:
    return "WK" + code[2:8] if code.startswith("BU") else code


def read(path: str) -> dict[str, Any]:
    """The store's records as plain data (see the module docstring)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    served: dict[str, list[str]] = defaultdict(list)
    for org, code in conn.execute("SELECT organisation_id, area_code FROM organisation_areas"):
        served[org].append(code)
    below: dict[str, list[str]] = defaultdict(list)
    areas = {}
    for code, name, parent in conn.execute("SELECT code, name, parent FROM areas"):
        areas[code] = name
        if code.startswith("BU") and parent:
            below[parent].append(code)
    orgs = {}
    for org, name, sector, capacity in conn.execute(
        "SELECT id, name, sector, capacity FROM organisations ORDER BY id"
    ):
        codes = [c for c in served[org] if not c.startswith("GM")]
        buurten = {c for c in codes if c.startswith("BU")}
        buurten |= {b for c in codes if c.startswith("WK") for b in below[c]}
        orgs[org] = {
            "name": name,
            "sector": sector,
            "capacity": capacity,
            "wijken": tuple(sorted({_wijk_of(c) for c in codes})),
            "buurten": tuple(sorted(buurten)),
        }
    parties: dict[str, list[str]] = defaultdict(list)
    for agreement, org in conn.execute("SELECT agreement_id, organisation_id FROM agreement_parties"):
        if org in orgs:
            parties[agreement].append(org)
    members: dict[str, list[str]] = defaultdict(list)
    for agreement, pro in conn.execute("SELECT agreement_id, professional_id FROM agreement_members"):
        members[agreement].append(pro)
    agreements = [
        {
            "id": ag,
            "name": name,
            "kind": kind,
            "start": start,
            "end": end,
            "parties": tuple(sorted(set(parties[ag]))),
            "members": tuple(members[ag]),
        }
        for ag, name, kind, start, end in conn.execute(
            "SELECT id, name, kind, start_date, end_date FROM agreements ORDER BY id"
        )
    ]
    jobs: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for pro, org, fte in conn.execute("SELECT professional_id, organisation_id, fte FROM employments"):
        jobs[pro].append((org, fte))
    professionals = {
        pro: {"name": name, "role": role, "jobs": jobs[pro]}
        for pro, name, role in conn.execute("SELECT id, name, role FROM professionals ORDER BY id")
    }
    flows = conn.execute(
        "SELECT source_kind, source_id, target_id, period, first_month, last_month, count FROM flows"
    ).fetchall()
    conn.close()
    periods = dict(sorted({(period, (first, last)) for _, _, _, period, first, last, _ in flows}, key=_order))
    records = {
        "organisations": orgs,
        "areas": areas,
        "agreements": agreements,
        "professionals": professionals,
        "flows": flows,
        "periods": periods,
    }
    return records | _derived(records)


def _derived(records: dict[str, Any]) -> dict[str, Any]:
    """What every range of months reuses, worked out once.

    ``agreement_pairs``: per (start, end) dates, the party pairs of the agreements with
    those dates; ``staff_pairs``: pairs sharing professionals, how many;
    ``organisation_flows``: per period's (first, last) month, ``(source organisation,
    target, count)`` with a professional's flow once per employer; ``recorded``: per
    period, the referrals recorded (a professional's flow once).
    """
    orgs = records["organisations"]
    by_dates: dict[tuple[str | None, str | None], Counter[Pair]] = defaultdict(Counter)
    for ag in records["agreements"]:
        by_dates[ag["start"], ag["end"]].update(combinations(ag["parties"], 2))
    staff: Counter[Pair] = Counter()
    for pro in records["professionals"].values():
        staff.update(combinations(sorted({org for org, _ in pro["jobs"] if org in orgs}), 2))
    employers = {pro: [org for org, _ in p["jobs"]] for pro, p in records["professionals"].items()}
    organisation_flows: dict[tuple[int, int], list[tuple[str, str, int]]] = defaultdict(list)
    recorded: dict[str, int] = defaultdict(int)
    for kind, source, target, period, first, last, count in records["flows"]:
        recorded[period] += count
        if target in orgs:
            for org in [source] if kind == "organisation" else employers.get(source, []):
                if org != target and org in orgs:
                    organisation_flows[first, last].append((org, target, count))
    return {
        "agreement_pairs": by_dates,
        "staff_pairs": staff,
        "organisation_flows": organisation_flows,
        "recorded": recorded,
    }


def _order(item: tuple[str, tuple[int, int]]) -> tuple[int, int]:
    first, last = item[1]
    return first, last


def _date(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}-01"


def in_force(dates: tuple[str | None, str | None], months: Months) -> bool:
    """Whether an agreement of these (start, end) dates is in force at some time within
    ``months`` (always, when ``None``)."""
    if months is None:
        return True
    start, end = _date(months[0]), _date(months[1] + 1)  # end: the first day after the range
    return (dates[0] is None or dates[0] < end) and (dates[1] is None or dates[1] >= start)


def inside(first: int, last: int, months: Months) -> bool:
    """Whether a period of ``first`` to ``last`` month lies within ``months``."""
    return months is None or (months[0] <= first and last <= months[1])


def organisation_flows(data: dict[str, Any], months: Months) -> Iterator[tuple[str, str, int]]:
    """``(source organisation, target, count)`` of the flows in ``months``; a professional's
    flow once per employer, flows to oneself dropped."""
    for (first, last), rows in data["organisation_flows"].items():
        if inside(first, last, months):
            yield from rows


def referrals(data: dict[str, Any], months: Months) -> dict[Pair, int]:
    """The directed referral graph of ``months``: ``(a, b) -> referrals a sent b``."""
    arcs: dict[Pair, int] = defaultdict(int)
    for source, target, count in organisation_flows(data, months):
        arcs[source, target] += count
    return dict(arcs)


def ties(data: dict[str, Any], months: Months) -> dict[Pair, list[int]]:
    """The organisation graph of ``months``: ``(a, b)`` (``a < b``) -> ``[agreements,
    professionals, referrals]``, every layer but *reported*."""
    found: dict[Pair, list[int]] = defaultdict(lambda: [0, 0, 0])
    for dates, pairs in data["agreement_pairs"].items():
        if in_force(dates, months):
            for pair, count in pairs.items():
                found[pair][0] += count
    for pair, count in data["staff_pairs"].items():
        found[pair][1] += count
    for (a, b), count in referrals(data, months).items():
        found[min(a, b), max(a, b)][2] += count
    return {pair: layers for pair, layers in found.items() if sum(layers) > 0}


def change_ranges(data: dict[str, Any]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(before, after)``: the latest period with data and the range of equal length before it
    (what ``analyse`` compares without ``--from``/``--to``); ``None`` without data before it."""
    if not data["periods"]:
        return None
    first, last = list(data["periods"].values())[-1]
    length = last - first + 1
    before = (first - length, last - length)
    if not any(inside(f, lst, before) for f, lst in data["periods"].values()):
        return None
    return before, (first, last)


def role_of(source: str, broker: str, target: str) -> str:
    """The brokerage role of ``broker`` on a two-path ``source -> broker -> target``, by their sectors."""
    if source == broker:
        return "coordinator" if target == broker else "representative"
    if target == broker:
        return "gatekeeper"
    return "itinerant" if source == target else "liaison"


def samples(n: int, m: int) -> int | None:
    """Betweenness sources: ``None`` (exact) within the budget, else 1,000 / 500 / 200 pivots by ties.

    Exact as Ketenkaart within its budget; above it the pivot counts Ketenkaart used before
    it estimated with KADABRA (neither NetworkX nor igraph has KADABRA). ``--samples`` overrides.
    """
    if n * m <= EXACT_BUDGET:
        return None
    return min(n, 1000 if m <= 50_000 else 500 if m <= 250_000 else 200)


def spread(order: list[tuple[str, str]] | list[tuple[int, int]], top: int) -> list[int]:
    """Places in ``order`` (pairs, best first) chosen greedily: at each place the best pair that
    keeps each organisation at most twice in any ``WINDOW`` places (Ketenkaart's rule)."""
    chosen: list[int] = []
    left = list(range(len(order)))
    while len(chosen) < top:
        recent = Counter(x for at in chosen[-(WINDOW - 1) :] for x in order[at])
        place = next((i for i, at in enumerate(left) if all(recent[x] < 2 for x in order[at])), None)
        if place is None:
            break
        chosen.append(left.pop(place))
    return chosen


def brokerage_record(
    counts: dict[str, int], own: int, others: list[int], main: dict[str, Any] | None
) -> dict[str, Any]:
    """One organisation's brokerage: the role counts, their total, each over its chance and the
    main role; ``own`` is the size of its sector, ``others`` the sizes of the other sectors.

    Chance: the share of the ordered pairs of other organisations that would give the role if
    sectors were shuffled (sizes kept), as Ketenkaart's ``vs_chance``.
    """
    inside, outside = own - 1, sum(others)
    chance = {
        "coordinator": inside * (inside - 1),
        "itinerant": sum(x * (x - 1) for x in others),
        "representative": inside * outside,
        "gatekeeper": inside * outside,
        "liaison": outside * outside - sum(x * x for x in others),
    }
    every = (inside + outside) * (inside + outside - 1)
    total = sum(counts.values())
    return counts | {
        "total": total,
        "vs_chance": {
            r: counts[r] * every / (total * chance[r]) if total and chance[r] else None for r in ROLES
        },
        "main": main,
    }
