"""Ingest and re-extraction runs: many articles through the extractor into the database,
one :mod:`outcome <quotes.ingest.outcomes>` per input, streaming."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from quotes.ingest.extraction import extract_stream, load_extractor
from quotes.ingest.outcomes import Failed, Outcome, Skipped, Stored, Warned
from quotes.ingest.writing import rewrite_article, settle_speakers, write_article
from quotes.limits import Budget
from quotes.records import Article, Quote

if TYPE_CHECKING:
    from quotes.extract import QuoteExtractor

Hold = Callable[[], AbstractContextManager]


def ingest(
    db: Database,
    sources: Iterable[str | Path] | Iterable[Article],
    extractor: QuoteExtractor | None = None,
    workers: int = 1,
    *,
    budget: Budget | None = None,
    update_metadata: bool = False,
    hold: Hold = contextlib.nullcontext,
    **read_options,
) -> Iterator[Outcome]:
    """Read, extract and store articles; yield what happened to each input, in order.

    ``sources`` are paths, folders, globs, ``-`` or URLs (read by
    :func:`quotes.read.read_inputs`, which takes ``read_options``: ``outlet``,
    ``url``, ``published``, ``title``, ``metadata``, ``timeout``) or
    :class:`~quotes.records.Article` records. An article whose text is stored
    already is :class:`Skipped` before it is parsed; its differing metadata is
    written with ``update_metadata``. The others are extracted by ``extractor``
    (default: the loaded en_core_web_sm) over ``workers`` processes, each on
    ``budget`` when given, and :class:`Stored` one transaction each through
    :func:`~quotes.ingest.writing.write_article`; once all are, their speakers
    are settled across the database. An input that fails is :class:`Failed`,
    and the run goes on.

    ``hold()`` wraps writing each article and handing back its outcome, so that
    a caller counting outcomes can defer an interruption until both are done
    (the CLI's Ctrl-C). Raises ``ValueError`` at once when ``read_options`` are bad.
    """
    notes: deque[Outcome] = deque()
    articles = _read(sources, notes, **read_options)
    new = _new_articles(db, articles, notes, update_metadata)
    return _ingest(db, new, notes, extractor or load_extractor(), workers, budget, hold)


def _ingest(db, articles, notes, extractor, workers, budget, hold) -> Iterator[Outcome]:
    stream = extract_stream(extractor, articles, workers, budget)
    with contextlib.closing(stream):
        for article, quotes in stream:
            yield from _drain(notes)
            if isinstance(quotes, Exception):
                yield Failed(article.source, f"extraction failed: {quotes}")
                continue
            with hold():
                try:
                    result = write_article(db, article, quotes, settle=False)
                except Exception as error:
                    yield Failed(article.source, f"could not store: {error}")
                    continue
                yield Stored(article, result) if result.added else Skipped(article)
    yield from _drain(notes)
    with hold():
        settle_speakers(db)


def extract(
    sources: Iterable[str | Path] | Iterable[Article],
    extractor: QuoteExtractor | None = None,
    workers: int = 1,
    *,
    budget: Budget | None = None,
    **read_options,
) -> Iterator[tuple[Article, list[Quote]] | Failed | Warned]:
    """Read and extract articles without any database (``quotes extract``): each
    article with its quotes, in order, or what failed or was left out (sources,
    ``read_options``, ``extractor``, ``workers`` and ``budget`` as for :func:`ingest`).
    Raises ``ValueError`` at once when ``read_options`` are bad."""
    notes: deque[Outcome] = deque()
    articles = _read(sources, notes, **read_options)
    return _extract(articles, notes, extractor or load_extractor(), workers, budget)


def _extract(articles, notes, extractor, workers, budget) -> Iterator:
    for article, quotes in extract_stream(extractor, articles, workers, budget):
        yield from _drain(notes)
        if isinstance(quotes, Exception):
            yield Failed(article.source, f"extraction failed: {quotes}")
        else:
            yield article, quotes
    yield from _drain(notes)


def reextract(
    db: Database,
    extractor: QuoteExtractor | None = None,
    ids: Iterable[str] | None = None,
) -> Iterator[Stored | Failed]:
    """Run ``extractor`` (default: the loaded en_core_web_sm) again over the stored
    articles (all, or those with ``ids``) and replace their quotes, keeping ids,
    fact-checks and corrections (see :func:`~quotes.ingest.writing.rewrite_article`):
    :class:`Stored` with a ``ReextractResult`` per article, or :class:`Failed`."""
    from quotes.store.articles import stored_articles

    articles = list(stored_articles(db, ids))  # read before the writes begin
    for article, quotes in extract_stream(extractor or load_extractor(), articles):
        if isinstance(quotes, Exception):
            yield Failed(article.source, f"extraction failed: {quotes}")
        else:
            yield Stored(article, rewrite_article(db, article, quotes))


def _drain(notes: deque[Outcome]) -> Iterator[Outcome]:
    while notes:
        yield notes.popleft()


def _read(sources, notes: deque[Outcome], **options) -> Iterator[Article]:
    """The articles of ``sources``; what cannot be read goes to ``notes`` as
    :class:`Failed`, what was left out of an article as :class:`Warned`."""
    if isinstance(sources, str | Path):
        sources = [sources]
    sources = iter(sources)
    first = next(sources, None)
    if first is None:
        return iter(())
    if isinstance(first, Article):
        return _chain(first, sources)
    from quotes.read import read_inputs

    items = read_inputs([str(first), *map(str, sources)], **options)
    return _articles_only(items, notes)


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest


def _articles_only(items, notes: deque[Outcome]) -> Iterator[Article]:
    from quotes.read import ReadFailure, ReadWarning

    for item in items:
        if isinstance(item, ReadFailure):
            notes.append(Failed(item.source, item.reason))
        elif isinstance(item, ReadWarning):
            notes.append(Warned(item.source, item.reason))
        else:
            yield item


def _new_articles(
    db: Database, articles: Iterable[Article], notes: deque[Outcome], update: bool
) -> Iterator[Article]:
    """Only the articles not stored yet (nor seen earlier in this run), before parsing;
    the others go to ``notes`` as :class:`Skipped`, with the metadata they bring that
    differs from the stored article's (written when ``update``)."""
    from quotes.factcheck.article_metadata import reingest_differences, set_article_metadata
    from quotes.store import article_id, has_article

    seen: set[str] = set()
    for article in articles:
        key = article_id(article.text)
        if key in seen:
            notes.append(Skipped(article))
        elif has_article(db, article.text):
            changes = reingest_differences(db, article) or None
            if changes and update:
                set_article_metadata(db, key, **{field: new for field, (_, new) in changes.items()})
            notes.append(Skipped(article, changes, bool(changes and update)))
        else:
            seen.add(key)
            yield article
