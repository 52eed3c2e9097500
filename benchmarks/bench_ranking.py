"""Benchmark: does the ranking of chances bring hidden ties back? Measured, not tuned.

Each split hides ties, ranks every untied pair of what is left, and asks how high the
hidden ties come:

- ``demo temporal``: the demo (``loaders.demo``, seed 7), ranked on the organisation graph of
  2025-01..2025-09; the hidden ties are those of 2025-10..2025-12 that did not exist before
  (the demo's random routes open over the year, ``docs/demo-data.md``);
- ``demo temporal, 12 demos``: the same split on the demos of seeds 1..12 (seed 7 is the
  shipped demo), averaged. One split hides about 30 ties, so its precision at 10 is a count
  from 0 to 4 or so: a tie or a single hit decides it. Twelve demos measure the same
  question with twelve times the hidden ties;
- ``demo random``: the whole-year demo graph with 10 % of its ties hidden at random (5
  seeds; the figures are their means);
- ``kapferer social`` / ``kapferer work``: Kapferer's tailor shop, ranked on wave 1; the
  hidden ties are those of wave 2 that wave 1 lacks (real change over time; no sectors,
  wijken or weights, so the new ranking has only its structure to go on);
- ``lazega cowork/advice/friends``: 10 % of the ties hidden at random (5 seeds), with the
  lawyer's office as their "wijk" and their practice as their "sector";
- ``padgett marriage``, ``krackhardt friends``: 10 % hidden at random (5 seeds).

Rankings: the new one (``graph.chances.pair_scores``, the score both lists are ranked by:
weighted Adamic-Adar with the wijk overlap), plain Adamic-Adar and common neighbours
(NetworkX's). Every untied pair is ranked; pairs a method gives no score score 0; equal
scores are ordered by one seeded random permutation shared by all three methods.

Reported per split and method: precision at 10 and 50 (hidden ties among the 10 and 50
best) and AUC (the chance that a hidden tie outscores an untied pair that stays untied,
equal scores counting half, exact over all pairs), and the new ranking's ratio to each
baseline (above 1: the new ranking is better). The figures are counts, not timings, so load
does not change them.

Run: ``python benchmarks/bench_ranking.py [--json benchmarks/out/ranking.json]``. Takes
about a minute. Not part of the test suite; ``tests/graph/test_ranking.py`` checks the
temporal claim on the demo.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx
import numpy as np

from graph.chances import pair_scores
from graph.model import Ecosystem
from graph.periods import Period, PeriodRange
from graph.project import organisation_graph
from loaders.demo import DemoSpec, generate_demo

__all__ = [
    "METHODS",
    "Metrics",
    "Split",
    "demo_splits",
    "demo_temporal_splits",
    "evaluate",
    "public_splits",
    "run",
]

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
HIDDEN_SHARE = 0.1
SEEDS = (1, 2, 3, 4, 5)
DEMO_SEEDS = tuple(range(1, 13))
LAST_QUARTER = (
    PeriodRange(Period.parse("2025-01"), Period.parse("2025-09")),
    PeriodRange(Period.parse("2025-10"), Period.parse("2025-12")),
)

Pair = tuple[str, str]
Ranking = Callable[["nx.Graph[str]"], dict[Pair, float]]


@dataclass(frozen=True)
class Split:
    """A graph to rank on and the ties hidden from it (pairs ``u < v``, both in the graph)."""

    name: str
    train: nx.Graph[str]
    hidden: frozenset[Pair]


@dataclass(frozen=True)
class Metrics:
    """Precision at 10 and 50 and AUC of one ranking on one split."""

    p10: float
    p50: float
    auc: float


def _pair(u: str, v: str) -> Pair:
    return (u, v) if u < v else (v, u)


def _networkx(index: Callable[..., Iterable[tuple[str, str, float]]]) -> Ranking:
    def ranking(G: nx.Graph[str]) -> dict[Pair, float]:
        return {_pair(u, v): float(p) for u, v, p in index(G) if p > 0}

    return ranking


def _common_neighbours(G: nx.Graph[str]) -> dict[Pair, float]:
    found: dict[Pair, float] = {}
    for z in G:
        partners = sorted(G[z])
        for i, u in enumerate(partners):
            for v in partners[i + 1 :]:
                if not G.has_edge(u, v):
                    found[(u, v)] = found.get((u, v), 0.0) + 1.0
    return found


METHODS: dict[str, Ranking] = {
    "new": pair_scores,
    "adamic_adar": _networkx(nx.adamic_adar_index),
    "common_neighbours": _common_neighbours,
}


def evaluate(split: Split, scores: dict[Pair, float], *, seed: int = 0) -> Metrics:
    """Precision at 10 and 50 and the exact AUC of ``scores`` on ``split`` (see the module)."""
    nodes = sorted(split.train)
    untied = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1 :] if not split.train.has_edge(u, v)]
    random.Random(seed).shuffle(untied)  # equal scores: one random order, the same for every method
    values = np.array([scores.get(pair, 0.0) for pair in untied])
    hit = np.array([pair in split.hidden for pair in untied])
    order = np.argsort(-values, kind="stable")
    p10, p50 = (float(hit[order[:k]].sum()) / k for k in (10, 50))
    positive, negative = values[hit], np.sort(values[~hit])
    below = np.searchsorted(negative, positive, "left")
    equal = np.searchsorted(negative, positive, "right") - below
    auc = float((below + 0.5 * equal).sum() / (len(positive) * len(negative))) if len(positive) else math.nan
    return Metrics(p10, p50, auc)


def _hide(name: str, G: nx.Graph[str], seed: int) -> Split:
    ties = sorted(_pair(u, v) for u, v in G.edges() if u != v)
    hidden = random.Random(seed).sample(ties, max(1, round(HIDDEN_SHARE * len(ties))))
    train = G.copy()
    train.remove_edges_from(hidden)
    return Split(f"{name} (seed {seed})", train, frozenset(hidden))


def _last_quarter(name: str, eco: Ecosystem) -> Split:
    """Rank on 2025-01..2025-09; hide the ties of 2025-10..2025-12 between organisations seen before."""
    before = organisation_graph(eco, periods=LAST_QUARTER[0])
    last = organisation_graph(eco, periods=LAST_QUARTER[1])
    new = frozenset(
        _pair(u, v) for u, v in last.edges() if u in before and v in before and not before.has_edge(u, v)
    )
    return Split(name, before, new)


def demo_splits() -> list[Split]:
    """The demo's temporal split and its random splits."""
    eco = generate_demo()
    whole = organisation_graph(eco)
    return [_last_quarter("demo temporal", eco), *(_hide("demo random", whole, s) for s in SEEDS)]


