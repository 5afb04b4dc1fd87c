"""schema.org ClaimReview JSON-LD for checked quotes, as search engines and fact-check
aggregators read it (https://schema.org/ClaimReview).

One ClaimReview per quote with a current verdict: ``claimReviewed`` is the
quote, ``itemReviewed`` the Claim (its author the speaker, its appearance the
article), ``reviewRating`` the verdict (``alternateName``) with
``ratingValue``/``bestRating``/``worstRating`` when the label is ranked.
Author and publisher of the review come from :class:`~quotes.factcheck.Settings`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from sqlite_utils import Database

from quotes.factcheck.config import Settings, load_settings
from quotes.factcheck.scales import load_scales
from quotes.weburl import web_url

CONTEXT = "https://schema.org"
ORGANIZATION_TYPES = ("organization", "group")


def _organization(name: str | None, url: str | None = None) -> dict:
    found = {"@type": "Organization", "name": name}
    return {**found, "url": url} if url else found


def _speaker(row: dict) -> dict | None:
    if not row["speaker"]:
        return None
    kind = "Organization" if row["speaker_type"] in ORGANIZATION_TYPES else "Person"
    found = {"@type": kind, "name": row["speaker"]}
    if row.get("speaker_role") and kind == "Person":
        found["jobTitle"] = row["speaker_role"]
    return found


def _rating(factcheck: dict) -> dict:
    rating = {"@type": "Rating", "alternateName": factcheck["verdict"]}
    scale = load_scales().get(factcheck["scale"])
    if factcheck["ordinal"] is not None and scale and scale.best is not None:
        rating.update(
            ratingValue=factcheck["ordinal"], bestRating=scale.best, worstRating=scale.worst
        )
    return rating


def claim_review(quote: dict, factcheck: dict, settings: Settings) -> dict:
    """The ClaimReview of one quote (a ``quotes_view`` row) by its current ``factcheck`` row."""
    claim: dict = {"@type": "Claim"}
    if author := _speaker(quote):
        claim["author"] = author
    if quote["published"]:
        claim["datePublished"] = quote["published"]
    if web_url(quote["article_url"]):
        appearance = {"@type": "CreativeWork", "url": quote["article_url"]}
        if quote["article_title"]:
            appearance["headline"] = quote["article_title"]
        if quote["outlet"]:
            appearance["publisher"] = _organization(quote["outlet"])
        claim["appearance"] = [appearance]
    reviewer = _organization(settings.reviewer_org, settings.reviewer_url)
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": settings.review_url.format(quote_id=quote["id"]),
        "datePublished": factcheck["created_at"][:10],
        "claimReviewed": quote["text"],
        "itemReviewed": claim,
        "reviewRating": _rating(factcheck),
        "author": reviewer,
        "publisher": reviewer,
    }


def claim_reviews(
    db: Database, quote_ids: Iterable[str] | None = None, settings: Settings | None = None
) -> Iterator[dict]:
    """A ClaimReview for every checked, unrejected quote (or those of ``quote_ids``)."""
    settings = settings or load_settings()
    wanted = None if quote_ids is None else set(quote_ids)
    sql = (
        "select quotes_view.*, current_factchecks.id as factcheck_id from quotes_view"
        " join current_factchecks on current_factchecks.quote_id = quotes_view.id"
        " where quotes_view.id not in (select quote_id from rejected_quotes)"
        " order by quotes_view.published, quotes_view.rowid"
    )
    for quote in db.query(sql):
        if wanted is None or quote["id"] in wanted:
            factcheck = db["factchecks"].get(quote["factcheck_id"])
            yield claim_review(quote, factcheck, settings)


def write_claimreview(
    db: Database, out: TextIO, quote_ids: Iterable[str] | None = None,
    settings: Settings | None = None,
) -> int:
    """Write the ClaimReviews as a JSON array to ``out``; return how many."""
    reviews = list(claim_reviews(db, quote_ids, settings))
    json.dump(reviews, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(reviews)
