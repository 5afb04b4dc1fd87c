"""The Typer application object that every command module registers on."""

import typer

app = typer.Typer(
    name="quotes",
    help="Extract attributed quotes from news articles, store them in SQLite, "
    "publish them with Datasette and fact-check them.\n\n"
    "Example: quotes ingest articles/ --db quotes.db && quotes serve --db quotes.db",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
)
