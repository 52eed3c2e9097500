"""Peer: the analysis of a Ketenkaart store with igraph (and NumPy/SciPy for the matrix parts).

igraph is GPL-2.0-or-later: a benchmark peer only, never imported by Ketenkaart. Install it
apart from the project, e.g. ``pip install --target ~/.cache/ketenkaart-bench/peer-packages igraph``
(``bench_analytics.py`` puts that folder on the peer's ``PYTHONPATH``).

Run: ``python benchmarks/peers/igraph_analyse.py STORE.sqlite [--samples K] [--seed 0]
[--check [--against K.json]]``.
Prints one JSON object: what ``ketenkaart analyse --json`` computes, over all periods and
every layer but *reported* (``store_tables``), with igraph where it has the measure and
NumPy/SciPy for the rest:

- scope, density (``density``), E-I index by sector (unweighted; weighted, and per sector;
  NumPy), the silo index: ``modularity`` of the sector membership (weighted), Louvain
  communities (``community_multilevel``, weighted; igraph's RNG seeded) and their
  modularity, the ratio;
- the sector matrix, and per wijk and per buurt: organisations serving it, ties among them,
  density, ties per organisation, cross-sector share (SciPy: area incidence products);
- per organisation: betweenness by hops, exact within n * m <= 1e7 (then also weighted,
  length 1 / weight), else from ``k`` sampled sources (``betweenness(sources=...)``, scaled
  by n / k); Burt's constraint, weighted (``constraint``); effective size, weighted (igraph
  has none: Burt's formula from the same ingredients, ``e_i = deg_i - sum_q p_iq (A M)_iq``
  with ``p`` the share of i's tie strength and ``M`` each tie over its node's strongest,
  SciPy); articulation points, bridges, the kern (innermost k-core, ``coreness``);
- brokerage (Gould-Fernandez) on the directed referral graph with sectors as groups: every
  two-path ``a -> b -> c`` with ``a != c`` and no arc ``a -> c`` (NumPy: arcs joined on
  ``b``), counted per role; the ratio to chance (sectors shuffled, sizes kept) and the main
  role and sector pair;
- kennismaken and afstemmen: every untied pair with a shared partner (SciPy: ``W D A + A D
  W``, ``D`` the inverse log strengths), scored as Ketenkaart scores them (weighted
  Adamic-Adar, raised by the share of wijken both serve; above 50k ties only pairs that
  share a wijk, filtered after the product), split by same sector (not ``overig``) or not,
  the 50 best of each with no organisation more than twice in 20 places, each with its
  introducer (the shared partner with the strongest ties to both);
- gaps: absent sectors and sector gaps per wijk (NumPy); the practice gaps of
  ``practice_tables`` (plain Python, shared with the NetworkX peer);
- the trend (per referral period: active organisations, ties, density, sector modularity,
  referrals) and the change from the period before the latest (new and lost ties, joined
  and left, cut points gained and lost, density and sector modularity on both sides).

Left out: the reasons' texts (string formatting) and survey figures (no store here holds
survey rounds). ``--check`` also runs ``ketenkaart analyse --json`` on the store and
compares a few figures (``check.py``).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import igraph as ig  # type: ignore[import-not-found, unused-ignore]
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.peers.check import run_peer
from benchmarks.peers.practice_tables import practice_gaps
from benchmarks.peers.store_tables import (
    ALL_CANDIDATES_UP_TO,
    ROLES,
    WINDOW,
    Pair,
    brokerage_record,
    change_ranges,
    referrals,
    role_of,
    samples,
    spread,
    ties,
)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


class Tables:
    """The organisations as numbers: ids, sector codes and the wijk and buurt incidence."""

    def __init__(self, data: dict[str, Any]) -> None:
        orgs = data["organisations"]
        self.ids = list(orgs)
        self.index = {v: i for i, v in enumerate(self.ids)}
        self.sectors = sorted({o["sector"] for o in orgs.values()})
        self.sector = np.array([self.sectors.index(o["sector"]) for o in orgs.values()], dtype=np.int64)
        self.areas = {level: _incidence([o[level] for o in orgs.values()]) for level in ("wijken", "buurten")}


def _incidence(served: list[tuple[str, ...]]) -> tuple[list[str], sp.csr_array]:
    names = sorted({a for areas in served for a in areas})
    at = {a: i for i, a in enumerate(names)}
    rows = [i for i, areas in enumerate(served) for _ in areas]
    cols = [at[a] for areas in served for a in areas]
    matrix = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(served), len(names)))
    return names, matrix


def _graph(t: Tables, found: dict[Pair, list[int]]) -> tuple[ig.Graph, Ints, Floats]:
    ends = np.array([(t.index[a], t.index[b]) for a, b in found], dtype=np.int64).reshape(-1, 2)
    weights = np.array([sum(layers) for layers in found.values()], dtype=float)
    G = ig.Graph(n=len(t.ids), edges=ends)
    G.es["weight"] = weights
    return G, ends, weights


def _silo(G: ig.Graph, t: Tables) -> float | None:
    defined = G.ecount() > 0 and len(t.sectors) >= 2
    return float(G.modularity(t.sector.tolist(), weights="weight")) if defined else None


def _ei(same: npt.NDArray[np.bool_], weights: Floats) -> float:
    internal, external = weights[same].sum(), weights[~same].sum()
    return float((external - internal) / (external + internal))


def _adjacency(n: int, ends: Ints, weights: Floats) -> sp.csr_array:
    both = np.r_[ends[:, 0], ends[:, 1]], np.r_[ends[:, 1], ends[:, 0]]
    return sp.csr_array((np.r_[weights, weights], both), shape=(n, n))


def _effective_size(W: sp.csr_array) -> Floats:
    """Burt's weighted effective size: ``deg_i - sum_q p_iq sum_{j in N(i)} m_jq`` (``nan`` for isolates)."""
    A = (W > 0).astype(float)
    strength = np.asarray(W.sum(axis=1)).ravel()
    strongest = W.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore"):
        P = sp.diags_array(np.where(strength > 0, 1 / strength, 0)) @ W
        M = sp.diags_array(np.where(strongest > 0, 1 / strongest, 0)) @ W
    redundancy = np.asarray((A @ M).multiply(P).sum(axis=1)).ravel()
    size: Floats = np.asarray(A.sum(axis=1)).ravel() - redundancy
    size[strength == 0] = np.nan
    return size


