"""Writing one article and its quotes: one transaction, nothing twice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from sqlite_utils import Database

from quotes.records import Article, Quote
from quotes.store.database import immediate, insert_row
from quotes.store.ids import article_id, content_hash, quote_id
from quotes.store.speakers import resolve_speaker


class SaveResult(NamedTuple):
    """What :func:`save_article` did: the article's id, whether it was new, quotes stored."""

    article_id: str
    added: bool
    quotes: int


def has_article(db: Database, text: str) -> bool:
    """Whether an article with exactly this text is stored already."""
    sql = "select 1 from articles where id = ? and content_hash = ?"
    return db.execute(sql, [article_id(text), content_hash(text)]).fetchone() is not None


def save_article(db: Database, article: Article, quotes: Sequence[Quote]) -> SaveResult:
    """Store ``article`` and its ``quotes`` in one transaction.

    Idempotent: an article whose text is stored already adds nothing and
    comes back with ``added=False``. Speakers are matched to canonical rows
    across articles (see :mod:`quotes.store.speakers`); a quote whose
    normalised text repeats within the article is stored once.
    """
    aid = article_id(article.text)
    with immediate(db):
        if has_article(db, article.text):
            return SaveResult(aid, False, 0)
        outlet_id, outlet = _outlet(db, article.outlet)
        insert_row(db, "articles", _article_row(aid, article, outlet_id))
        where = {"article_id": aid, "outlet_id": outlet_id, "outlet": outlet}
        stored = sum(_save_quote(db, article, where, quote) for quote in quotes)
    return SaveResult(aid, True, stored)


def _outlet(db: Database, name: str | None) -> tuple[int | None, str | None]:
    """The outlet's id and stored name, adding it when new (names match without case)."""
    name = " ".join((name or "").split())
    if not name:
        return None, None
    sql = "select id, name from outlets where name = ? collate nocase"
    row = db.execute(sql, [name]).fetchone()
    return tuple(row) if row else (insert_row(db, "outlets", {"name": name}), name)


def _article_row(aid: str, article: Article, outlet_id: int | None) -> dict:
    return {
        "id": aid,
        "name": article.name,
        "title": article.title,
        "outlet_id": outlet_id,
        "url": article.url,
        "published": article.published,
        "byline": article.byline,
        "source": article.source,
        "text": article.text,
        "content_hash": content_hash(article.text),
        "word_count": len(article.text.split()),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def segments_json(quote: Quote) -> str:
    """The quote's parts as stored: a JSON list of ``[start, end]`` pairs."""
    return json.dumps([list(part) for part in quote.parts])


def _save_quote(db: Database, article: Article, where: dict, quote: Quote) -> int:
    """Insert one quote; 1 when stored, 0 when its id is stored already.

    ``where`` holds the article's id and the outlet's id and name."""
    aid = where["article_id"]
    qid = quote_id(aid, quote.text)
    if db.execute("select 1 from quotes where id = ?", [qid]).fetchone():
        return 0
    speaker_id = resolve_speaker(
        db,
        quote.speaker,
        type=quote.speaker_type,
        description=quote.speaker_role,
        mention=quote.speaker_mention,
    )
    speaker = db.execute("select name from speakers where id = ?", [speaker_id]).fetchone()
    insert_row(
        db,
        "quotes",
        {
            "id": qid,
            "text": quote.text,
            "speaker_id": speaker_id,
            "speaker": speaker[0] if speaker else None,
            "speaker_mention": quote.speaker_mention,
            "kind": quote.kind,
            "cue": quote.cue,
            **where,
            "published": article.published,
            "start": quote.start,
            "end": quote.end,
            "segments": segments_json(quote),
            "cue_start": quote.cue_start,
            "cue_end": quote.cue_end,
            "speaker_start": quote.speaker_start,
            "speaker_end": quote.speaker_end,
            "context": article.text[quote.context_start : quote.context_end],
            "context_start": quote.context_start,
            "context_end": quote.context_end,
        },
    )
    return 1
