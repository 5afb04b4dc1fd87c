"""Opening the database from the command line: read-only for the commands that only read,
and `quotes upgrade`, the explicit write that brings an older database up to date."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from quotes.cli.app import app
from quotes.cli.options import DEFAULT_DB, Db
from quotes.cli.terminal import fail, printable

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


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = False) -> Iterator[Database]:
    """The opened database at ``path`` (``read_only``: changing nothing); exit 1 when
    missing or not a quotes database, 2 (nothing written) on input the library refuses."""
    from quotes.errors import Refused

    if not path.is_file():
        raise fail(f"{path}: no such database (create it with quotes ingest)", 1)
    db = open_for_reading(path) if read_only else open_for_writing(path)
    try:
        yield db
    except Refused as error:
        raise fail(str(error)) from None
    finally:
        db.close()


@app.command(rich_help_panel="Build the database")
def upgrade(db: Db = DEFAULT_DB) -> None:
    """Bring a database made by an older quotes up to date (ingest and the other commands
    that write do it too; the commands that only read never change the file).

    Example: quotes upgrade --db quotes.db
    """
    if not db.is_file():
        raise refuse(db, "no such database (create it with quotes ingest)")
    open_for_writing(db).close()
    typer.echo(f"{db} is up to date", err=True)
