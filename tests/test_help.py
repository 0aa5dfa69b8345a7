"""Docs drift: every command and option is in README.md and has help (sqlite-utils test_docs)."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kehoach.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_there_are_commands() -> None:
    assert "parse" in COMMANDS and "schema" in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    assert f"kehoach {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and command.help.strip()
    assert command.get_short_help_str()
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


@pytest.mark.parametrize(
    ("name", "option"),
    [
        (name, opt)
        for name in COMMANDS
        for param in cli.commands[name].params
        if isinstance(param, click.Option)
        for opt in param.opts + param.secondary_opts
        if opt.startswith("--")
    ],
)
def test_option_in_readme_and_has_help(name: str, option: str) -> None:
    assert option in README, f"kehoach {name} {option} is not described in README.md"
    param = next(p for p in cli.commands[name].params if option in p.opts + p.secondary_opts)
    assert param.help


def test_version_in_readme() -> None:
    assert "kehoach --version" in README
