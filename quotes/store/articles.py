"""Stored articles: read back as records, found by id, their metadata (outlet, date,
title, URL) changed.

Quotes copy their article's outlet and date (for the list's facets and order), so a
change is written to the article and its quotes in one statement each; the list's
facet counts follow through the triggers of :mod:`quotes.store.listing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.records import Article
from quotes.store.save import _outlet

MIN_PREFIX = 6
METADATA = ("outlet", "published", "title", "url")
STORED_SQL = """
select articles.id, outlets.name as outlet, articles.published, articles.title, articles.url
from articles left join outlets on outlets.id = articles.outlet_id where articles.id = ?
"""


def stored_articles(db: Database, ids: Iterable[str] | None = None) -> Iterator[Article]:
    """The stored articles (all, or those with ``ids``), oldest first, as :class:`Article`."""
    sql = (
        "select articles.*, outlets.name as outlet from articles"
        " left join outlets on outlets.id = articles.outlet_id"
    )
    rows = db.query(sql + " order by articles.rowid")
    wanted = None if ids is None else set(ids)
    for row in rows:
        if wanted is None or row["id"] in wanted:
            yield Article(
                text=row["text"], name=row["name"] or row["id"], source=row["source"] or "",
                title=row["title"], outlet=row["outlet"], url=row["url"],
                published=row["published"], byline=row["byline"],
            )


def find_article(db: Database, ref: str) -> str:
    """The id of the article ``ref`` names: its id or an unambiguous prefix of 6+
    characters; :class:`Refused` when none or several match."""
    ref = ref.strip().lower()
    ids = []
    if len(ref) >= MIN_PREFIX and ref.isalnum():
        ids = [
            row[0]
            for row in db.execute(
                "select id from articles where id like ? limit 3", [ref + "%"]
            ).fetchall()
        ]
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise Refused(f"article id prefix {ref!r} matches several articles: {', '.join(ids)}")
    raise Refused(
        f"no article with id {ref!r}: give its id or its first {MIN_PREFIX}+ characters"
        " (list them with: quotes articles list)"
    )


def article_metadata(db: Database, article_id: str) -> dict:
    """The stored outlet (name), published date, title and URL of an article."""
    return next(iter(db.query(STORED_SQL, [article_id])))


def metadata_differences(db: Database, article_id: str, given: dict) -> dict[str, tuple]:
    """``{field: (stored, given)}`` for each of ``METADATA`` that ``given`` sets (not
    ``None``) to something else than the stored article has (outlets without case)."""
    stored = article_metadata(db, article_id)
    differences = {}
    for field in METADATA:
        new, old = given.get(field), stored[field]
        if new is None or new == old:
            continue
        if field == "outlet" and old and new.casefold() == old.casefold():
            continue
        differences[field] = (old, new)
    return differences


def update_article_metadata(db: Database, article_id: str, changes: dict) -> None:
    """Write ``changes`` (fields of ``METADATA``) to the article and the copies its quotes
    hold; call inside a write transaction."""
    row = {key: value for key, value in changes.items() if key in ("published", "title", "url")}
    if "outlet" in changes:
        row["outlet_id"], changes["outlet"] = _outlet(db, changes["outlet"])
    if row:
        db["articles"].update(article_id, row)
    copies = {key: value for key, value in row.items() if key in ("published", "outlet_id")}
    if "outlet" in changes:
        copies["outlet"] = changes["outlet"]
    if copies:
        assignments = ", ".join(f"[{key}] = :{key}" for key in copies)
        db.execute(
            f"update quotes set {assignments} where article_id = :article",
            {**copies, "article": article_id},
        )
