"""The database side of the cluster commands: every article goes through the one write
path of ``quotes ingest`` (:mod:`quotes.ingest.writing`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.ingest.writing import settle_speakers, write_article
from quotes.records import Article, Quote

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quotes.store import SaveResult


def store_article(db: Database, article: Article, quotes: list[Quote]) -> SaveResult:
    """Store one article and its quotes as ``quotes ingest`` does (one transaction, nothing
    twice, statements updated); speakers are settled by :func:`settle` after the batch."""
    return write_article(db, article, quotes, settle=False)


def settle(db: Database) -> None:
    """Reconcile speaker identity across the database after a batch, as ``quotes ingest`` does."""
    settle_speakers(db)
