"""What every command of the command line shares: consoles, exit codes, the store option.

Errors are translated here, once, for every command: ``KetenkaartGroup`` turns the
project's exceptions into a message and an exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from graph.errors import ConfigError, ExplorerError, StoreError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

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
            _fail(ctx, "Configuration error", exc, EXIT_CONFIG)
        except StoreError as exc:
            _fail(ctx, "Database error", exc, EXIT_STORE)
        except ExplorerError as exc:
            _fail(ctx, "Error", exc, EXIT_INVALID)


def _fail(ctx: click.Context, label: str, exc: Exception, code: int) -> NoReturn:
    """Say what went wrong on standard error and exit with ``code``."""
    from rich.markup import escape  # noqa: PLC0415 - rich (30-40 ms) only when something is printed

    err().print(f"[red]{label}:[/red] {escape(str(exc))}", soft_wrap=True)
    ctx.exit(code)


def out() -> Console:
    """The console for results (standard output)."""
    from rich.console import Console  # noqa: PLC0415

    return Console(highlight=False)


def err() -> Console:
    """The console for problems and progress (standard error)."""
    from rich.console import Console  # noqa: PLC0415

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
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

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
    when that holds no organisations, and how to fill it; given a SQLite file on the
    command line that does not exist, it stops with :class:`ConfigError` rather than
    create an empty database at a mistyped path.
    """
    from queries.registry import StoreOptions, open_store, sqlite_file, store_kind  # noqa: PLC0415

    if database and store_kind(database) == "sqlite":  # a file named on the command line: no setting
        file = sqlite_file(database)
        if warn_empty and file is not None and not Path(file).exists():
            raise ConfigError(
                f"there is no database at {database}: check the path, or load your files "
                f"with `ketenkaart load DIR --database {database}`"
            )
        where, options = database, StoreOptions()  # applies, so pydantic-settings is not even imported
    else:
        from app.settings import Settings  # noqa: PLC0415

        settings = Settings()
        where, options = database or settings.database_location(), settings.store_options()
    opened = open_store(where, options)
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
