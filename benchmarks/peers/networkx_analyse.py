"""Peer: the analysis of a Ketenkaart store in plain NetworkX, as a script an analyst would write.

Run: ``python benchmarks/peers/networkx_analyse.py STORE.sqlite [--samples K] [--seed 0]
[--check [--against K.json]]``.
Prints one JSON object: what ``ketenkaart analyse --json`` computes, over all periods and
every layer but *reported* (``store_tables``), with NetworkX and plain Python:

- scope, density (``nx.density``), E-I index by sector (unweighted; weighted, and per
  sector), the silo index: modularity of the sector partition (weighted), Louvain
  communities (``louvain_communities``, weighted, seeded) and their modularity, the ratio;
- the sector matrix (ties, possible ties, density per pair of sectors);
- per wijk and per buurt: organisations serving it, ties among them, density, ties per
  organisation, cross-sector share (``G.subgraph``);
- per organisation: betweenness by hops, exact within n * m <= 1e7 (then also weighted,
  length 1 / weight), else from ``k`` sampled sources (``store_tables.samples``); Burt's
  constraint and effective size, weighted (``nx.constraint``, ``nx.effective_size``: its
  all-node weighted path, the one an analyst calls, has a known error in NetworkX 3.6, so
  its values differ from Ketenkaart's and igraph's; the correct per-node path costs
  O(sum of degree^3) in Python, 24 s at 300 organisations); articulation points, bridges,
  the kern (innermost k-core, ``nx.core_number``);
- brokerage (Gould-Fernandez) on the directed referral graph (``nx.DiGraph``) with
  sectors as groups: every two-path ``a -> b -> c`` with ``a != c`` and no arc ``a -> c``,
  counted per role; the ratio to chance (sectors shuffled, sizes kept) and the main role
  and sector pair;
- kennismaken and afstemmen: every untied pair with a shared partner (above 50k ties, only
  pairs that share a wijk, as Ketenkaart), scored as Ketenkaart scores them (weighted
  Adamic-Adar of the shared partners, raised by the share of wijken both serve), split by
  same sector (not ``overig``) or not, the 50 best of each with no organisation more than
  twice in 20 places, each with its introducer (the shared partner with the strongest ties
  to both);
- gaps: absent sectors and sector gaps per wijk; the practice gaps of ``practice_tables``
  (plain Python, shared with the igraph peer);
- the trend (per referral period: active organisations, ties, density, sector modularity,
  referrals) and the change from the period before the latest (new and lost ties, joined
  and left, cut points gained and lost, density and sector modularity on both sides).

Left out: the reasons' texts (string formatting) and survey figures (no store here holds
survey rounds). ``--check`` also runs ``ketenkaart analyse --json`` on the store and
compares a few figures (``check.py``).
"""

from __future__ import annotations

import heapq
import math
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.peers.check import run_peer
from benchmarks.peers.practice_tables import practice_gaps
from benchmarks.peers.store_tables import (
    ALL_CANDIDATES_UP_TO,
    ROLES,
    WINDOW,
    Months,
    Pair,
    brokerage_record,
    change_ranges,
    referrals,
    role_of,
    samples,
    spread,
    ties,
)

KNOWN = (
    "NetworkX 3.6's all-node weighted effective_size divides by the wrong node's strongest tie "
    "(networkx PR #8906)"
)


def _graph(data: dict[str, Any], months: Months) -> tuple[Any, dict[Pair, list[int]]]:
    found = ties(data, months)
    G: Any = nx.Graph()
    G.add_nodes_from(data["organisations"].items())
    G.add_edges_from((a, b, {"weight": sum(layers)}) for (a, b), layers in found.items())
    return G, found


def _sectors(G: Any) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for node, sector in G.nodes(data="sector"):
        groups[sector].add(node)
    return list(groups.values())


def _silo(G: Any) -> float | None:
    defined = G.number_of_edges() > 0 and len({s for _, s in G.nodes(data="sector")}) >= 2
    return nx.community.modularity(G, _sectors(G), weight="weight") if defined else None


