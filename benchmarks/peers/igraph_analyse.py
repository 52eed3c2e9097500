"""Peer: the analysis of a Ketenkaart store with igraph (and NumPy/SciPy for the matrix parts).

igraph is GPL-2.0-or-later: a benchmark peer only, never imported by Ketenkaart. Install it
apart from the project, e.g. ``pip install --target ~/.cache/ketenkaart-bench/peer-packages igraph``
(``bench_analytics.py`` puts that folder on the peer's ``PYTHONPATH``).

Run: ``python benchmarks/peers/igraph_analyse.py STORE.sqlite [--samples K] [--seed 0]``.
Prints one JSON object. Computes, on the organisation graph of ``store_tables.read``:

- density, density per wijk (``induced_subgraph(...).density()``);
- the silo index: ``modularity`` of the sector membership (weighted);
- Louvain communities (``community_multilevel``, weighted; igraph's RNG seeded);
- articulation points, bridges, coreness (k-core);
- Burt's constraint, weighted (``constraint``); igraph has no effective size: not computed;
- betweenness by hops: exact within n * m <= 1e7 (then also weighted, length 1 / weight),
  else from ``k`` sampled sources (``betweenness(sources=...)``, scaled by n / k);
- link suggestions: Adamic-Adar of every pair at distance 2 (SciPy ``A D A``), the top 50;
- the trend: density and sector modularity of the graph of each referral period.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import igraph as ig  # type: ignore[import-not-found, unused-ignore]
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.peers.store_tables import read, samples


def _graph(n: int, index: dict[str, int], ties: dict[tuple[str, str], int]) -> ig.Graph:
    edges = [(index[a], index[b]) for a, b in ties]
    G = ig.Graph(n=n, edges=edges)
    G.es["weight"] = list(ties.values())
    return G


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--samples", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    random.seed(args.seed)
    ig.set_random_number_generator(random)
    data = read(args.store)
    ids = list(data["organisations"])
    index = {v: i for i, v in enumerate(ids)}
    n = len(ids)
    G = _graph(n, index, data["ties"])
    m = G.ecount()
    k = args.samples if args.samples is not None else samples(n, m)
    exact = k is None or k >= n
    sector_codes = {s: i for i, s in enumerate(sorted({o["sector"] for o in data["organisations"].values()}))}
    sectors = [sector_codes[data["organisations"][v]["sector"]] for v in ids]
    wijken: dict[str, list[int]] = {}
    for i, v in enumerate(ids):
        wijken.setdefault(data["organisations"][v]["wijk"], []).append(i)
    weights = np.asarray(G.es["weight"], dtype=float)
    communities = G.community_multilevel(weights="weight")
    if k is None or k >= n:
        between = G.betweenness(directed=False)
        weighted = G.betweenness(directed=False, weights=list(1.0 / weights))
    else:
        sources = random.sample(range(n), k)
        between = (np.asarray(G.betweenness(directed=False, sources=sources)) * (n / k)).tolist()
        weighted = [None] * n
    constraint = G.constraint(weights="weight")
    ends = np.asarray(G.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    A = sp.csr_array(
        (np.ones(2 * m), (np.r_[ends[:, 0], ends[:, 1]], np.r_[ends[:, 1], ends[:, 0]])), shape=(n, n)
    )
    degree = np.asarray(A.sum(axis=1)).ravel()
    inverse_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    scores = sp.triu(A @ sp.diags_array(inverse_log) @ A, k=1).tocsr()
    scores = scores - scores.multiply(A)  # drop tied pairs
    scores.eliminate_zeros()
    coo = scores.tocoo()
    best = np.argsort(-coo.data, kind="stable")[:50]
    trend = []
    for period in sorted(data["by_period"]):
        ties = dict(data["static"])
        for pair, count in data["by_period"][period].items():
            ties[pair] = ties.get(pair, 0) + count
        H = _graph(n, index, ties)
        trend.append(
            {
                "period": period,
                "density": H.density(),
                "sector_modularity": H.modularity(sectors, weights="weight"),
            }
        )
    result = {
        "organisations": n,
        "ties": m,
        "betweenness": "exact" if exact else f"sampled from {k}",
        "density": G.density(),
        "density_by_wijk": {w: G.induced_subgraph(nodes).density() for w, nodes in sorted(wijken.items())},
        "silo_index": G.modularity(sectors, weights="weight"),
        "communities": len(communities),
        "articulation_points": sorted(ids[i] for i in G.articulation_points()),
        "bridges": sorted(tuple(sorted((ids[G.es[e].source], ids[G.es[e].target]))) for e in G.bridges()),
        "core_number": dict(zip(ids, G.coreness(), strict=True)),
        "nodes": {v: [between[i], weighted[i], constraint[i]] for i, v in enumerate(ids)},
        "suggestions": [[ids[coo.row[j]], ids[coo.col[j]], float(coo.data[j])] for j in best],
        "trend": trend,
    }
    json.dump(result, sys.stdout, default=float)


if __name__ == "__main__":
    main()
