"""Benchmark: ``ketenkaart analyse --json`` as a user runs it, against a NetworkX and an igraph script.

**Headline** (``bench_command``): the whole ``ketenkaart analyse --json`` process (start-up,
store read, projection, every measure, trend, change, JSON) on a SQLite store at each size,
interleaved round by round in the same run with two peer scripts that read the same store
and compute the same measures: ``benchmarks/peers/networkx_analyse.py`` (plain NetworkX)
and ``benchmarks/peers/igraph_analyse.py`` (igraph; what each computes is in its
docstring). Each peer gets the number of betweenness sources Ketenkaart reports using.
Reported: Ketenkaart's median (min, max) seconds and peak resident memory, its target, and
per peer the paired ratio ``peer seconds / Ketenkaart seconds`` of each round (median, min,
max; above 1: Ketenkaart is faster). A peer run that exceeds ``--timeout`` is stopped and
reported as such, and not run again at that size.

The stores hold the synthetic ecosystems below (``benchmarks/synthetic_store.py``), built
once and kept in ``benchmarks/out/stores``:

- ``municipality``: 300 organisations / 3k ties;
- ``city``: 2k / 20k;
- ``province``: 10k / 200k;
- ``country``: 50k / 1M (minutes and GBs: only when asked for).

**Below it, in-process** (``bench_stages``, ``bench_scale``): where the command's time goes
(snapshot, projection, each part of ``graph.analysis.analyse``), and per bottleneck measure
our time against plain NetworkX's on the synthetic graph itself, measured (a NetworkX run
over ``--nx-limit`` seconds is stopped, never quoted from elsewhere).

At country scale (or at every scale with ``--agreement``) it reports how well sampled
betweenness ranks the organisations: Spearman's rho and the top-20 overlap against exact
betweenness by networkit (on the whole graph up to 10k organisations, else on a 10k region).

Run: ``python benchmarks/bench_analytics.py [--sizes municipality,city] [--repeat 3]
[--peers networkx,igraph] [--timeout 600] [--no-breakdown] [--agreement]
[--json benchmarks/out/analytics.json]``. A quick run (municipality and city, 3 rounds)
takes a few minutes. Not part of the test suite.

Another benchmark can reuse the graphs::

    from benchmarks.bench_analytics import synthetic_ecosystem_graph
    G = synthetic_ecosystem_graph(2_000, 20_000, seed=1)
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import shutil
import statistics
import subprocess
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
NX_LIMIT = 120.0  # seconds: a NetworkX run still going then is stopped and reported as such


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


def _limited_child(run: Run, G: nx.Graph[str], repeat: int, pipe: Any) -> None:
    pipe.send(_time(run, G, repeat))
    pipe.close()


def _time_limited(run: Run, G: nx.Graph[str], repeat: int, limit: float) -> tuple[float, Any, int] | None:
    """``_time`` in a forked child, stopped after ``limit`` seconds (then ``None``)."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_limited_child, args=(run, G, repeat, theirs))
    child.start()
    theirs.close()
    answer = ours.recv() if ours.poll(limit) else None
    if answer is None:
        child.kill()
    child.join()
    return answer


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


