"""What happened to each input of an ingest or re-extraction run, one record per input."""

from __future__ import annotations

from typing import NamedTuple

from quotes.records import Article


class Stored(NamedTuple):
    """An article written with its quotes. ``result`` is what the write did: a
    :class:`~quotes.store.SaveResult` when ingested, a
    :class:`~quotes.ingest.writing.ReextractResult` when re-extracted."""

    article: Article
    result: NamedTuple


class Skipped(NamedTuple):
    """An article whose text is stored already, so it was not stored again. ``changes``
    holds the metadata it came with that differs from the stored article's
    (``{field: (stored, given)}``); ``updated`` says whether they were written."""

    article: Article
    changes: dict | None = None
    updated: bool = False


class Failed(NamedTuple):
    """An input that could not be read, extracted or stored: where it came from and why,
    in one line. Nothing of it is in the database."""

    source: str
    reason: str


class Warned(NamedTuple):
    """Something left out of an article that was read all the same (a ``javascript:``
    URL, for one): where, and what, in one line."""

    source: str
    reason: str


Outcome = Stored | Skipped | Failed | Warned
