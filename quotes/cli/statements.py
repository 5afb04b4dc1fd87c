"""`quotes statements`: the same words reported across articles and outlets, grouped."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from quotes.cli.app import app
from quotes.cli.database import opened
from quotes.cli.options import DEFAULT_DB, Db, Json
from quotes.cli.terminal import cell, print_json, printable, rows_table

statements_app = typer.Typer(
    help="Link quotes that report the same statement: across articles and outlets, trimmed, "
    "split, re-punctuated, lightly edited or attributed to someone else. ingest keeps them up "
    "to date; rebuild regroups everything.\n\nExample: quotes statements list --multi-outlet",
    short_help="Quotes grouped by the statement they report: rebuild, list, show.",
    rich_markup_mode="rich",
    no_args_is_help=True,
)
app.add_typer(statements_app, name="statements", rich_help_panel="Fact-check")

StatementId = Annotated[
    str,
    typer.Argument(
        help="Statement id (or a 6+ character prefix), or the id of any quote in it.",
        show_default=False,
    ),
]
STYLES = {"delete": "red strike", "trimmed": "dim", "insert": "green bold", "equal": ""}


@statements_app.command("rebuild")
def rebuild(db: Db = DEFAULT_DB) -> None:
    """Group every stored quote into statements from scratch (after upgrading a database
    made before statements existed, or after speaker corrections). Running it twice
    changes nothing.

    Example: quotes statements rebuild --db quotes.db
    """
    from quotes.statements import rebuild as rebuild_statements

    console = Console(stderr=True)
    with opened(db) as store:
        result = rebuild_statements(
            store,
            report=lambda line: console.print(printable(line), markup=False, highlight=False),
        )
    typer.echo(
        f"{result.quotes} quotes in {result.statements} statements: {result.repeated} reported "
        f"more than once, {result.multi_outlet} in two or more outlets ({result.seconds:.1f}s)"
    )


@statements_app.command("list")
def list_(
    multi_outlet: Annotated[
        bool, typer.Option("--multi-outlet", help="Only statements in two or more outlets.")
    ] = False,
    different_speakers: Annotated[
        bool,
        typer.Option(
            "--different-speakers",
            help="Only statements whose appearances name different speakers "
            "(a possible misattribution).",
        ),
    ] = False,
    speaker: Annotated[
        str | None, typer.Option(help="Only statements naming this speaker.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 50,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
) -> None:
    """List statements reported more than once, most outlets first.

    Example: quotes statements list --different-speakers --limit 20
    """
    from quotes.statements import list_statements

    with opened(db, read_only=True) as store:
        rows = list_statements(
            store,
            multi_outlet=multi_outlet,
            different_speakers=different_speakers,
            speaker=speaker,
            limit=limit,
        )
    if as_json:
        print_json(rows)
        return
    columns = (
        "id",
        "n_outlets",
        "n_appearances",
        "first_published",
        "speakers",
        "has_differences",
        "current_verdict",
        "text",
    )
    Console().print(rows_table(rows, columns, f"{len(rows)} statements"))


@statements_app.command("show")
def show(statement: StatementId, as_json: Json = False, db: Db = DEFAULT_DB) -> None:
    """One statement: its first appearance, every appearance with the words changed from
    the first (deleted struck out in red, added in green, trimmed dim), and the verdict
    recorded on any of them.

    Example: quotes statements show 5e1f0c2d9a8b7c6d
    """
    from quotes.statements import statement_details

    with opened(db, read_only=True) as store:
        details = statement_details(store, statement)
    if as_json:
        for appearance in details["appearances"]:
            appearance["changes"] = [change._asdict() for change in appearance["changes"]]
        print_json(details)
        return
    Console().print(statement_table(details))


def statement_table(details: dict) -> Table:
    """A rich table of a statement's appearances, as ``statement_details`` gives them."""
    verdict = details["verdict"]
    title = (
        f"statement {details['id']}: {details['n_appearances']} appearances, "
        f"{details['n_outlets']} outlets, first {details['first_published'] or 'undated'}"
        + (", DIFFERENT SPEAKERS" if details["different_speakers"] else "")
        + (f"; verdict {verdict['verdict']!r} (on quote {verdict['quote_id']})" if verdict else "")
    )
    table = Table(title=printable(title))
    for column in ("quote", "published", "outlet", "speaker", "relation", "words"):
        table.add_column(column, overflow="fold", no_wrap=column == "quote")
    for row in details["appearances"]:
        words = Text()
        for change in row["changes"]:
            shown = printable(change.text, keep_newlines=True)
            words.append(shown + " ", style=STYLES[change.kind])
        table.add_row(
            *(cell(row[key] or "") for key in ("id", "published", "outlet", "speaker", "relation")),
            words,
        )
    return table