def bench_scale(
    scale: str, G: nx.Graph[str], repeat: int, nx_limit: float = NX_LIMIT
) -> list[dict[str, Any]]:
    """Time every case at one scale, ours and NetworkX's (stopped after ``nx_limit`` s); one row each."""
    print(
        f"| {'measure (in-process)':28} | {'ours':>10} | {'NetworkX':>26} "
        f"| {'speed-up':>8} | {'max diff':9} |"
    )
    print(f"|{'-' * 30}|{'-' * 12}|{'-' * 28}|{'-' * 10}|{'-' * 11}|")
    rows = []
    for name, ours, theirs in CASES:
        row: dict[str, Any] = {"scale": scale, "case": name}
        if name in OURS_TOO_SLOW.get(scale, set()):
            print(f"| {name:28} | {'not run: exact betweenness of 1M ties is a batch job':>52} |")
            rows.append(row | {"ours_s": None})
            continue
        ours_s, our_result, runs = _time(ours, G, repeat)
        row |= {"ours_s": ours_s, "ours_runs": runs}
        if theirs is None:
            nx_text, ratio, diff = "not compared (see Notes)", "", ""
        elif (answer := _time_limited(theirs, G, repeat, nx_limit)) is None:
            nx_text, ratio, diff = f"> {nx_limit:.0f} s (stopped)", f"> {_ratio(nx_limit / ours_s)}", ""
            row |= {"networkx_s": None, "networkx_stopped_after_s": nx_limit}
        else:
            nx_s, nx_result, nx_runs = answer
            nx_text, ratio, diff = (
                _seconds(nx_s, nx_runs),
                _ratio(nx_s / ours_s),
                _difference(our_result, nx_result),
            )
            row |= {"networkx_s": nx_s, "networkx_runs": nx_runs, "speedup": nx_s / ours_s}
        if name.startswith("betweenness sampled"):
            diff = "(sampled)"
        print(f"| {name:28} | {_seconds(ours_s, runs):>10} | {nx_text:>26} | {ratio:>8} | {diff:9} |")
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


def sample_agreement(
    G: nx.Graph[str], ks: tuple[int, ...] = (SAMPLE, 500), errors: tuple[float, ...] = (0.0025, 0.00125)
) -> list[dict[str, Any]]:
    """Spearman's rho and top-20 overlap against exact betweenness (networkit): pivots and KADABRA.

    ``ks``: pivot counts (``EstimateBetweenness``); ``errors``: KADABRA's error bounds, as
    ``graph.analysis.betweenness_error`` chooses them.
    """
    graph = G if len(G) <= EXACT_MAX_NODES else _region(G, EXACT_MAX_NODES)
    where = (
        "the whole graph" if graph is G else "a 10k-organisation region (induced subgraph, largest component)"
    )
    print(
        f"\nSampled vs exact betweenness on {where}: {len(graph):,} nodes / {graph.number_of_edges():,} ties"
    )
    start = time.perf_counter()
    exact = bn.betweenness(graph)
    exact_s = time.perf_counter() - start
    print(f"exact (networkit): {exact_s:.1f} s")
    nodes = list(graph)
    top = set(sorted(nodes, key=exact.__getitem__, reverse=True)[:20])
    runs: list[tuple[str, dict[str, Any]]] = [(f"pivots k = {k}", {"k": k}) for k in ks]
    runs += [(f"KADABRA error {e}", {"error": e}) for e in errors]
    results = []
    for name, options in runs:
        start = time.perf_counter()
        sampled = bn.betweenness(graph, seed=1, **options)
        seconds = time.perf_counter() - start
        rho = float(spearmanr([exact[v] for v in nodes], [sampled[v] for v in nodes]).statistic)
        overlap = len(top & set(sorted(nodes, key=sampled.__getitem__, reverse=True)[:20]))
        print(
            f"{name:24}: {seconds:6.2f} s ({seconds / exact_s:.2f} of exact), "
            f"Spearman rho = {rho:.4f}, top-20 overlap = {overlap}/20"
        )
        results.append(
            {
                "nodes": len(graph),
                "method": name,
                "seconds": seconds,
                "exact_s": exact_s,
                "spearman": rho,
                "top20": overlap,
            }
        )
    return results


WHOLE_TARGETS = {"municipality": 0.5, "city": 2.0, "province": 15.0, "country": 90.0}  # seconds, issue #12
PEERS = Path(__file__).resolve().parent / "peers"
# igraph (GPL) is installed for the peer apart from the project, outside the source tree
PEER_PACKAGES = Path.home() / ".cache" / "ketenkaart-bench" / "peer-packages"


def _process(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Seconds, peak resident MB and exit code of one whole process (stdout kept for a check)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return {"seconds": None, "stopped_after_s": timeout}
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "exit": child.returncode, "stdout": out, "stderr": err[-2000:]}


