"""Opening the database from the command line: read-only for the commands that only read,
and `quotes upgrade`, the explicit write that brings an older database up to date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotes.cli.app import app
from quotes.cli.terminal import printable

if TYPE_CHECKING:
    from sqlite_utils import Database


def refuse(path: Path, reason: str) -> typer.Exit:
    """Print ``error: PATH: reason`` to stderr; return the ``Exit`` (code 1) to raise."""
    typer.echo(f"error: {printable(str(path))}: {printable(reason)}", err=True)
    return typer.Exit(1)


def open_for_reading(path: Path) -> Database:
    """The quotes database at ``path``, opened read-only; exits 1 with one error line
    when it is missing, not SQLite, not a quotes database or made by an older quotes."""
    from quotes.errors import NotAQuotesDatabase
    from quotes.store import open_readonly

    try:
        return open_readonly(path)
    except NotAQuotesDatabase as error:
        raise refuse(path, str(error)) from None


def open_for_writing(path: Path) -> Database:
    """The quotes database at ``path``, created or brought up to date (see ``open_db``);
    exits 1 with one error line when the file is not SQLite or another app's database."""
    from quotes.errors import NotAQuotesDatabase
    from quotes.store import open_db

    try:
        return open_db(path)
    except NotAQuotesDatabase as error:
        raise refuse(path, str(error)) from None


@app.command(rich_help_panel="Build the database")
def upgrade(
    db: Annotated[Path, typer.Option(help="SQLite database made by quotes ingest.")] = Path(
        "quotes.db"
    ),
) -> None:
    """Bring a database made by an older quotes up to date (ingest and the other commands
    that write do it too; the commands that only read never change the file).

    Example: quotes upgrade --db quotes.db
    """
    if not db.is_file():
        raise refuse(db, "no such database (create it with quotes ingest)")
    open_for_writing(db).close()
    typer.echo(f"{db} is up to date", err=True)