def _by_area(
    t: Tables, level: str, ends: Ints, sector_ends: npt.NDArray[np.bool_]
) -> dict[str, dict[str, Any]]:
    names, B = t.areas[level]
    members = np.asarray(B.sum(axis=0)).ravel()
    both = B[ends[:, 0]].multiply(B[ends[:, 1]])
    tied = np.asarray(both.sum(axis=0)).ravel()
    cross = np.asarray(both.T @ sector_ends.astype(float)).ravel()
    return {
        area: {
            "organisations": int(k),
            "ties": int(m),
            "density": 2 * m / (k * (k - 1)) if k > 1 else 0.0,
            "ties_per_organisation": 2 * m / k,
            "cross_sector_share": c / m if m else None,
        }
        for area, k, m, c in zip(names, members, tied, cross, strict=True)
    }


def _sector_matrix(t: Tables, ends: Ints) -> dict[str, dict[str, list[float]]]:
    k = len(t.sectors)
    s, u = np.sort(t.sector[ends], axis=1).T
    tied = np.bincount(s * k + u, minlength=k * k).reshape(k, k)
    size = np.bincount(t.sector, minlength=k)
    matrix: dict[str, dict[str, list[float]]] = {}
    for a in range(k):
        for b in range(a, k):
            possible = size[a] * (size[a] - 1) // 2 if a == b else size[a] * size[b]
            cell = [int(tied[a, b]), int(possible), tied[a, b] / possible if possible else 0.0]
            matrix.setdefault(t.sectors[a], {})[t.sectors[b]] = cell
    return matrix