def _ei(G: Any, weight: str | None) -> float:
    external = internal = 0.0
    for u, v, w in G.edges(data=weight, default=1):
        if G.nodes[u]["sector"] == G.nodes[v]["sector"]:
            internal += w
        else:
            external += w
    return (external - internal) / (external + internal)


def _ei_by_sector(G: Any) -> dict[str, float | None]:
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for u, v, w in G.edges(data="weight"):
        su, sv = G.nodes[u]["sector"], G.nodes[v]["sector"]
        counts[su][su == sv] += w
        if su != sv:
            counts[sv][0] += w
    return {s: (e - i) / (e + i) if e + i else None for s, (e, i) in sorted(counts.items())}


def _sector_matrix(G: Any) -> dict[str, dict[str, list[float]]]:
    size = Counter(s for _, s in G.nodes(data="sector"))
    tied = Counter(tuple(sorted((G.nodes[u]["sector"], G.nodes[v]["sector"]))) for u, v in G.edges())
    matrix: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for s, t in combinations(sorted(size), 2):
        possible = size[s] * size[t]
        matrix[s][t] = [tied[s, t], possible, tied[s, t] / possible]
    for s in size:
        possible = size[s] * (size[s] - 1) // 2
        matrix[s][s] = [tied[s, s], possible, tied[s, s] / possible if possible else 0.0]
    return matrix


def _density_by(G: Any, level: str) -> dict[str, dict[str, Any]]:
    members: dict[str, list[str]] = defaultdict(list)
    for node, areas in G.nodes(data=level):
        for area in areas:
            members[area].append(node)
    found = {}
    for area, nodes in sorted(members.items()):
        H = G.subgraph(nodes)
        m = H.number_of_edges()
        cross = sum(G.nodes[u]["sector"] != G.nodes[v]["sector"] for u, v in H.edges())
        found[area] = {
            "organisations": len(nodes),
            "ties": m,
            "density": nx.density(H),
            "ties_per_organisation": 2 * m / len(nodes),
            "cross_sector_share": cross / m if m else None,
        }
    return found


def _brokerage(data: dict[str, Any], arcs: dict[Pair, int]) -> dict[str, dict[str, Any]]:
    D: Any = nx.DiGraph()
    D.add_nodes_from(data["organisations"].items())
    D.add_edges_from(arcs)
    sector = dict(D.nodes(data="sector"))
    sizes = Counter(sector.values())
    found = {}
    for b in D:
        cells: Counter[tuple[str, str]] = Counter()
        for a in D.pred[b]:
            for c in D.succ[b]:
                if a != c and c not in D.succ[a]:
                    cells[sector[a], sector[c]] += 1
        own = sector[b]
        counts: dict[str, Any] = dict.fromkeys(ROLES, 0)
        by_role: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for (s, t), paths in cells.items():
            role = role_of(s, own, t)
            counts[role] += paths
            by_role[role][s, t] = paths
        main = None
        role = max(ROLES[1:], key=lambda r: (counts[r], -ROLES.index(r)))
        if counts[role] > 0:
            (s, t), paths = min(by_role[role].items(), key=lambda item: (-item[1], item[0]))
            main = {"role": role, "source_sector": s, "target_sector": t, "paths": paths}
        others = [size for s, size in sizes.items() if s != own]
        found[b] = brokerage_record(counts, sizes[own], others, main)
    return found


def _strongest_introduction(G: Any, u: str, v: str) -> float:
    """The largest ``min(w(u, z), w(z, v))`` over shared partners ``z`` (0 without one)."""
    return max((min(G[u][z]["weight"], G[v][z]["weight"]) for z in set(G[u]) & set(G[v])), default=0)


