"""The database side of the cluster commands: every article goes through the one write
path of ``quotes ingest`` (issue 15 moves it to ``quotes.ingest``; repoint it here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.records import Article, Quote

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quotes.store import SaveResult


def store_article(db: Database, article: Article, quotes: list[Quote]) -> SaveResult:
    """Store one article and its quotes as ``quotes ingest`` does (one transaction, nothing
    twice, statements updated); speakers are settled by :func:`settle` after the batch."""
    from quotes.statements import save_with_statements

    return save_with_statements(db, article, quotes, settle=False)


def settle(db: Database) -> None:
    """Reconcile speaker identity across the database after a batch, as ``quotes ingest`` does."""
    from quotes.cli.ingest import settle_speakers

    settle_speakers(db)