def demo_temporal_splits(seeds: Iterable[int] = DEMO_SEEDS) -> list[Split]:
    """The temporal split on the demo of each seed (the group ``demo temporal, 12 demos``)."""
    return [
        _last_quarter(
            f"demo temporal, {len(DEMO_SEEDS)} demos (seed {seed})", generate_demo(DemoSpec(seed=seed))
        )
        for seed in seeds
    ]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _kapferer(relation: str) -> Split:
    folder = SHARED / "kapferer_tailor" / relation
    names = [row["name"] for row in _read(folder / "nodes.csv")]
    waves: dict[str, set[Pair]] = {"1": set(), "2": set()}
    for row in _read(folder / "edges.csv"):
        if row["source"] != row["target"]:
            waves[row["time"]].add(_pair(row["source"], row["target"]))
    train: nx.Graph[str] = nx.Graph()
    train.add_nodes_from(names)
    train.add_edges_from(waves["1"])
    return Split(f"kapferer {relation}", train, frozenset(waves["2"] - waves["1"]))


def _plain(
    folder: Path, key: str = "id", office: str | None = None, practice: str | None = None
) -> nx.Graph[str]:
    G: nx.Graph[str] = nx.Graph()
    for row in _read(folder / "nodes.csv"):
        attributes: dict[str, object] = {}
        if office:
            attributes["wijken"] = (f"office-{row[office]}",)
        if practice:
            attributes["sector"] = f"practice-{row[practice]}"
        G.add_node(str(row[key]), **attributes)
    for row in _read(next(folder.glob("edges*.csv"))):
        if row["source"] != row["target"]:
            G.add_edge(str(row["source"]), str(row["target"]))
    return G


def public_splits() -> list[Split]:
    """Kapferer's two waves, and random splits of Lazega, Padgett and Krackhardt."""
    if not SHARED.exists():
        return []
    splits = [_kapferer("social"), _kapferer("work")]
    for relation in ("cowork", "advice", "friends"):
        G = _plain(SHARED / "lazega_lawfirm" / relation, office="office", practice="practice")
        splits += [_hide(f"lazega {relation}", G, s) for s in SEEDS]
    padgett = _plain(SHARED / "padgett_florentine" / "marriage", key="name")
    krackhardt = _plain(SHARED / "krackhardt_hightech" / "friends")
    for name, G in (("padgett marriage", padgett), ("krackhardt friends", krackhardt)):
        splits += [_hide(name, G, s) for s in SEEDS]
    return splits


def _group(name: str) -> str:
    return name.split(" (seed", maxsplit=1)[0]


def run(splits: Sequence[Split]) -> dict[str, dict[str, dict[str, float]]]:
    """Per split group (seeds averaged) and method: ``p10``, ``p50``, ``auc``, and the ratios."""
    sums: dict[str, dict[str, list[Metrics]]] = {}
    for split in splits:
        for method, ranking in METHODS.items():
            sums.setdefault(_group(split.name), {}).setdefault(method, []).append(
                evaluate(split, ranking(split.train))
            )
    table: dict[str, dict[str, dict[str, float]]] = {}
    for group, methods in sums.items():
        means = {
            method: {key: float(np.mean([asdict(m)[key] for m in found])) for key in ("p10", "p50", "auc")}
            for method, found in methods.items()
        }
        for base in ("adamic_adar", "common_neighbours"):
            for key in ("p10", "p50", "auc"):
                theirs = means[base][key]
                means["new"][f"{key}_vs_{base}"] = means["new"][key] / theirs if theirs else math.inf
        means["new"]["hidden"] = float(np.mean([len(s.hidden) for s in splits if _group(s.name) == group]))
        table[group] = means
    return table


def _print(table: dict[str, dict[str, dict[str, float]]]) -> None:
    print(f"{'split':22} {'method':18} {'P@10':>6} {'P@50':>6} {'AUC':>6}   new/AA (P@10 P@50 AUC)   new/CN")
    for group, methods in table.items():
        for method, m in methods.items():
            line = f"{group:22} {method:18} {m['p10']:6.3f} {m['p50']:6.3f} {m['auc']:6.3f}"
            if method == "new":
                ratios = [
                    m[f"{k}_vs_{b}"]
                    for b in ("adamic_adar", "common_neighbours")
                    for k in ("p10", "p50", "auc")
                ]
                line += (
                    "   "
                    + " ".join(f"{r:5.2f}" for r in ratios[:3])
                    + "   "
                    + " ".join(f"{r:5.2f}" for r in ratios[3:])
                )
                line += f"   ({m['hidden']:.0f} hidden)"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    args = parser.parse_args()
    table = run([*demo_splits(), *demo_temporal_splits(), *public_splits()])
    _print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
