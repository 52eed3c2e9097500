"""Stores for the whole-command benchmark: the synthetic ecosystems of ``bench_analytics`` in SQLite.

``synthetic_ecosystem(n, m, seed)`` turns the tie list of
``bench_analytics.synthetic_ecosystem_graph`` (same arguments, same ties and node attributes)
into records a store holds, so that ``graph.project.organisation_graph`` of the stored
snapshot has exactly ``m`` ties:

- each organisation serves one wijk (``WK9xxxyy``) of gemeente ``GM9xxx``; the areas are stored;
- a tie with ``a`` agreements is ``a`` two-party covenants;
- a tie with ``p`` shared professionals is ``p`` professionals employed at both;
- a tie with ``r`` referrals is one flow row of ``r`` referrals (its direction drawn) in one of
  the 12 months of 2025, and with probability 0.3 a second row in another month (the count
  split), so ``trend`` and ``change`` have 12 periods to work on.

``store_path(scale, folder)`` builds the SQLite file once and keeps it (``folder`` defaults
to ``benchmarks/out/stores``); a file already there is reused.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_analytics import SCALES, SECTORS, _layer_counts, _synthetic_ties, _wijk
from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from queries.sqlite import SqliteStore

__all__ = ["STORES", "store_path", "synthetic_ecosystem"]

STORES = Path(__file__).resolve().parent / "out" / "stores"
MONTHS = [Period.parse(f"2025-{m:02d}") for m in range(1, 13)]
PROVIDERS = {"zorg", "welzijn", "jeugd", "werk_inkomen"}


def synthetic_ecosystem(n: int, m: int, seed: int = 1) -> Ecosystem:
    """The synthetic ecosystem with ``n`` organisations and ``m`` ties, as store records."""
    area, sector, pairs = _synthetic_ties(n, m, seed)
    rng = np.random.default_rng(seed + 1)
    ids = [f"ORG{i:06d}" for i in range(n)]
    wijken = sorted({_wijk(int(a)) for a in set(area.tolist())})
    gemeenten = sorted({f"GM{w[2:6]}" for w in wijken})
    areas = [Area(g, f"Gemeente {g[2:]}", AreaLevel.GEMEENTE) for g in gemeenten]
    areas += [Area(w, f"Wijk {w[2:]}", AreaLevel.WIJK, f"GM{w[2:6]}") for w in wijken]
    orgs = []
    for i, node in enumerate(ids):
        wijk, code = _wijk(int(area[i])), SECTORS[int(sector[i])]
        capacity = int(rng.integers(10, 200)) if code in PROVIDERS else None
        orgs.append(
            Organisation(node, f"Organisatie {i}", Sector(code), f"GM{wijk[2:6]}", (wijk,), capacity=capacity)
        )
    counts = _layer_counts(rng, len(pairs))
    flow_rng = np.random.default_rng(seed + 2)
    agreements, professionals, flows = [], [], []
    month = flow_rng.integers(0, 12, len(pairs))
    second = flow_rng.random(len(pairs)) < 0.3
    reverse = flow_rng.random(len(pairs)) < 0.5
    for j, ((a, b), (n_agreements, n_professionals, referrals)) in enumerate(
        zip(pairs.tolist(), counts.tolist(), strict=True)
    ):
        u, v = ids[a], ids[b]
        for x in range(n_agreements):
            agreements.append(
                Agreement(f"A{j:07d}-{x}", f"Convenant {j}-{x}", AgreementKind.COVENANT, parties=(u, v))
            )
        for x in range(n_professionals):
            professionals.append(
                Professional(
                    f"P{j:07d}-{x}",
                    f"Professional {j}-{x}",
                    employments=(Employment(u, 0.5), Employment(v, 0.5)),
                )
            )
        if referrals:
            source, target = (v, u) if reverse[j] else (u, v)
            first = int(month[j])
            if second[j] and referrals > 1:
                half = referrals // 2
                flows.append(
                    ReferralFlow(ActorKind.ORGANISATION, source, target, MONTHS[first], "", referrals - half)
                )
                flows.append(
                    ReferralFlow(ActorKind.ORGANISATION, source, target, MONTHS[(first + 5) % 12], "", half)
                )
            else:
                flows.append(
                    ReferralFlow(ActorKind.ORGANISATION, source, target, MONTHS[first], "", referrals)
                )
    return Ecosystem(
        areas=tuple(areas),
        organisations=tuple(orgs),
        professionals=tuple(professionals),
        agreements=tuple(agreements),
        flows=tuple(flows),
    )


def store_path(scale: str, folder: Path = STORES, seed: int = 1) -> Path:
    """The SQLite store of one scale, built the first time it is asked for."""
    n, m = SCALES[scale]
    path = folder / f"{scale}-{n}-{m}-seed{seed}.sqlite"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    eco = synthetic_ecosystem(n, m, seed)
    partial = path.with_suffix(".partial")
    for stale in folder.glob(partial.name + "*"):
        stale.unlink()
    with SqliteStore(partial) as store:
        store.apply(eco)
    partial.rename(path)
    print(f"(store {path.name} built in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or ["municipality", "city"]:
        print(store_path(name))
