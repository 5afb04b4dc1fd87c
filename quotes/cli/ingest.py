"""`quotes ingest` (articles -> quotes -> database) and `quotes extract` (articles -> quotes):
the options, the progress bar, Ctrl-C and the lines printed; :mod:`quotes.ingest` does
the work."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from quotes.cli.app import app
from quotes.cli.cluster import extract_on_cluster, ingest_on_cluster
from quotes.cli.options import (
    DEFAULT_BUDGET,
    DEFAULT_PARTITION,
    FullPipeline,
    MemoryLimit,
    Model,
    PartitionSize,
    Paths,
    Scheduler,
    ShardsOut,
    TimeLimit,
    check_date,
    check_url,
)
from quotes.cli.runs import CtrlC, Tally
from quotes.cli.terminal import cell, reporter
from quotes.ingest.outcomes import Failed, Outcome, Skipped, Stored, Warned
from quotes.limits import Budget


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} files"),
        TextColumn("{task.fields[quotes]} quotes"),
        TextColumn("{task.fields[speed]:,.0f} words/s"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )


def outcome_line(outcome: Outcome) -> str | None:
    """The line printed for an outcome: errors, warnings and metadata notes; none for an
    article stored or skipped as it was."""
    if isinstance(outcome, Failed):
        return f"error: {outcome.source}: {outcome.reason}"
    if isinstance(outcome, Warned):
        return f"warning: {outcome.source}: {outcome.reason}"
    if isinstance(outcome, Skipped) and outcome.changes:
        from quotes.factcheck.article_metadata import describe_differences
        from quotes.store import article_id

        source, changes = outcome.article.source, describe_differences(outcome.changes)
        if outcome.updated:
            return f"updated: {source}: {changes}"
        return (
            f"note: {source}: stored already with other metadata: {changes}; to change it:"
            f" quotes articles set {article_id(outcome.article.text)[:8]} ... "
            "(or run again with --update-metadata)"
        )
    return None


def read_failure(error: ValueError) -> typer.BadParameter:
    """Bad reading options (an unreadable --metadata file) as Typer's usage error."""
    return typer.BadParameter(str(error))


@app.command(rich_help_panel="Build the database")
def ingest(
    paths: Paths,
    db: Annotated[Path, typer.Option(help="SQLite database to write (created if missing).")] = Path(
        "quotes.db"
    ),
    outlet: Annotated[
        str | None,
        typer.Option(help="Outlet name for every article.", rich_help_panel="Article metadata"),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            help="URL (http or https) for every article.",
            callback=check_url,
            rich_help_panel="Article metadata",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(help="Title for every article.", rich_help_panel="Article metadata"),
    ] = None,
    update_metadata: Annotated[
        bool,
        typer.Option(
            "--update-metadata",
            help="When an article is stored already but now comes with another outlet, date, "
            "title or URL, store those (recorded as a correction) instead of only saying so.",
            rich_help_panel="Article metadata",
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD for every article.",
            callback=check_date,
            rich_help_panel="Article metadata",
        ),
    ] = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            help="PolNeAR-style metadata.tsv giving outlet, date and title per file.",
            exists=True,
            dir_okay=False,
            rich_help_panel="Article metadata",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds allowed for fetching each URL.")
    ] = 20.0,
    model: Model = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for spaCy to parse with.", rich_help_panel="Model")
    ] = 1,
    full_pipeline: FullPipeline = False,
    time_limit: TimeLimit = DEFAULT_BUDGET.seconds,
    memory_limit: MemoryLimit = DEFAULT_BUDGET.memory_mb,
    scheduler: Scheduler = None,
    partition_size: PartitionSize = DEFAULT_PARTITION,
) -> None:
    """Read articles, extract their attributed quotes and store both in a SQLite database.

    An article whose text is stored already is skipped before it is parsed, so
    running the same command twice adds nothing. Each input that cannot be read
    or stored prints one line [bold]error: SOURCE: reason[/] to stderr; the last
    line sums up what was added, skipped and failed.

    Exit code: 0 when every input was ingested or skipped, 1 when any failed,
    130 when interrupted with Ctrl-C (articles stored so far are kept).

    Example: quotes ingest articles/ --db quotes.db --outlet "Daily Lantern"
    (on a Dask cluster: quotes ingest archive/ --scheduler local:2)
    """
    from quotes.cli.database import open_for_writing
    from quotes.ingest import ingest as ingest_articles
    from quotes.ingest import pick_extractor

    console = Console(stderr=True)
    report = reporter(console)
    tally = Tally()
    read_options = {
        "outlet": outlet, "url": url, "title": title, "published": date,
        "metadata": metadata, "timeout": timeout,
    }
    database = open_for_writing(db)
    try:
        with CtrlC().installed() as ctrl_c:
            if scheduler:
                options = {**read_options, "update_metadata": update_metadata}
                budget = Budget(time_limit, memory_limit)
                cluster = (scheduler, options, model, full_pipeline, budget, partition_size)
                ingest_on_cluster(database, paths, *cluster, tally, ctrl_c.hold)
                return _summed_up(tally)
            try:
                outcomes = ingest_articles(
                    database, paths, pick_extractor(model, full_pipeline), workers,
                    budget=Budget(time_limit, memory_limit), update_metadata=update_metadata,
                    hold=ctrl_c.hold, **read_options,
                )
            except ValueError as error:
                raise read_failure(error) from None
            _show(outcomes, tally, report, console)
    except KeyboardInterrupt:
        report("interrupted")
        typer.echo(tally.summary())
        raise typer.Exit(130) from None
    finally:
        database.close()
    _summed_up(tally)


