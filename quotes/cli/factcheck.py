"""`quotes factcheck`: add verdicts to quotes, list them, see a quote's history, list scales."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from quotes.cli.app import app
from quotes.cli.database import opened
from quotes.cli.options import DEFAULT_DB, Db, Json, QuoteId, Reviewer
from quotes.cli.terminal import cell, print_json, rows_table
from quotes.cli.wording import plural
from quotes.factcheck.config import ENV_HELP

factcheck_app = typer.Typer(
    help="Record verdicts on quotes, correct them, and read their history.\n\n"
    f"{ENV_HELP}\n\nExample: quotes factcheck add 3f2a9c0d1e4b5a67 --verdict \"Half True\"",
    short_help="Record verdicts on quotes, correct them, read their history, list scales.",
    rich_markup_mode="rich",
    no_args_is_help=True,
)
app.add_typer(factcheck_app, name="factcheck", rich_help_panel="Fact-check")

@factcheck_app.command("add")
def add(
    quote: QuoteId,
    verdict: Annotated[
        str, typer.Option(help="A label of the scale (any case), e.g. 'Mostly False'.",
                          show_default=False)
    ],
    scale: Annotated[
        str | None,
        typer.Option(help="Verdict scale: politifact, snopes, freetext (default: "
                     "$QUOTES_DEFAULT_SCALE, else politifact). See quotes factcheck scales."),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why: the reasoning, in a few lines.")] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(help="Source URL backing the verdict, optionally followed by a space and "
                     "an archived copy's URL; repeat for several.", rich_help_panel="Evidence"),
    ] = None,
    accessed: Annotated[
        str | None,
        typer.Option(help="Date the evidence was read, YYYY-MM-DD (default: today, UTC).",
                     rich_help_panel="Evidence"),
    ] = None,
    supersedes: Annotated[
        int | None,
        typer.Option(help="The verdict this corrects: must be the quote's current one (the "
                     "latest on any appearance of its statement), else refused. Without it "
                     "the new verdict corrects whatever is current."),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option("--draft", help="Keep it as a draft: listed by list --drafts and history, "
                     "shown nowhere else until quotes factcheck publish DRAFT_ID."),
    ] = False,
    reviewer: Reviewer = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Record a verdict on a quote; a later verdict on the same quote corrects it.

    Nothing is edited or deleted: the full history stays and the current
    verdict is the latest. An unknown quote id or verdict, or an evidence URL
    that is not http(s) with a host, prints one error line and exits 2 with
    nothing written.

    Example: quotes factcheck add 3f2a9c0d --verdict "Mostly False" --evidence https://x.example/r
    """
    from quotes.factcheck import add_factcheck, parse_evidence

    with opened(db) as store:
        sources = [parse_evidence(value, accessed) for value in evidence or []]
        new_id = add_factcheck(
            store, quote, verdict, scale=scale, note=note, evidence=sources,
            reviewer=reviewer, supersedes=supersedes, draft=draft,
        )
        row = store["factcheck_drafts" if draft else "factchecks"].get(new_id)
        old = row["supersedes"] and store["factchecks"].get(row["supersedes"])
    what = f"draft #{new_id} (publish it with: quotes factcheck publish {new_id})" if draft else (
        f"fact-check #{new_id}"
    )
    typer.echo(f"{what}: {verdict_line(row, old)}")


def verdict_line(row: dict, superseded: dict | None) -> str:
    """``QUOTE_ID is 'VERDICT' (scale)``, with the verdict it supersedes and who made it."""
    line = f"{row['quote_id']} is {row['verdict']!r} ({row['scale']})"
    if superseded:
        line += (
            f", superseding #{superseded['id']} ({superseded['verdict']!r} by "
            f"{superseded['reviewer']})"
        )
    return line


