"""Writing one article and its quotes: one transaction, nothing twice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from sqlite_utils import Database

from quotes.names import name_key
from quotes.records import Article, Quote
from quotes.store.database import immediate, insert_row
from quotes.store.identity import mark_pending, reconcile
from quotes.store.ids import article_id, content_hash, quote_id
from quotes.store.speakers import resolve_speaker


class SaveResult(NamedTuple):
    """What :func:`save_article` did: the article's id, whether it was new, quotes stored,
    and the ids of other stored quotes whose speaker it settled anew."""

    article_id: str
    added: bool
    quotes: int
    moved: tuple[str, ...] = ()


def has_article(db: Database, text: str) -> bool:
    """Whether an article with exactly this text is stored already."""
    sql = "select 1 from articles where id = ? and content_hash = ?"
    return db.execute(sql, [article_id(text), content_hash(text)]).fetchone() is not None


def save_article(
    db: Database, article: Article, quotes: Sequence[Quote], *, settle: bool = True
) -> SaveResult:
    """Store ``article`` and its ``quotes`` in one transaction.

    Idempotent: an article whose text is stored already adds nothing and
    comes back with ``added=False``. A quote whose normalised text repeats
    within the article is stored once. Its speakers are then settled across the
    database (see :mod:`quotes.store.identity`) in the same transaction; with
    ``settle=False`` that is left to a later :func:`~quotes.store.identity.reconcile_pending`
    (bulk loads settle each family once, at the end).
    """
    aid = article_id(article.text)
    with immediate(db):
        if has_article(db, article.text):
            return SaveResult(aid, False, 0)
        outlet_id, outlet = _outlet(db, article.outlet)
        insert_row(db, "articles", _article_row(aid, article, outlet_id))
        where = {"article_id": aid, "outlet_id": outlet_id, "outlet": outlet}
        stored = sum(_save_quote(db, article, where, quote) for quote in quotes)
        moved = settle_article(db, aid) if settle else []
    return SaveResult(aid, True, stored, tuple(moved))


def settle_article(db: Database, aid: str) -> list[str]:
    """Reconcile the family keys of one article's speakers now (inside the caller's
    transaction); the ids of the quotes whose speaker changed."""
    keys = [
        key
        for (key,) in db.execute(
            "select distinct speaker_key from quotes where article_id = ?"
            " and speaker_key is not null order by speaker_key",
            [aid],
        )
    ]
    moved = []
    for key in keys:
        moved += reconcile(db, key)
        db.execute("delete from identity_pending where key = ?", [key])
    return moved


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


EXTRACTED_COLUMNS = (
    "text", "speaker_id", "extracted_speaker", "speaker_key", "speaker_type", "speaker_role",
    "speaker_mention", "kind", "cue", "start", "end", "segments", "cue_start", "cue_end",
    "speaker_start", "speaker_end", "context", "context_start", "context_end",
    "rule", "speaker_rule",
)


def quote_fields(db: Database, text: str, quote: Quote) -> dict:
    """The columns of a quote's row that come from the extractor (``text`` is its
    article's), with a provisional speaker row matched by exact name or alias; the
    speaker's family key is marked for :func:`quotes.store.identity.reconcile`."""
    person = quote.speaker_type == "person" and quote.speaker
    key = name_key(quote.speaker) if person else None
    speaker_id = resolve_speaker(
        db,
        quote.speaker,
        type=quote.speaker_type,
        description=quote.speaker_role,
        mention=quote.speaker_mention,
    )
    mark_pending(db, key)
    return {
        "text": quote.text,
        "speaker_id": speaker_id,
        "extracted_speaker": quote.speaker,
        "speaker_key": key,
        "speaker_type": quote.speaker_type,
        "speaker_role": quote.speaker_role,
        "speaker_mention": quote.speaker_mention,
        "kind": quote.kind,
        "cue": quote.cue,
        "start": quote.start,
        "end": quote.end,
        "segments": segments_json(quote),
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "context": text[quote.context_start : quote.context_end],
        "context_start": quote.context_start,
        "context_end": quote.context_end,
        "rule": quote.rule,
        "speaker_rule": quote.speaker_rule,
    }


def _save_quote(db: Database, article: Article, where: dict, quote: Quote) -> int:
    """Insert one quote; 1 when stored, 0 when its id is stored already.

    ``where`` holds the article's id and the outlet's id and name."""
    aid = where["article_id"]
    qid = quote_id(aid, quote.text)
    if db.execute("select 1 from quotes where id = ?", [qid]).fetchone():
        return 0
    fields = quote_fields(db, article.text, quote)
    speaker = db.execute("select name from speakers where id = ?", [fields["speaker_id"]])
    name = speaker.fetchone()
    row = {"id": qid, **fields, "speaker": name[0] if name else None, **where}
    insert_row(db, "quotes", {**row, "published": article.published})
    return 1
