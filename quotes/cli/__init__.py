"""The `quotes` command line: a thin shell over the library, one module per command group."""

from importlib import import_module

from quotes.cli.app import app

for _module in (
    "ingest", "serve", "export", "evaluate", "factcheck", "backup", "curate", "search",
    "statements",
):
    try:
        import_module(f"quotes.cli.{_module}")
    except ModuleNotFoundError as error:  # a command group not written yet
        if error.name != f"quotes.cli.{_module}":
            raise

__all__ = ["app"]