def _introducer(G: Any, u: str, v: str) -> str | None:
    def key(z: str) -> tuple[float, float, int, str]:
        a, b = G[u][z]["weight"], G[v][z]["weight"]
        return (-min(a, b), -(a + b), len(G[z]), z)

    return min(set(G[u]) & set(G[v]), key=key, default=None)


def _suggestions(G: Any, top: int) -> dict[str, list[list[Any]]]:
    """Kennismaken and afstemmen: untied pairs with a shared partner, scored, best first."""
    strength = dict(G.degree(weight="weight"))
    wijken = {v: set(w) for v, w in G.nodes(data="wijken")}
    same_wijk_only = G.number_of_edges() > ALL_CANDIDATES_UP_TO
    partners: dict[Pair, float] = defaultdict(float)
    for z, around in G.adjacency():
        if strength[z] <= 0:
            continue
        discount = 1.0 / math.log1p(strength[z])
        near = sorted(around)
        for i, u in enumerate(near):
            for v in near[i + 1 :]:
                if not same_wijk_only or wijken[u] & wijken[v]:
                    partners[u, v] += (around[u]["weight"] + around[v]["weight"]) * discount
    scored: dict[str, list[tuple[float, Pair]]] = {"suggestions": [], "overlaps": []}
    for (u, v), summed in partners.items():
        if summed and not G.has_edge(u, v):
            shared = len(wijken[u] & wijken[v])
            score = summed + summed * shared / max(min(len(wijken[u]), len(wijken[v])), 1)
            su, sv = G.nodes[u]["sector"], G.nodes[v]["sector"]
            scored["overlaps" if su == sv and su != "overig" else "suggestions"].append((score, (u, v)))
    found = {}
    for kind, pairs in scored.items():
        size = top * WINDOW
        while True:
            best = heapq.nlargest(size, pairs)
            strongest = {pair: _strongest_introduction(G, *pair) for _, pair in best}
            order = sorted(
                best,
                key=lambda sp: (
                    -sp[0],
                    -strongest[sp[1]],
                    -len(wijken[sp[1][0]] & wijken[sp[1][1]]),
                    G.degree(sp[1][0]) + G.degree(sp[1][1]),
                    sp[1],
                ),
            )
            ranked = [pair for _, pair in order]
            chosen = [ranked[at] for at in spread(ranked, top)]
            if len(chosen) >= top or len(best) == len(pairs):
                break
            size *= 4
        scores = {pair: s for s, pair in best}
        found[kind] = [[u, v, scores[u, v], _introducer(G, u, v)] for u, v in chosen]
    return found


def _area_gaps(G: Any) -> dict[str, list[list[str]]]:
    present: dict[str, Counter[str]] = defaultdict(Counter)
    for _, attributes in G.nodes(data=True):
        for wijk in attributes["wijken"]:
            present[wijk][attributes["sector"]] += 1
    tied = set()
    for u, v in G.edges():
        su, sv = G.nodes[u]["sector"], G.nodes[v]["sector"]
        for wijk in set(G.nodes[u]["wijken"]) & set(G.nodes[v]["wijken"]):
            tied |= {(wijk, su, sv), (wijk, sv, su)}
    sectors = sorted({s for _, s in G.nodes(data="sector")})
    absent = [[w, s] for w in sorted(present) for s in sectors if not present[w][s]]
    gaps = [
        [w, s, t]
        for w in sorted(present)
        for s, t in combinations(sorted(present[w]), 2)
        if (w, s, t) not in tied
    ]
    return {"absent_sectors": absent, "sector_gaps": gaps}


