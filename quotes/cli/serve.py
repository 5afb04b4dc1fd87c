"""`quotes serve`: publish the database with Datasette and the project's metadata.yml.

``metadata.yml`` at the repository root is the one source of truth;
``quotes/metadata.yml`` is a symlink to it, which setuptools copies into
wheels as package data, so :func:`metadata_path` finds the same file in a
checkout, an editable install or an installed wheel.
"""

from __future__ import annotations

import asyncio
import copy
import errno
import socket
import webbrowser
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
import yaml

from quotes.cli.app import app
from quotes.cli.options import DEFAULT_DB, Db
from quotes.cli.terminal import printable

DATABASE_NAME = "quotes"
SETTINGS = {"suggest_facets": False, "sql_time_limit_ms": 3000, "facet_time_limit_ms": 500}


def metadata_path() -> Path:
    """Where the Datasette metadata is: ``quotes/metadata.yml`` in the package,
    else ``metadata.yml`` beside the package folder (a source checkout)."""
    packaged = resources.files("quotes").joinpath("metadata.yml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "metadata.yml"


@cache
def _metadata() -> dict:
    return yaml.safe_load(metadata_path().read_text("utf-8"))


def load_metadata(database_name: str = DATABASE_NAME) -> dict:
    """The Datasette metadata, with its ``quotes`` database settings filed under
    ``database_name`` (Datasette names a database after its file)."""
    metadata = copy.deepcopy(_metadata())
    if database_name == DATABASE_NAME:
        return metadata
    databases = metadata.get("databases", {})
    if DATABASE_NAME in databases:
        databases[database_name] = databases.pop(DATABASE_NAME)
    for block in _database_references(metadata.get("plugins", {})):
        block["db"] = database_name
    return metadata


def _database_references(node) -> Iterator[dict]:
    """Every mapping in plugin settings that names the ``quotes`` database as ``db``
    (the charts' queries and filters)."""
    if isinstance(node, dict):
        if node.get("db") == DATABASE_NAME:
            yield node
        for value in node.values():
            yield from _database_references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _database_references(value)


def build_datasette(db_path: str | Path, settings: dict | None = None):
    """A ``Datasette`` serving ``db_path`` with the project's metadata and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    import quotes.datasette_plugin as plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotes")
    return Datasette(
        [str(db_path)],
        metadata=load_metadata(Path(db_path).stem),
        settings={**SETTINGS, **(settings or {})},
    )


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
    ds = build_datasette(db)
    asyncio.run(ds.invoke_startup())
    url = f"http://{host}:{port}{ds.urls.database(db.stem)}"
    typer.echo(f"Serving {printable(str(db))} at {url}", err=True)
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="info", lifespan="on")
    uvicorn.Server(config).run(sockets=[listening])
