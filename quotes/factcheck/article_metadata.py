"""Correcting an article's metadata after ingest (outlet, date, title, URL), recorded
like every correction, with its quotes' list columns and statements following."""

from __future__ import annotations

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.annotate import check_date, check_url, immediate
from quotes.factcheck.curation import record_correction
from quotes.records import Article
from quotes.statements import sync_quotes
from quotes.store import article_id
from quotes.store.articles import find_article, metadata_differences, update_article_metadata


def checked_metadata(
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> dict:
    """The fields given, cleaned (single-spaced) and checked: the date ISO, the URL
    http(s) with a host; :class:`Refused` otherwise."""
    fields = {
        "outlet": outlet and " ".join(outlet.split()),
        "published": published,
        "title": title and " ".join(title.split()),
        "url": url,
    }
    for key in ("outlet", "title"):
        if fields[key] is not None and not fields[key]:
            raise Refused(f"the {key} cannot be empty")
    if published is not None:
        check_date(published)
    if url is not None:
        check_url(url)
    return {key: value for key, value in fields.items() if value is not None}


def set_article_metadata(
    db: Database,
    article: str,
    *,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    reviewer: str | None = None,
) -> dict[str, tuple]:
    """Set the metadata given on the article ``article`` (id or 6+ character prefix), in
    one transaction with an ``article.set`` correction row; its quotes' outlet and
    date, and their statements, follow. Returns ``{field: (before, after)}`` of what
    changed (empty when nothing did, and then nothing is written)."""
    fields = checked_metadata(outlet, published, title, url)
    if not fields:
        raise Refused("nothing to set: give --outlet, --date, --title or --url")
    key = find_article(db, article)
    with immediate(db):
        changes = metadata_differences(db, key, fields)
        if not changes:
            return {}
        update_article_metadata(db, key, {field: new for field, (_, new) in changes.items()})
        record_correction(
            db,
            "article.set",
            key,
            {field: old for field, (old, _) in changes.items()},
            {field: new for field, (_, new) in changes.items()},
            reviewer=reviewer,
        )
        quote_ids = [
            row[0]
            for row in db.execute("select id from quotes where article_id = ?", [key]).fetchall()
        ]
        sync_quotes(db, quote_ids)
    return changes


def reingest_differences(db: Database, article: Article) -> dict[str, tuple]:
    """For an article read again whose text is stored already: ``{field: (stored, read)}``
    for the outlet, date, title and URL it now brings that differ from the stored ones."""
    given = {key: getattr(article, key) for key in ("outlet", "published", "title", "url")}
    return metadata_differences(db, article_id(article.text), given)


def describe_differences(changes: dict[str, tuple]) -> str:
    """``outlet 'A' (stored) vs 'B' (this run), date ...``, for a one-line note."""
    return ", ".join(
        f"{'date' if key == 'published' else key} {old!r} (stored) vs {new!r} (this run)"
        for key, (old, new) in changes.items()
    )