@factcheck_app.command("publish")
def publish(
    draft: Annotated[int, typer.Argument(help="The draft's number (quotes factcheck list "
                                         "--drafts).", show_default=False)],
    db: Db = DEFAULT_DB,
) -> None:
    """Publish a draft verdict: it becomes the quote's current verdict, shown on the site,
    in charts and exports. Refused (exit 2, nothing written) when the verdict the draft
    corrects is no longer current: someone published in between.

    Example: quotes factcheck publish 1
    """
    from quotes.factcheck.drafts import publish_draft

    with opened(db) as store:
        factcheck_id = publish_draft(store, draft)
        row = store["factchecks"].get(factcheck_id)
        old = row["supersedes"] and store["factchecks"].get(row["supersedes"])
    typer.echo(f"draft #{draft} published as fact-check #{factcheck_id}: {verdict_line(row, old)}")


@factcheck_app.command("list")
def list_(
    verdict: Annotated[
        str | None, typer.Option(help="Only this current verdict.", rich_help_panel="Filters")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only this speaker (name or alias).",
                                 rich_help_panel="Filters")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.",
                                               rich_help_panel="Filters")] = None,
    reviewer: Annotated[
        str | None, typer.Option(help="Only verdicts by this reviewer.", rich_help_panel="Filters")
    ] = None,
    unchecked: Annotated[
        bool, typer.Option("--unchecked", help="List quotes with no verdict yet instead.",
                           rich_help_panel="Filters")
    ] = False,
    statement: Annotated[
        str | None,
        typer.Option(help="Every appearance of this statement (id, or a quote's id), each "
                     "with the verdict recorded on any of them.", rich_help_panel="Filters"),
    ] = None,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="List the unpublished drafts instead.",
                           rich_help_panel="Filters")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows.")] = None,
    as_json: Json = False,
    db: Db = DEFAULT_DB,
) -> None:
    """List checked quotes with their current verdict (or, with --unchecked, the quotes
    still waiting for one). Rejected quotes are left out. With --statement, every
    appearance of one statement, each showing the statement's verdict; with --drafts,
    the drafts waiting to be published.

    Example: quotes factcheck list --verdict "Pants on Fire" --speaker "Maria Okafor"
    """
    from quotes.factcheck.browse import list_factchecks
    from quotes.factcheck.drafts import list_drafts

    if drafts:
        with opened(db, read_only=True) as store:
            rows = list_drafts(store)[:limit]
        if as_json:
            print_json(rows)
            return
        columns = ("draft", "id", "verdict", "reviewer", "created_at", "supersedes", "speaker",
                   "text")
        Console().print(rows_table(rows, columns, plural(len(rows), "draft")))
        return
    with opened(db, read_only=True) as store:
        rows = list_factchecks(
            store, verdict=verdict, speaker=speaker, outlet=outlet, reviewer=reviewer,
            unchecked=unchecked, statement=statement, limit=limit,
        )
    if as_json:
        print_json(rows)
        return
    columns = ("id", "speaker", "outlet", "published", "text") if unchecked else (
        "id", "current_verdict", "verdict_reviewer", "verdict_at", "speaker", "text"
    )
    if statement:
        columns = ("id", "current_verdict", "verdict_quote_id", "outlet", "published",
                   "speaker", "text")
    Console().print(rows_table(rows, columns, plural(len(rows), "quote")))


@factcheck_app.command("history")
def history(quote: QuoteId, as_json: Json = False, db: Db = DEFAULT_DB) -> None:
    """Every verdict on a quote, oldest first, with evidence; the last one is current.

    Example: quotes factcheck history 3f2a9c0d1e4b5a67
    """
    from quotes.factcheck import history as quote_history

    with opened(db, read_only=True) as store:
        rows = quote_history(store, quote)
    if as_json:
        print_json(rows)
        return
    Console().print(history_table(rows))


