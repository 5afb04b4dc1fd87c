"""`quotes ingest` (articles -> quotes -> database) and `quotes extract` (articles -> quotes)."""

from __future__ import annotations

import contextlib
import json
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from quotes.cli.app import app
from quotes.cli.cluster import (
    DEFAULT_PARTITION,
    PartitionSize,
    Scheduler,
    ShardsOut,
    extract_on_cluster,
    ingest_on_cluster,
)
from quotes.cli.wording import plural
from quotes.limits import Budget
from quotes.records import Article, Quote

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quotes.extract import QuoteExtractor

EXTRACT_KEYS = (
    "article",
    "text",
    "start",
    "end",
    "segments",
    "kind",
    "cue",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "speaker_type",
    "speaker_role",
    "cue_start",
    "cue_end",
    "context",
    "outlet",
    "published",
    "title",
)

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt .md .html), folders, globs, '-' for stdin or http(s) URLs.",
        show_default=False,
    ),
]
Model = Annotated[
    str | None,
    typer.Option(help="spaCy model to load (default: en_core_web_sm).", rich_help_panel="Model"),
]
FullPipeline = Annotated[
    bool,
    typer.Option(
        "--full-pipeline",
        help="Run every model component on every word (slower; the same quotes).",
        rich_help_panel="Model",
    ),
]
DEFAULT_BUDGET = Budget()
TimeLimit = Annotated[
    float,
    typer.Option(
        min=0.1,
        help="Seconds extracting one article may take; one that takes longer fails "
        "(one error line) and the rest goes on.",
        rich_help_panel="Limits",
    ),
]
MemoryLimit = Annotated[
    int,
    typer.Option(
        min=10,
        help="Megabytes of memory extracting one article may take beyond the loaded model; "
        "one that needs more fails (one error line) and the rest goes on.",
        rich_help_panel="Limits",
    ),
]


@dataclass
class Tally:
    """What one ``ingest`` run did."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    words: int = 0

    def summary(self) -> str:
        return (
            f"{plural(self.added, 'article')} added, {self.skipped} skipped (already present), "
            f"{self.failed} failed, {plural(self.quotes, 'quote')} stored"
        )


class CtrlC:
    """SIGINT that waits for the article being stored: inside :meth:`hold` it is
    remembered and raised as ``KeyboardInterrupt`` when the block ends, so an
    article is stored and counted, or neither."""

    def __init__(self) -> None:
        self.holding = False
        self.pending = False

    def __call__(self, signum, frame) -> None:
        if not self.holding:
            raise KeyboardInterrupt
        self.pending = True

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[CtrlC]:
        """This handler for SIGINT while the block runs (main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)


@cache
def load_extractor(model: str | None = None) -> QuoteExtractor:
    """The extractor for ``model``, loaded once per process."""
    from quotes.extract import QuoteExtractor

    return QuoteExtractor(model)


def pick_extractor(model: str | None, full: bool) -> QuoteExtractor:
    """The loaded extractor, or with ``full`` one that runs every model
    component on every word over the same pipeline (no second load)."""
    extractor = load_extractor(model)
    return type(extractor)(nlp=extractor.nlp, fast=False) if full else extractor


def extract_stream(
    extractor: QuoteExtractor,
    articles: Iterable[Article],
    n_process: int = 1,
    budget: Budget | None = None,
) -> Iterator[tuple[Article, list[Quote] | Exception]]:
    """Pair each article with its quotes, streaming through ``extractor.pipe``.

    When the pipe raises, the articles in flight are extracted one by one so
    only the bad one comes back with its exception, and streaming resumes.
    With a ``budget``, worker processes extract every article and stop one that
    takes longer or more memory than it allows; it comes back as its exception.
    """
    if budget is not None:
        yield from _budgeted_stream(extractor, articles, n_process, budget)
        return
    articles = iter(articles)
    source_errors: list[Exception] = []
    while True:
        in_flight: deque[Article] = deque()
        try:
            texts = _texts_of(articles, in_flight, source_errors)
            for quotes in extractor.pipe(texts, n_process=n_process):
                yield in_flight.popleft(), quotes
            if source_errors:
                raise source_errors[0]
            return
        except Exception:
            if source_errors:
                raise
            while in_flight:
                article = in_flight.popleft()
                try:
                    yield article, extractor.extract(article.text)
                except Exception as error:
                    yield article, error


