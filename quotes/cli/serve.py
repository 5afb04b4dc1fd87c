"""`quotes serve`: publish the database with Datasette, the project's metadata.yml and
its pages (:mod:`quotes.datasette`)."""

from __future__ import annotations

import asyncio
import errno
import socket
import webbrowser
from typing import Annotated

import typer

from quotes.cli.app import app
from quotes.cli.options import DEFAULT_DB, Db
from quotes.cli.terminal import printable


@app.command(rich_help_panel="Publish")
def serve(
    db: Db = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the site in a web browser.")
    ] = False,
) -> None:
    """Browse, facet, search and query the quotes in Datasette.

    Uses the project's metadata.yml (facets, full-text search, labels, canned
    queries) with suggested facets off. Listens on 127.0.0.1 unless told
    otherwise. Exits 1 when the database does not exist or the port is taken.

    Example: quotes serve --db quotes.db --port 8001 --open
    """
    import uvicorn

    from quotes.cli.database import open_for_reading

    open_for_reading(db).close()  # a quotes database, up to date: Datasette only reads it
    try:
        listening = socket.create_server((host, port))
    except OSError as error:
        reason = "in use" if error.errno == errno.EADDRINUSE else error.strerror or str(error)
        typer.echo(f"error: cannot listen on {host}:{port}: {reason} (pick another with --port)",
                   err=True)
        raise typer.Exit(1) from None
    from quotes.datasette.app import build_datasette

    ds = build_datasette(db)
    asyncio.run(ds.invoke_startup())
    url = f"http://{host}:{port}{ds.urls.database(db.stem)}"
    typer.echo(f"Serving {printable(str(db))} at {url}", err=True)
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="info", lifespan="on")
    uvicorn.Server(config).run(sockets=[listening])
