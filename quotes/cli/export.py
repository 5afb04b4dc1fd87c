"""`quotes export`: quotes out of the database as CSV or JSON, filtered."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from quotes.cli.app import app
from quotes.cli.ingest import _check_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    claimreview = "claimreview"


def escape_formula(value):
    """Prefix ``'`` to a string a spreadsheet would run as a formula (= + - @)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict], columns: Iterable[str], out: TextIO, escape: bool) -> None:
    """Write ``rows`` as CSV with a header, formula cells escaped when ``escape``."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: escape_formula(v) for k, v in row.items()} if escape else row)


def write_json(rows: Iterable[dict], out: TextIO) -> None:
    """Write ``rows`` as a JSON array, one object per line, streaming."""
    out.write("[")
    for number, row in enumerate(rows):
        out.write(("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n")


def _open_output(path: Path | None) -> AbstractContextManager[TextIO]:
    if path is None:
        return nullcontext(sys.stdout)
    return path.open("w", newline="", encoding="utf-8")


@app.command(rich_help_panel="Publish")
def export(
    db: Annotated[Path, typer.Option(help="SQLite database made by quotes ingest.")] = Path(
        "quotes.db"
    ),
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
    since: Annotated[
        str | None,
        typer.Option(
            help="Only quotes published on or after this date, YYYY-MM-DD.",
            callback=_check_date,
            rich_help_panel="Filters",
        ),
    ] = None,
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
    """Export quotes with their speaker, outlet and article as CSV or JSON.

    Once the database holds fact-checks, rows gain the current verdict
    (current_verdict, verdict_scale, verdict_ordinal, verdict_reviewer,
    verdict_at, factcheck_count); rejected quotes are left out. claimreview
    writes schema.org ClaimReview JSON-LD for every checked quote (review author
    and publisher from QUOTES_REVIEWER_ORG and QUOTES_REVIEWER_URL).

    Filters combine: --speaker matches the canonical name or any alias, both it
    and --outlet ignore case. Exits 1 when the database does not exist.

    Example: quotes export --speaker "Maria Okafor" --since 2024-01-01 -o okafor.csv
    """
    from quotes.cli.database import open_for_reading
    from quotes.factcheck.annotate import with_current_verdict
    from quotes.factcheck.claimreview import write_claimreview
    from quotes.store import export_rows
    from quotes.store.query import EXPORT_COLUMNS

    database = open_for_reading(db)
    rows = export_rows(database, speaker=speaker, outlet=outlet, since=since)
    verdict_columns, rows = with_current_verdict(database, rows)
    try:
        with _open_output(output) as out:
            if format is ExportFormat.csv:
                write_csv(rows, EXPORT_COLUMNS + verdict_columns, out, formula_escape)
            elif format is ExportFormat.claimreview:
                write_claimreview(database, out, [row["id"] for row in rows])
            else:
                write_json(rows, out)
    finally:
        database.close()