def _budgeted_stream(
    extractor: QuoteExtractor, articles: Iterable[Article], n_process: int, budget: Budget
) -> Iterator[tuple[Article, list[Quote] | Exception]]:
    from quotes.extract.workers import extract_in_workers

    in_flight: deque[Article] = deque()
    source_errors: list[Exception] = []
    texts = _texts_of(iter(articles), in_flight, source_errors)
    with contextlib.closing(extract_in_workers(extractor, texts, n_process, budget)) as stream:
        for quotes in stream:
            yield in_flight.popleft(), quotes
    if source_errors:
        raise source_errors[0]


def _texts_of(
    articles: Iterator[Article], in_flight: deque[Article], errors: list[Exception]
) -> Iterator[str]:
    """The texts to parse, remembering each article in flight; an error reading the
    articles is kept in ``errors`` (not raised into the pipe, where it would look
    like a parse failure)."""
    try:
        for article in articles:
            in_flight.append(article)
            yield article.text
    except Exception as error:
        errors.append(error)


def read_articles(
    paths: list[str], report: Callable[[str], None], tally: Tally | None = None, **options
) -> Iterator[Article]:
    """Articles from ``read_inputs``; each failure is reported as ``error: SOURCE: reason``.

    Bad options (an unreadable ``metadata`` file) raise ``BadParameter`` at once.
    """
    from quotes.read import read_inputs

    try:
        items = read_inputs(paths, **options)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return _articles_only(items, report, tally)


def _articles_only(items, report: Callable[[str], None], tally: Tally | None) -> Iterator[Article]:
    from quotes.read import ReadFailure, ReadWarning

    for item in items:
        if isinstance(item, ReadFailure):
            report(f"error: {item.source}: {item.reason}")
            if tally is not None:
                tally.failed += 1
        elif isinstance(item, ReadWarning):
            report(f"warning: {item.source}: {item.reason}")
        else:
            yield item


def _new_articles(
    db: Database, articles: Iterable[Article], tally: Tally,
    report: Callable[[str], None] = print, update_metadata: bool = False,
) -> Iterator[Article]:
    """Only the articles not stored yet (nor seen earlier in this run), before parsing.
    A stored one read with other metadata is reported (or, with ``update_metadata``,
    updated)."""
    from quotes.store import article_id, has_article

    seen: set[str] = set()
    for article in articles:
        key = article_id(article.text)
        if key in seen or has_article(db, article.text):
            tally.skipped += 1
            if key not in seen:
                _metadata_differences(db, article, report, update_metadata)
            continue
        seen.add(key)
        yield article


def _metadata_differences(
    db: Database, article: Article, report: Callable[[str], None], update: bool
) -> None:
    from quotes.factcheck.article_metadata import (
        describe_differences,
        reingest_differences,
        set_article_metadata,
    )
    from quotes.store import article_id

    if not (changes := reingest_differences(db, article)):
        return
    key = article_id(article.text)
    if update:
        set_article_metadata(db, key, **{field: new for field, (_, new) in changes.items()})
        report(f"updated: {article.source}: {describe_differences(changes)}")
        return
    report(
        f"note: {article.source}: stored already with other metadata: "
        f"{describe_differences(changes)}; to change it: quotes articles set {key[:8]} ... "
        "(or run again with --update-metadata)"
    )


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


def _reporter(console: Console) -> Callable[[str], None]:
    from quotes.cli.terminal import printable

    def report(line: str) -> None:
        console.print(printable(line), markup=False, highlight=False, soft_wrap=True)

    return report


def _ingest(
    db: Database,
    paths: list[str],
    tally: Tally,
    report: Callable[[str], None],
    console: Console,
    model: str | None,
    workers: int,
    options: dict,
    hold: Callable[[], AbstractContextManager] = contextlib.nullcontext,
    full: bool = False,
    budget: Budget | None = None,
) -> None:
    """Read, skip what is stored, extract (on ``budget``) and save, updating ``tally``
    as it goes; ``hold()`` wraps storing and counting each article (see :class:`CtrlC`)."""
    from quotes.statements import save_with_statements

    update = options.pop("update_metadata", False)
    articles = _new_articles(
        db, read_articles(paths, report, tally, **options), tally, report, update
    )
    extractor = pick_extractor(model, full)
    started = time.monotonic()
    stream = extract_stream(extractor, articles, workers, budget)
    with _progress(console) as progress, contextlib.closing(stream):
        task = progress.add_task("ingest", quotes=0, speed=0.0)
        for article, quotes in stream:
            if isinstance(quotes, Exception):
                tally.failed += 1
                report(f"error: {article.source}: extraction failed: {quotes}")
                continue
            with hold():
                try:
                    result = save_with_statements(db, article, quotes, settle=False)
                except Exception as error:
                    tally.failed += 1
                    report(f"error: {article.source}: could not store: {error}")
                    continue
                tally.added += result.added
                tally.skipped += not result.added
                tally.quotes += result.quotes
                tally.words += len(article.text.split())
            speed = tally.words / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, quotes=tally.quotes, speed=speed)
    with hold():
        settle_speakers(db)


