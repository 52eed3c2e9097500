"""Benchmark: bottleneck analytics (``graph.bottlenecks``) against plain NetworkX.

Synthetic ecosystems shaped like ``graph.project.organisation_graph`` (see
``synthetic_ecosystem_graph``) at four scales:

- ``municipality``: 300 organisations / 3k ties;
- ``city``: 2k / 20k (size S of the engine survey);
- ``province``: 10k / 200k (M);
- ``country``: 50k / 1M (L; only with ``--sizes country``).

(S, M and L are the sizes of the *engine survey*: the measurement of NetworkX, networkit,
igraph, rustworkx and SciPy on the 2-core development machine that chose the engines
before this repository began; it is not kept here, and the figures quoted from it below
are the ones this benchmark re-measures.)

Per scale: the median time of ``betweenness`` (exact unweighted, exact weighted, sampled
with k = 200 pivots), ``articulation_points``, ``bridges`` and ``structural_holes``, the
same with plain NetworkX where that finishes in reasonable time, the speed-up and the
largest difference between the two results. NetworkX runs that the engine survey measured above
120 s are skipped, not run; runs over 10 s are not repeated (marked ¹).

At country scale (or at every scale with ``--agreement``) it reports how well sampled
betweenness (k = 200 and 1000 pivots) ranks the organisations: Spearman's rho and the
top-20 overlap against exact betweenness by networkit. Exact betweenness of the whole
country graph would take about 30 minutes (engine survey), more than the 10 minutes
allowed here, so there the comparison runs on a 10k-organisation region (the
organisations of the first wijken by code: induced subgraph, largest component).

Run: ``python benchmarks/bench_analytics.py [--sizes municipality,city,province,country]
[--repeat 3] [--agreement] [--json benchmarks/out/analytics.json]``. Not part of the test
suite.

Another benchmark can reuse the graphs::

    from benchmarks.bench_analytics import synthetic_ecosystem_graph
    G = synthetic_ecosystem_graph(2_000, 20_000, seed=1)
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # to run as a script from anywhere

from graph import bottlenecks as bn
from graph.analysis import analyse_graph
from graph.taxonomy import Sector

IntArray = npt.NDArray[np.int64]
SCALES = {
    "municipality": (300, 3_000),
    "city": (2_000, 20_000),
    "province": (10_000, 200_000),
    "country": (50_000, 1_000_000),
}
SECTORS = [s.value for s in Sector][:8]
SECTOR_SHARES = np.array([5, 4, 2, 3, 1, 2, 2, 3]) / 22
PROVIDERS = {"zorg", "welzijn", "jeugd", "werk_inkomen"}
SAMPLE = 200
SKIPPED = "skipped (>120 s in the engine survey)"
# NetworkX runs the engine survey measured (or extrapolated) above 120 s, by scale
NX_TOO_SLOW = {
    "province": {"betweenness exact", "betweenness exact weighted"},
    "country": {
        "betweenness exact",
        "betweenness exact weighted",
        f"betweenness sampled k={SAMPLE}",
        "structural holes",  # constraint 34 s, effective size: MemoryError (dense n x n)
    },
}


# ---------------------------------------------------------------------------------------
# The synthetic ecosystem
# ---------------------------------------------------------------------------------------


def _draw_alike(
    rng: np.random.Generator, theta: npt.NDArray[np.float64], key: IntArray, picks: IntArray
) -> IntArray:
    """For each node in ``picks``, a node with the same ``key``, drawn with probability ~ theta."""
    order = np.argsort(key, kind="stable")
    cumulative = np.concatenate([[0.0], np.cumsum(theta[order])])
    starts = np.searchsorted(key[order], key[picks], side="left")
    ends = np.searchsorted(key[order], key[picks], side="right")
    r = cumulative[starts] + rng.random(len(picks)) * (cumulative[ends] - cumulative[starts])
    position = np.searchsorted(cumulative, r, side="right") - 1
    drawn: IntArray = order[np.clip(position, starts, ends - 1)]
    return drawn


def _unique_pairs(codes: IntArray) -> IntArray:
    ordered = np.sort(codes)
    unique: IntArray = ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]
    return unique


def _core_ties(
    rng: np.random.Generator, theta: npt.NDArray[np.float64], keys: list[IntArray], m: int
) -> IntArray:
    """``m`` distinct ties (codes ``lo * n + hi``) of a degree-corrected block model.

    A tie starts at a node drawn ~ theta and ends in the same block (area x sector, 30 %),
    the same area (30 %), the same sector (20 %) or anywhere (20 %), drawn ~ theta there.
    """
    n = len(theta)
    codes = np.empty(0, dtype=np.int64)
    while len(codes) < m:
        want = 2 * (m - len(codes)) + 100
        u = rng.choice(n, want, p=theta / theta.sum())
        v = rng.choice(n, want, p=theta / theta.sum())
        mode = rng.choice(4, want, p=[0.3, 0.3, 0.2, 0.2])
        for code, key in enumerate(keys):
            chosen = np.flatnonzero(mode == code)
            v[chosen] = _draw_alike(rng, theta, key, u[chosen])
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        codes = _unique_pairs(np.concatenate([codes, (lo * n + hi)[lo != hi]]))
    return rng.permutation(codes)[:m]


def _synthetic_ties(n: int, m: int, seed: int) -> tuple[IntArray, IntArray, IntArray]:
    """Areas, sectors and ``(m, 2)`` tie ends; 10 % of nodes are peripheral (1-2 ties)."""
    rng = np.random.default_rng(seed)
    areas = max(1, n // 150)
    area = rng.integers(0, areas, n)
    sector = rng.choice(len(SECTORS), n, p=SECTOR_SHARES)
    theta = np.minimum(rng.pareto(1.5, n) + 1.0, n / 10)  # skewed degrees, capped
    peripheral = rng.choice(n, n // 10, replace=False)
    theta[peripheral] = 0.0
    lonely = np.repeat(peripheral, rng.integers(1, 3, len(peripheral)))
    anchors = _draw_alike(rng, theta, area, lonely)  # a hub-leaning partner in the same area
    lo, hi = np.minimum(lonely, anchors), np.maximum(lonely, anchors)
    spokes = _unique_pairs((lo * n + hi)[lo != hi])
    keys = [area * len(SECTORS) + sector, area, sector * areas + area]
    codes = np.concatenate([_core_ties(rng, theta, keys, m - len(spokes)), spokes])
    pairs = np.column_stack([codes // n, codes % n])
    return area, sector, pairs


def _wijk(area: int) -> str:
    return f"WK{9000 + area // 10:04d}{area % 10 + 1:02d}"


def _layer_counts(rng: np.random.Generator, m: int) -> IntArray:
    """``(m, 3)`` counts per tie: agreements, professionals, referrals (at least one in all)."""
    agreements = rng.binomial(3, 0.15, m)
    professionals = rng.binomial(2, 0.08, m)
    referrals = np.where(rng.random(m) < 0.7, rng.geometric(0.08, m), 0)
    referrals[agreements + professionals + referrals == 0] = 1
    return np.column_stack([agreements, professionals, referrals])


def synthetic_ecosystem_graph(n: int, m: int, seed: int = 0) -> nx.Graph[str]:
    """A synthetic organisation graph with ``n`` organisations and ``m`` ties.

    Shaped like ``graph.project.organisation_graph``: node ids ``ORG000000`` ...; node
    attributes ``name``, ``sector`` (8 sectors, uneven sizes), ``municipality``, ``areas``
    and ``wijken`` (one wijk each, about 150 organisations per wijk, 10 wijken per
    gemeente) and ``capacity`` (providers only, else ``None``); edge attributes
    ``agreements``, ``professionals``, ``referrals`` and ``weight`` (their sum, >= 1).

    The ties follow a degree-corrected stochastic block model with blocks = wijk x sector
    and Pareto (alpha 1.5) degree propensities, as in the engine survey; 10 % of the
    organisations are peripheral, with one or two ties into their own wijk, so the graph
    has cut points and bridges. The same arguments always give the same graph.
    """
    area, sector, pairs = _synthetic_ties(n, m, seed)
    rng = np.random.default_rng(seed + 1)
    ids = [f"ORG{i:06d}" for i in range(n)]
    graph: nx.Graph[str] = nx.Graph()
    for i, node in enumerate(ids):
        wijk, code = _wijk(int(area[i])), SECTORS[int(sector[i])]
        graph.add_node(
            node,
            name=f"Organisatie {i}",
            sector=code,
            municipality=f"GM{wijk[2:6]}",
            areas=(wijk,),
            wijken=(wijk,),
            capacity=int(rng.integers(10, 200)) if code in PROVIDERS else None,
        )
    counts = _layer_counts(rng, len(pairs)).tolist()
    graph.add_edges_from(
        (ids[a], ids[b], {"weight": sum(c), "agreements": c[0], "professionals": c[1], "referrals": c[2]})
        for (a, b), c in zip(pairs.tolist(), counts, strict=True)
    )
    return graph


# ---------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------

Run = Callable[["nx.Graph[str]"], Any]
ONCE_ABOVE = 10.0  # seconds: slower runs are not repeated (marked with ¹)


def _length(_u: str, _v: str, tie: dict[str, Any]) -> float:
    return 1.0 / float(tie["weight"])


NX_LENGTH: Any = _length  # NetworkX takes a function as weight; its type stubs do not say so


def _nx_holes(G: nx.Graph[str]) -> dict[str, bn.Holes]:
    constraint, size = nx.constraint(G), nx.effective_size(G)  # all-node paths: right when unweighted
    return {v: bn.Holes(constraint[v], size[v]) for v in G}


CASES: list[tuple[str, Run, Run | None]] = [
    ("betweenness exact", bn.betweenness, nx.betweenness_centrality),
    (
        "betweenness exact weighted",
        lambda G: bn.betweenness(G, weight="weight"),
        lambda G: nx.betweenness_centrality(G, weight=NX_LENGTH),
    ),
    (
        f"betweenness sampled k={SAMPLE}",
        lambda G: bn.betweenness(G, k=SAMPLE, seed=1),
        lambda G: nx.betweenness_centrality(G, k=SAMPLE, seed=1),
    ),
    ("articulation points", bn.articulation_points, lambda G: sorted(nx.articulation_points(G))),
    ("bridges", bn.bridges, lambda G: sorted(tuple(sorted(e)) for e in nx.bridges(G))),
    ("structural holes", bn.structural_holes, _nx_holes),
    ("structural holes weighted", lambda G: bn.structural_holes(G, weight="weight"), None),
]
OURS_TOO_SLOW = {"country": {"betweenness exact", "betweenness exact weighted"}}


def _time(run: Run, G: nx.Graph[str], repeat: int) -> tuple[float, Any, int]:
    """Median seconds, the last result, and the number of runs."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run(G)
        times.append(time.perf_counter() - start)
        if times[-1] > ONCE_ABOVE:
            break
    return statistics.median(times), result, len(times)


