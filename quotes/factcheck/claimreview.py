"""schema.org ClaimReview JSON-LD for checked quotes, as search engines and fact-check
aggregators read it (https://schema.org/ClaimReview).

One ClaimReview per checked statement (a quote not grouped into one stands alone),
from its current published verdict: ``claimReviewed`` is the quote's words,
``itemReviewed`` the Claim (its author the speaker with their role, its
``appearance`` every article reporting the statement), ``reviewRating`` the
verdict (``alternateName``) with ``ratingValue``/``bestRating``/``worstRating``
when the label is ranked. Author and publisher of the review, and the review's
page, come from :mod:`quotes.factcheck.publisher`; exporting is refused until
they are set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from sqlite_utils import Database

from quotes.factcheck.config import Settings
from quotes.factcheck.publisher import PLACEHOLDER, Publisher, require_publisher
from quotes.scales import load_scales
from quotes.weburl import web_url

CONTEXT = "https://schema.org"
ORGANIZATION_TYPES = ("organization", "group")
QUOTE_MARKS = "\"'“”‘’«»„"
# Checked quotes whose verdict is their statement's current one (or that have no
# statement): one review per statement, from the verdict every appearance shows.
REVIEWED_SQL = """
select quotes_view.*, current_factchecks.id as factcheck_id,
  statement_quotes.statement_id as statement_id
from quotes_view
join current_factchecks on current_factchecks.quote_id = quotes_view.id
left join statement_quotes on statement_quotes.quote_id = quotes_view.id
where quotes_view.id not in (select quote_id from rejected_quotes)
  and (statement_quotes.statement_id is null or current_factchecks.id = (
    select max(factchecks.id) from factchecks join statement_quotes as other
      on other.quote_id = factchecks.quote_id
    where other.statement_id = statement_quotes.statement_id))
order by quotes_view.published, quotes_view.rowid
"""
APPEARANCES_SQL = """
select distinct articles.url as url, articles.title as title, outlets.name as outlet,
  articles.published as published
from quotes join articles on articles.id = quotes.article_id
left join outlets on outlets.id = articles.outlet_id
where quotes.id in (select quote_id from statement_quotes where statement_id = :statement)
  or quotes.id = :quote
order by articles.published is null, articles.published, articles.url
"""


def _organization(name: str | None, url: str | None = None) -> dict:
    found = {"@type": "Organization", "name": name}
    return {**found, "url": url} if url else found


def _speaker(row: dict) -> dict | None:
    if not row["speaker"]:
        return None
    kind = "Organization" if row["speaker_type"] in ORGANIZATION_TYPES else "Person"
    found = {"@type": kind, "name": row["speaker"]}
    if row.get("speaker_role"):
        found["jobTitle" if kind == "Person" else "description"] = row["speaker_role"]
    return found


def _rating(factcheck: dict) -> dict:
    rating = {"@type": "Rating", "alternateName": factcheck["verdict"]}
    scale = load_scales().get(factcheck["scale"])
    if factcheck["ordinal"] is not None and scale and scale.best is not None:
        rating.update(
            ratingValue=factcheck["ordinal"], bestRating=scale.best, worstRating=scale.worst
        )
    return rating


def claimed_words(text: str) -> str:
    """The quote's words as a claim: without the quotation marks around the whole."""
    text = " ".join(text.split())
    if len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS:
        return text[1:-1].strip()
    return text


def _appearance(article: dict) -> dict:
    found = {"@type": "CreativeWork", "url": article["url"]}
    if article["title"]:
        found["headline"] = article["title"]
    if article["published"]:
        found["datePublished"] = article["published"]
    if article["outlet"]:
        found["publisher"] = _organization(article["outlet"])
    return found


def claim_review(
    quote: dict, factcheck: dict, publisher: Publisher, appearances: Iterable[dict] = ()
) -> dict:
    """The ClaimReview of one quote (a ``quotes_view`` row) by its current ``factcheck``
    row; ``appearances`` are the articles reporting it (dicts of url, title, outlet,
    published), those without a URL left out."""
    claim: dict = {"@type": "Claim"}
    if author := _speaker(quote):
        claim["author"] = author
    if quote["published"]:
        claim["datePublished"] = quote["published"]
    if found := [_appearance(article) for article in appearances if web_url(article["url"])]:
        claim["appearance"] = found
    reviewer = _organization(publisher.org, publisher.org_url)
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": publisher.review_url.replace(PLACEHOLDER, quote["id"]),
        "datePublished": factcheck["created_at"][:10],
        "claimReviewed": claimed_words(quote["text"]),
        "itemReviewed": claim,
        "reviewRating": _rating(factcheck),
        "author": reviewer,
        "publisher": reviewer,
    }


def claim_reviews(
    db: Database, quote_ids: Iterable[str] | None = None, settings: Settings | None = None
) -> Iterator[dict]:
    """A ClaimReview for every checked statement with an unrejected appearance among
    ``quote_ids`` (default: all). :class:`~quotes.factcheck.Refused`, before anything
    is yielded, while the publisher is not fully set."""
    publisher = require_publisher(db, settings)
    wanted = None if quote_ids is None else set(quote_ids)
    if wanted is not None:
        wanted |= _same_statements(db, wanted)
    for quote in list(db.query(REVIEWED_SQL)):
        if wanted is None or quote["id"] in wanted:
            factcheck = db["factchecks"].get(quote["factcheck_id"])
            params = {"statement": quote["statement_id"], "quote": quote["id"]}
            appearances = db.query(APPEARANCES_SQL, params)
            yield claim_review(quote, factcheck, publisher, appearances)


def _same_statements(db: Database, quote_ids: set[str]) -> set[str]:
    sql = (
        "select quote_id from statement_quotes where statement_id in (select statement_id"
        " from statement_quotes where quote_id in (select value from json_each(?)))"
    )
    return {row[0] for row in db.execute(sql, [json.dumps(sorted(quote_ids))]).fetchall()}


def write_claimreview(
    db: Database,
    out: TextIO,
    quote_ids: Iterable[str] | None = None,
    settings: Settings | None = None,
) -> list[dict]:
    """Write the ClaimReviews as a JSON array to ``out``; return them."""
    reviews = list(claim_reviews(db, quote_ids, settings))
    json.dump(reviews, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return reviews
