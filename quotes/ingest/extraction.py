"""Articles in, each paired with its quotes (or the error that stopped it), streaming."""

from __future__ import annotations

import contextlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from quotes.limits import Budget
from quotes.records import Article, Quote

if TYPE_CHECKING:
    from quotes.extract import QuoteExtractor


@cache
def load_extractor(model: str | None = None) -> QuoteExtractor:
    """The extractor for ``model`` (default: en_core_web_sm), loaded once per process."""
    from quotes.extract import QuoteExtractor

    return QuoteExtractor(model)


def pick_extractor(model: str | None = None, full: bool = False) -> QuoteExtractor:
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
    """Pair each article with its quotes, streaming through ``extractor.pipe``; none
    from the article's own title line (see :func:`outside_title`).

    When the pipe raises, the articles in flight are extracted one by one so
    only the bad one comes back with its exception, and streaming resumes.
    With a ``budget``, worker processes extract every article and stop one that
    takes longer or more memory than it allows; it comes back as its exception.
    """
    for article, found in _pairs(extractor, articles, n_process, budget):
        yield article, found if isinstance(found, Exception) else outside_title(article, found)


def outside_title(article: Article, quotes: list[Quote]) -> list[Quote]:
    """The quotes not in the article's title, when its text opens with it: a headline
    written as a sentence ('Judge rejects New York Times request to unseal Trump divorce
    file.') reports no one's words, and the layout rules only see title case."""
    if not article.title:
        return quotes
    text = article.text
    start = _LEADING_SPACE.match(text).end()
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if _folded(text[start:end]) != _folded(article.title):
        return quotes
    return [quote for quote in quotes if quote.start >= end]


_LEADING_SPACE = re.compile(r"\s*")


def _folded(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.casefold()))


def _pairs(
    extractor: QuoteExtractor,
    articles: Iterable[Article],
    n_process: int,
    budget: Budget | None,
) -> Iterator[tuple[Article, list[Quote] | Exception]]:
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
