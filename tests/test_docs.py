"""The README tells the truth: settings, commands and the CI test command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from app.cli.main import cli
from app.settings import Settings

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_the_configuration_table(field: str) -> None:
    assert f"| `KETENKAART_{field.upper()}` |" in README
    assert Settings.model_fields[field].description


@pytest.mark.parametrize("command", cli.list_commands(click.Context(cli)))  # commands load lazily
def test_every_command_is_documented(command: str) -> None:
    assert f"`ketenkaart {command}" in README


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.DOTALL)
    test_command = next(line for block in blocks for line in block.splitlines() if line.endswith("pytest"))
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_readme_demo_command_installs_and_runs_the_demo() -> None:
    assert "pip install . && ketenkaart demo" in README
