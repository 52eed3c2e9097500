"""What every command of the command line shares: consoles, exit codes, the store option.

Errors are translated here, once, for every command: ``KetenkaartGroup`` turns the
project's exceptions into a message and an exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from graph.errors import ConfigError, ExplorerError, StoreError

if TYPE_CHECKING:
    from queries.base import Store

__all__ = [
    "EXIT_CONFIG",
    "EXIT_INVALID",
    "EXIT_STORE",
    "KetenkaartGroup",
    "database_option",
    "dry_run_option",
    "err",
    "errors_csv_option",
    "location",
    "out",
    "say",
    "store",
    "text_table",
]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INVALID, EXIT_CONFIG, EXIT_STORE = 1, 2, 3


class KetenkaartGroup(click.Group):
    """Translates Ketenkaart's errors into a message and an exit code, once, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            err().print(f"[red]Configuration error:[/red] {escape(str(exc))}", soft_wrap=True)
            ctx.exit(EXIT_CONFIG)
        except StoreError as exc:
            err().print(f"[red]Database error:[/red] {escape(str(exc))}", soft_wrap=True)
            ctx.exit(EXIT_STORE)
        except ExplorerError as exc:
            err().print(f"[red]Error:[/red] {escape(str(exc))}", soft_wrap=True)
            ctx.exit(EXIT_INVALID)


def out() -> Console:
    """The console for results (standard output)."""
    return Console(highlight=False)


def err() -> Console:
    """The console for problems and progress (standard error)."""
    return Console(stderr=True, highlight=False)


def say(text: str) -> None:
    """Print plain text that may hold user input (paths, names): never read as markup."""
    out().print(text, markup=False, soft_wrap=True)


def database_option(command: F) -> F:
    """The ``--database`` option shared by every command that opens a store."""
    return click.option(
        "--database",
        "-d",
        metavar="DB",
        help="SQLite file or neo4j:// URL (default: KETENKAART_DATABASE, else the data folder's file).",
    )(command)


def dry_run_option(command: F) -> F:
    """The ``--dry-run`` option of every command that writes input into the store."""
    return click.option(
        "--dry-run", is_flag=True, help="Check and show what would be written; write nothing."
    )(command)


def errors_csv_option(command: F) -> F:
    """The ``--errors-csv`` option of every command that checks input."""
    return click.option(
        "--errors-csv",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Save every problem (errors and warnings) as CSV.",
    )(command)


def text_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A table whose cells are plain text (names are user input, never markup), folding long cells."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def location(database: str | None) -> str:
    """The database a command uses: its option, else the settings."""
    from app.settings import Settings  # noqa: PLC0415 (pydantic-settings: only when a store is opened)

    return database or Settings().database_location()


@contextmanager
def store(database: str | None, *, warn_empty: bool = False) -> Iterator[Store]:
    """Open the database a command uses and close it afterwards.

    ``warn_empty``: a command that reads says on standard error which database it used
    when that holds no organisations, and how to fill it.
    """
    from app.settings import Settings  # noqa: PLC0415
    from queries.registry import open_store  # noqa: PLC0415

    where = location(database)
    opened = open_store(where, Settings().store_options())
    try:
        if warn_empty and opened.counts().organisations == 0:
            err().print(
                f"The database {where} is empty: load your files with `ketenkaart load DIR`, "
                "or the demo municipality with `ketenkaart demo`.",
                markup=False,
                soft_wrap=True,
            )
        yield opened
    finally:
        opened.close()