def _difference(ours: Any, theirs: Any) -> str:
    """How far our result is from NetworkX's: max |difference|, or whether the lists are equal."""
    if isinstance(ours, list):
        return "equal" if ours == theirs else "DIFFERENT"
    if isinstance(next(iter(ours.values())), bn.Holes):
        pairs = [(a, theirs[v]) for v, a in ours.items() if not math.isnan(a.constraint)]
        worst = max(
            max(abs(a.constraint - b.constraint), abs(a.effective_size - b.effective_size)) for a, b in pairs
        )
    else:
        worst = max(abs(ours[v] - theirs[v]) for v in ours)
    return f"{worst:.0e}"


def _seconds(value: float, runs: int) -> str:
    text = f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return text + ("¹" if runs == 1 and value > ONCE_ABOVE else "")


def _ratio(value: float) -> str:
    return f"{value:.1f}x" if value < 10 else f"{value:.0f}x"


def bench_scale(scale: str, G: nx.Graph[str], repeat: int) -> list[dict[str, Any]]:
    """Time every case at one scale; print one table row per case."""
    print(f"| {'analysis':28} | {'ours':>10} | {'NetworkX':>44} | {'speed-up':>8} | {'max diff':9} |")
    print(f"|{'-' * 30}|{'-' * 12}|{'-' * 46}|{'-' * 10}|{'-' * 11}|")
    rows = []
    for name, ours, theirs in CASES:
        row: dict[str, Any] = {"scale": scale, "case": name}
        if name in OURS_TOO_SLOW.get(scale, set()):
            print(f"| {name:28} | {'skipped: batch job (≈ 30 min networkit, engine survey)':>70} |")
            rows.append(row | {"ours_s": None})
            continue
        ours_s, our_result, runs = _time(ours, G, repeat)
        row |= {"ours_s": ours_s, "ours_runs": runs}
        if theirs is None:
            nx_text, ratio, diff = "not compared (see structural_holes Notes)", "", ""
        elif name in NX_TOO_SLOW.get(scale, set()):
            nx_text, ratio, diff = SKIPPED, "", ""
        else:
            nx_s, nx_result, nx_runs = _time(theirs, G, repeat)
            nx_text, ratio, diff = (
                _seconds(nx_s, nx_runs),
                _ratio(nx_s / ours_s),
                _difference(our_result, nx_result),
            )
            row |= {"networkx_s": nx_s, "networkx_runs": nx_runs, "speedup": nx_s / ours_s}
        if name.startswith("betweenness sampled"):
            diff = "(sampled)"
        print(f"| {name:28} | {_seconds(ours_s, runs):>10} | {nx_text:>44} | {ratio:>8} | {diff:9} |")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# How well does sampling rank?
