"""A peer's ``--check``: its figures beside ``ketenkaart analyse --json`` on the same store.

Shows that a peer computes the same things as Ketenkaart: counts that must be equal
(ties, cut points, bridges, the kern, every gap list, brokerage per organisation, trend and
change) and values that must agree closely (density, silo index, constraint, effective
size, exact betweenness). The suggestion lists are compared by overlap only (how many of
the pairs, and of their introducers, are the same): ties in score may be broken otherwise.
Prints one table; returns 1 when a figure that must hold does not.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.peers.store_tables import ROLES, read


def _ketenkaart(store: str) -> dict[str, Any]:
    script = shutil.which("ketenkaart") or str(Path(sys.executable).with_name("ketenkaart"))
    run = subprocess.run([script, "analyse", "--json", "--database", store], capture_output=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _largest_difference(ours: list[float | None], theirs: list[float | None]) -> float:
    pairs = [(a, b) for a, b in zip(ours, theirs, strict=True) if a is not None or b is not None]
    if any(a is None or b is None for a, b in pairs):
        return float("inf")
    return max((abs(float(a) - float(b)) for a, b in pairs if a is not None and b is not None), default=0.0)


class _Rows(list[tuple[str, Any, Any, bool | str]]):
    """``(figure, peer, ketenkaart, holds)`` per figure compared; ``holds`` is the reason
    when a difference is known and explained (by the peer's ``known_differences``)."""

    def equal(self, name: str, theirs: Any, mine: Any) -> None:
        self.append((name, theirs, mine, theirs == mine))

    def close(self, name: str, theirs: float | None, mine: float | None, within: float = 1e-9) -> None:
        both = theirs is not None and mine is not None
        holds = (theirs is None and mine is None) or (
            both and abs(float(theirs or 0) - float(mine or 0)) <= within
        )
        self.append((name, theirs, mine, holds))

    def largest(self, name: str, diff: float, known: str | None = None, within: float = 1e-9) -> None:
        self.append((f"{name}: largest difference", f"{diff:.2g}", "", diff <= within or known or False))


def _graph_rows(rows: _Rows, peer: dict[str, Any], ours: dict[str, Any]) -> None:
    """The measures of the organisation graph."""
    rows.equal("organisations", peer["scope"]["organisations"], ours["scope"]["organisations"])
    rows.equal("ties", peer["scope"]["ties"], ours["scope"]["ties"])
    rows.close("density", peer["density"], ours["density"])
    rows.close("E-I index", peer["ei_index"], ours["ei_index"])
    rows.close("silo index (sector modularity)", peer["silo_index"], ours["silo_index"])
    theirs, mine = peer["silo"]["community_modularity"], ours["silo"]["community_modularity"]
    heuristic = "heuristic: Louvain implementations differ" if abs(theirs - mine) <= 0.1 else False
    rows.append(
        (
            "community modularity (Louvain)",
            round(theirs, 3),
            round(mine, 3),
            abs(theirs - mine) <= 0.03 or heuristic,
        )
    )
    rows.equal(
        "sector-matrix ties",
        sum(int(cell[0]) for row in peer["sector_matrix"].values() for cell in row.values()),
        sum(c["ties"] for s, row in ours["sector_matrix"].items() for t, c in row.items() if s <= t),
    )
    rows.equal(
        "ties per wijk",
        {w: a["ties"] for w, a in peer["density_by_area"].items()},
        {w: a["ties"] for w, a in ours["density_by_area"].items()},
    )
    rows.equal("articulation points", peer["articulation_points"], ours["articulation_points"])
    rows.equal("bridges", [list(b) for b in peer["bridges"]], ours["bridges"])
    rows.equal(
        "kern k, size",
        [peer["kern"]["k"], len(peer["kern"]["organisations"])],
        [ours["kern"]["k"], len(ours["kern"]["organisations"])],
    )
    keys = ["constraint", "effective_size"]
    keys += ["betweenness", "weighted_betweenness"] if ours["scope"]["betweenness"] == "exact" else []
    for key in keys:
        diff = _largest_difference(
            [peer["nodes"][node["id"]][key] for node in ours["nodes"]],
            [node.get(key) for node in ours["nodes"]],
        )
        known = peer.get("known_differences", {}).get(key)
        rows.largest(key.replace("_", " "), diff, f"known: {known}" if known else None)
    for kind in ("suggestions", "overlaps"):
        introduced = {(u, v): introducer for u, v, _, introducer in peer[kind]}
        found = {(s["source"], s["target"]): s["introducer"] for s in ours[kind]}
        same = set(introduced) & set(found)
        rows.append((f"{kind}: same pairs", len(same), len(found), len(introduced) == len(found)))
        rows.equal(
            f"{kind}: same introducer of those", sum(introduced[p] == found[p] for p in same), len(same)
        )
        rows.close(
            f"{kind}: best score",
            peer[kind][0][2] if peer[kind] else None,
            ours[kind][0]["score"] if ours[kind] else None,
        )


def _brokerage_rows(rows: _Rows, peer: dict[str, Any], ours: dict[str, Any]) -> None:
    """Brokerage on the referral graph, organisation by organisation."""
    roles = (*ROLES, "total")
    theirs = [peer["nodes"][node["id"]]["brokerage"] for node in ours["nodes"]]
    mine = [node["brokerage"] for node in ours["nodes"]]
    differ = sum([a[r] for r in roles] != [b[r] for r in roles] for a, b in zip(theirs, mine, strict=True))
    rows.equal("brokerage: organisations whose role counts differ", differ, 0)
    rows.equal(
        "brokerage: total open two-paths", sum(a["total"] for a in theirs), sum(b["total"] for b in mine)
    )
    diff = max(
        (
            _largest_difference([a["vs_chance"][r] for r in ROLES], [b["vs_chance"][r] for r in ROLES])
            for a, b in zip(theirs, mine, strict=True)
        ),
        default=0.0,
    )
    rows.largest("brokerage vs_chance", diff)
    rows.equal(
        "brokerage: main role per organisation",
        [(a["main"] or {}).get("role") for a in theirs],
        [(b["main"] or {}).get("role") for b in mine],
    )


def _record_rows(rows: _Rows, peer: dict[str, Any], ours: dict[str, Any]) -> None:
    """The gaps, the trend and the change."""
    for gap, found in ours["gaps"].items():
        rows.equal(f"gaps.{gap}: count", len(peer["gaps"][gap]), len(found))
    for key in ("ties", "active_organisations", "referrals"):
        rows.equal(
            f"trend {key} per period", [p[key] for p in peer["trend"]], [p[key] for p in ours["trend"]]
        )
    rows.largest(
        "trend sector modularity",
        _largest_difference(
            [p["sector_modularity"] for p in peer["trend"]], [p["sector_modularity"] for p in ours["trend"]]
        ),
    )
    change, mine = peer["change"], ours["change"]
    if mine is None or change is None:
        rows.equal("change", change, mine)
        return
    for key in ("new_ties", "lost_ties", "joined", "left", "cut_points_gained", "cut_points_lost"):
        rows.equal(f"change {key}: count", len(change[key]), len(mine[key]))
    for key in ("organisations_before", "organisations_after"):
        rows.equal(f"change {key}", change[key], mine[key])
    rows.close("change density after", change["density_after"], mine["density_after"])
    rows.close("change silo after", change["sector_modularity_after"], mine["sector_modularity_after"])


def compare(peer: dict[str, Any], store: str, against: str | None = None) -> int:
    """Print the peer's figures beside Ketenkaart's on ``store``; 0 when every figure holds, else 1.

    Ketenkaart's figures come from running ``ketenkaart analyse --json`` on ``store``, or
    from ``against``, a saved output of that command.
    """
    ours = json.loads(Path(against).read_text()) if against else _ketenkaart(store)
    rows = _Rows()
    for part in (_graph_rows, _brokerage_rows, _record_rows):
        part(rows, peer, ours)
    print(f"| figure ({Path(store).name}) | peer | ketenkaart | holds |\n|---|---|---|---|")
    for name, theirs, mine, holds in rows:
        said = holds if isinstance(holds, str) else "yes" if holds else "NO"
        print(f"| {name} | {_cell(theirs)} | {_cell(mine)} | {said} |")
    failed = sum(holds is False for *_, holds in rows)
    print(f"\n{len(rows) - failed} of {len(rows)} hold")
    return 1 if failed else 0


def _cell(value: Any) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def run_peer(analyse: Callable[[dict[str, Any], int | None, int], dict[str, Any]]) -> None:
    """A peer's command line: ``STORE [--samples K] [--seed S] [--check [--against SAVED.json]]``.

    Prints ``analyse(read(STORE), K, S)`` as one JSON object, or with ``--check`` compares it
    with ``ketenkaart analyse --json`` (:func:`compare`) and exits with its status.
    """
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--samples", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="compare with ketenkaart analyse --json")
    parser.add_argument("--against", help="with --check: a saved ketenkaart analyse --json of the store")
    args = parser.parse_args()
    result = analyse(read(args.store), args.samples, args.seed)
    if args.check:
        sys.exit(compare(result, args.store, args.against))
    json.dump(result, sys.stdout, default=float)
