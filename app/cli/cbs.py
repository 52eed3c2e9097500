"""The ``ketenkaart import-cbs`` command: CBS neighbourhood figures and area outlines in."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from app.cli import options as support
from app.cli.options import database_option, dry_run_option, errors_csv_option
from graph.model import Area
from graph.taxonomy import AreaLevel

__all__ = ["import_cbs_command", "summary_lines"]

_PLURAL = {AreaLevel.GEMEENTE: ("gemeente", "gemeenten"), AreaLevel.WIJK: ("wijk", "wijken")}
_PLURAL[AreaLevel.BUURT] = ("buurt", "buurten")
_RESIDENTS = "a_inw"


@click.command("import-cbs")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--boundaries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoJSON file of area outlines (CBS/PDOK wijk- en buurtkaart).",
)
@database_option
@dry_run_option
@errors_csv_option
@click.pass_context
def import_cbs_command(
    ctx: click.Context,
    path: Path | None,
    boundaries: Path | None,
    database: str | None,
    dry_run: bool,
    errors_csv: Path | None,
) -> None:
    """Import CBS kerncijfers wijken en buurten (CSV) and/or area outlines (GeoJSON).

    PATH is a CBS CSV file: the kwb file with short codes or a StatLine export. Areas
    already stored keep their other figures. Nothing is written when a file has an error.
    """
    from app.cli.writes import write_and_report  # noqa: PLC0415
    from loaders.cbs import import_cbs  # noqa: PLC0415

    if path is None and boundaries is None:
        raise click.UsageError("give a CBS CSV file, --boundaries FILE, or both")
    with support.store(database) as store:
        outcome = write_and_report(
            ctx,
            store,
            lambda: import_cbs(path, store, boundaries=boundaries, dry_run=dry_run),
            errors_csv=errors_csv,
        )
    for line in summary_lines(outcome.batch.areas):
        support.say(line)


def summary_lines(areas: tuple[Area, ...]) -> list[str]:
    """Areas per level, the indicators, and each gemeente's residents beside its wijken's sum."""
    levels = Counter(area.level for area in areas)
    counted = ", ".join(f"{levels[lv]} {_PLURAL[lv][levels[lv] != 1]}" for lv in AreaLevel if levels[lv])
    names = {name for area in areas for name, _ in area.indicators}
    outlined = sum(area.boundary is not None for area in areas)
    lines = [f"Areas: {counted or 'none'}; {len(names)} indicators; {outlined} with an outline."]
    return lines + [line for area in areas if (line := _residents(area, areas))]


def _residents(gemeente: Area, areas: tuple[Area, ...]) -> str:
    total = gemeente.indicator(_RESIDENTS)
    if gemeente.level is not AreaLevel.GEMEENTE or total is None:
        return ""
    wijken = [a.indicator(_RESIDENTS) for a in areas if a.parent == gemeente.code]
    figures = [v for v in wijken if v is not None]
    line = f"{gemeente.code} {gemeente.name}: {_RESIDENTS} {total:.0f} residents"
    if not figures:
        return line + "."
    return line + f"; its {len(figures)} wijken add up to {sum(figures):.0f} (CBS rounds and suppresses)."
