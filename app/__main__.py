"""``python -m app`` runs the command line, like the ``ketenkaart`` command."""

from app.cli.main import cli

cli(prog_name="ketenkaart")
