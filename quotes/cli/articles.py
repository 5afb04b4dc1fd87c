"""`quotes articles`: list the stored articles and correct their metadata."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from quotes.cli.app import app
from quotes.cli.database import opened
from quotes.cli.options import DEFAULT_DB, Db, Json, Reviewer
from quotes.cli.terminal import print_json, rows_table
from quotes.cli.wording import plural

articles_app = typer.Typer(
    help="List stored articles and fix their outlet, date, title or URL.\n\n"
    "Example: quotes articles set 70423b08 --url https://www.npr.org/2024/05/19/putin-xi",
    rich_markup_mode="rich",
    no_args_is_help=True,
)
app.add_typer(articles_app, name="articles", rich_help_panel="Curate")
LIST_SQL = """
select articles.id, outlets.name as outlet, articles.published, articles.title, articles.url,
  (select count(*) from quotes where quotes.article_id = articles.id) as quotes
from articles left join outlets on outlets.id = articles.outlet_id
order by articles.published desc, articles.id
"""


@articles_app.command("list")
def list_(as_json: Json = False, db: Db = DEFAULT_DB) -> None:
    """The stored articles, newest first: id, outlet, date, title, URL, quotes.

    Example: quotes articles list --json
    """
    with opened(db) as store:
        rows = list(store.query(LIST_SQL))
    if as_json:
        print_json(rows)
        return
    columns = ("id", "outlet", "published", "title", "url", "quotes")
    Console().print(rows_table(rows, columns, plural(len(rows), "article")))


@articles_app.command("set")
def set_(
    article: Annotated[
        str, typer.Argument(help="Article id, or its first 6+ characters.", show_default=False)
    ],
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="Its headline.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was published (http or https).")] = None,
    reviewer: Reviewer = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Correct an article's metadata; its quotes (list, facets, statements) follow, and the
    change is recorded in the corrections table. Bad input exits 2 with nothing written.

    Example: quotes articles set 70423b08 --outlet NPR --date 2024-05-19 --title "Putin in Beijing"
    """
    from quotes.factcheck.article_metadata import set_article_metadata

    with opened(db) as store:
        changes = set_article_metadata(
            store,
            article,
            outlet=outlet,
            published=date,
            title=title,
            url=url,
            reviewer=reviewer,
        )
    if not changes:
        typer.echo("unchanged: the article has these values already")
    for field, (before, after) in changes.items():
        typer.echo(f"{'date' if field == 'published' else field}: {before!r} -> {after!r}")
