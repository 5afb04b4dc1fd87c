"""`quotes search` (full-text, with current verdicts) and `quotes show` (one quote, all of it)."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from quotes.cli.app import app
from quotes.cli.database import opened
from quotes.cli.factcheck import history_table
from quotes.cli.options import DEFAULT_DB, Db, Json, QuoteId
from quotes.cli.terminal import cell, fail, print_json, rows_table
from quotes.cli.wording import plural


@app.command(rich_help_panel="Fact-check")
def search(
    text: Annotated[str, typer.Argument(help="Words to find in quotes and their context.",
                                        show_default=False)],
    speaker: Annotated[str | None, typer.Option(help="Only this speaker (name or alias).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many quotes.")] = 20,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
) -> None:
    """Find quotes by their words (full-text search), best match first, with their ids and
    current verdicts. Rejected quotes are left out.

    Example: quotes search "unemployment fell" --speaker Okafor
    """
    from quotes.factcheck.browse import search_quotes

    if not re.search(r"\w", text):
        raise fail(f"nothing to search for in {text!r}: give at least one word")
    with opened(db, read_only=True) as store:
        try:
            rows = search_quotes(store, text, speaker=speaker, outlet=outlet, limit=limit)
        except sqlite3.OperationalError as error:  # what full-text search cannot parse
            raise fail(f"cannot search for {text!r}: {error}") from None
    if as_json:
        print_json(rows)
        return
    shown = [{**row, "text": shown_words(row["text"], row["kind"])} for row in rows]
    Console().print(rows_table(
        shown, ("id", "speaker", "outlet", "published", "current_verdict", "text"),
        plural(len(rows), "quote"),
    ))


@app.command(rich_help_panel="Fact-check")
def show(quote: QuoteId, as_json: Json = False, db: Db = DEFAULT_DB) -> None:
    """Show a quote: its words, speaker, article, context, verdict history and corrections.

    Example: quotes show 3f2a9c0d1e4b5a67
    """
    from quotes.factcheck.browse import quote_details

    with opened(db, read_only=True) as store:
        details = quote_details(store, quote)
    if as_json:
        print_json(details)
        return
    console = Console()
    console.print(_summary(details))
    if details["history"]:
        console.print(history_table(details["history"]))
    else:
        console.print("No verdict yet.")
    if details["elsewhere"]:
        console.print(rows_table(
            details["elsewhere"], ("organisation", "rating", "review_date", "review_url",
                                   "claim_reviewed"), "checked elsewhere",
        ))
    if details["corrections"]:
        corrections = [
            {**row, "before": json.dumps(row["before"], ensure_ascii=False),
             "after": json.dumps(row["after"], ensure_ascii=False)}
            for row in details["corrections"]
        ]
        console.print(rows_table(
            corrections, ("id", "kind", "before", "after", "reviewer", "reason",
                                     "created_at"), "corrections",
        ))


def shown_words(text: str, kind: str | None) -> str:
    """A quote's words for the terminal: direct in quotation marks, reported speech
    labelled as the reporter's words, never in marks."""
    from quotes.factcheck.speech import presented, speech_label

    if kind == "indirect":
        return f"[{speech_label(kind)}] {text}"
    return presented(text, kind)


def _summary(details: dict) -> Table:
    table = Table(show_header=False, title=f"quote {details['id']}")
    rejected = details["rejected"]
    reported = details["kind"] == "indirect"
    fields = {
        "reported speech" if reported else "quote": shown_words(details["text"], details["kind"]),
        "speaker": details["speaker"] and " — ".join(
            filter(None, (details["speaker"], details["speaker_role"]))
        ),
        "mention": details["speaker_mention"],
        "kind": f"{details['kind']} ({details['cue'] or 'no cue'})",
        "article": details["article_title"],
        "outlet": details["outlet"],
        "published": details["published"],
        "url": details["article_url"],
        "context": details["context"],
        "rejected": rejected and f"{rejected['reason']} ({rejected['reviewer']}, "
                                 f"{rejected['rejected_at']})",
    }
    for key, value in fields.items():
        if value:
            table.add_row(Text(key, style="bold"), cell(value))
    return table