# ---------------------------------------------------------------------------------------

EXACT_MAX_NODES = 10_000  # above: exact betweenness takes > 10 min (≈ 30 min at 50k / 1M)


def _region(G: nx.Graph[str], size: int) -> nx.Graph[str]:
    """The largest component among the ``size`` organisations of the first wijken (by code).

    Built in sorted node order: a subgraph view of a small node set iterates in set
    (hash) order, which would change networkit's node numbers, hence the sample, per run.
    """
    chosen = sorted(G, key=lambda v: (G.nodes[v]["wijken"], v))[:size]
    largest = max(nx.connected_components(G.subgraph(chosen)), key=len)
    region: nx.Graph[str] = nx.Graph()
    region.add_nodes_from(sorted(largest))
    region.add_edges_from((u, v) for u in sorted(largest) for v in G[u] if v in largest)
    return region


def sample_agreement(G: nx.Graph[str], ks: tuple[int, ...] = (SAMPLE, 1000)) -> list[dict[str, Any]]:
    """Spearman's rho and top-20 overlap of sampled against exact betweenness (networkit)."""
    graph = G if len(G) <= EXACT_MAX_NODES else _region(G, EXACT_MAX_NODES)
    where = (
        "the whole graph" if graph is G else "a 10k-organisation region (induced subgraph, largest component)"
    )
    print(
        f"\nSampled vs exact betweenness on {where}: {len(graph):,} nodes / {graph.number_of_edges():,} ties"
    )
    start = time.perf_counter()
    exact = bn.betweenness(graph)
    print(f"exact (networkit): {time.perf_counter() - start:.1f} s")
    nodes = list(graph)
    top = set(sorted(nodes, key=exact.__getitem__, reverse=True)[:20])
    results = []
    for k in ks:
        start = time.perf_counter()
        sampled = bn.betweenness(graph, k=k, seed=1)
        seconds = time.perf_counter() - start
        rho = float(spearmanr([exact[v] for v in nodes], [sampled[v] for v in nodes]).statistic)
        overlap = len(top & set(sorted(nodes, key=sampled.__getitem__, reverse=True)[:20]))
        print(f"k = {k:5}: {seconds:5.2f} s, Spearman rho = {rho:.4f}, top-20 overlap = {overlap}/20")
        results.append({"nodes": len(graph), "k": k, "seconds": seconds, "spearman": rho, "top20": overlap})
    return results


