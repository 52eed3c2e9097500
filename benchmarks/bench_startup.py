"""Benchmark: how long the command line takes before it does anything, as a user runs it.

Times whole processes, the installed ``ketenkaart`` console script, interleaved in one
run so that the machine's state weighs on each alike:

- ``ketenkaart --version`` and ``ketenkaart --help`` (target: median under 0.3 s);
- ``ketenkaart analyse --help`` (parses the analysis options, imports no analytics);
- ``python -c pass``, the floor any Python command pays, and ``python -c "import
  networkx"``, what the analysis alone would add to every command if it were imported at
  the top.

Run: ``python benchmarks/bench_startup.py [--repeat 21] [--json benchmarks/out/startup.json]``.
Prints a Markdown table (median, min, max in seconds) and exits 1 when a target is missed.
Not part of the test suite (it times the machine); ``tests/test_architecture.py`` checks
the reason it holds: importing the command group loads none of the heavy modules.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

TARGET_S: Final = 0.3
TARGETS: Final = {"ketenkaart --version", "ketenkaart --help"}


def _commands() -> dict[str, list[str]]:
    script = shutil.which("ketenkaart")
    if script is None:
        raise SystemExit("ketenkaart is not installed in this environment (pip install -e .)")
    return {
        "ketenkaart --version": [script, "--version"],
        "ketenkaart --help": [script, "--help"],
        "ketenkaart analyse --help": [script, "analyse", "--help"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import networkx'": [sys.executable, "-c", "import networkx"],
    }


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(repeat: int) -> dict[str, list[float]]:
    """Seconds per run of each command, the commands interleaved round by round."""
    commands = _commands()
    for argv in commands.values():  # warm the file cache once
        _once(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            times[name].append(_once(argv))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    times = measure(args.repeat)
    print(f"| command (whole process, {args.repeat} interleaved runs) | median s | min s | max s | target |")
    print("|---|---:|---:|---:|---|")
    missed = []
    for name, runs in times.items():
        median = statistics.median(runs)
        target = ""
        if name in TARGETS:
            met = median < TARGET_S
            target = f"< {TARGET_S} s: {'met' if met else 'MISSED'}"
            if not met:
                missed.append(name)
        print(f"| {name} | {median:.3f} | {min(runs):.3f} | {max(runs):.3f} | {target} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(times, indent=2), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
