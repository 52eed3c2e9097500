"""Peer: the analysis of a Ketenkaart store in plain NetworkX, as a script an analyst would write.

Run: ``python benchmarks/peers/networkx_analyse.py STORE.sqlite [--samples K] [--seed 0]``.
Prints one JSON object. Computes, on the organisation graph of ``store_tables.read``:

- density, density per wijk (``nx.density`` of each wijk's subgraph);
- the silo index: modularity of the sector partition (weighted);
- Louvain communities (``louvain_communities``, weighted, seeded);
- articulation points, bridges, core numbers (k-core);
- Burt's constraint and effective size, weighted (``nx.constraint``, ``nx.effective_size``);
- betweenness by hops: exact within n * m <= 1e7 (then also weighted, length 1 / weight), else
  ``k`` sampled sources (``--samples``, the number Ketenkaart reports using);
- link suggestions: Adamic-Adar of every pair at distance 2, the top 50;
- the trend: density and sector modularity of the graph of each referral period (agreements
  and professionals in every period).
"""

from __future__ import annotations

import argparse
import heapq
import json
import sys
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.peers.store_tables import read, samples


def _graph(orgs: dict[str, dict[str, str]], ties: dict[tuple[str, str], int]) -> Any:
    G: Any = nx.Graph()
    G.add_nodes_from(orgs.items())
    G.add_weighted_edges_from((a, b, w) for (a, b), w in ties.items())
    return G


def _sectors(G: Any) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for node, sector in G.nodes(data="sector"):
        groups.setdefault(sector, set()).add(node)
    return list(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--samples", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    data = read(args.store)
    G = _graph(data["organisations"], data["ties"])
    n, m = G.number_of_nodes(), G.number_of_edges()
    k = args.samples if args.samples is not None else samples(n, m)
    exact = k is None or k >= n
    wijken: dict[str, list[str]] = {}
    for node, wijk in G.nodes(data="wijk"):
        wijken.setdefault(wijk, []).append(node)
    length = {(a, b): 1.0 / w for a, b, w in G.edges(data="weight")}
    nx.set_edge_attributes(G, length, "length")
    communities = nx.community.louvain_communities(G, weight="weight", seed=args.seed)
    between = nx.betweenness_centrality(G, k=None if exact else k, seed=args.seed)
    weighted = nx.betweenness_centrality(G, weight="length") if exact else {}
    constraint = nx.constraint(G, weight="weight")
    size = nx.effective_size(G, weight="weight")
    pairs = {(min(u, v), max(u, v)) for z in G for u in G[z] for v in G[z] if u < v and not G.has_edge(u, v)}
    best = heapq.nlargest(50, nx.adamic_adar_index(G, pairs), key=lambda t: (t[2], t[0], t[1]))
    trend = []
    for period in sorted(data["by_period"]):
        ties = dict(data["static"])
        for pair, count in data["by_period"][period].items():
            ties[pair] = ties.get(pair, 0) + count
        H = _graph(data["organisations"], ties)
        trend.append(
            {
                "period": period,
                "density": nx.density(H),
                "sector_modularity": nx.community.modularity(H, _sectors(H), weight="weight"),
            }
        )
    result = {
        "organisations": n,
        "ties": m,
        "betweenness": "exact" if exact else f"sampled from {k}",
        "density": nx.density(G),
        "density_by_wijk": {w: nx.density(G.subgraph(nodes)) for w, nodes in sorted(wijken.items())},
        "silo_index": nx.community.modularity(G, _sectors(G), weight="weight"),
        "communities": len(communities),
        "articulation_points": sorted(nx.articulation_points(G)),
        "bridges": sorted(tuple(sorted(e)) for e in nx.bridges(G)),
        "core_number": nx.core_number(G),
        "nodes": {v: [between[v], weighted.get(v), constraint[v], size[v]] for v in G},
        "suggestions": [[u, v, s] for u, v, s in best],
        "trend": trend,
    }
    json.dump(result, sys.stdout, default=float)


if __name__ == "__main__":
    main()