def _change(data: dict[str, Any]) -> dict[str, Any] | None:
    ranges = change_ranges(data)
    if ranges is None:
        return None
    (old, old_ties), (new, new_ties) = (_graph(data, months) for months in ranges)

    def active(G: Any) -> set[str]:
        return {v for v in G if G.degree(v)}

    gained = sorted(set(new_ties) - set(old_ties), key=lambda p: (-new.edges[p]["weight"], p))
    lost = sorted(set(old_ties) - set(new_ties), key=lambda p: (-old.edges[p]["weight"], p))
    cut_old, cut_new = set(nx.articulation_points(old)), set(nx.articulation_points(new))
    return {
        "new_ties": gained,
        "lost_ties": lost,
        "joined": sorted(active(new) - active(old)),
        "left": sorted(active(old) - active(new)),
        "cut_points_gained": sorted(cut_new - cut_old),
        "cut_points_lost": sorted(cut_old - cut_new),
        "organisations_before": len(active(old)),
        "organisations_after": len(active(new)),
        "density_before": nx.density(old),
        "density_after": nx.density(new),
        "sector_modularity_before": _silo(old),
        "sector_modularity_after": _silo(new),
    }


def _trend(data: dict[str, Any]) -> list[dict[str, Any]]:
    points = []
    for period, months in data["periods"].items():
        H, _ = _graph(data, months)
        points.append(
            {
                "period": period,
                "active_organisations": sum(1 for v in H if H.degree(v)),
                "ties": H.number_of_edges(),
                "density": nx.density(H),
                "sector_modularity": _silo(H),
                "referrals": data["recorded"][period],
            }
        )
    return points


def analyse(data: dict[str, Any], sources: int | None, seed: int, top: int = 50) -> dict[str, Any]:
    """What ``ketenkaart analyse --json`` computes (see the module docstring); ``sources``:
    betweenness sources (default: ``store_tables.samples``)."""
    G, all_ties = _graph(data, None)
    n, m = G.number_of_nodes(), G.number_of_edges()
    k = sources if sources is not None else samples(n, m)
    exact = k is None or k >= n
    for u, v, w in G.edges(data="weight"):
        G[u][v]["length"] = 1.0 / w
    communities = nx.community.louvain_communities(G, weight="weight", seed=seed)
    community_modularity = nx.community.modularity(G, communities, weight="weight")
    silo = _silo(G)
    between = nx.betweenness_centrality(G, k=None if exact else k, seed=seed)
    weighted = nx.betweenness_centrality(G, weight="length") if exact else {}
    constraint = nx.constraint(G, weight="weight")
    size = nx.effective_size(G, weight="weight")
    cut_points = set(nx.articulation_points(G))
    core = nx.core_number(G)
    kern = max(core.values(), default=0)
    arcs = referrals(data, None)
    roles = _brokerage(data, arcs)
    return {
        "known_differences": {"effective_size": KNOWN},
        "scope": {
            "organisations": n,
            "ties": m,
            "betweenness": "exact" if exact else f"sampled from {k}",
        },
        "density": nx.density(G),
        "ei_index": _ei(G, None) if silo is not None else None,
        "silo_index": silo,
        "silo": {
            "sector_modularity": silo,
            "community_modularity": community_modularity,
            "communities": len(communities),
            "ratio": silo / community_modularity if silo is not None and community_modularity > 0 else 0.0,
            "ei_index": _ei(G, "weight"),
            "ei_by_sector": _ei_by_sector(G),
        },
        "sector_matrix": _sector_matrix(G),
        "density_by_area": _density_by(G, "wijken"),
        "density_by_buurt": _density_by(G, "buurten"),
        "nodes": {
            v: {
                "betweenness": between[v],
                "weighted_betweenness": weighted.get(v),
                "constraint": constraint[v],
                "effective_size": size[v],
                "articulation_point": v in cut_points,
                "brokerage": roles[v],
            }
            for v in G
        },
        "articulation_points": sorted(cut_points),
        "bridges": sorted(tuple(sorted(e)) for e in nx.bridges(G)),
        "kern": {"k": kern, "organisations": sorted(v for v, c in core.items() if c == kern) if kern else []},
        **_suggestions(G, top),
        "gaps": _area_gaps(G) | practice_gaps(data, arcs, all_ties),
        "trend": _trend(data),
        "change": _change(data),
    }


if __name__ == "__main__":
    run_peer(analyse)
