"""The ``ketenkaart import-hsds`` command: organisations from Open Referral HSDS 3.0."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli import options as support
from app.cli.options import database_option, dry_run_option, errors_csv_option
from graph.taxonomy import Sector

__all__ = ["import_hsds_command"]


def _sector(_ctx: click.Context, _param: click.Parameter, value: str) -> Sector:
    try:
        return Sector.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _municipality(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from pydantic_core import PydanticCustomError  # noqa: PLC0415

    from loaders import cells  # noqa: PLC0415

    try:
        return cells.parse_municipality(value)
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from exc


@click.command("import-hsds")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@database_option
@dry_run_option
@click.option(
    "--sector",
    default=Sector.OVERIG.value,
    show_default=True,
    callback=_sector,
    help="Sector of organisations that no linked taxonomy term places (code or label).",
)
@click.option(
    "--municipality",
    metavar="GMxxxx",
    callback=_municipality,
    help="CBS gemeente of every imported organisation (default: the one gemeente its areas lie in).",
)
@errors_csv_option
@click.pass_context
def import_hsds_command(
    ctx: click.Context,
    path: Path,
    database: str | None,
    dry_run: bool,
    sector: Sector,
    municipality: str | None,
    errors_csv: Path | None,
) -> None:
    """Import organisations, their services and areas from Open Referral HSDS 3.0.

    PATH is a folder of HSDS CSV files, its datapackage.json, or an HSDS JSON file (an
    organization, a list or a page of them, a service, or the tabular form). Nothing is
    written when any row is invalid; importing the same files again changes nothing.
    """
    from app.cli.writes import write_and_report  # noqa: PLC0415
    from loaders.hsds import Options, check_hsds  # noqa: PLC0415
    from loaders.load import write_checked  # noqa: PLC0415

    options = Options(sector=sector, municipality=municipality)
    with support.store(database) as store:
        known = store.known_ids()
        checked = check_hsds(path, known=known, areas=known.held_areas, options=options)
        write_and_report(
            ctx,
            store,
            lambda: write_checked(checked, store, source=path, dry_run=dry_run),
            errors_csv=errors_csv,
        )
