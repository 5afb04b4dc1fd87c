"""`quotes speakers list|audit|reconcile|prune`: review the speakers table."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from quotes.cli.curate import speakers_app
from quotes.cli.database import opened
from quotes.cli.options import DEFAULT_DB, Db, Json
from quotes.cli.terminal import print_json, rows_table
from quotes.cli.wording import plural


@speakers_app.command("list")
def list_speakers(
    type: Annotated[
        str | None, typer.Option(help="Only speakers of this type: person, organization, group.")
    ] = None,
    min_quotes: Annotated[
        int, typer.Option(help="Only speakers with at least this many quotes.")
    ] = 1,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
) -> None:
    """List the speakers, most quoted first, with their type, role, first and last
    quote dates and every other name they were found under (aliases).

    Example: quotes speakers list --type person --min-quotes 3
    """
    from quotes.store.speaker_records import speaker_records

    with opened(db, read_only=True) as store:
        records = speaker_records(store, type=type, min_quotes=min_quotes)
    if as_json:
        print_json(records)
        return
    for record in records:
        record["aliases"] = "; ".join(record["aliases"])
    columns = ("id", "name", "type", "quotes", "description", "first_seen", "last_seen", "aliases")
    Console().print(rows_table(records, columns, title=plural(len(records), "speaker")))


@speakers_app.command("audit")
def audit(as_json: Json = False, db: Db = DEFAULT_DB) -> None:
    """Check speaker identity over the whole database: the share of quotes whose
    speaker is a fragment of another person's name ("Trump" beside "Donald Trump"),
    the share whose speaker row has no proper name ("experts"), and which speakers.

    Example: quotes speakers audit --json
    """
    from quotes.store.speaker_records import audit_speakers

    with opened(db, read_only=True) as store:
        result = audit_speakers(store)
    numbers = {
        "quotes": result.quotes,
        "fragment_quotes": result.fragment_quotes,
        "fragment_share": round(result.fragment_share, 4),
        "nameless_quotes": result.nameless_quotes,
        "nameless_share": round(result.nameless_share, 4),
        "unnamed_source_quotes": result.unnamed_source_quotes,
    }
    if as_json:
        print_json({**numbers, "fragments": result.fragments, "nameless": result.nameless})
        return
    for key, value in numbers.items():
        typer.echo(f"{key}: {value}")
    for fragment in result.fragments:
        typer.echo(f"fragment: {fragment['name']} ({fragment['quotes']}) of {fragment['of']}")
    for speaker in result.nameless:
        typer.echo(f"nameless: {speaker['name']} ({speaker['quotes']})")


@speakers_app.command("reconcile")
def reconcile(db: Db = DEFAULT_DB) -> None:
    """Settle again which people every family name of the database covers (ingest and
    re-extraction do it for the names they bring; run this after hand-written SQL or
    an interrupted ingest). Curators' merges, aliases and renames are kept.

    Example: quotes speakers reconcile --db quotes.db
    """
    from quotes.statements import sync_quotes
    from quotes.store.identity import reconcile_all

    with opened(db) as store:
        moved = reconcile_all(store)
        sync_quotes(store, moved)
    typer.echo(f"{plural(len(moved), 'quote')} moved to another speaker")


@speakers_app.command("prune")
def prune(db: Db = DEFAULT_DB) -> None:
    """Remove speakers no quote points at (unless a curator named, merged or aliased them).

    Example: quotes speakers prune --db quotes.db
    """
    from quotes.store.speaker_records import prune_speakers

    with opened(db) as store:
        removed = prune_speakers(store)
    typer.echo(f"{plural(len(removed), 'speaker')} removed" + (": " if removed else ""))
    for name in removed:
        typer.echo(f"  {name}")
