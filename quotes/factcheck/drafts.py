"""Draft verdicts: a check being written, seen by the newsroom, published when ready.

A draft is a ``factcheck_drafts`` row, never shown on the served site, in charts
or in exports. It records the verdict it corrects (the current one when it was
drafted); :func:`publish_draft` turns it into a ``factchecks`` row only while
that is still the current verdict, so a draft written before a colleague's
correction cannot overrule it on publishing.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.annotate import Evidence, add_factcheck, current_verdict, insert_verdict
from quotes.store.database import immediate

DRAFT_LIST_SQL = """
select factcheck_drafts.id as draft, factcheck_drafts.quote_id as id, factcheck_drafts.verdict,
  factcheck_drafts.scale, factcheck_drafts.reviewer, factcheck_drafts.created_at,
  factcheck_drafts.supersedes, factcheck_drafts.note, quotes_view.speaker, quotes_view.text
from factcheck_drafts join quotes_view on quotes_view.id = factcheck_drafts.quote_id
where factcheck_drafts.published_as is null
  and (:quote is null or factcheck_drafts.quote_id = :quote)
order by factcheck_drafts.id
"""


def add_draft(db: Database, quote: str, verdict: str, **options) -> int:
    """Record a draft verdict: :func:`~quotes.factcheck.add_factcheck` with ``draft``
    (same options and checks); returns the draft's id, numbered apart from verdicts."""
    return add_factcheck(db, quote, verdict, draft=True, **options)


def publish_draft(db: Database, draft_id: int) -> int:
    """Publish draft ``draft_id``: insert its verdict (stamped now) and evidence into
    ``factchecks``; return the new fact-check's id. :class:`Refused` when there is no
    such draft, it is published already, or the verdict it corrects is no longer the
    current one (someone published in between: draft again on top of theirs)."""
    with immediate(db):
        draft = next(
            iter(db.query("select * from factcheck_drafts where id = ?", [draft_id])), None
        )
        if draft is None:
            raise Refused(f"no draft #{draft_id} (see quotes factcheck list --drafts)")
        if draft["published_as"] is not None:
            raise Refused(
                f"draft #{draft_id} was published already, as fact-check #{draft['published_as']}"
            )
        previous = current_verdict(db, draft["quote_id"])
        if (previous and previous["id"]) != draft["supersedes"]:
            raise Refused(_stale(draft, previous))
        row = {
            key: draft[key]
            for key in ("quote_id", "verdict", "scale", "ordinal", "note", "reviewer")
        }
        sources = [Evidence(**item) for item in json.loads(draft["evidence"] or "[]")]
        factcheck_id = insert_verdict(db, row, sources, previous)
        db["factcheck_drafts"].update(draft_id, {"published_as": factcheck_id})
    return factcheck_id


def _stale(draft: dict, current: dict) -> str:
    corrected = f"#{draft['supersedes']}" if draft["supersedes"] else "no verdict"
    return (
        f"draft #{draft['id']} corrects {corrected}, but the current verdict of quote "
        f"{draft['quote_id']} is now #{current['id']} ({current['verdict']!r} by "
        f"{current['reviewer']}): draft again on top of it"
    )


def list_drafts(db: Database, quote_id: str | None = None) -> list[dict]:
    """Unpublished drafts, oldest first (only ``quote_id``'s when given), each with its
    quote's speaker and text, ``draft`` its id and ``id`` the quote's."""
    return list(db.query(DRAFT_LIST_SQL, {"quote": quote_id}))
