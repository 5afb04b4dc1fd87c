"""The `quotes` command line: a thin shell over the library, one module per command group."""

from quotes.cli import (  # noqa: F401  (each module registers its commands on the app)
    articles,
    backup,
    cluster,
    curate,
    database,
    evaluate,
    export,
    factcheck,
    ingest,
    search,
    serve,
    speakers,
    statements,
)
from quotes.cli.app import app

__all__ = ["app"]