def history_table(rows: list[dict]) -> Table:
    """A rich table of a quote's verdicts, as :func:`quotes.factcheck.history` gives them."""
    table = Table(title="verdict history (latest published is current; drafts last)")
    for column in ("#", "verdict", "scale", "reviewer", "at", "supersedes", "note", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        evidence = "\n".join(
            e["url"] + (f" (archived: {e['archived_url']})" if e["archived_url"] else "")
            for e in row["evidence"]
        )
        table.add_row(*(cell(v or "") for v in (
            f"draft {row['id']}" if row.get("draft") else row["id"],
            row["verdict"] + (" (current)" if row["current"] else ""), row["scale"],
            row["reviewer"], row["created_at"], row["supersedes"], row["note"], evidence,
        )))
    return table


@factcheck_app.command("config")
def config(
    org: Annotated[str | None, typer.Option(help="The organisation publishing the reviews "
                                            "(ClaimReview author and publisher).")] = None,
    org_url: Annotated[str | None, typer.Option(help="Its web site.")] = None,
    review_url: Annotated[
        str | None,
        typer.Option(help="The address of one review's page, with {quote_id} where the quote's "
                     "id goes."),
    ] = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Set who publishes this database's fact-checks, once; without options, show it.
    quotes export --format claimreview is refused until all three are set.

    Example: quotes factcheck config --org "Fact Desk" --org-url https://fd.example
    --review-url "https://fd.example/checks/{quote_id}"
    """
    from quotes.factcheck.publisher import CONFIG_HINT, LABELS, load_publisher, set_publisher

    with opened(db) as store:
        if org is None and org_url is None and review_url is None:
            publisher = load_publisher(store)
        else:
            publisher = set_publisher(store, org=org, org_url=org_url, review_url=review_url)
    for key, label in LABELS.items():
        typer.echo(f"{label}: {getattr(publisher, key) or '(not set)'}")
    if publisher.missing():
        typer.echo(f"ClaimReview export needs all three: {CONFIG_HINT}")


@factcheck_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="ClaimReview JSON or JSON-LD: one object, a list, "
                                         "a @graph, or a feed of claims with claimReview "
                                         "items.", show_default=False)],
    db: Db = DEFAULT_DB,
) -> None:
    """Import other organisations' fact-checks: each claim is matched to the stored quotes
    that report it (same words, nearly, or part of a longer quote) and its verdict is
    shown beside yours (quotes show, the quote page). An item that cannot be read
    prints one error line and the rest is imported (exit 1); importing again adds
    nothing twice.

    Example: quotes factcheck import elsewhere.jsonld
    """
    from quotes.factcheck.imports import import_reviews

    with opened(db) as store:
        result = import_reviews(store, file)
    for problem in result.problems:
        typer.echo(f"error: {file}: {problem}", err=True)
    for claim in result.unmatched:
        typer.echo(f"unmatched: {claim}", err=True)
    typer.echo(
        f"{file}: {plural(result.matched, 'review')} matched stored quotes "
        f"({plural(result.added, 'new external verdict')}), {len(result.unmatched)} matched "
        f"nothing, {len(result.problems)} unreadable"
    )
    if result.problems:
        raise typer.Exit(1)


@factcheck_app.command("scales")
def scales(as_json: Json = False) -> None:
    """The verdict scales and their labels (ordinal: rank where the scale is ordinal, higher is
    truer). The default scale is $QUOTES_DEFAULT_SCALE, else politifact.

    Example: quotes factcheck scales --json
    """
    from quotes.factcheck.config import load_settings
    from quotes.scales import default_scale_name, load_scales

    default = default_scale_name(load_settings().default_scale)
    found = load_scales()
    if as_json:
        print_json({
            name: {**scale._asdict(), "default": name == default,
                   "ratings": [r._asdict() for r in scale.ratings]}
            for name, scale in found.items()
        })
        return
    for name, scale in found.items():
        title = f"{name}: {scale.title}" + (" (default)" if name == default else "")
        if scale.free_text:
            title += " — any conclusion, or:"
        rows = [r._asdict() for r in scale.ratings]
        Console().print(rows_table(rows, ("label", "ordinal", "description"), title))
