"""Terminal output of the command line: report tables, counts and progress bars.

Nothing here decides anything; it shows what ``loaders`` and ``queries`` returned.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from graph.model import Counts, Ecosystem
from graph.taxonomy import Sector
from loaders.report import LoadReport, RowError
from loaders.validate import ProgressCallback
from queries.base import ApplyResult

__all__ = [
    "print_changes",
    "print_counts",
    "print_report",
    "print_sectors",
    "row_progress",
    "write_errors_csv",
]

_LARGE_TABLE = 20_000  # rows; smaller files load too fast for a progress bar to help


def _problem_table(title: str, problems: list[RowError], limit: int) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in ("file", "row", "column", "code", "message"):
        table.add_column(name, overflow="fold", style="bold" if name == "code" else None)
    for problem in problems[:limit]:
        row = "" if problem.row is None else str(problem.row)
        cells = (problem.file, row, problem.column or "", problem.code, problem.message)
        table.add_row(*(Text(cell) for cell in cells))  # user text is never read as markup
    return table


def print_report(console: Console, report: LoadReport, *, limit: int = 50) -> None:
    """Print the files read, then every warning and error (up to ``limit`` each)."""
    if report.files:
        files = Table(title="Files read", title_justify="left")
        for name in ("file", "table", "rows", "encoding", "separator"):
            files.add_column(name)
        for f in report.files:
            cells = (f.file, f.table, str(f.rows), f.encoding, repr(f.delimiter) if f.delimiter else "")
            files.add_row(*(Text(cell) for cell in cells))
        console.print(files)
    for title, problems in (("Warnings", report.warnings), ("Errors", report.sorted_errors())):
        if not problems:
            continue
        console.print(_problem_table(f"{title} ({len(problems)})", problems, limit))
        if len(problems) > limit:
            console.print(f"... and {len(problems) - limit} more; use --errors-csv FILE to save them all")
    if report.ok:
        console.print("[green]Valid:[/green] no errors found.")
    else:
        codes = ", ".join(f"{code} x{n}" for code, n in report.codes().most_common())
        console.print(f"[red]Invalid:[/red] {len(report.errors)} errors ({codes}). Nothing was written.")


def write_errors_csv(report: LoadReport, path: Path) -> None:
    """Save every error and warning of a report as CSV, with a ``severity`` column."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["severity", "file", "row", "column", "code", "message"])
        writer.writeheader()
        for severity, problems in (("error", report.sorted_errors()), ("warning", report.warnings)):
            writer.writerows({"severity": severity, **p.as_dict()} for p in problems)


def print_counts(console: Console, counts: Counts, title: str = "Store") -> None:
    """Print record counts as a two-column table under a heading."""
    table = Table()
    table.add_column("records")
    table.add_column("count", justify="right")
    for name, value in counts.as_dict().items():
        table.add_row(name.replace("_", " "), f"{value:,}")
    console.print(Text(title, style="bold"))
    console.print(table)


def print_sectors(console: Console, eco: Ecosystem) -> None:
    """Print how many organisations, professionals and referrals received each sector has."""
    sector_of = {o.id: o.sector for o in eco.organisations}
    organisations = Counter(o.sector for o in eco.organisations)
    staff = Counter(sector_of[e.organisation_id] for p in eco.professionals for e in p.employments)
    received: Counter[Sector] = Counter()
    for flow in eco.flows:
        received[sector_of[flow.target_id]] += flow.count
    table = Table()
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("sector", "left"),
        ("organisations", "right"),
        ("jobs", "right"),
        ("referrals received", "right"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify)
    for sector in sorted(organisations, key=lambda s: -organisations[s]):
        table.add_row(
            f"{sector.label('nl')} ({sector.label('en')})",
            str(organisations[sector]),
            f"{staff[sector]:,}",
            f"{received[sector]:,}",
        )
    console.print(table)


def print_changes(console: Console, result: ApplyResult) -> None:
    """Print what a load changed, or that it changed nothing."""
    if not result.total:
        console.print("No changes: the store already held exactly these records.")
        return
    changed = ", ".join(f"{table} {n:,}" for table, n in result.changes.items())
    console.print(f"Written: {result.total:,} rows changed ({escape(changed)}).")


@contextmanager
def row_progress(console: Console) -> Iterator[ProgressCallback]:
    """A progress callback that shows a bar for every large file being checked."""
    progress = Progress(
        TextColumn("checking {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def on_rows(file: str, done: int, total: int) -> None:
        if total < _LARGE_TABLE:
            return
        if file not in tasks:
            tasks[file] = progress.add_task(file, total=total)
        progress.update(tasks[file], completed=done)

    with progress:
        yield on_rows