def _brokerage(t: Tables, arcs: dict[Pair, int]) -> dict[str, dict[str, Any]]:
    """Open two-paths per broker and (source sector, target sector), from the arcs joined on the broker."""
    n, k = len(t.ids), len(t.sectors)
    src = np.array([t.index[a] for a, _ in arcs], dtype=np.int64)
    tgt = np.array([t.index[b] for _, b in arcs], dtype=np.int64)
    by_source = np.argsort(src, kind="stable")
    out_count = np.bincount(src, minlength=n)
    out_start = np.cumsum(out_count) - out_count
    reps = out_count[tgt]  # each arc a -> b continues with every arc out of b
    a, b = np.repeat(src, reps), np.repeat(tgt, reps)
    step = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    c = tgt[by_source][np.repeat(out_start[tgt], reps) + step]
    open_ = (a != c) & ~np.isin(a * n + c, src * n + tgt)
    g = t.sector
    cells = (
        np.bincount((b * k + g[a]) * k + g[c], weights=open_, minlength=n * k * k)
        .astype(np.int64)
        .reshape(n, k, k)
    )
    sizes = np.bincount(g, minlength=k)
    found = {}
    for i, v in enumerate(t.ids):
        own = int(g[i])
        counts: dict[str, Any] = dict.fromkeys(ROLES, 0)
        best: dict[str, tuple[int, int, int]] = {}
        for s, u in zip(*np.nonzero(cells[i]), strict=True):
            role = role_of(t.sectors[s], t.sectors[own], t.sectors[u])
            paths = int(cells[i, s, u])
            counts[role] += paths
            if paths > best.get(role, (0, 0, 0))[0]:
                best[role] = (paths, int(s), int(u))
        role = max(ROLES[1:], key=lambda r: (counts[r], -ROLES.index(r)))
        main = None
        if counts[role] > 0:
            paths, s, u = best[role]
            main = {
                "role": role,
                "source_sector": t.sectors[s],
                "target_sector": t.sectors[u],
                "paths": paths,
            }
        others = [int(x) for h, x in enumerate(sizes) if h != own]
        found[v] = brokerage_record(counts, int(sizes[own]), others, main)
    return found