def _peak_mb(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of ``argv`` (the child's ru_maxrss), in MB."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return float(usage.ru_maxrss / 1024)


def _commands(store: Path) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    """The three whole processes; the peers pick exact or pivot-sampled betweenness themselves
    (``store_tables.samples``: exact within n * m <= 1e7, as Ketenkaart; else the pivot counts
    Ketenkaart used before KADABRA: 1,000 / 500 / 200)."""
    script = shutil.which("ketenkaart") or ""
    extra: list[str] = []
    peer_env = os.environ | {"PYTHONPATH": str(PEER_PACKAGES)}
    return {
        "ketenkaart": ([script, "analyse", "--json", "--database", str(store)], None),
        "networkx": ([sys.executable, str(PEERS / "networkx_analyse.py"), str(store), *extra], None),
        "igraph": ([sys.executable, str(PEERS / "igraph_analyse.py"), str(store), *extra], peer_env),
    }


def _betweenness_method(stdout: bytes) -> str:
    return str(json.loads(stdout)["scope"]["betweenness"])


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _rounds(
    commands: dict[str, tuple[list[str], dict[str, str] | None]], repeat: int, timeout: float
) -> tuple[dict[str, list[float]], dict[str, float], dict[str, str]]:
    """Seconds per run of each command, round by round (the order rotated each round).

    Also which commands were stopped after ``timeout`` s and which failed (their last line
    of stderr); neither is run again.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    stopped: dict[str, float] = {}
    failed: dict[str, str] = {}
    for round_ in range(repeat):
        names = list(commands)
        names = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in names:
            if name in stopped or name in failed:
                continue
            argv, env = commands[name]
            run = _process(argv, timeout, env)
            if run["seconds"] is None:
                stopped[name] = timeout
            elif run["exit"] != 0:
                lines = run["stderr"].decode(errors="replace").strip().splitlines()
                failed[name] = lines[-1] if lines else f"exit {run['exit']}"
            else:
                times[name].append(run["seconds"])
    return times, stopped, failed


def bench_command(scale: str, repeat: int, peers: list[str], timeout: float) -> dict[str, Any]:
    """The headline: whole processes, Ketenkaart and the peers interleaved round by round."""
    from benchmarks.synthetic_store import store_path  # noqa: PLC0415

    store = store_path(scale)
    if shutil.which("ketenkaart") is None:
        raise SystemExit("ketenkaart is not installed in this environment (pip install -e .)")
    first = _process(_commands(store)["ketenkaart"][0], timeout)  # warms the file cache
    if first.get("exit") != 0:
        raise SystemExit(f"ketenkaart analyse failed at {scale}: {first.get('stderr')!r}")
    method = _betweenness_method(first["stdout"])
    commands = {name: c for name, c in _commands(store).items() if name == "ketenkaart" or name in peers}
    if "igraph" in commands and not (PEER_PACKAGES / "igraph").exists():
        print(f"(igraph not found in {PEER_PACKAGES}: pip install --target {PEER_PACKAGES} igraph)")
        del commands["igraph"]
    times, stopped, failed = _rounds(commands, repeat, timeout)
    peak = _peak_mb(*commands["ketenkaart"])
    ours = times["ketenkaart"]
    row: dict[str, Any] = {
        "scale": scale,
        "store": store.name,
        "betweenness": method,
        "ketenkaart_s": ours,
        "ketenkaart_peak_mb": peak,
        "target_s": WHOLE_TARGETS[scale],
        "met": statistics.median(ours) < WHOLE_TARGETS[scale],
    }
    cells = [
        f"{_spread(ours)} s",
        f"{peak:.0f} MB",
        f"< {WHOLE_TARGETS[scale]:g} s: {'met' if row['met'] else 'MISSED'}",
    ]
    for name in peers:
        if name not in commands:
            cells.append("not run")
            continue
        paired = [t / o for t, o in zip(times[name], ours, strict=False)]
        row[f"{name}_s"] = times[name]
        row[f"{name}_ratio"] = paired
        if name in stopped:
            row[f"{name}_stopped_after_s"] = timeout
            cells.append(f"> {timeout:.0f} s (stopped): > {timeout / statistics.median(ours):.0f}x")
        elif name in failed:
            row[f"{name}_failed"] = failed[name]
            cells.append(f"failed: {failed[name][:60]}")
        else:
            cells.append(f"{_spread(times[name])} s: {_spread(paired)}x")
    print(f"| {scale} | {row['betweenness']} | " + " | ".join(cells) + " |")
    return row


def bench_stages(scale: str) -> dict[str, float]:
    """Where ``analyse``'s time goes at one scale (one in-process run, seconds per stage)."""
    from benchmarks.synthetic_store import store_path  # noqa: PLC0415
    from graph import analysis  # noqa: PLC0415
    from graph.layers import Layers  # noqa: PLC0415
    from graph.model import Scope  # noqa: PLC0415
    from graph.periods import PeriodRange  # noqa: PLC0415
    from graph.practice import shared_specialist_opportunities  # noqa: PLC0415
    from graph.project import organisation_graph, referral_graph  # noqa: PLC0415
    from graph.timeline import trend  # noqa: PLC0415
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    stages: dict[str, float] = {}

    def timed(name: str, run: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = run()
        stages[name] = time.perf_counter() - start
        return value

    with SqliteStore(store_path(scale)) as store:
        eco = timed("store snapshot", lambda: store.snapshot(Scope()))
    graph = timed("organisation graph", lambda: organisation_graph(eco))
    result = timed("analyse_graph (measures, suggestions, gaps)", lambda: analysis.analyse_graph(graph))
    referrals = timed("referral graph", lambda: referral_graph(eco))
    specialists = timed("shared specialists", lambda: shared_specialist_opportunities(eco))
    timed(
        "practice gaps",
        lambda: analysis._practice_gaps(eco, PeriodRange(), graph, referrals, specialists),
    )
    timed("trend", lambda: trend(eco))
    timed("change", lambda: analysis._change(eco, Layers(), PeriodRange(), graph))
    timed("JSON", lambda: json.dumps(result, ensure_ascii=False))
    timed("whole analyse() in-process", lambda: analysis.analyse(eco))
    print(f"| stage ({scale}, one in-process run) | seconds |\n|---|---:|")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.3f} |")
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="municipality,city", help=f"from {', '.join(SCALES)}")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the headline (and in-process runs)")
    parser.add_argument("--peers", default="networkx,igraph", help="peer scripts to run (or '')")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a whole run is stopped")
    parser.add_argument(
        "--nx-limit", type=float, default=NX_LIMIT, help="seconds per in-process NetworkX case"
    )
    parser.add_argument("--no-breakdown", action="store_true", help="only the headline")
    parser.add_argument("--agreement", action="store_true", help="sampling agreement at every size")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    peers = [p for p in args.peers.split(",") if p]
    results: dict[str, Any] = {"command": [], "stages": {}, "rows": [], "agreement": {}}
    print(
        f"## `ketenkaart analyse --json`, whole process, {args.repeat} interleaved rounds\n\n"
        "Ketenkaart: median (min-max) seconds, peak memory, target; per peer: its median (min-max) "
        "seconds and the paired ratio peer / Ketenkaart per round "
        "(median (min-max); > 1: Ketenkaart faster).\n"
    )
    print("| size | betweenness | ketenkaart | peak | target | " + " | ".join(peers) + " |")
    print("|---|---|---|---|---|" + "---|" * len(peers))
    for scale in sizes:
        results["command"].append(bench_command(scale, args.repeat, peers, args.timeout))
    if not args.no_breakdown:
        for scale in sizes:
            n, m = SCALES[scale]
            print(f"\n## {scale}: {n:,} organisations / {m:,} ties, in-process\n")
            results["stages"][scale] = bench_stages(scale)
            G = synthetic_ecosystem_graph(n, m, seed=1)
            print()
            results["rows"] += bench_scale(scale, G, args.repeat, args.nx_limit)
            if scale == "country" or args.agreement:
                results["agreement"][scale] = sample_agreement(G)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
