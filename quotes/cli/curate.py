"""`quotes speakers ...`, `quotes quote ...` and `quotes reextract`: fix extraction errors
without SQL. Every correction is recorded in the corrections table (who, when, what it was)
and survives re-ingesting and re-extracting."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from quotes.cli.app import app
from quotes.cli.database import opened
from quotes.cli.options import DEFAULT_DB, Db, Model, QuoteId, Reviewer
from quotes.cli.terminal import printable, rows_table
from quotes.cli.wording import plural

Reason = Annotated[str | None, typer.Option(help="Why, for the record.")]
Speaker = Annotated[str, typer.Argument(help="Speaker id, name or alias.", show_default=False)]

speakers_app = typer.Typer(
    help="Correct speakers: merge two rows for one person, add aliases, rename.\n\n"
    'Example: quotes speakers merge "Maria Okafor" "M. Okafor"',
    rich_markup_mode="rich",
    no_args_is_help=True,
)
quote_app = typer.Typer(
    help="Correct one quote: its speaker, or reject it as not a quote.\n\n"
    'Example: quotes quote reject 3f2a9c0d1e4b5a67 --reason "A headline, not speech"',
    rich_markup_mode="rich",
    no_args_is_help=True,
)
app.add_typer(speakers_app, name="speakers", rich_help_panel="Curate")
app.add_typer(quote_app, name="quote", rich_help_panel="Curate")


def _done(correction_id: int | None, what: str) -> None:
    what = printable(what)
    typer.echo(f"correction #{correction_id}: {what}" if correction_id else f"unchanged: {what}")


@speakers_app.command("merge")
def merge(
    keep: Speaker, duplicate: Speaker, reviewer: Reviewer = None, reason: Reason = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Merge speaker DUPLICATE into KEEP (one person under two names): its quotes and
    aliases move to KEEP and its name becomes an alias of KEEP.

    Example: quotes speakers merge "Maria Okafor" "M. Okafor-Reyes"
    """
    from quotes.factcheck.curation import merge_speakers

    with opened(db) as store:
        correction = merge_speakers(store, keep, duplicate, reviewer=reviewer, reason=reason)
    _done(correction, f"{duplicate} merged into {keep}")


@speakers_app.command("alias")
def alias(
    name: Speaker,
    alias: Annotated[str, typer.Argument(help="Another name for the speaker.",
                                         show_default=False)],
    reviewer: Reviewer = None, reason: Reason = None, db: Db = DEFAULT_DB,
) -> None:
    """Record ALIAS as another name of a speaker, so later mentions resolve to it.

    Example: quotes speakers alias "Maria Okafor" "the finance minister"
    """
    from quotes.factcheck.curation import alias_speaker

    with opened(db) as store:
        correction = alias_speaker(store, name, alias, reviewer=reviewer, reason=reason)
    _done(correction, f"{alias!r} is an alias of {name!r}")


@speakers_app.command("rename")
def rename(
    name: Speaker,
    new_name: Annotated[str, typer.Argument(help="The canonical name to use.",
                                            show_default=False)],
    reviewer: Reviewer = None, reason: Reason = None, db: Db = DEFAULT_DB,
) -> None:
    """Give a speaker a new canonical name; the old one stays as an alias.

    Example: quotes speakers rename "Okafor" "Maria Okafor"
    """
    from quotes.factcheck.curation import rename_speaker

    with opened(db) as store:
        correction = rename_speaker(store, name, new_name, reviewer=reviewer, reason=reason)
    _done(correction, f"{name!r} renamed {new_name!r}")


@quote_app.command("set-speaker")
def set_speaker(
    quote: QuoteId,
    name: Annotated[str, typer.Argument(help="Who really said it: a known speaker's name or "
                                        "alias, else a new speaker.", show_default=False)],
    type: Annotated[str, typer.Option(help="Type of a new speaker: person, organization, group.")
                    ] = "person",
    reviewer: Reviewer = None, reason: Reason = None, db: Db = DEFAULT_DB,
) -> None:
    """Attribute a quote to the right speaker (the extractor misattributed it).

    Example: quotes quote set-speaker 3f2a9c0d1e4b5a67 "Tomas Lindqvist" --reason "audio"
    """
    from quotes.factcheck.curation import set_speaker as set_quote_speaker

    with opened(db) as store:
        correction = set_quote_speaker(
            store, quote, name, type=type, reviewer=reviewer, reason=reason
        )
    _done(correction, f"quote {quote} attributed to {name!r}")


@quote_app.command("reject")
def reject(
    quote: QuoteId,
    reason: Annotated[str, typer.Option(help="Why this is not a quote.", show_default=False)],
    reviewer: Reviewer = None, db: Db = DEFAULT_DB,
) -> None:
    """Reject a quote the extractor got wrong (not a quote): it leaves search, lists,
    exports and the quotes_current view, and stays rejected through re-extraction.

    Example: quotes quote reject 3f2a9c0d1e4b5a67 --reason "Headline, not speech"
    """
    from quotes.factcheck.curation import reject_quote

    with opened(db) as store:
        correction = reject_quote(store, quote, reason=reason, reviewer=reviewer)
    _done(correction, f"quote {quote} rejected")


@app.command(rich_help_panel="Curate")
def reextract(
    article: Annotated[
        list[str] | None,
        typer.Option(help="Only this article id; repeat for several (default: every article)."),
    ] = None,
    model: Model = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Run the (newer) extractor again over stored articles and update their quotes.

    A quote found again keeps its id, fact-checks and corrections; one no longer
    found is removed unless a fact-check or correction refers to it; manual
    speaker corrections and rejections are kept.

    Example: quotes reextract --db quotes.db --model en_core_web_trf
    """
    from quotes.ingest import Failed, pick_extractor
    from quotes.ingest import reextract as reextract_articles

    results, failed = [], 0
    with opened(db) as store:
        for outcome in reextract_articles(store, pick_extractor(model), article):
            if isinstance(outcome, Failed):
                failed += 1
                typer.echo(printable(f"error: {outcome.source}: {outcome.reason}"), err=True)
            else:
                results.append(outcome.result._asdict())
    Console(stderr=True).print(rows_table(
        results, ("article_id", "added", "updated", "unchanged", "removed", "kept")
    ))
    totals = {key: sum(r[key] for r in results) for key in ("added", "updated", "removed", "kept")}
    typer.echo(f"{plural(len(results), 'article')} re-extracted, {failed} failed: " + ", ".join(
        f"{plural(value, 'quote')} {key}" for key, value in totals.items()
    ))
    if failed:
        raise typer.Exit(1)