WHOLE_TARGETS = {"municipality": 0.5, "city": 2.0, "province": 15.0, "country": 90.0}  # seconds, issue #4


def bench_whole(scale: str, G: nx.Graph[str], repeat: int) -> dict[str, Any]:
    """Time the whole graph analysis (``graph.analysis.analyse_graph``) against its target."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = analyse_graph(G)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    target = WHOLE_TARGETS[scale]
    print(
        f"whole analysis: median {median:.2f} s over {repeat} run(s), target {target:.1f} s "
        f"({'met' if median <= target else 'NOT met'}; {result['scope']['betweenness']} betweenness)"
    )
    return {
        "scale": scale,
        "median_s": median,
        "runs_s": times,
        "target_s": target,
        "betweenness": result["scope"]["betweenness"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="municipality,city,province", help=f"from {', '.join(SCALES)}")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--agreement", action="store_true", help="sampling agreement at every size")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--whole-only", action="store_true", help="only time the whole analysis")
    args = parser.parse_args()
    results: dict[str, Any] = {"rows": [], "agreement": {}, "whole": []}
    for scale in args.sizes.split(","):
        n, m = SCALES[scale]
        start = time.perf_counter()
        G = synthetic_ecosystem_graph(n, m, seed=1)
        print(
            f"\n## {scale}: {n:,} organisations / {m:,} ties (built in {time.perf_counter() - start:.1f} s)\n"
        )
        results["whole"].append(bench_whole(scale, G, 1 if scale in ("province", "country") else args.repeat))
        if args.whole_only:
            continue
        results["rows"] += bench_scale(scale, G, args.repeat)
        if scale == "country" or args.agreement:
            results["agreement"][scale] = sample_agreement(G)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
