"""The end of every command that writes input: report, changes, probable duplicates.

``load``, ``import-hsds`` and ``import-cbs`` each check their own kind of file, then hand
the write to :func:`write_and_report`, so they answer alike: the report as a table, exit
1 with nothing written on any error, the changes (or what a dry run would load), and the
organisations that look like ones already known.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from app.cli import options as support
from app.cli.merge import print_duplicates
from app.cli.options import EXIT_INVALID
from app.cli.terminal import print_changes, print_counts, print_report, write_errors_csv
from graph.errors import LoadError
from loaders.load import LoadOutcome
from queries.base import Store

__all__ = ["DUPLICATE_SCAN_LIMIT", "write_and_report"]

DUPLICATE_SCAN_LIMIT = 20_000
"""Organisations in one load up to which it lists probable duplicates at once; a bigger load
leaves that to ``ketenkaart merge`` (comparing 300k names took gigabytes after the write)."""


def write_and_report(
    ctx: click.Context, store: Store, write: Callable[[], LoadOutcome], *, errors_csv: Path | None
) -> LoadOutcome:
    """Run ``write`` and print what happened; exit 1 (nothing written) when the input is invalid.

    ``errors_csv`` receives every problem, errors and warnings, in both cases.
    """
    out = support.out()
    try:
        outcome = write()
    except LoadError as exc:
        print_report(out, exc.report)
        if errors_csv:
            write_errors_csv(exc.report, errors_csv)
        ctx.exit(EXIT_INVALID)
    print_report(out, outcome.report)
    if errors_csv:
        write_errors_csv(outcome.report, errors_csv)
    if outcome.result is None:
        print_counts(out, outcome.batch.counts(), title="Dry run: nothing was written; it would load")
        return outcome
    print_changes(out, outcome.result)
    new = [o.id for o in outcome.batch.organisations]
    if 0 < len(new) <= DUPLICATE_SCAN_LIMIT:
        print_duplicates(out, store, new)
    elif new:
        out.print(f"{len(new):,} organisations loaded: run `ketenkaart merge` to list probable duplicates")
    return outcome
