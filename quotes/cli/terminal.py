"""Text from articles, names and file names made safe to print on the operator's terminal.

An article or a file name can hold escape sequences (set the window title,
clear the screen), carriage returns and bidirectional overrides that a terminal
would obey; they are printed as Python escapes (``\\x1b``) instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_IN_LINE = re.compile(f"[\t\n{_CONTROL}]")
_IN_CELL = re.compile(f"[{_CONTROL}]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters and bidi overrides written as escapes
    (``"\\x1b[2J"`` -> ``"\\\\x1b[2J"``); newlines and tabs too, unless ``keep_newlines``
    (for a table cell, where they only wrap the text).

    Example: ``printable("a\\nb")`` is ``"a\\\\nb"``: one line.
    """
    pattern = _IN_CELL if keep_newlines else _IN_LINE
    return pattern.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


def cell(value: object) -> Text:
    """A rich table cell holding ``value`` as printable text (empty for ``None``)."""
    return Text("" if value is None else printable(str(value), keep_newlines=True))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` to stderr and return the ``Exit`` to raise."""
    typer.echo(f"error: {printable(message)}", err=True)
    return typer.Exit(code)


def print_json(value) -> None:
    """Print ``value`` as indented JSON, non-ASCII kept."""
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def rows_table(rows: list[dict], columns: tuple[str, ...], title: str | None = None) -> Table:
    """A rich table of ``rows`` showing ``columns``."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, no_wrap=column == "id", min_width=16 if column == "id" else None,
                         overflow="fold")
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns))
    return table


def reporter(console: Console | None = None) -> Callable[[str], None]:
    """Print one line to ``console`` (default: stderr) as it is (no markup), control
    characters escaped."""
    console = console or Console(stderr=True)

    def report(line: str) -> None:
        console.print(printable(line), markup=False, highlight=False, soft_wrap=True)

    return report
