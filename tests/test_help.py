"""Every command's --help, all the way down: a help text with an example, and help for
every option and argument."""

from __future__ import annotations

import typer

from quotes.cli import app


def commands(command, path: tuple[str, ...] = ()):
    """Every command and group under ``command`` (itself first), with its words. (Typer's
    commands are its own click's, not the installed click's: no ``isinstance`` here.)"""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


def test_the_walk_reaches_the_subcommands():
    paths = {" ".join(path) for path, _ in commands(typer.main.get_command(app))}
    assert {"", "ingest", "factcheck add", "speakers merge", "statements show"} <= paths
    assert len(paths) > 30


def test_every_command_has_an_example_and_help_for_each_option(runner):
    for path, command in commands(typer.main.get_command(app)):
        name = " ".join(("quotes", *path))
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, name
        assert "Example: quotes " in result.stdout, f"{name} --help has no Example: line"
        params = [param for param in command.params if param.name != "help"]
        assert all(param.param_type_name in ("option", "argument") for param in params)
        for param in params:
            assert getattr(param, "help", None), f"{name}: {param.name} has no help"
