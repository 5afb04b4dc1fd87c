"""`quotes backup`: a consistent copy of the database, safe while others write to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from quotes.cli.app import app
from quotes.cli.terminal import printable


@app.command(rich_help_panel="Build the database")
def backup(
    dest: Annotated[Path, typer.Argument(help="File to write the copy to.", show_default=False)],
    db: Annotated[Path, typer.Option(help="SQLite database to copy.")] = Path("quotes.db"),
    force: Annotated[bool, typer.Option("--force", help="Replace DEST if it exists.")] = False,
) -> None:
    """Copy the database to DEST as it was at one moment, while ingest, fact-checks
    and serve go on.

    Uses SQLite's online backup API, not a file copy, so the copy never holds
    half a transaction. DEST is one self-contained file, written under a
    temporary name and renamed when complete. Exits 1 when the database does
    not exist or DEST exists (unless --force).

    Example: quotes backup backups/quotes-2024-05-19.db --db quotes.db
    """
    from quotes.store.backup import backup_db

    try:
        backup_db(db, dest, overwrite=force)
    except (FileNotFoundError, FileExistsError, ValueError) as error:
        typer.echo(f"error: {printable(str(error))}", err=True)
        raise typer.Exit(1) from None
    except (OSError, sqlite3.Error) as error:
        typer.echo(f"error: {printable(str(dest))}: {printable(str(error))}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Backed up {db} to {dest}", err=True)
