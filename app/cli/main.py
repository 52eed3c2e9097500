"""The ``ketenkaart`` command line.

Exit codes: 0 done; 1 invalid input (nothing written); 2 bad usage or settings;
3 the database could not do what was asked.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from app.access import Role
from app.cli import options as support
from app.cli.analysis import analyse_command, analysis_options, coffee_command, parse_layers, report_command
from app.cli.cbs import import_cbs_command
from app.cli.exports import FORMATS, NETWORK_FORMATS, NetworkChoice, export_network, export_tables
from app.cli.hsds import import_hsds_command
from app.cli.merge import merge_command
from app.cli.options import EXIT_INVALID, KetenkaartGroup, database_option, dry_run_option, errors_csv_option
from app.cli.terminal import (
    print_counts,
    print_report,
    print_sectors,
    row_progress,
    write_errors_csv,
)
from app.cli.writes import write_and_report
from app.settings import Settings
from app.users import add_user
from graph.errors import ConfigError
from graph.model import Scope
from graph.periods import Period, PeriodRange
from graph.taxonomy import Language
from loaders.demo import DemoSpec, generate_demo
from loaders.load import check as check_source
from loaders.load import load as load_source
from loaders.templates import write_templates
from loaders.writers import ecosystem_tables, write_csv_folder, write_workbook
from queries.base import KnownIds
from queries.registry import store_kind

__all__ = ["cli"]

F = TypeVar("F", bound=Callable[..., Any])


@click.group(cls=KetenkaartGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ketenkaart")
def cli() -> None:
    """Ketenkaart: see who works with whom in the social domain, and where links are missing."""


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def template(folder: Path) -> None:
    """Write empty input templates (CSV and Excel) with an example row and column help."""
    written = write_templates(folder)
    support.say(f"Wrote {len(written)} files to {folder}: " + ", ".join(p.name for p in written))
    support.say("Fill them in, then run: ketenkaart check FOLDER  and  ketenkaart load FOLDER")


@cli.command("generate-demo")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=DemoSpec().seed, show_default=True, help="Same seed, same municipality.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
def generate_demo_command(folder: Path, seed: int, fmt: str) -> None:
    """Write the synthetic demo municipality as input files."""
    tables = ecosystem_tables(generate_demo(DemoSpec(seed=seed)))
    if fmt == "xlsx":
        write_workbook(tables, folder / "ketendam.xlsx")
    else:
        write_csv_folder(tables, folder)
    sizes = ", ".join(f"{name} {len(rows):,}" for name, rows in tables.items())
    support.say(f"Demo municipality (seed {seed}) written to {folder}: {sizes}")


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@database_option
@errors_csv_option
@click.pass_context
def check(ctx: click.Context, path: Path, database: str | None, errors_csv: Path | None) -> None:
    """Validate input files without writing anything (exit 0 valid, 1 invalid).

    Ids already in the store count as known when the database exists.
    """
    known = _known_ids(database)
    with row_progress(support.err()) as on_rows:
        checked = check_source(path, known=known, pseudonym_key=None, on_rows=on_rows)
    print_report(support.out(), checked.report)
    if errors_csv:
        write_errors_csv(checked.report, errors_csv)
    ctx.exit(0 if checked.report.ok else EXIT_INVALID)


def _known_ids(database: str | None) -> KnownIds:
    location = support.location(database)
    if store_kind(location) == "sqlite" and not Path(location).exists():
        return KnownIds()
    with support.store(database) as store:
        return store.known_ids()


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@database_option
@dry_run_option
@click.option("--replace", is_flag=True, help="Make these files the whole content of the store.")
@click.option("--pseudonymise", is_flag=True, help="Replace professionals' names and ids by a keyed hash.")
@errors_csv_option
@click.pass_context
def load(
    ctx: click.Context,
    path: Path,
    database: str | None,
    dry_run: bool,
    replace: bool,
    pseudonymise: bool,
    errors_csv: Path | None,
) -> None:
    """Validate input files, then write them in one transaction (nothing on any error)."""
    key = _pseudonym_key() if pseudonymise else None
    with support.store(database) as store, row_progress(support.err()) as on_rows:
        write_and_report(
            ctx,
            store,
            lambda: load_source(
                path, store, dry_run=dry_run, replace=replace, pseudonym_key=key, on_rows=on_rows
            ),
            errors_csv=errors_csv,
        )


def _pseudonym_key() -> str:
    secret = Settings().pseudonym_key
    if secret is None:
        raise ConfigError("--pseudonymise needs a secret key: set KETENKAART_PSEUDONYM_KEY (16+ characters)")
    return secret.get_secret_value()


@cli.command()
@database_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def stats(database: str | None, as_json: bool) -> None:
    """Count what the store holds."""
    with support.store(database) as store:
        counts, loads = store.counts(), store.loads()
    if as_json:
        click.echo(json.dumps(counts.as_dict()))
        return
    print_counts(support.out(), counts)
    for record in loads[-5:]:
        support.say(f"loaded {record.loaded_at}: {record.source} ({', '.join(record.files)})")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv/xlsx: input tables; hsds: Open Referral; gexf/graphml: Gephi; kumu: Kumu workbook.",
)
@analysis_options
def export(
    folder: Path,
    fmt: str,
    database: str | None,
    layers: Sequence[str],
    start: Period | None,
    end: Period | None,
    seed: int,
    lang: Language,
) -> None:
    """Write the store as input files, Open Referral HSDS, or a network for Gephi or Kumu.

    csv and xlsx give files that `load` accepts; hsds an HSDS 3.0 data package. gexf,
    graphml and kumu hold the organisation graph of the chosen layers and periods, with
    sector, areas and measures as attributes.
    """
    if fmt in NETWORK_FORMATS:
        periods = PeriodRange(start, end)
        with support.store(database) as store:
            snapshot = store.snapshot(Scope(periods=periods))
        choice = NetworkChoice(parse_layers(layers), periods, seed, lang)
        written = export_network(snapshot, fmt, folder, choice)
    else:
        if layers or start or end:
            raise click.UsageError("--layers, --from and --to apply to gexf, graphml and kumu only")
        with support.store(database) as store:
            snapshot = store.snapshot()
        written = export_tables(snapshot, fmt, folder)
    support.say(f"Exported {fmt} to {folder}: {written.summary}")
    for path in written.paths:
        support.say(f"  {path}")


@cli.command()
@click.argument("text")
@database_option
@click.option("--limit", default=20, show_default=True)
def search(text: str, database: str | None, limit: int) -> None:
    """Find organisations, professionals, agreements and areas by name or id."""
    with support.store(database) as store:
        hits = store.search(text, limit)
    for hit in hits:
        click.echo(f"{hit.kind:<13} {hit.id:<14} {hit.name}  ({hit.detail})")
    if not hits:
        click.echo("nothing found")


@cli.command("init-db")
@database_option
def init_db(database: str | None) -> None:
    """Create the database schema (safe to run again)."""
    with support.store(database) as store:
        store.init_schema()
    support.say(f"Schema ready in {support.location(database)}")


def _serve(location: str, host: str, port: int) -> None:
    """Serve the explorer on the store at ``location`` (used by ``serve`` and ``demo``)."""
    # Dash loads only for the commands that serve, so the others start fast.
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


@cli.command()
@database_option
@_host_port
def serve(database: str | None, host: str, port: int) -> None:
    """Serve the explorer app in the browser (it answers at / once ready)."""
    _serve(support.location(database), host, port)


@cli.command()
@click.option("--seed", default=DemoSpec().seed, show_default=True)
@database_option
@_host_port
@click.option("--no-serve", is_flag=True, help="Only generate, load and summarise; do not start the app.")
def demo(seed: int, database: str | None, host: str, port: int, no_serve: bool) -> None:
    """Generate the demo municipality into a fresh store and serve the explorer on it."""
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


@cli.group()
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
    settings = Settings()
    path = users_file or settings.users_file or settings.data_dir / "users.toml"
    add_user(path, name, password, Role(role), organisation)
    support.say(f"User {name} ({role}) saved in {path}")
    if settings.users_file is None or settings.users_file != path:
        support.say(f"Set KETENKAART_USERS_FILE={path} so the app asks for a login.")


cli.add_command(analyse_command)
cli.add_command(report_command)
cli.add_command(coffee_command)
cli.add_command(import_hsds_command)
cli.add_command(import_cbs_command)
cli.add_command(merge_command)