def _summed_up(tally: Tally) -> None:
    """Print the run's last line; exit 1 when any input failed."""
    typer.echo(tally.summary())
    if tally.failed:
        raise typer.Exit(1)


def _show(outcomes, tally: Tally, report: Callable[[str], None], console: Console) -> None:
    """Count and print each outcome, with a progress bar on a terminal."""
    started = time.monotonic()
    with _progress(console) as progress, contextlib.closing(outcomes):
        task = progress.add_task("ingest", quotes=0, speed=0.0)
        for outcome in outcomes:
            tally.count(outcome)
            if line := outcome_line(outcome):
                report(line)
            if isinstance(outcome, Stored):
                speed = tally.words / max(time.monotonic() - started, 1e-6)
                progress.update(task, advance=1, quotes=tally.quotes, speed=speed)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command(rich_help_panel="Extract")
def extract(
    paths: Paths,
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl: one quote per line; table.")
    ] = ExtractFormat.jsonl,
    model: Model = None,
    full_pipeline: FullPipeline = False,
    time_limit: TimeLimit = DEFAULT_BUDGET.seconds,
    memory_limit: MemoryLimit = DEFAULT_BUDGET.memory_mb,
    scheduler: Scheduler = None,
    out: ShardsOut = None,
    partition_size: PartitionSize = DEFAULT_PARTITION,
) -> None:
    """Print the attributed quotes found in articles, without any database.

    jsonl lines hold article, text, start, end, segments, kind, cue, speaker,
    speaker_mention, speaker_start, speaker_end, speaker_type, speaker_role,
    cue_start, cue_end, context, outlet, published, title, rule and speaker_rule
    (the rules that found the quote and chose its speaker); offsets index the
    article text, and segments lists the [start, end] of each part of a quote
    interrupted by its attribution (text is the parts joined by one space).
    Exits 1 when any input could not be read.

    Example: quotes extract story.txt --format table
    (on a Dask cluster: quotes extract archive/ --scheduler local:2 --out shards/)
    """
    if scheduler or out:
        cluster = (scheduler, out, model, full_pipeline, Budget(time_limit, memory_limit))
        return extract_on_cluster(paths, *cluster, partition_size)
    from quotes.ingest import extract as extract_quotes
    from quotes.ingest import pick_extractor
    from quotes.records import quote_record

    report = reporter(Console(stderr=True))
    failed = 0
    table = Table("article", "speaker", "kind", "cue", "quote")
    extractor = pick_extractor(model, full_pipeline)
    for found in extract_quotes(paths, extractor, budget=Budget(time_limit, memory_limit)):
        if isinstance(found, Failed | Warned):
            failed += isinstance(found, Failed)
            report(outcome_line(found))
            continue
        article, quotes = found
        for quote in quotes:
            record = quote_record(article, quote)
            if format is ExtractFormat.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                table.add_row(*(cell(record[key] or "") for key in TABLE_KEYS))
    if format is ExtractFormat.table:
        Console().print(table)
    if failed:
        raise typer.Exit(1)


TABLE_KEYS = ("article", "speaker", "kind", "cue", "text")
