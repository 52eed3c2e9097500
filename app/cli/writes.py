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

__all__ = ["write_and_report"]


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
    if outcome.batch.organisations:
        print_duplicates(out, store, [o.id for o in outcome.batch.organisations])
    return outcome
