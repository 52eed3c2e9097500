"""Serving the explorer: ``serve``, ``demo`` (generate, load and serve) and ``user add``.

Dash, the loaders and the stores are imported when a command runs, not before.
"""

from __future__ import annotations

import shutil
import sys
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
    users = settings.users_path()
    if not is_loopback(host) and not users.exists():
        support.err().print(
            f"[yellow]Warning:[/yellow] serving on {host} without login; add a user first "
            f"(`ketenkaart user add`, which writes {users}) before others can reach this machine.",
            soft_wrap=True,
            markup=True,
        )
    with support.store(location, warn_empty=True) as store:
        store.init_schema()
        app = create_app(settings, store)
        login = f"login on ({users})" if users.exists() else "no login (no users file)"
        serve(
            app,
            host,
            port,
            ready=lambda url: support.say(f"Ketenkaart answers at {url} (Ctrl+C stops it); {login}"),
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
@click.option("--yes", "-y", is_flag=True, help="Replace a store that already holds data without asking.")
def demo(seed: int | None, database: str | None, host: str, port: int, no_serve: bool, yes: bool) -> None:
    """Generate the demo municipality into the default store (the one every command uses) and serve it.

    A store that already holds data is replaced only after you confirm (or with --yes).
    """
    from app.cli.terminal import print_counts, print_sectors  # noqa: PLC0415
    from app.settings import Settings  # noqa: PLC0415
    from loaders.demo import DemoSpec, generate_demo  # noqa: PLC0415
    from loaders.load import load as load_source  # noqa: PLC0415
    from loaders.writers import ecosystem_tables, write_csv_folder  # noqa: PLC0415

    seed = DemoSpec().seed if seed is None else seed
    settings = Settings()
    folder = settings.data_dir / "demo" / "input"
    location = support.location(database)
    shutil.rmtree(folder, ignore_errors=True)
    write_csv_folder(ecosystem_tables(generate_demo(DemoSpec(seed=seed))), folder)
    with support.store(location) as store:
        store.init_schema()
        held = store.counts().organisations
        if held and not yes:
            _confirm_replace(location, held)
        load_source(folder, store, replace=True)
        snapshot = store.snapshot()
    out = support.out()
    print_counts(out, snapshot.counts(), title=f"Demo municipality Ketendam (seed {seed}), all synthetic")
    print_sectors(out, snapshot)
    support.say(
        f"Input files: {folder}\nDatabase:    {location} (every command uses it unless you pass --database)"
    )
    if no_serve:
        support.say("Next: ketenkaart analyse, ketenkaart stats, ketenkaart serve")
        return
    _serve(location, host, port)


def _confirm_replace(location: str, organisations: int) -> None:
    """Ask before the demo replaces a store that holds data; refuse when nobody can answer."""
    held = f"{location} holds {organisations} organisations"
    if not sys.stdin.isatty():
        raise ConfigError(
            f"{held}; the demo would replace them. Pass --yes to replace them, "
            "or --database NEW.sqlite for a separate store."
        )
    if not click.confirm(f"{held}. Replace them with the demo municipality?", default=False):
        raise click.Abort


@click.group()
def user() -> None:
    """Users of the app. Login is on while the users file exists: KETENKAART_USERS_FILE, else
    users.toml in the data folder; the running app picks up changes without a restart."""


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
@database_option
@click.password_option(help="Asked for when not given (at least 10 characters).")
def user_add(
    name: str,
    role: str,
    organisation: str | None,
    users_file: Path | None,
    database: str | None,
    password: str,
) -> None:
    """Add a user (or give an existing one a new password, role or organisation).

    A partner's --organisation must be an organisation in the store (--database).
    """
    from app.settings import Settings  # noqa: PLC0415
    from app.users import add_user  # noqa: PLC0415

    settings = Settings()
    if organisation:
        _known_organisation(organisation, database)
    path = users_file or settings.users_path()
    add_user(path, name, password, Role(role), organisation)
    support.say(f"User {name} ({role}) saved in {path}")
    if path != settings.users_path():
        support.say(
            f"The app reads {settings.users_path()}; set KETENKAART_USERS_FILE={path} to use this file."
        )
    else:
        support.say("Login is on: the app asks everyone to log in (a running app picks this up at once).")


def _known_organisation(organisation: str, database: str | None) -> None:
    """Refuse an organisation id that is not in the store."""
    with support.store(database) as store:
        names = {org.id: org.name for org in store.snapshot().organisations}
    if organisation not in names:
        where = support.location(database)
        hint = "it is empty; load your files first" if not names else "see `ketenkaart search NAME`"
        raise ConfigError(f"no organisation {organisation} in {where} ({hint})")
