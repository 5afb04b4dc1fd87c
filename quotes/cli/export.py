"""`quotes export`: quotes out of the database as CSV or JSON, filtered."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from quotes.cli.app import app
from quotes.cli.options import DEFAULT_DB, Db, Since


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    claimreview = "claimreview"


def _open_output(path: Path | None) -> AbstractContextManager[TextIO]:
    if path is None:
        return nullcontext(sys.stdout)
    return path.open("w", newline="", encoding="utf-8")


@app.command(rich_help_panel="Publish")
def export(
    db: Db = DEFAULT_DB,
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f",
        help="csv, json, or claimreview (schema.org ClaimReview JSON-LD of checked quotes).",
    )] = (
        ExportFormat.csv
    ),
    speaker: Annotated[
        str | None,
        typer.Option(
            help="Only this speaker (canonical name or any alias).", rich_help_panel="Filters"
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only this outlet.", rich_help_panel="Filters")
    ] = None,
    since: Since = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    formula_escape: Annotated[
        bool,
        typer.Option(
            "--formula-escape/--no-formula-escape",
            help="Prefix ' to CSV cells starting with = + - @ so spreadsheets do not run them.",
        ),
    ] = True,
) -> None:
    """Export quotes with their speaker, outlet, article and context as CSV or JSON.

    Each row says what kind of speech it is (speech: quoted, partly quoted, or reported
    speech: the reporter's words). Once the database holds fact-checks, rows gain the
    current verdict (current_verdict, verdict_scale, verdict_ordinal, verdict_reviewer,
    verdict_at, factcheck_count, verdict_note, verdict_evidence); rejected quotes and
    drafts are left out. CSV cells are single lines. claimreview writes schema.org
    ClaimReview JSON-LD for every checked statement; it is refused (exit 2) until
    quotes factcheck config has named the publishing organisation.

    Filters combine: --speaker matches the canonical name or any alias, both it
    and --outlet ignore case. Exits 1 when the database does not exist.

    Example: quotes export --speaker "Maria Okafor" --since 2024-01-01 -o okafor.csv
    """
    from quotes.cli.database import open_for_reading
    from quotes.errors import Refused
    from quotes.factcheck.claimreview import write_claimreview
    from quotes.factcheck.publisher import require_publisher
    from quotes.factcheck.sharing import shared_rows, write_csv, write_json

    database = open_for_reading(db)
    try:
        if format is ExportFormat.claimreview:
            require_publisher(database)
        columns, rows = shared_rows(database, speaker=speaker, outlet=outlet, since=since)
        with _open_output(output) as out:
            if format is ExportFormat.csv:
                write_csv(rows, columns, out, formula_escape)
            elif format is ExportFormat.claimreview:
                reviews = write_claimreview(database, out, [row["id"] for row in rows])
                _warn_unpublished_articles(reviews)
            else:
                write_json(rows, out)
    except Refused as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    finally:
        database.close()


def _warn_unpublished_articles(reviews: list[dict]) -> None:
    for review in reviews:
        if "appearance" not in review["itemReviewed"]:
            typer.echo(
                f"warning: {review['url']}: no article reporting this claim has a URL, so the "
                "review names no appearance (set one with: quotes articles set ID --url URL)",
                err=True,
            )
