"""What a long run of the command line counts and how Ctrl-C stops it: the tally of
stored, skipped and failed articles, and SIGINT held while an article is stored."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from quotes.cli.wording import plural
from quotes.ingest.outcomes import Failed, Outcome, Skipped, Stored


@dataclass
class Tally:
    """What one ``ingest`` run did."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    words: int = 0

    def count(self, outcome: Outcome) -> None:
        """Add one outcome of :func:`quotes.ingest.ingest` to the totals."""
        if isinstance(outcome, Stored):
            self.added += 1
            self.quotes += outcome.result.quotes
            self.words += len(outcome.article.text.split())
        elif isinstance(outcome, Skipped):
            self.skipped += 1
        elif isinstance(outcome, Failed):
            self.failed += 1

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
