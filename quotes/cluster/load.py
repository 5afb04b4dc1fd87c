"""Shards into the database: each article through the one write path, failures reported."""

from __future__ import annotations

import contextlib
import gzip
import zlib
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from quotes.cluster.shards import Extracted, Failure, ShardLine, decode, read_shard
from quotes.cluster.write import settle, store_article

if TYPE_CHECKING:
    from sqlite_utils import Database

Report = Callable[[str], None]
Hold = Callable[[], AbstractContextManager]


class Counts(Protocol):
    """What storing shard lines counts, kept by the caller (``quotes ingest``'s tally):
    articles added, skipped (stored already) and failed (failure lines, bad lines,
    articles that could not be stored), quotes and words stored."""

    added: int
    skipped: int
    failed: int
    quotes: int
    words: int


def store_lines(
    db: Database,
    lines: Iterable[ShardLine],
    tally: Counts,
    report: Report,
    hold: Hold = contextlib.nullcontext,
) -> None:
    """Store each extracted article of ``lines`` (one transaction each, inside ``hold()``)
    and report each failure as ``error: SOURCE: reason``, each warning as
    ``warning: SOURCE: reason``. Speakers are left for :func:`settle`."""
    for line in lines:
        if isinstance(line, Extracted):
            _store(db, line, tally, report, hold)
        elif isinstance(line, Failure):
            tally.failed += 1
            report(f"error: {line.source}: {line.reason}")
        else:
            report(f"warning: {line.source}: {line.reason}")


def load_shard(
    db: Database, path: Path, tally: Counts, report: Report, hold: Hold = contextlib.nullcontext
) -> None:
    """Store the articles of one shard (see :func:`store_lines`). A line that cannot be
    read is reported as ``error: SHARD:LINE: reason`` and the rest goes on; a shard that
    is not gzip, or is cut short, is reported once, after what could be read."""
    try:
        for number, text in read_shard(path):
            try:
                line = decode(text)
            except ValueError as error:
                tally.failed += 1
                report(f"error: {path}:{number}: {error}")
                continue
            store_lines(db, [line], tally, report, hold)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        tally.failed += 1
        reason = "cut short" if isinstance(error, EOFError) else _reason(error)
        report(f"error: {path}: unreadable shard ({reason})")


def load_shards(
    db: Database,
    paths: Iterable[Path],
    tally: Counts,
    report: Report,
    hold: Hold = contextlib.nullcontext,
    after_shard: Callable[[Path], None] = lambda path: None,
) -> None:
    """Store every shard in ``paths`` in turn, then settle speaker identity once. Loading
    the same shards again adds nothing (articles are keyed by their text)."""
    for path in paths:
        load_shard(db, path, tally, report, hold)
        after_shard(path)
    with hold():
        settle(db)


def _store(db: Database, line: Extracted, tally: Counts, report: Report, hold: Hold) -> None:
    with hold():
        try:
            result = store_article(db, line.article, line.quotes)
        except Exception as error:
            tally.failed += 1
            report(f"error: {line.article.source}: could not store: {error}")
            return
        tally.added += result.added
        tally.skipped += not result.added
        tally.quotes += result.quotes
        tally.words += len(line.article.text.split()) if result.added else 0


def _reason(error: Exception) -> str:
    if isinstance(error, gzip.BadGzipFile):
        return "not gzip"
    return str(error) or type(error).__name__
