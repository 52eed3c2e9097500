"""Read a Ketenkaart SQLite store with plain ``sqlite3``: what both peer scripts share.

The organisation graph as ``organisation_graph`` defines it for all layers and all periods:
a tie per pair of organisations sharing an agreement (every agreement counts; the
benchmark's stores have no dates), a professional, or referrals either way (organisation
sources only: the benchmark's flows all come from organisations); weight = agreements +
professionals + referrals. Also the referral flows per period, for the trend.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from itertools import combinations
from typing import Any

EXACT_BUDGET = 10_000_000  # Ketenkaart's rule of thumb (graph.analysis): exact up to n * m = 1e7


def read(path: str) -> dict[str, Any]:
    """Organisations (id -> sector, wijk), weighted ties and ``{period: {pair: referrals}}``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    orgs = {
        row[0]: {"sector": row[1], "wijk": row[2]}
        for row in conn.execute(
            "SELECT o.id, o.sector, MIN(a.area_code) FROM organisations o "
            "LEFT JOIN organisation_areas a ON a.organisation_id = o.id GROUP BY o.id ORDER BY o.id"
        )
    }
    ties: dict[tuple[str, str], int] = defaultdict(int)
    static: dict[tuple[str, str], int] = defaultdict(int)  # agreements and professionals: every period

    def grouped(query: str) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for key, org in conn.execute(query):
            groups[key].append(org)
        return groups

    parties = grouped("SELECT agreement_id, organisation_id FROM agreement_parties")
    employers = grouped("SELECT professional_id, organisation_id FROM employments")
    for members in (*parties.values(), *employers.values()):
        for a, b in combinations(sorted(members), 2):
            ties[a, b] += 1
            static[a, b] += 1
    by_period: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for source, target, period, count in conn.execute(
        "SELECT source_id, target_id, period, count FROM flows WHERE source_kind = 'organisation'"
    ):
        if source != target and count > 0:
            pair = (min(source, target), max(source, target))
            ties[pair] += count
            by_period[period][pair] += count
    conn.close()
    return {"organisations": orgs, "ties": dict(ties), "static": dict(static), "by_period": by_period}


def samples(n: int, m: int) -> int | None:
    """Betweenness sources: ``None`` (exact) within the budget, else 1,000 / 500 / 200 pivots by ties.

    Exact as Ketenkaart within its budget; above it the pivot counts Ketenkaart used before
    it estimated with KADABRA (neither NetworkX nor igraph has KADABRA). ``--samples`` overrides.
    """
    if n * m <= EXACT_BUDGET:
        return None
    return min(n, 1000 if m <= 50_000 else 500 if m <= 250_000 else 200)
