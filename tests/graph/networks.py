"""Public reference networks (``../shared/data``) loaded through Ketenkaart's own loaders.

Each network is written as Ketenkaart input files and read back with ``loaders.check``,
so tests on it exercise the same path as a user's data:

- a node becomes an organisation (id ``N000`` ...; its name is the node's key in the
  source data; a group attribute, when given, picks its sector);
- an undirected, unweighted edge becomes an agreement with the two nodes as parties;
- a directed or weighted edge becomes a referral flow (count = weight, or 1) in 2024-01;
- in a two-mode network (Davis), events become agreements with the attendees as parties.

Self-loops are dropped (an organisation cannot refer to itself).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.model import Ecosystem
from graph.taxonomy import Sector
from loaders.load import check
from loaders.writers import write_csv_folder

__all__ = ["ReferenceNetwork", "one_mode", "shared_data", "two_mode"]

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PERIOD = "2024-01"
SECTORS = list(Sector)


def shared_data(*parts: str) -> Path:
    """A path in ``../shared/data``; skips the test when the shared folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared reference data not found at {path} (expected beside the checkout)")
    return path


@dataclass(frozen=True)
class ReferenceNetwork:
    """A reference network as an ecosystem, with the map from source keys to organisation ids."""

    ecosystem: Ecosystem
    ids: dict[str, str]

    @property
    def names(self) -> dict[str, str]:
        """Organisation id -> the node's key in the source data."""
        return {org: key for key, org in self.ids.items()}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _organisation_rows(
    keys: list[str], groups: dict[str, str]
) -> tuple[list[dict[str, str]], dict[str, str]]:
    ids = {key: f"N{i:03d}" for i, key in enumerate(keys)}
    group_codes = sorted(set(groups.values()))
    rows = [
        {
            "id": ids[key],
            "name": key,
            "sector": SECTORS[group_codes.index(groups[key]) % len(SECTORS)].value
            if key in groups
            else "overig",
        }
        for key in keys
    ]
    return rows, ids


def _load(tables: dict[str, list[dict[str, str]]], folder: Path) -> Ecosystem:
    write_csv_folder(tables, folder)
    checked = check(folder)
    assert checked.report.errors == [], checked.report.errors[:5]
    return checked.batch


def one_mode(
    folder: Path,
    tmp: Path,
    *,
    key: str = "name",
    edges: str = "edges.csv",
    directed: bool = False,
    weight: str | None = None,
    group: str | None = None,
    time: str | None = None,
) -> ReferenceNetwork:
    """Load a one-mode network; ``key`` is the node column the edges use.

    ``time`` keeps only edges whose ``time`` column equals this value (Kapferer waves).
    """
    edge_rows = [r for r in _rows(folder / edges) if time is None or r["time"] == time]
    node_file = folder / "nodes.csv"
    node_rows = _rows(node_file) if node_file.exists() else []
    keys = [r[key] for r in node_rows] or sorted({r[e] for r in edge_rows for e in ("source", "target")})
    groups = {r[key]: r[group] for r in node_rows} if group else {}
    organisations, ids = _organisation_rows(keys, groups)
    tables: dict[str, list[dict[str, str]]] = {"organisations": organisations}
    if directed or weight:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for r in edge_rows:
            if r["source"] != r["target"]:
                counts[ids[r["source"]], ids[r["target"]]] += int(float(r[weight])) if weight else 1
        tables["referrals"] = [
            {"from_organisation": a, "to_organisation": b, "period": PERIOD, "count": str(n)}
            for (a, b), n in sorted(counts.items())
        ]
    else:
        pairs = sorted(
            {
                tuple(sorted((ids[r["source"]], ids[r["target"]])))
                for r in edge_rows
                if r["source"] != r["target"]
            }
        )
        tables["agreements"] = [
            {"id": f"E{i:04d}", "name": f"tie {a}-{b}", "kind": "other", "parties": f"{a}|{b}"}
            for i, (a, b) in enumerate(pairs)
        ]
    return ReferenceNetwork(_load(tables, tmp / folder.name), ids)


def two_mode(folder: Path, tmp: Path, *, edges: str = "edges_networkx_names.csv") -> ReferenceNetwork:
    """Load the Davis two-mode network: women as organisations, events as agreements."""
    rows = _rows(folder / edges)
    women = sorted({r["woman"] for r in rows})
    organisations, ids = _organisation_rows(women, {})
    attendees: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        attendees[r["event"]].append(ids[r["woman"]])
    agreements = [
        {"id": event, "name": f"event {event}", "kind": "other", "parties": "|".join(sorted(parties))}
        for event, parties in sorted(attendees.items())
    ]
    return ReferenceNetwork(
        _load({"organisations": organisations, "agreements": agreements}, tmp / "davis"), ids
    )
