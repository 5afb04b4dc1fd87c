"""Shards: one gzipped JSON-lines file per partition of the input, written whole or not at all.

Each line is one article or one input that failed, in input order:

- an article: ``{"article": {name, source, title, outlet, url, published, byline, extra},
  "text": ..., "content_hash": sha256 of the text, "quotes": [Quote fields, segments as
  [start, end] lists]}``; ``quotes`` are :class:`~quotes.records.Quote` fields as the
  extractor gave them, so loading stores exactly what ``quotes ingest`` would;
- a failure: ``{"source": ..., "error": "one-line reason"}`` (unreadable input, or an
  article whose extraction failed: ``"extraction failed: over the time limit (60 s)"``);
- a warning: ``{"source": ..., "warning": "..."}`` (something dropped from an article).

A shard is written to a temporary name beside it and renamed into place, so a shard
with its final name is complete and a re-run skips it.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from quotes.read import ReadWarning
from quotes.records import Article, Quote
from quotes.store.ids import content_hash

SHARD_SUFFIX = ".jsonl.gz"
ARTICLE_FIELDS = ("name", "source", "title", "outlet", "url", "published", "byline", "extra")


class Failure(NamedTuple):
    """An input that gave no article (or no quotes): where from, and why, in one line."""

    source: str
    reason: str


class Extracted(NamedTuple):
    """One article and the quotes found in it."""

    article: Article
    quotes: list[Quote]


ShardLine = Extracted | Failure | ReadWarning


def encode(item: ShardLine) -> str:
    """One shard line (no newline) for an extracted article, a failure or a warning."""
    if isinstance(item, Failure):
        record = {"source": item.source, "error": item.reason}
    elif isinstance(item, ReadWarning):
        record = {"source": item.source, "warning": item.reason}
    else:
        fields = asdict(item.article)
        record = {
            "article": {key: fields[key] for key in ARTICLE_FIELDS},
            "text": item.article.text,
            "content_hash": content_hash(item.article.text),
            "quotes": [_quote_fields(quote) for quote in item.quotes],
        }
    return json.dumps(record, ensure_ascii=False, default=str)


def decode(line: str) -> ShardLine:
    """The article, failure or warning a shard line holds.

    Raises ``ValueError`` with a one-line reason for a line that is not JSON, lacks a
    key, or whose text does not match its ``content_hash``.
    """
    try:
        record = json.loads(line)
        if "error" in record:
            return Failure(record["source"], record["error"])
        if "warning" in record:
            return ReadWarning(record["source"], record["warning"])
        text = record["text"]
        if content_hash(text) != record["content_hash"]:
            raise ValueError("the text does not match its content_hash")
        article = Article(text=text, **record["article"])
        quotes = [_quote(fields) for fields in record["quotes"]]
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a shard line ({type(error).__name__}: {error})") from None
    return Extracted(article, quotes)


def write_shard(path: Path, items: Iterable[ShardLine]) -> None:
    """Write ``items`` to the shard at ``path`` atomically: a temporary file beside it,
    flushed to disk, then renamed. A crash leaves no file with the shard's name."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
                for item in items:
                    handle.write(encode(item).encode("utf-8") + b"\n")
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_shard(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a shard with their numbers (from 1), newline stripped."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, line.rstrip("\n")


def shard_paths(folders: Iterable[Path]) -> list[Path]:
    """Every complete shard in ``folders`` (a shard's own path counts too), sorted by name
    within each folder; temporary files of shards being written are left out."""
    found = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
        else:
            shards = folder.glob(f"*{SHARD_SUFFIX}")
            found += sorted(path for path in shards if not path.name.startswith("."))
    return found


def _quote_fields(quote: Quote) -> dict:
    fields = quote._asdict()
    fields["segments"] = [list(part) for part in quote.segments]
    return fields


def _quote(fields: dict) -> Quote:
    segments = tuple(tuple(part) for part in fields.pop("segments", ()))
    return Quote(**fields, segments=segments)