def _suggestions(t: Tables, W: sp.csr_array, top: int) -> dict[str, list[list[Any]]]:
    """Kennismaken and afstemmen: untied pairs with a shared partner, scored, best first."""
    A = (W > 0).astype(float)
    strength = np.asarray(W.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        D = sp.diags_array(np.where(strength > 0, 1 / np.log1p(strength), 0.0))
    found = sp.triu(W @ D @ A + A @ D @ W, k=1).tocoo()
    rows, cols, partners = found.row.astype(np.int64), found.col.astype(np.int64), found.data
    untied = (A[rows, cols] == 0) & (partners != 0)
    rows, cols, partners = rows[untied], cols[untied], partners[untied]
    B = t.areas["wijken"][1]
    shared = np.asarray(B[rows].multiply(B[cols]).sum(axis=1)).ravel()
    if W.nnz // 2 > ALL_CANDIDATES_UP_TO:
        keep = shared > 0
        rows, cols, partners, shared = rows[keep], cols[keep], partners[keep], shared[keep]
    served = np.asarray(B.sum(axis=1)).ravel()
    score = partners + partners * shared / np.maximum(np.minimum(served[rows], served[cols]), 1)
    same = (t.sector[rows] == t.sector[cols]) & (np.array(t.sectors)[t.sector[rows]] != "overig")
    degree = np.asarray(A.sum(axis=1)).ravel()
    lists = {}
    for kind, subset in (("suggestions", np.flatnonzero(~same)), ("overlaps", np.flatnonzero(same))):
        size = top * WINDOW
        while True:
            cut = subset if size >= len(subset) else subset[np.argpartition(-score[subset], size)[:size]]
            r, c = rows[cut], cols[cut]
            strongest = W[r].minimum(W[c]).max(axis=1).toarray().ravel() if len(cut) else np.zeros(0)
            cut = cut[np.lexsort((c, r, degree[r] + degree[c], -shared[cut], -strongest, -score[cut]))]
            picked = [cut[i] for i in spread([(rows[j], cols[j]) for j in cut], top)]
            if len(picked) >= top or len(cut) == len(subset):
                break
            size *= 4
        lists[kind] = [
            [
                t.ids[rows[j]],
                t.ids[cols[j]],
                float(score[j]),
                _introducer(t, W, int(rows[j]), int(cols[j]), degree),
            ]
            for j in picked
        ]
    return lists


def _introducer(t: Tables, W: sp.csr_array, u: int, v: int, degree: Floats) -> str | None:
    wu, wv = W[[u]].toarray().ravel(), W[[v]].toarray().ravel()
    common = np.flatnonzero((wu > 0) & (wv > 0))
    if not len(common):
        return None
    key = np.lexsort((common, degree[common], -(wu + wv)[common], -np.minimum(wu, wv)[common]))
    return str(t.ids[common[key[0]]])


def _area_gaps(t: Tables, ends: Ints) -> dict[str, list[list[str]]]:
    names, B = t.areas["wijken"]
    k = len(t.sectors)
    onehot = sp.csr_array(
        (np.ones(len(t.sector)), (np.arange(len(t.sector)), t.sector)), shape=(len(t.sector), k)
    )
    present = (B.T @ onehot).toarray()
    both = B[ends[:, 0]].multiply(B[ends[:, 1]]).tocoo()
    tied = np.zeros((len(names), k, k), dtype=bool)
    s, u = t.sector[ends[both.row, 0]], t.sector[ends[both.row, 1]]
    tied[both.col, s, u] = tied[both.col, u, s] = True
    absent = [[w, t.sectors[x]] for i, w in enumerate(names) for x in np.flatnonzero(present[i] == 0)]
    gaps = [
        [w, t.sectors[x], t.sectors[y]]
        for i, w in enumerate(names)
        for x in np.flatnonzero(present[i])
        for y in np.flatnonzero(present[i])
        if x < y and not tied[i, x, y]
    ]
    return {"absent_sectors": absent, "sector_gaps": gaps}


def _trend(data: dict[str, Any], t: Tables) -> list[dict[str, Any]]:
    points = []
    for period, months in data["periods"].items():
        H, ends, _ = _graph(t, ties(data, months))
        points.append(
            {
                "period": period,
                "active_organisations": len(np.unique(ends)),
                "ties": H.ecount(),
                "density": H.density(),
                "sector_modularity": _silo(H, t),
                "referrals": data["recorded"][period],
            }
        )
    return points


def _change(data: dict[str, Any], t: Tables) -> dict[str, Any] | None:
    ranges = change_ranges(data)
    if ranges is None:
        return None
    n = len(t.ids)
    (old, old_ends, old_w), (new, new_ends, new_w) = (_graph(t, ties(data, months)) for months in ranges)
    old_codes, new_codes = old_ends[:, 0] * n + old_ends[:, 1], new_ends[:, 0] * n + new_ends[:, 1]
    gained, lost = ~np.isin(new_codes, old_codes), ~np.isin(old_codes, new_codes)
    before, after = set(np.unique(old_ends).tolist()), set(np.unique(new_ends).tolist())
    cut_old, cut_new = set(old.articulation_points()), set(new.articulation_points())

    def pairs(ends: Ints, weights: Floats) -> list[Pair]:
        order = np.argsort(-weights, kind="stable")
        return [(t.ids[a], t.ids[b]) for a, b in ends[order].tolist()]

    def named(nodes: set[int]) -> list[str]:
        return sorted(t.ids[i] for i in nodes)

    return {
        "new_ties": pairs(new_ends[gained], new_w[gained]),
        "lost_ties": pairs(old_ends[lost], old_w[lost]),
        "joined": named(after - before),
        "left": named(before - after),
        "cut_points_gained": named(cut_new - cut_old),
        "cut_points_lost": named(cut_old - cut_new),
        "organisations_before": len(before),
        "organisations_after": len(after),
        "density_before": old.density(),
        "density_after": new.density(),
        "sector_modularity_before": _silo(old, t),
        "sector_modularity_after": _silo(new, t),
    }


def analyse(data: dict[str, Any], sources: int | None, seed: int, top: int = 50) -> dict[str, Any]:
    """What ``ketenkaart analyse --json`` computes (see the module docstring); ``sources``:
    betweenness sources (default: ``store_tables.samples``)."""
    random.seed(seed)
    ig.set_random_number_generator(random)
    t = Tables(data)
    all_ties = ties(data, None)
    G, ends, weights = _graph(t, all_ties)
    n, m = G.vcount(), G.ecount()
    k = sources if sources is not None else samples(n, m)
    exact = k is None or k >= n
    communities = G.community_multilevel(weights="weight")
    silo = _silo(G, t)
    if k is None or k >= n:
        between = G.betweenness(directed=False)
        weighted = G.betweenness(directed=False, weights=list(1.0 / weights))
    else:
        chosen = random.sample(range(n), k)
        between = (np.asarray(G.betweenness(directed=False, sources=chosen)) * (n / k)).tolist()
        weighted = [None] * n
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0  # normalised as NetworkX normalises
    constraint = G.constraint(weights="weight")
    W = _adjacency(n, ends, weights)
    size = _effective_size(W)
    cut_points = set(G.articulation_points())
    core = np.asarray(G.coreness())
    kern = int(core.max(initial=0))
    same = t.sector[ends[:, 0]] == t.sector[ends[:, 1]]
    ei_by_sector = {}
    for code, name in enumerate(t.sectors):
        touches = (t.sector[ends[:, 0]] == code) | (t.sector[ends[:, 1]] == code)
        ei_by_sector[name] = _ei(same[touches], weights[touches]) if touches.any() else None
    arcs = referrals(data, None)
    roles = _brokerage(t, arcs)
    return {
        "scope": {
            "organisations": n,
            "ties": m,
            "betweenness": "exact" if exact else f"sampled from {k}",
        },
        "density": G.density(),
        "ei_index": _ei(same, np.ones(m)) if silo is not None else None,
        "silo_index": silo,
        "silo": {
            "sector_modularity": silo,
            "community_modularity": communities.modularity,
            "communities": len(communities),
            "ratio": silo / communities.modularity
            if silo is not None and communities.modularity > 0
            else 0.0,
            "ei_index": _ei(same, weights),
            "ei_by_sector": ei_by_sector,
        },
        "sector_matrix": _sector_matrix(t, ends),
        "density_by_area": _by_area(t, "wijken", ends, ~same),
        "density_by_buurt": _by_area(t, "buurten", ends, ~same),
        "nodes": {
            v: {
                "betweenness": between[i] * scale,
                "weighted_betweenness": weighted[i] * scale if weighted[i] is not None else None,
                "constraint": constraint[i],
                "effective_size": float(size[i]),
                "articulation_point": i in cut_points,
                "brokerage": roles[v],
            }
            for i, v in enumerate(t.ids)
        },
        "articulation_points": sorted(t.ids[i] for i in cut_points),
        "bridges": sorted(tuple(sorted((t.ids[a], t.ids[b]))) for a, b in ends[G.bridges()].tolist()),
        "kern": {
            "k": kern,
            "organisations": sorted(t.ids[i] for i in np.flatnonzero(core == kern)) if kern else [],
        },
        **_suggestions(t, W, top),
        "gaps": _area_gaps(t, ends) | practice_gaps(data, arcs, all_ties),
        "trend": _trend(data, t),
        "change": _change(data, t),
    }


if __name__ == "__main__":
    run_peer(analyse)
