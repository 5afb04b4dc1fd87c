"""``read_inputs``: files, folders, globs, stdin and URLs in; articles or failures out, lazily.

Metadata comes in layers, each beating the one before: what the text or
page itself shows (detection, then front matter) < PolNeAR ``metadata.tsv``
< the folder's ``sources.yml`` < the options given to :func:`read_inputs`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quotes.limits import too_long
from quotes.outlets import normalise_outlet
from quotes.read.decode import binary_kind, decode_bytes
from quotes.read.failures import ReadError, ReadFailure, ReadWarning, megabytes, os_reason
from quotes.read.fields import FIELDS, clean_fields, merge_fields, normalise_date
from quotes.read.files import read_file_bytes
from quotes.read.html import extract_html, looks_like_html
from quotes.read.paths import HTML_SUFFIXES, Input, expand_inputs
from quotes.read.polnear import find_metadata, load_metadata, row_fields
from quotes.read.sidecar import SIDECAR_NAME, load_sidecar, sidecar_fields
from quotes.read.text import detect_metadata
from quotes.read.url import fetch, url_slug
from quotes.records import Article
from quotes.weburl import web_url

STDIN_SOURCE = "<stdin>"


def read_inputs(
    paths: list[str],
    *,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
    metadata: Path | None = None,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
) -> Iterator[Article | ReadFailure | ReadWarning]:
    """Read articles from files, folders, globs, ``-`` (stdin) and http(s) URLs, lazily.

    Yields one :class:`~quotes.records.Article` per article read, or a
    :class:`ReadFailure` (source, one-line reason) for each input that could
    not be read; reading goes on after a failure. An article URL that is not
    http(s) with a host (``javascript:``, ``data:`` ...) is dropped: the
    article comes without it, after a :class:`ReadWarning` saying so.

    ``outlet``, ``url``, ``published`` (``YYYY-MM-DD``), ``title``: set on every article,
    beating ``sources.yml``, corpus metadata and what is detected in the text.
    ``metadata``: a PolNeAR ``metadata.tsv`` to use for every file (found
    automatically for files under ``DIR/text/`` otherwise).
    ``timeout``: seconds allowed for each URL. ``max_bytes``: larger inputs fail,
    as do texts longer than :data:`quotes.limits.MAX_ARTICLE_CHARS` and any holding a NUL.

    Raises ``ValueError`` at once (before any reading) when ``published`` is
    not a date, ``url`` not an http(s) URL with a host or ``metadata`` cannot be read.
    """
    if published is not None and normalise_date(published) is None:
        raise ValueError(f"published must be a date like 2024-05-19, not {published!r}")
    if url is not None and web_url(url) is None:
        raise ValueError(f"not an http(s) URL with a host: {url!r}")
    rows = None
    if metadata is not None:
        try:
            rows = load_metadata(Path(metadata))
        except ReadError as error:
            raise ValueError(f"{metadata}: {error.reason}") from None
    overrides = clean_fields(
        {"outlet": outlet, "url": url, "published": published, "title": title}
    )
    reader = _Reader(overrides, rows, timeout=timeout, max_bytes=max_bytes)
    return reader.read_all(paths)


class _Reader:
    """Reads inputs one by one, loading each folder's ``sources.yml`` and each corpus table once."""

    def __init__(
        self,
        overrides: dict[str, Any],
        rows: dict[str, dict[str, Any]] | None,
        *,
        timeout: float,
        max_bytes: int,
    ) -> None:
        self.overrides = overrides
        self.rows = rows
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sidecars: dict[Path, dict[str, dict[str, Any]]] = {}
        self.corpora: dict[Path, dict[str, dict[str, Any]]] = {}

    def read_all(self, names: list[str]) -> Iterator[Article | ReadFailure | ReadWarning]:
        for item in expand_inputs(names):
            if isinstance(item, ReadFailure):
                yield item
                continue
            for found in self.read(item):
                if isinstance(found, Article) and found.url and not web_url(found.url):
                    reason = f"url dropped (not an http(s) URL with a host): {found.url!r}"
                    yield ReadWarning(found.source, reason)
                    found.url = None
                yield found

    def read(self, item: Input) -> Iterator[Article | ReadFailure]:
        source = STDIN_SOURCE if item.kind == "stdin" else item.target
        try:
            if item.kind == "file":
                yield from self._read_file(Path(item.target))
            elif item.kind == "url":
                yield self._read_url(item.target)
            else:
                yield self._read_stdin()
        except ReadError as error:
            yield ReadFailure(source, error.reason)
        except OSError as error:
            yield ReadFailure(source, os_reason(error))
        except Exception as error:  # one bad input must not end a batch
            yield ReadFailure(source, f"unexpected error: {type(error).__name__}: {error}")

    def _read_file(self, path: Path) -> Iterator[Article | ReadFailure]:
        data = read_file_bytes(path, self.max_bytes)
        if path.suffix.lower() in HTML_SUFFIXES:
            text, found = _from_html(data)
        else:
            text, found = _from_text(decode_bytes(data))
        corpus, failure = self._corpus_fields(path)
        if failure:
            yield failure
        sidecar, failure = self._sidecar_fields(path)
        if failure:
            yield failure
        yield self._article(text, path.stem, str(path), found, corpus, sidecar)

    def _read_url(self, address: str) -> Article:
        page = fetch(address, timeout=self.timeout, max_bytes=self.max_bytes)
        if page.media_type == "text/plain":
            text, found = _from_text(decode_bytes(page.body))
            found.setdefault("url", page.url)
        else:
            text, found = _from_html(page.body, page.url)
        return self._article(text, url_slug(address), address, found)

    def _read_stdin(self) -> Article:
        data = sys.stdin.buffer.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ReadError(f"too large (> {megabytes(self.max_bytes)} limit)")
        text = decode_bytes(data)
        text, found = _from_html(data) if looks_like_html(text) else _from_text(text)
        return self._article(text, "stdin", STDIN_SOURCE, found)

    def _article(self, text: str, name: str, source: str, *layers: dict[str, Any]) -> Article:
        if "\x00" in text:
            raise ReadError("binary file (NUL bytes)")
        if reason := too_long(text):
            raise ReadError(reason)
        merged = merge_fields(*layers, self.overrides)
        merged["outlet"] = normalise_outlet(merged.get("outlet"))
        fields = {key: merged.get(key) for key in FIELDS}
        extra = {key: value for key, value in merged.items() if key not in FIELDS}
        return Article(text=text, name=name, source=source, extra=extra, **fields)

    def _sidecar_fields(self, path: Path) -> tuple[dict[str, Any], ReadFailure | None]:
        folder = path.parent
        failure = None
        if folder not in self.sidecars:
            try:
                self.sidecars[folder] = load_sidecar(folder)
            except ReadError as error:
                self.sidecars[folder] = {}
                failure = ReadFailure(str(folder / SIDECAR_NAME), error.reason)
        return sidecar_fields(self.sidecars[folder], path), failure

    def _corpus_fields(self, path: Path) -> tuple[dict[str, Any], ReadFailure | None]:
        if self.rows is not None:
            return row_fields(self.rows, path), None
        tsv = find_metadata(path)
        if tsv is None:
            return {}, None
        failure = None
        if tsv not in self.corpora:
            try:
                self.corpora[tsv] = load_metadata(tsv)
            except ReadError as error:
                self.corpora[tsv] = {}
                failure = ReadFailure(str(tsv), error.reason)
        return row_fields(self.corpora[tsv], path), failure


def _from_text(text: str) -> tuple[str, dict[str, Any]]:
    return text, detect_metadata(text)


def _from_html(data: bytes | str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    if isinstance(data, bytes):
        kind = binary_kind(data)
        if kind:
            raise ReadError(f"binary file ({kind})")
    return extract_html(data, url)
