"""The cluster side of the command line: ``quotes load``, and ``extract`` / ``ingest`` with
``--scheduler`` (their options are declared here; the commands call in)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from quotes.cli.app import app
from quotes.cli.terminal import reporter
from quotes.limits import Budget

if TYPE_CHECKING:
    from distributed import Client
    from sqlite_utils import Database

    from quotes.cluster.load import Counts
    from quotes.cluster.worker import Done



def extract_on_cluster(
    paths: list[str],
    scheduler: str | None,
    out: Path | None,
    model: str | None,
    full: bool,
    budget: Budget,
    size: int,
) -> None:
    """``quotes extract --scheduler``: shards into ``out``; exits 1 when any input failed."""
    from quotes.cluster.jobs import extract_to_shards
    from quotes.cluster.worker import Job

    if scheduler is None:
        raise typer.BadParameter("--out needs --scheduler (for this machine: --scheduler local)")
    if out is None:
        raise typer.BadParameter("--scheduler needs --out DIR, the folder for the shards")
    console = Console(stderr=True)
    job = Job(model=model, full=full, budget=budget, out=str(out.resolve()))
    with _cluster(scheduler, job) as client:
        partitions = _plan(client, paths, size)
        done = list(_shown(console, extract_to_shards(client, partitions, job), len(partitions)))
    failed = sum(len(d.failures) for d in done)
    written = [d for d in done if not d.skipped]
    typer.echo(
        f"{len(written)} shards written to {out}, {len(done) - len(written)} complete already; "
        f"{sum(d.articles for d in written)} articles, {sum(d.quotes for d in written)} quotes, "
        f"{failed} failed"
    )
    _workers_line(console, done)
    if failed:
        raise typer.Exit(1)


def ingest_on_cluster(
    db: Database,
    paths: list[str],
    scheduler: str,
    options: dict,
    model: str | None,
    full: bool,
    budget: Budget,
    size: int,
    tally: Counts,
    hold: Callable,
) -> None:
    """``quotes ingest --scheduler``: extract on the cluster, store here as tasks finish."""
    from quotes.cluster import jobs
    from quotes.cluster.worker import Job

    if options.pop("update_metadata", False):
        raise typer.BadParameter("--update-metadata is not available with --scheduler")
    _check_read_options(options)
    console = Console(stderr=True)
    read_options = tuple((k, str(v) if isinstance(v, Path) else v) for k, v in options.items())
    job = Job(model=model, full=full, budget=budget, read_options=read_options)
    with _cluster(scheduler, job) as client:
        partitions = _plan(client, paths, size)
        stream = jobs.ingest_on_cluster(client, db, partitions, job, tally, reporter(), hold)
        done = list(_shown(console, stream, len(partitions)))
    _workers_line(console, done)


@app.command(rich_help_panel="Build the database")
def load(
    shards: Annotated[
        list[Path],
        typer.Argument(
            metavar="DIR...",
            help="Folders of shards written by quotes extract --scheduler --out (or shards).",
            show_default=False,
        ),
    ],
    db: Annotated[Path, typer.Option(help="SQLite database to write (created if missing).")] = Path(
        "quotes.db"
    ),
) -> None:
    """Store the articles and quotes of shards in a SQLite database, as quotes ingest would.

    Each article is one transaction and is keyed by its text, so loading the same
    shards twice adds nothing; speakers are settled across the database at the end.
    Each failure line of a shard (an input that could not be read or extracted), and
    each line or shard that cannot be read, prints one line [bold]error: SOURCE: reason[/].

    Exit code: 0 when every article was stored or skipped, 1 when any failed, 130 when
    interrupted with Ctrl-C (articles stored so far are kept).

    Example: quotes load shards/ --db quotes.db
    """
    from quotes.cli.database import open_for_writing, refuse
    from quotes.cli.runs import CtrlC, Tally
    from quotes.cluster.load import load_shards
    from quotes.cluster.shards import shard_paths

    for path in shards:
        if not path.exists():
            raise refuse(path, "no such folder or shard")
    found = shard_paths(shards)
    database = open_for_writing(db)
    tally = Tally()
    console = Console(stderr=True)
    try:
        with CtrlC().installed() as ctrl_c, _progress(console, "shards") as progress:
            task = progress.add_task("load", total=len(found), articles=0, quotes=0)

            def shown(path: Path) -> None:
                progress.update(task, advance=1, articles=tally.added, quotes=tally.quotes)

            load_shards(database, found, tally, reporter(), ctrl_c.hold, shown)
    except KeyboardInterrupt:
        reporter()("interrupted")
        typer.echo(tally.summary())
        raise typer.Exit(130) from None
    finally:
        database.close()
    typer.echo(f"{len(found)} shards: {tally.summary()}")
    if tally.failed:
        raise typer.Exit(1)


@contextlib.contextmanager
def _cluster(scheduler: str, job) -> Iterator[Client]:
    try:
        from quotes.cluster.connect import connect
    except ImportError as error:
        typer.echo(
            f"error: --scheduler needs Dask ({error}): pip install 'quotes[cluster]'", err=True
        )
        raise typer.Exit(1) from None
    with contextlib.ExitStack() as stack:
        try:
            client = stack.enter_context(connect(scheduler, job.model, job.full, job.budget))
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
        except (OSError, TimeoutError) as error:
            typer.echo(f"error: {scheduler}: cannot use this Dask scheduler ({error})", err=True)
            raise typer.Exit(1) from None
        yield client


def _plan(client: Client, paths: list[str], size: int):
    from quotes.cluster.jobs import plan

    try:
        return plan(client, paths, size)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _check_read_options(options: dict) -> None:
    from quotes.read import read_inputs

    try:
        read_inputs([], **options)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _shown(console: Console, stream: Iterable[Done], total: int) -> Iterator[Done]:
    """``stream`` as it goes, with a progress bar on a terminal and each failure reported."""
    report = reporter()
    articles = quotes = 0
    with _progress(console, "partitions") as progress:
        task = progress.add_task("run", total=total, articles=0, quotes=0)
        for done in stream:
            if done.lines is None:  # written to a shard: report its failures here
                for failure in done.failures:
                    report(f"error: {failure.source}: {failure.reason}")
            articles += done.articles
            quotes += done.quotes
            progress.update(task, advance=1, articles=articles, quotes=quotes)
            yield done


def _workers_line(console: Console, done: list[Done]) -> None:
    peaks: dict[str, int] = {}
    for d in done:
        if d.worker:
            peaks[d.worker] = max(peaks.get(d.worker, 0), d.peak_mb)
    if peaks:
        memory = ", ".join(f"{mb} MB" for mb in sorted(peaks.values(), reverse=True))
        work = sum(d.seconds for d in done)
        console.print(
            f"cluster: {len(done)} tasks, {work:.1f} s of work on {len(peaks)} workers; "
            f"peak memory per worker {memory}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def _progress(console: Console, unit: str) -> Progress:
    return Progress(
        BarColumn(),
        TextColumn(f"{{task.completed}}/{{task.total}} {unit}"),
        TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[quotes]} quotes"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )


