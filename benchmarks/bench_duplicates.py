"""Benchmark: probable duplicates (``graph.duplicates``) among 5,000 organisations.

The organisations of the demo municipality at 5,000 organisations (the size ``bench_load``
uses), plus planted duplicates of 100 of them, 25 of each kind: a legal-form variant
("Stichting X"), a one-letter typo, a KvK twin under another name, and a location
("X Noord", same sector). Measured:

- ``whole store``: ``probable_duplicates`` over every organisation (``ketenkaart merge``
  without arguments);
- ``after an import``: the same with ``among`` = the 100 planted ids (what the import
  commands print).

Prints the median of ``--repeat`` runs (5 by default), the candidate pairs compared, the
pairs listed and how many planted pairs were found. The demo itself holds no duplicates,
so every listed pair that is not planted is a false positive.

Run: ``python benchmarks/bench_duplicates.py [--repeat 5] [--json benchmarks/out/duplicates.json]``.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # to run as a script from anywhere

from graph.duplicates import _candidate_pairs, _Name, probable_duplicates
from graph.model import Organisation
from loaders.demo import DemoSpec, generate_demo

SPEC = DemoSpec(organisations=5000, professionals=20_000, agreements=1500)
PLANTED_PER_KIND = 25


def _typo(rng: random.Random, name: str) -> str:
    """Two letters of the name's longest word swapped."""
    word = max(re.findall(r"[^\W\d_]+", name), key=len)
    at = rng.randrange(len(word) - 1)
    return name.replace(word, word[:at] + word[at + 1] + word[at] + word[at + 2 :], 1)


def _planted(orgs: list[Organisation], seed: int) -> tuple[list[Organisation], set[tuple[str, str]]]:
    """Duplicates of randomly chosen organisations, and the (original, copy) pairs."""
    rng = random.Random(seed)
    chosen = rng.sample([o for o in orgs if o.parent_id is None and " " in o.name], 4 * PLANTED_PER_KIND)
    copies, expected = [], set()
    for n, original in enumerate(chosen):
        kind = n // PLANTED_PER_KIND
        copy_id = f"DUP{n:04d}"
        name = [
            f"Stichting {original.name}",
            _typo(rng, original.name),
            f"Nieuwe Naam {n}",
            f"{original.name} Noord",
        ]
        kvk = "9" + f"{n:07d}" if kind == 2 else None
        if kind == 2:
            chosen[n] = replace(original, kvk=kvk)
        copies.append(Organisation(copy_id, name[kind], original.sector, kvk=kvk))
        expected.add((original.id, copy_id))
    by_id = {o.id: o for o in chosen}
    base = [by_id.get(o.id, o) for o in orgs]
    return base + copies, expected


def _median(run: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    eco = generate_demo(SPEC)
    organisations, expected = _planted(list(eco.organisations), seed=1)
    places = [area.name for area in eco.areas]
    new = {copy for _, copy in expected}
    results: dict[str, dict[str, object]] = {}
    runs: tuple[tuple[str, set[str] | None], ...] = (("whole store", None), ("after an import", new))
    for label, among in runs:
        found = probable_duplicates(organisations, among=among, place_names=places)
        median, times = _median(
            partial(probable_duplicates, organisations, among=among, place_names=places), args.repeat
        )
        pairs = {frozenset((c.first, c.second)) for c in found}
        hits = sum(1 for pair in expected if frozenset(pair) in pairs)
        results[label] = {
            "organisations": len(organisations),
            "median_s": round(median, 4),
            "times_s": [round(t, 4) for t in times],
            "listed": len(found),
            "planted_found": hits,
            "planted": len(expected),
            "false_positives": len(pairs - {frozenset(pair) for pair in expected}),
        }
        print(
            f"{label:16} {len(organisations):,} organisations: median {median:.3f} s of {args.repeat} "
            f"({', '.join(f'{t:.3f}' for t in times)}); listed {len(found)}, planted found "
            f"{hits}/{len(expected)}, other pairs {results[label]['false_positives']}"
        )
    compared = len(_candidate_pairs([_Name.of(o) for o in organisations]))
    all_pairs = len(organisations) * (len(organisations) - 1) // 2
    print(f"pairs compared: {compared:,} of {all_pairs:,} ({compared / all_pairs:.2%})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"compared": compared, **results}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
