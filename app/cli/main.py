"""The ``ketenkaart`` command group: every command, from one module per family.

Exit codes: 0 done; 1 invalid input (nothing written); 2 bad usage or settings;
3 the database could not do what was asked.
"""

from __future__ import annotations

import click

from app.cli.analysis import analyse_command, coffee_command, report_command
from app.cli.cbs import import_cbs_command
from app.cli.data import check, export, generate_demo_command, init_db, load, search, stats, template
from app.cli.hsds import import_hsds_command
from app.cli.merge import merge_command
from app.cli.options import KetenkaartGroup
from app.cli.serve import demo, serve, user

__all__ = ["cli"]


@click.group(cls=KetenkaartGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ketenkaart")
def cli() -> None:
    """Ketenkaart: see who works with whom in the social domain, and where links are missing."""


for _command in (
    template,
    generate_demo_command,
    check,
    load,
    stats,
    export,
    search,
    init_db,
    serve,
    demo,
    user,
    analyse_command,
    report_command,
    coffee_command,
    import_hsds_command,
    import_cbs_command,
    merge_command,
):
    cli.add_command(_command)
