"""Extracting quotes in several processes, streaming, in input order.

Worker processes are forked with the parent's loaded extractor (no reload),
warmed up on one short text so that what loads lazily loads once; texts go
out a few at a time and at most two chunks per worker are in flight,
so the corpus is never held in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from quotes.records import Quote

if TYPE_CHECKING:
    from quotes.extract.pipeline import QuoteExtractor

TEXTS_PER_TASK = 4
TASKS_PER_WORKER = 2
WARM_UP = 'Ann Lee, the mayor, said: "We will open the bridge." She added that it was safe.\n'
_extractor: QuoteExtractor | None = None


def _extract_chunk(texts: list[str]) -> list[list[Quote]]:
    return _extractor.quotes_of(texts)


def pipe_in_processes(
    extractor: QuoteExtractor, texts: Iterable[str], n_process: int, batch_size: int = 64
) -> Iterator[list[Quote]]:
    """Yield the quotes of each text, in order, extracted by ``n_process`` forked workers.

    ``batch_size`` caps the texts per task. Without ``fork`` (Windows, macOS
    defaults), spaCy's own ``n_process`` does the work instead.
    """
    global _extractor
    if "fork" not in multiprocessing.get_all_start_methods():
        for doc in extractor.nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            yield list(doc._.quotes)
        return
    _extractor = extractor
    extractor.extract(WARM_UP)  # word lists and name data load once, before the fork
    texts = iter(texts)
    size = max(1, min(batch_size, TEXTS_PER_TASK))
    context = multiprocessing.get_context("fork")
    gc.collect()
    gc.freeze()  # so a worker's collector leaves the pages it shares with us alone
    try:
        yield from _stream(texts, size, n_process, context)
    finally:
        gc.unfreeze()


def _stream(texts: Iterator[str], size: int, n_process: int, context) -> Iterator[list[Quote]]:
    with ProcessPoolExecutor(n_process, mp_context=context) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < n_process * TASKS_PER_WORKER:
                chunk = list(islice(texts, size))
                if not chunk:
                    break
                pending.append(pool.submit(_extract_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
