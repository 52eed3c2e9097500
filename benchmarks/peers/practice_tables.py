"""The practice gaps of ``ketenkaart analyse`` from the records, in plain Python: what both peers share.

These are table work, not graph algorithms (neither NetworkX nor igraph has anything for
them), so both peer scripts run this same code, as an analyst would write it once with
dicts and ``statistics``:

- paper agreements (in force, two or more known parties, no referral between any two of
  them) and heavy flows without an agreement (pair volume at least the 90th percentile of
  the pairs' volumes and at least twice their median);
- ping-pong (each way at least the 95th percentile of the directed volumes and at least
  twice their median);
- shared specialists (one role, at most 0.5 fte, at three or more organisations serving
  one wijk; wijken with the same organisations merged);
- ambassadors (wijkteam members with at least 10 referrals: the share to their employers);
- sole ties (pairs whose only tie is one shared professional);
- referral load (inflow per month against capacity, and per referring partner).

The reasons' texts (Dutch and English) are left out: they are string formatting.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from itertools import combinations
from typing import Any

from benchmarks.peers.store_tables import Pair, inside, organisation_flows


def _threshold(values: list[int], percentile: int) -> float:
    """The ``percentile`` (linear, as ``numpy.percentile``) of ``values``, at least twice their median."""
    if not values:
        return 0.0
    cut = (
        statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]
        if len(values) > 1
        else values[0]
    )
    return float(max(cut, 2 * statistics.median(values)))


def agreement_gaps(data: dict[str, Any], arcs: dict[Pair, int]) -> dict[str, list[Any]]:
    """``paper_agreements`` (agreement ids) and ``unagreed_flows`` (``[a, b, a_to_b, b_to_a]``,
    heaviest first)."""
    volumes: dict[Pair, list[int]] = defaultdict(lambda: [0, 0])
    for (a, b), count in arcs.items():
        volumes[min(a, b), max(a, b)][a > b] += count
    heavy = _threshold([up + down for up, down in volumes.values()], 90)
    unagreed = {pair: v for pair, v in volumes.items() if sum(v) >= heavy}
    paper = []
    for ag in data["agreements"]:
        if len(ag["parties"]) >= 2:  # over all periods every agreement is in force
            for pair in combinations(ag["parties"], 2):
                unagreed.pop(pair, None)
            if not any(pair in volumes for pair in combinations(ag["parties"], 2)):
                paper.append(ag["id"])
    flows = sorted(unagreed.items(), key=lambda item: (-sum(item[1]), item[0]))
    return {"paper_agreements": paper, "unagreed_flows": [[a, b, up, down] for (a, b), (up, down) in flows]}


def ping_pong(arcs: dict[Pair, int]) -> list[list[Any]]:
    """``[a, b, a_to_b, b_to_a]`` with heavy volumes both ways, by the smaller volume."""
    threshold = _threshold(list(arcs.values()), 95)
    found = [
        [a, b, up, arcs[b, a]]
        for (a, b), up in arcs.items()
        if a < b and min(up, arcs.get((b, a), 0)) >= max(threshold, 1)
    ]
    return sorted(found, key=lambda p: (-min(p[2], p[3]), -(p[2] + p[3]), p[0], p[1]))


def shared_specialists(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One role held at a small fte by three or more organisations serving a wijk."""
    orgs = data["organisations"]
    groups: dict[tuple[str, str], dict[tuple[str, str], float]] = defaultdict(dict)
    for pro_id, pro in data["professionals"].items():
        key = pro["role"].strip().casefold()
        for org, fte in pro["jobs"]:
            if key and fte <= 0.5 and org in orgs:
                for wijk in orgs[org]["wijken"]:
                    groups[key, wijk][org, pro_id] = fte
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for (key, wijk), jobs in sorted(groups.items()):
        holders = tuple(sorted({org for org, _ in jobs}))
        if len(holders) >= 3:
            merged[key, holders].append(wijk)
    found = [
        {"role": key, "areas": wijken, "organisations": holders, "fte": sum(groups[key, wijken[0]].values())}
        for (key, holders), wijken in merged.items()
    ]
    return sorted(found, key=lambda f: (-len(f["organisations"]), f["role"], f["areas"]))


def ambassadors(data: dict[str, Any]) -> list[list[Any]]:
    """``[professional, referrals, to_employer, share]`` of wijkteam members with >= 10 referrals."""
    teams = {m for ag in data["agreements"] if ag["kind"] == "wijkteam" for m in ag["members"]}
    employers = {
        p: {org for org, _ in data["professionals"][p]["jobs"]} for p in teams if p in data["professionals"]
    }
    sent: dict[str, list[int]] = {}
    for kind, source, target, *_, count in data["flows"]:
        if kind == "professional" and source in teams:
            counts = sent.setdefault(source, [0, 0])
            counts[0] += count
            counts[1] += count if target in employers.get(source, ()) else 0
    found = [[p, total, own, own / total] for p, (total, own) in sent.items() if total >= 10]
    return sorted(found, key=lambda a: (-a[3], -a[1], a[0]))


def sole_ties(data: dict[str, Any], all_ties: dict[Pair, list[int]]) -> list[list[str]]:
    """``[professional, a, b]``: the pair's only tie is that one shared professional."""
    found = []
    for pro_id, pro in data["professionals"].items():
        for pair in combinations(sorted({org for org, _ in pro["jobs"]}), 2):
            if all_ties.get(pair) == [0, 1, 0]:
                found.append([pro_id, *pair])
    return sorted(found, key=lambda t: (t[1], t[2], t[0]))


def referral_load(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Per organisation: months, inflow per month, load against capacity, partners; highest load first."""
    inflow: dict[str, int] = defaultdict(int)
    months: set[int] = set()
    for *_, target, _, first, last, count in data["flows"]:
        if inside(first, last, None):
            inflow[target] += count
            months.update(range(first, last + 1))
    partners: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in organisation_flows(data, None):
        partners[target].add(source)
    loads = []
    for org_id, org in data["organisations"].items():
        per_month = inflow[org_id] / len(months) if months else 0.0
        senders = len(partners[org_id])
        loads.append(
            {
                "organisation": org_id,
                "inflow_per_month": per_month,
                "load": per_month / org["capacity"] if org["capacity"] else None,
                "partners": senders,
                "inflow_per_partner": per_month / senders if senders else 0.0,
            }
        )
    return sorted(loads, key=lambda x: (x["load"] is None, -(x["load"] or 0.0), x["organisation"]))


def practice_gaps(
    data: dict[str, Any], arcs: dict[Pair, int], all_ties: dict[Pair, list[int]]
) -> dict[str, Any]:
    """Every practice gap of ``analyse`` over all periods (``arcs``: :func:`store_tables.referrals`)."""
    return agreement_gaps(data, arcs) | {
        "ping_pong": ping_pong(arcs),
        "shared_specialists": shared_specialists(data),
        "ambassadors": ambassadors(data),
        "sole_ties": sole_ties(data, all_ties),
        "referral_load": referral_load(data),
    }
