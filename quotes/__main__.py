"""``python -m quotes``: the same command line as ``quotes``."""

from quotes.cli import app

app(prog_name="quotes")
