"""Re-running an extractor over stored articles without losing any manual work.

Quote ids are a hash of (article id, normalised quote text), so a quote the
new extractor finds again keeps its id, its fact-checks and its corrections:
its row is updated in place (offsets, kind, cue, speaker, context). A quote no
longer found is deleted unless a fact-check, a draft or a correction refers to it, in
which case it is kept as it was. Manual speaker corrections are then applied
again (:func:`~quotes.factcheck.curation.reapply_corrections`); rejections
need nothing, being looked up by quote id. The article's quotes then join (or
leave) their statements (:func:`quotes.statements.sync_quotes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from sqlite_utils import Database

from quotes.factcheck.annotate import immediate
from quotes.factcheck.curation import reapply_corrections
from quotes.records import Article, Quote
from quotes.statements import sync_quotes
from quotes.store import article_id, quote_id
from quotes.store.identity import reconcile
from quotes.store.save import EXTRACTED_COLUMNS as EXTRACTED
from quotes.store.save import quote_fields

_COLUMNS = ", ".join(f"[{key}]" for key in EXTRACTED)


class ReextractResult(NamedTuple):
    """What re-extracting one article did to its quotes."""

    article_id: str
    added: int
    updated: int
    unchanged: int
    removed: int
    kept: int  # no longer found, kept for their fact-checks or corrections


def stored_articles(db: Database, ids: Iterable[str] | None = None) -> Iterator[Article]:
    """The stored articles (all, or those with ``ids``) as :class:`Article` records."""
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


def reextract_article(db: Database, article: Article, quotes: Sequence[Quote]) -> ReextractResult:
    """Replace a stored article's quotes with ``quotes`` (from a newer extractor), in one
    transaction, keeping ids, fact-checks, rejections and manual corrections."""
    aid = article_id(article.text)
    found: dict[str, Quote] = {}
    for quote in quotes:
        found.setdefault(quote_id(aid, quote.text), quote)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "kept": 0}
    with immediate(db):
        article_row = db["articles"].get(aid)
        stored = {row["id"]: row for row in db.query(
            "select * from quotes where article_id = ?", [aid]
        )}
        for qid, quote in found.items():
            fields = _fields(db, article.text, quote)
            if qid not in stored:
                db["quotes"].insert({
                    "id": qid, "article_id": aid, "outlet_id": article_row["outlet_id"],
                    "published": article_row["published"], **fields,
                })
                counts["added"] += 1
            elif any(stored[qid][key] != value for key, value in fields.items()):
                db["quotes"].update(qid, fields)
        for qid in stored.keys() - found.keys():
            if _annotated(db, qid):
                counts["kept"] += 1
            else:
                db["quotes"].delete(qid)
                counts["removed"] += 1
        for key in {row["speaker_key"] for row in stored.values()} | _keys(db, found):
            if key:
                reconcile(db, key)
        reapply_corrections(db, stored.keys() | found.keys())
        sync_quotes(db, stored.keys() | found.keys())
        # Compared once corrections are back: a corrected speaker the extractor
        # overwrote and the correction restored is no change.
        for qid in stored.keys() & found.keys():
            now = db.execute(f"select {_COLUMNS} from quotes where id = ?", [qid]).fetchone()
            changed = now != tuple(stored[qid][key] for key in EXTRACTED)
            counts["updated" if changed else "unchanged"] += 1
    return ReextractResult(aid, **counts)


def _fields(db: Database, text: str, quote: Quote) -> dict:
    return quote_fields(db, text, quote)


def _keys(db: Database, ids) -> set[str]:
    """The family keys of the stored quotes ``ids``."""
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"select distinct speaker_key from quotes where id in ({marks})", list(ids))
    return {key for (key,) in rows}


def _annotated(db: Database, qid: str) -> bool:
    sql = (
        "select exists(select 1 from factchecks where quote_id = :id)"
        " or exists(select 1 from factcheck_drafts where quote_id = :id)"
        " or exists(select 1 from corrections where target = :id)"
    )
    return bool(db.execute(sql, {"id": qid}).fetchone()[0])
