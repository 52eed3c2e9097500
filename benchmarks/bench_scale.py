"""Benchmark: ``check`` and ``load`` on 300k organisations and on 1M referral rows, with peak memory.

Issue 13's targets: peak memory under 1.5 GB, and ``load`` within 3x the time of ``check``.
Each command runs as its own process (``python -m app``), as a user runs it; its peak
resident memory is the child's ``ru_maxrss``. ``load`` writes a fresh SQLite file.

Run: ``python benchmarks/bench_scale.py [--only organisations|referrals] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEMORY_TARGET_MB = 1536
RATIO_TARGET = 3.0
ORGANISATIONS = 300_000
REFERRALS = 1_000_000
REFERRING_ORGANISATIONS = 5_000
_SECTORS = ("zorg", "welzijn", "wonen", "onderwijs", "jeugd", "informeel")


def _organisations(path: Path, count: int) -> None:
    rng = random.Random(13)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "name", "sector", "municipality", "areas", "capacity", "description"])
        for i in range(count):
            wijk = f"WK9901{rng.randint(1, 9):02d}"
            out.writerow([f"ORG{i:07d}", f"Organisatie {i}", rng.choice(_SECTORS), "GM9901", wijk,
                          rng.randint(1, 500), "Hulp en ondersteuning in de wijk"])  # fmt: skip


def _referrals(path: Path, count: int, organisations: int) -> None:
    rng = random.Random(13)
    periods = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
    domains = ("schuldhulp", "jeugd", "wonen", "zorg")
    seen: set[tuple[int, int, int, int]] = set()
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["from_organisation", "from_professional", "to_organisation", "period", "domain", "count"]
        )
        while len(seen) < count:
            a, b = rng.randrange(organisations), rng.randrange(organisations)
            key = (a, b, rng.randrange(len(periods)), rng.randrange(len(domains)))
            if a == b or key in seen:
                continue
            seen.add(key)
            out.writerow(
                [f"ORG{a:07d}", "", f"ORG{b:07d}", periods[key[2]], domains[key[3]], rng.randint(0, 40)]
            )


def _run(*arguments: str) -> tuple[float, float, int]:
    """Seconds, peak resident MB and exit code of ``python -m app ARGUMENTS``."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "app", *arguments], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if child.stderr is not None:
        child.stderr.close()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _case(name: str, folder: Path, work: Path) -> dict[str, object]:
    check_s, check_mb, check_rc = _run(
        "check", str(folder), "--database", str(work / f"{name}-absent.sqlite")
    )
    load_s, load_mb, load_rc = _run("load", str(folder), "--database", str(work / f"{name}.sqlite"))
    result = {
        "case": name,
        "check_seconds": round(check_s, 1),
        "check_peak_mb": round(check_mb),
        "check_exit": check_rc,
        "load_seconds": round(load_s, 1),
        "load_peak_mb": round(load_mb),
        "load_exit": load_rc,
        "load_over_check": round(load_s / check_s, 2),
    }
    within = max(check_mb, load_mb) < MEMORY_TARGET_MB and load_s <= RATIO_TARGET * check_s
    verdict = "met" if within else "NOT met"
    print(f"{name}: check {check_s:.1f} s, {check_mb:.0f} MB (exit {check_rc}); load {load_s:.1f} s, "
          f"{load_mb:.0f} MB (exit {load_rc}); load/check {load_s / check_s:.2f} "
          f"[target < {MEMORY_TARGET_MB} MB, <= {RATIO_TARGET}x: {verdict}]")  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["organisations", "referrals"])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only in (None, "organisations"):
            folder = work / "organisations"
            folder.mkdir()
            _organisations(folder / "organisations.csv", ORGANISATIONS)
            results.append(_case("300k organisations", folder, work))
        if args.only in (None, "referrals"):
            folder = work / "referrals"
            folder.mkdir()
            _organisations(folder / "organisations.csv", REFERRING_ORGANISATIONS)
            _referrals(folder / "referrals.csv", REFERRALS, REFERRING_ORGANISATIONS)
            results.append(_case("1M referral rows", folder, work))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
