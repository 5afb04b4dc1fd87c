"""What runs on a Dask worker: the extractor loaded once per process, and the task that
reads one partition's inputs, extracts their quotes and returns or writes its shard."""

from __future__ import annotations

import ctypes
import os
import resource
import time
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby, islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from distributed import WorkerPlugin, get_worker

from quotes.cluster.deadline import OverTimeLimit, time_limit
from quotes.cluster.partitions import Partition
from quotes.cluster.shards import Extracted, Failure, ShardLine, write_shard
from quotes.ingest.extraction import outside_title
from quotes.limits import Budget
from quotes.read import ReadFailure, ReadWarning, read_inputs
from quotes.records import Article

if TYPE_CHECKING:
    from quotes.extract import QuoteExtractor

ARTICLES_PER_BATCH = 4  # one spaCy batch and memory zone, on one deadline (as workers.py)
M_MMAP_THRESHOLD = -3  # glibc's mallopt option
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024  # the highest glibc's own adjustment goes on 64 bits


class Job(NamedTuple):
    """What every task of one run shares: the model, the per-article budget, the reading
    options of :func:`quotes.read.read_inputs`, and the folder shards go to (``None``:
    lines are sent back to the client instead)."""

    model: str | None = None
    full: bool = False
    budget: Budget = Budget()
    read_options: tuple[tuple[str, object], ...] = ()
    out: str | None = None


class Done(NamedTuple):
    """What one partition's task did. ``lines`` are its shard lines when the job has no
    ``out``, ``failures`` its failure lines either way; ``skipped`` when its shard was
    complete already. ``seconds`` is the time inside the task, ``peak_mb`` the worker
    process's peak memory so far."""

    number: int
    lines: list[ShardLine] | None
    failures: list[Failure]
    articles: int
    quotes: int
    skipped: bool
    seconds: float
    worker: str
    peak_mb: int


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor when a worker starts (and when one is restarted), so the first
    task does not pay for it and the model never travels with a task."""

    idempotent = True

    def __init__(self, model: str | None = None, full: bool = False) -> None:
        self.model = model
        self.full = full
        self.name = f"quotes-extractor-{model or 'default'}{'-full' if full else ''}"

    def setup(self, worker) -> None:
        raise_mmap_threshold()
        worker_extractor(self.model, self.full)


def raise_mmap_threshold() -> bool:
    """Let glibc serve large allocations from its heap again in a worker its nanny started
    with ``MALLOC_TRIM_THRESHOLD_`` (Dask's default): setting that stops glibc raising its
    mmap threshold, so every array spaCy makes past 128 kB is a fresh ``mmap`` and its page
    faults, and an article takes a third longer. True when the threshold was set; nothing
    is done where ``MALLOC_MMAP_THRESHOLD_`` is set already or the C library is not glibc."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1


@cache
def worker_extractor(model: str | None, full: bool) -> QuoteExtractor:
    """The extractor of this worker process, loaded on first use and warmed up."""
    from quotes.extract import QuoteExtractor
    from quotes.extract.workers import WARM_UP

    extractor = QuoteExtractor(model, fast=not full)
    extractor.extract(WARM_UP)
    return extractor


def run_partition(partition: Partition, job: Job) -> Done:
    """Read, extract and (with ``job.out``) write the shard of one partition; a shard
    that exists already is skipped. Every input becomes one line: an article with its
    quotes, or a failure with its reason."""
    started = time.monotonic()
    shard = Path(job.out) / partition.name if job.out else None
    if shard is not None and shard.exists():
        return _done(partition, None, started, skipped=True)
    extractor = worker_extractor(job.model, job.full)
    lines = list(extract_lines(extractor, _read(partition, dict(job.read_options)), job.budget))
    if shard is not None:
        write_shard(shard, lines)
    return _done(partition, lines, started, keep=shard is None)


def extract_lines(
    extractor: QuoteExtractor, items: Iterable[Article | ReadFailure | ReadWarning], budget: Budget
) -> Iterator[ShardLine]:
    """Shard lines for ``items`` in order: articles extracted a few at a time, each batch
    inside one spaCy memory zone and on one ``budget.seconds`` deadline; a batch that
    fails or runs over is done again one article at a time, so only the article at fault
    becomes a failure line."""
    items = iter(items)
    while batch := list(islice(items, ARTICLES_PER_BATCH)):
        for is_article, group in groupby(batch, key=lambda item: isinstance(item, Article)):
            if is_article:
                yield from _extract_batch(extractor, list(group), budget)
            else:
                yield from (_not_read(item) for item in group)


def _extract_batch(
    extractor: QuoteExtractor, articles: list[Article], budget: Budget
) -> Iterator[ShardLine]:
    try:
        with time_limit(budget.seconds):
            found = extractor.quotes_of([article.text for article in articles])
    except (Exception, OverTimeLimit) as error:
        if len(articles) > 1:
            for article in articles:
                yield from _extract_batch(extractor, [article], budget)
            return
        reason = (
            f"over the time limit ({budget.seconds:g} s)"
            if isinstance(error, OverTimeLimit)
            else str(error) or type(error).__name__
        )
        yield Failure(articles[0].source, f"extraction failed: {reason}")
        return
    yield from (Extracted(a, outside_title(a, q)) for a, q in zip(articles, found, strict=True))


def _read(partition: Partition, options: dict) -> Iterator[Article | ReadFailure | ReadWarning]:
    """The partition's items as ``read_inputs`` gives them; runs of files and URLs are read
    by one reader, so a folder's ``sources.yml`` or ``metadata.tsv`` is loaded once."""
    for kind, group in groupby(partition.items, key=lambda item: item[0] == "failure"):
        if kind:
            yield from (ReadFailure(source, reason) for _, source, reason in group)
        else:
            yield from read_inputs([target for _, target in group], **options)


def _not_read(item: ReadFailure | ReadWarning) -> ShardLine:
    return Failure(*item) if isinstance(item, ReadFailure) else item


def _done(
    partition: Partition,
    lines: list[ShardLine] | None,
    started: float,
    *,
    skipped: bool = False,
    keep: bool = False,
) -> Done:
    seconds = round(time.monotonic() - started, 3)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return summarise(
        partition,
        lines or [],
        seconds,
        keep=keep,
        skipped=skipped,
        worker=_worker_address(),
        peak_mb=peak_mb,
    )


def summarise(
    partition: Partition,
    lines: list[ShardLine],
    seconds: float,
    *,
    keep: bool,
    skipped: bool = False,
    worker: str = "",
    peak_mb: int = 0,
) -> Done:
    """The :class:`Done` of ``partition`` whose task gave ``lines`` (kept with ``keep``)."""
    return Done(
        number=partition.number,
        lines=lines if keep else None,
        failures=[line for line in lines if isinstance(line, Failure)],
        articles=sum(isinstance(line, Extracted) for line in lines),
        quotes=sum(len(line.quotes) for line in lines if isinstance(line, Extracted)),
        skipped=skipped,
        seconds=seconds,
        worker=worker,
        peak_mb=peak_mb,
    )


def _worker_address() -> str:
    try:
        return get_worker().address
    except ValueError:  # called outside a worker (in a test)
        return "local"
