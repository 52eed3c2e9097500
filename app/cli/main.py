"""The ``ketenkaart`` command group: every command, from one module per family.

Exit codes: 0 done; 1 invalid input (nothing written); 2 bad usage or settings;
3 the database could not do what was asked.
"""

from __future__ import annotations

from importlib import import_module

import click

from app.cli.options import KetenkaartGroup

__all__ = ["cli"]

# Command name -> (module, attribute): a command's module is imported when the command runs
# (or ``--help`` lists it), so that `ketenkaart analyse` does not import the code of merge,
# survey, serve and the rest (the lazy group of click's documentation, "Lazily Loading
# Subcommands"); ``--help`` lists them by name.
COMMANDS: dict[str, tuple[str, str]] = {
    "template": ("app.cli.data", "template"),
    "generate-demo": ("app.cli.data", "generate_demo_command"),
    "check": ("app.cli.data", "check"),
    "load": ("app.cli.data", "load"),
    "stats": ("app.cli.data", "stats"),
    "export": ("app.cli.data", "export"),
    "search": ("app.cli.data", "search"),
    "init-db": ("app.cli.data", "init_db"),
    "serve": ("app.cli.serve", "serve"),
    "demo": ("app.cli.serve", "demo"),
    "user": ("app.cli.serve", "user"),
    "analyse": ("app.cli.analysis", "analyse_command"),
    "report": ("app.cli.analysis", "report_command"),
    "coffee": ("app.cli.analysis", "coffee_command"),
    "import-hsds": ("app.cli.hsds", "import_hsds_command"),
    "import-cbs": ("app.cli.cbs", "import_cbs_command"),
    "merge": ("app.cli.merge", "merge_command"),
    "survey": ("app.cli.main", "survey_group"),
}


def survey_group() -> click.Group:
    """The ``survey`` group with its mail and review commands, which live in their own modules."""
    from app.cli.survey import survey  # noqa: PLC0415
    from app.cli.survey_changes import accept_command, changes_command, reject_command  # noqa: PLC0415
    from app.cli.survey_mail import send_command  # noqa: PLC0415

    for command in (send_command, changes_command, accept_command, reject_command):
        survey.add_command(command)
    return survey


class LazyGroup(KetenkaartGroup):
    """The command group that imports each command's module on first use (:data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name]
            found = getattr(import_module(module), name)  # a command, or a function that makes one
            self.add_command(found if isinstance(found, click.Command) else found(), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ketenkaart")
def cli() -> None:
    """Ketenkaart: see who works with whom in the social domain, and where links are missing."""
