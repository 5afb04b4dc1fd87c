"""The one write path of extracted quotes: an article stored with its quotes, or its
quotes replaced by a newer extraction, with speakers and statements kept in step.

Both write in one transaction, so a crash leaves all or nothing. Rows are built
by :mod:`quotes.store.save` (one builder for every quote row); speakers are
settled by :mod:`quotes.store.identity`; the statements the quotes join or leave
are brought up to date here (:func:`quotes.statements.sync_quotes`).

Re-extraction keeps manual work: quote ids are a hash of (article id, normalised
quote text), so a quote found again keeps its id, fact-checks and corrections
and its row is updated in place. A quote no longer found is deleted unless a
fact-check, a draft or a correction refers to it, in which case it is kept as
it was. Manual speaker corrections are then applied again
(:func:`~quotes.factcheck.curation.reapply_corrections`); rejections need
nothing, being looked up by quote id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlite_utils import Database

from quotes.factcheck.curation import reapply_corrections
from quotes.records import Article, Quote
from quotes.statements import assign_article, sync_quotes
from quotes.store import SaveResult, article_id, quote_id, save_article
from quotes.store.database import immediate, insert_row
from quotes.store.identity import reconcile, reconcile_pending
from quotes.store.save import EXTRACTED_COLUMNS, quote_fields, quote_row

_COLUMNS = ", ".join(f"[{key}]" for key in EXTRACTED_COLUMNS)


class ReextractResult(NamedTuple):
    """What re-extracting one article did to its quotes."""

    article_id: str
    added: int
    updated: int
    unchanged: int
    removed: int
    kept: int  # no longer found, kept for their fact-checks or corrections


def write_article(
    db: Database, article: Article, quotes: Sequence[Quote], *, settle: bool = True
) -> SaveResult:
    """Store an article and its quotes and place them in statements, in one transaction
    (see :func:`quotes.store.save_article`; ``settle=False`` leaves the speakers of a bulk
    load to :func:`settle_speakers`)."""
    with immediate(db):
        result = save_article(db, article, quotes, settle=settle)
        if result.added:
            assign_article(db, result.article_id)
            sync_quotes(db, result.moved)
    return result


def settle_speakers(db: Database) -> None:
    """Reconcile the people of every family key the new quotes named (see
    :mod:`quotes.store.identity`) and bring the statements of the quotes that changed
    speaker up to date (one transaction per family key, then one for the statements)."""
    sync_quotes(db, reconcile_pending(db))


def rewrite_article(db: Database, article: Article, quotes: Sequence[Quote]) -> ReextractResult:
    """Replace a stored article's quotes with ``quotes`` (from a newer extractor), in one
    transaction, keeping ids, fact-checks, rejections and manual corrections."""
    aid = article_id(article.text)
    found: dict[str, Quote] = {}
    for quote in quotes:
        found.setdefault(quote_id(aid, quote.text), quote)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "kept": 0}
    with immediate(db):
        place = _place(db, aid)
        stored = {
            row["id"]: row for row in db.query("select * from quotes where article_id = ?", [aid])
        }
        for qid, quote in found.items():
            if qid not in stored:
                insert_row(db, "quotes", quote_row(db, article, place, quote))
                counts["added"] += 1
                continue
            fields = quote_fields(db, article.text, quote)
            if any(stored[qid][key] != value for key, value in fields.items()):
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
            changed = now != tuple(stored[qid][key] for key in EXTRACTED_COLUMNS)
            counts["updated" if changed else "unchanged"] += 1
    return ReextractResult(aid, **counts)


def _place(db: Database, aid: str) -> dict:
    """Where a stored article's new quotes go: its id, outlet id and name, and date."""
    sql = (
        "select articles.id as article_id, articles.outlet_id as outlet_id,"
        " outlets.name as outlet, articles.published as published from articles"
        " left join outlets on outlets.id = articles.outlet_id where articles.id = ?"
    )
    return next(iter(db.query(sql, [aid])))


def _keys(db: Database, ids: Iterable[str]) -> set[str]:
    """The family keys of the stored quotes ``ids``."""
    ids = list(ids)
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"select distinct speaker_key from quotes where id in ({marks})", ids)
    return {key for (key,) in rows}


def _annotated(db: Database, qid: str) -> bool:
    sql = (
        "select exists(select 1 from factchecks where quote_id = :id)"
        " or exists(select 1 from factcheck_drafts where quote_id = :id)"
        " or exists(select 1 from corrections where target = :id)"
    )
    return bool(db.execute(sql, {"id": qid}).fetchone()[0])
