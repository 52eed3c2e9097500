"""Serving the explorer: ``serve``, ``demo`` (generate, load and serve) and ``user add``.

Dash, the loaders and the stores are imported when a command runs, not before.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from app.access import Role
from app.cli import options as support
from app.cli.options import database_option
from graph.errors import ConfigError

__all__ = ["demo", "serve", "user"]

F = TypeVar("F", bound=Callable[..., Any])


def _serve(location: str, host: str, port: int) -> None:
    """Serve the explorer on the store at ``location`` (used by ``serve`` and ``demo``)."""
    # Dash loads only for the commands that serve, so the others start fast.
    from app.settings import Settings  # noqa: PLC0415
    from app.web.factory import create_app  # noqa: PLC0415
    from app.web.serving import is_loopback, serve  # noqa: PLC0415

    settings = Settings()
    if not is_loopback(host) and settings.users_file is None:
        support.err().print(
            f"[yellow]Warning:[/yellow] serving on {host} without login; set KETENKAART_USERS_FILE "
            "(see `ketenkaart user add`) before others can reach this machine.",
            soft_wrap=True,
        )
    with support.store(location) as store:
        store.init_schema()
        app = create_app(settings, store)
        serve(
            app, host, port, ready=lambda url: support.say(f"Ketenkaart answers at {url} (Ctrl+C stops it)")
        )


def _host_port(command: F) -> F:
    command = click.option("--port", default=8050, show_default=True, help="Port to listen on.")(command)
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on (0.0.0.0: every network).",
    )(command)


@click.command()
@database_option
@_host_port
def serve(database: str | None, host: str, port: int) -> None:
    """Serve the explorer app in the browser (it answers at / once ready)."""
    _serve(support.location(database), host, port)


@click.command()
@click.option("--seed", type=int, help="Same seed, same municipality (default: the demo's own).")
@database_option
@_host_port
@click.option("--no-serve", is_flag=True, help="Only generate, load and summarise; do not start the app.")
def demo(seed: int | None, database: str | None, host: str, port: int, no_serve: bool) -> None:
    """Generate the demo municipality into a fresh store and serve the explorer on it."""
    from app.cli.terminal import print_counts, print_sectors  # noqa: PLC0415
    from app.settings import Settings  # noqa: PLC0415
    from loaders.demo import DemoSpec, generate_demo  # noqa: PLC0415
    from loaders.load import load as load_source  # noqa: PLC0415
    from loaders.writers import ecosystem_tables, write_csv_folder  # noqa: PLC0415
    from queries.registry import store_kind  # noqa: PLC0415

    seed = DemoSpec().seed if seed is None else seed
    settings = Settings()
    folder = settings.data_dir / "demo" / "input"
    if database and store_kind(database) != "sqlite":
        raise ConfigError(
            "the demo runs on the embedded store; to put the demo municipality into Neo4j, run "
            "`ketenkaart generate-demo DIR` and then `ketenkaart load DIR --database URL`"
        )
    if database and Path(database).exists():
        raise ConfigError(f"{database} exists; the demo loads into a fresh store, so name a new file")
    location = database or str(settings.data_dir / "demo" / "ketendam.sqlite")
    shutil.rmtree(folder, ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        Path(location + suffix).unlink(missing_ok=True)
    write_csv_folder(ecosystem_tables(generate_demo(DemoSpec(seed=seed))), folder)
    with support.store(location) as store:
        load_source(folder, store)
        snapshot = store.snapshot()
    out = support.out()
    print_counts(out, snapshot.counts(), title=f"Demo municipality Ketendam (seed {seed}), all synthetic")
    print_sectors(out, snapshot)
    support.say(f"Input files: {folder}\nDatabase:    {location}")
    if no_serve:
        support.say(f"Serve it with: ketenkaart serve --database {location}")
        return
    _serve(location, host, port)


@click.group()
def user() -> None:
    """Users of the app (login is on as soon as a users file exists)."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), required=True, help="analist sees everything."
)
@click.option("--organisation", help="The organisation id a partner belongs to.")
@click.option(
    "--users-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Default: KETENKAART_USERS_FILE, else users.toml in the data folder.",
)
@click.password_option(help="Asked for when not given (at least 10 characters).")
def user_add(name: str, role: str, organisation: str | None, users_file: Path | None, password: str) -> None:
    """Add a user (or give an existing one a new password, role or organisation)."""
    from app.settings import Settings  # noqa: PLC0415
    from app.users import add_user  # noqa: PLC0415

    settings = Settings()
    path = users_file or settings.users_file or settings.data_dir / "users.toml"
    add_user(path, name, password, Role(role), organisation)
    support.say(f"User {name} ({role}) saved in {path}")
    if settings.users_file is None or settings.users_file != path:
        support.say(f"Set KETENKAART_USERS_FILE={path} so the app asks for a login.")
