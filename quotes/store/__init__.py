"""Storage: articles, quotes and speakers in SQLite through sqlite-utils.

Knows nothing of spaCy: it takes :class:`~quotes.records.Article` and
:class:`~quotes.records.Quote` records and writes rows::

    db = open_db("quotes.db")
    save_article(db, article, quotes)
"""

from quotes.store.database import NotAQuotesDatabase, open_db, open_readonly
from quotes.store.ids import article_id, content_hash, normalise_quote, quote_id
from quotes.store.query import export_rows
from quotes.store.save import SaveResult, has_article, save_article
from quotes.store.speakers import resolve_speaker

__all__ = [
    "NotAQuotesDatabase",
    "SaveResult",
    "article_id",
    "content_hash",
    "export_rows",
    "has_article",
    "normalise_quote",
    "open_db",
    "open_readonly",
    "quote_id",
    "resolve_speaker",
    "save_article",
]
