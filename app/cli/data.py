"""The data commands: templates, the demo files, check, load, stats, export, search, init-db.

Each command imports the loaders and the stores when it runs, so that ``ketenkaart
--help`` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app.cli import options as support
from app.cli.analysis import analysis_options, parse_layers
from app.cli.exports import FORMATS, NETWORK_FORMATS
from app.cli.options import EXIT_INVALID, database_option, dry_run_option, errors_csv_option
from graph.errors import ConfigError
from graph.model import Scope
from graph.periods import Period, PeriodRange
from graph.taxonomy import Language

if TYPE_CHECKING:
    from loaders.readers import ReadLimits
    from queries.base import KnownIds

__all__ = ["check", "export", "generate_demo_command", "init_db", "load", "search", "stats", "template"]


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def template(folder: Path) -> None:
    """Write empty input templates (CSV and Excel) with an example row and column help."""
    from loaders.templates import write_templates  # noqa: PLC0415

    written = write_templates(folder)
    support.say(f"Wrote {len(written)} files to {folder}: " + ", ".join(p.name for p in written))
    support.say("Fill them in, then run: ketenkaart check FOLDER  and  ketenkaart load FOLDER")


@click.command("generate-demo")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, help="Same seed, same municipality (default: the demo's own).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
def generate_demo_command(folder: Path, seed: int | None, fmt: str) -> None:
    """Write the synthetic demo municipality as input files."""
    from loaders.demo import DemoSpec, generate_demo  # noqa: PLC0415
    from loaders.writers import ecosystem_tables, write_csv_folder, write_workbook  # noqa: PLC0415

    seed = DemoSpec().seed if seed is None else seed
    tables = ecosystem_tables(generate_demo(DemoSpec(seed=seed)))
    if fmt == "xlsx":
        write_workbook(tables, folder / "ketendam.xlsx")
    else:
        write_csv_folder(tables, folder)
    sizes = ", ".join(f"{name} {len(rows):,}" for name, rows in tables.items())
    support.say(f"Demo municipality (seed {seed}) written to {folder}: {sizes}")


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@database_option
@errors_csv_option
@click.pass_context
def check(ctx: click.Context, path: Path, database: str | None, errors_csv: Path | None) -> None:
    """Validate input files without writing anything (exit 0 valid, 1 invalid).

    Ids already in the store count as known when the database exists.
    """
    from app.cli.terminal import print_report, row_progress, write_errors_csv  # noqa: PLC0415
    from loaders.load import check as check_source  # noqa: PLC0415

    known = _known_ids(database)
    with row_progress(support.err()) as on_rows:
        checked = check_source(path, known=known, pseudonym_key=None, on_rows=on_rows, limits=_limits())
    print_report(support.out(), checked.report)
    if errors_csv:
        write_errors_csv(checked.report, errors_csv)
    ctx.exit(0 if checked.report.ok else EXIT_INVALID)


def _known_ids(database: str | None) -> KnownIds:
    from queries.base import KnownIds  # noqa: PLC0415
    from queries.registry import store_kind  # noqa: PLC0415

    location = support.location(database)
    if store_kind(location) == "sqlite" and not Path(location).exists():
        return KnownIds()
    with support.store(database) as store:
        return store.known_ids()


@click.command()
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
    from app.cli.terminal import row_progress  # noqa: PLC0415
    from app.cli.writes import write_and_report  # noqa: PLC0415
    from loaders.load import load as load_source  # noqa: PLC0415

    key = _pseudonym_key() if pseudonymise else None
    with support.store(database) as store, row_progress(support.err()) as on_rows:
        write_and_report(
            ctx,
            store,
            lambda: load_source(
                path,
                store,
                dry_run=dry_run,
                replace=replace,
                pseudonym_key=key,
                on_rows=on_rows,
                limits=_limits(),
            ),
            errors_csv=errors_csv,
        )


def _limits() -> ReadLimits:
    """The readers' limits from the settings (``KETENKAART_MAX_FILE_MB``, ``_MAX_ROWS``, ``_MAX_CELLS``)."""
    from app.settings import Settings  # noqa: PLC0415

    return Settings().read_limits()


def _pseudonym_key() -> str:
    from app.settings import Settings  # noqa: PLC0415

    secret = Settings().pseudonym_key
    if secret is None:
        raise ConfigError("--pseudonymise needs a secret key: set KETENKAART_PSEUDONYM_KEY (16+ characters)")
    return secret.get_secret_value()


@click.command()
@database_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def stats(database: str | None, as_json: bool) -> None:
    """Count what the store holds."""
    from app.cli.terminal import print_counts  # noqa: PLC0415

    with support.store(database, warn_empty=True) as store:
        counts, loads = store.counts(), store.loads()
    if as_json:
        click.echo(json.dumps(counts.as_dict()))
        return
    print_counts(support.out(), counts)
    for record in loads[-5:]:
        support.say(f"loaded {record.loaded_at}: {record.source} ({', '.join(record.files)})")


@click.command()
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
    from app.cli.exports import NetworkChoice, export_network, export_tables  # noqa: PLC0415

    if fmt in NETWORK_FORMATS:
        periods = PeriodRange(start, end)
        with support.store(database, warn_empty=True) as store:
            snapshot = store.snapshot(Scope(periods=periods))
        choice = NetworkChoice(parse_layers(layers), periods, seed, lang)
        written = export_network(snapshot, fmt, folder, choice)
    else:
        if layers or start or end:
            raise click.UsageError("--layers, --from and --to apply to gexf, graphml and kumu only")
        with support.store(database, warn_empty=True) as store:
            snapshot = store.snapshot()
        written = export_tables(snapshot, fmt, folder)
    support.say(f"Exported {fmt} to {folder}: {written.summary}")
    for path in written.paths:
        support.say(f"  {path}")


@click.command()
@click.argument("text")
@database_option
@click.option("--limit", default=20, show_default=True)
def search(text: str, database: str | None, limit: int) -> None:
    """Find organisations, professionals, agreements and areas by name or id."""
    with support.store(database, warn_empty=True) as store:
        hits = store.search(text, limit)
    for hit in hits:
        click.echo(f"{hit.kind:<13} {hit.id:<14} {hit.name}  ({hit.detail})")
    if not hits:
        click.echo("nothing found")


@click.command("init-db")
@database_option
def init_db(database: str | None) -> None:
    """Create the database schema (safe to run again)."""
    with support.store(database) as store:
        store.init_schema()
    support.say(f"Schema ready in {support.location(database)}")