def settle_speakers(db: Database) -> None:
    """Reconcile the people of every family key the new quotes named (see
    :mod:`quotes.store.identity`) and bring the statements of the quotes that changed
    speaker up to date."""
    from quotes.statements import sync_quotes
    from quotes.store.identity import reconcile_pending

    sync_quotes(db, reconcile_pending(db))


def _check_date(value: str | None) -> str | None:
    from datetime import date

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"not a date like 2024-05-19: {value!r}") from None
    return value


def _check_url(value: str | None) -> str | None:
    from quotes.weburl import web_url

    if value is not None and web_url(value) is None:
        raise typer.BadParameter(f"not an http(s) URL with a host: {value!r}")
    return value


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
            callback=_check_url,
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
            callback=_check_date,
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

    console = Console(stderr=True)
    report = _reporter(console)
    tally = Tally()
    options = {
        "outlet": outlet,
        "url": url,
        "title": title,
        "update_metadata": update_metadata,
        "published": date,
        "metadata": metadata,
        "timeout": timeout,
    }
    database = open_for_writing(db)
    try:
        with CtrlC().installed() as ctrl_c:
            run = (database, paths, tally, report, console, model, workers, options)
            budget = Budget(time_limit, memory_limit)
            if scheduler:
                cluster = (scheduler, options, model, full_pipeline, budget, partition_size)
                ingest_on_cluster(database, paths, *cluster, tally, ctrl_c.hold)
            else:
                _ingest(*run, ctrl_c.hold, full=full_pipeline, budget=budget)
    except KeyboardInterrupt:
        report("interrupted")
        typer.echo(tally.summary())
        raise typer.Exit(130) from None
    finally:
        database.close()
    typer.echo(tally.summary())
    if tally.failed:
        raise typer.Exit(1)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def quote_record(article: Article, quote: Quote) -> dict:
    """One line of ``quotes extract --format jsonl``: the keys in ``EXTRACT_KEYS``."""
    fields = quote._asdict()
    record = {key: fields.get(key) for key in EXTRACT_KEYS}
    record.update(
        article=article.name,
        segments=[list(part) for part in quote.parts],
        context=article.text[quote.context_start : quote.context_end],
        outlet=article.outlet,
        published=article.published,
        title=article.title,
    )
    return record


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
    cue_start, cue_end, context, outlet, published and title; offsets index the
    article text, and segments lists the [start, end] of each part of a quote
    interrupted by its attribution (text is the parts joined by one space).
    Exits 1 when any input could not be read.

    Example: quotes extract story.txt --format table
    (on a Dask cluster: quotes extract archive/ --scheduler local:2 --out shards/)
    """
    if scheduler or out:
        cluster = (scheduler, out, model, full_pipeline, Budget(time_limit, memory_limit))
        return extract_on_cluster(paths, *cluster, partition_size)
    report = _reporter(Console(stderr=True))
    tally = Tally()
    table = Table("article", "speaker", "kind", "cue", "quote")
    articles = read_articles(paths, report, tally)
    extractor = pick_extractor(model, full_pipeline)
    budget = Budget(time_limit, memory_limit)
    for article, quotes in extract_stream(extractor, articles, 1, budget):
        if isinstance(quotes, Exception):
            tally.failed += 1
            report(f"error: {article.source}: extraction failed: {quotes}")
            continue
        for quote in quotes:
            record = quote_record(article, quote)
            if format is ExtractFormat.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                _add_row(table, record)
    if format is ExtractFormat.table:
        Console().print(table)
    if tally.failed:
        raise typer.Exit(1)


def _add_row(table: Table, record: dict) -> None:
    from quotes.cli.terminal import cell

    keys = ("article", "speaker", "kind", "cue", "text")
    table.add_row(*(cell(record[key] or "") for key in keys))
