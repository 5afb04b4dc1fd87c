"""Other organisations' fact-checks: ClaimReview read from a file, each claim matched to
the stored quotes that report it, its verdict kept beside the newsroom's own.

"Was this already checked elsewhere?" is a fact-check's first question. A file holds
schema.org ClaimReview JSON or JSON-LD: one object, a list, a ``@graph``, or a feed
of claims each with a ``claimReview`` list (as Google's Fact Check Tools export
them: ``text``, ``claimant``, and ``publisher``, ``url``, ``reviewDate``,
``textualRating`` per review). Claims are matched with the statements matcher
(:func:`quotes.statements.similarity`): the same words, or nearly, or a part of a
longer quote, with stricter thresholds when the claimant is not the quote's speaker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.annotate import check_url, immediate, utc_now
from quotes.statements import similarity, statement_words
from quotes.statements.grouping import Appearance
from quotes.statements.normalise import word_code
from quotes.store.database import insert_row

SHINGLE, MAX_SHINGLES, MAX_CANDIDATES = 4, 12, 200


class ExternalReview(NamedTuple):
    """One imported review: the claim, who made it, who checked it, and the verdict."""

    claim: str
    author: str | None
    organisation: str
    organisation_url: str | None
    url: str
    date: str | None
    rating: str | None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None


class ImportResult(NamedTuple):
    """What importing one file did: reviews matched (rows added), unmatched, and the
    one-line problems of the items that could not be read."""

    matched: int
    added: int
    unmatched: list[str]
    problems: list[str]


def read_reviews(path: Path) -> Iterator[ExternalReview | str]:
    """The reviews in ``path``, each an :class:`ExternalReview` or, for an item that
    cannot be one, a one-line problem ``item N: reason``. :class:`Refused` when the
    file is not JSON at all."""
    try:
        data = json.loads(Path(path).read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"{path}: cannot read: {error}") from None
    except json.JSONDecodeError as error:
        raise Refused(f"{path}: not JSON: {error}") from None
    for number, (item, claim) in enumerate(_items(data), 1):
        try:
            yield _review(item, claim)
        except (Refused, KeyError, TypeError, ValueError, AttributeError) as error:
            yield f"item {number}: {_reason(error)}"


def _items(data) -> Iterator[tuple[object, dict | None]]:
    """Each review item with the feed claim it came from (``None`` for ClaimReview)."""
    if isinstance(data, dict) and "@graph" in data:
        data = data["@graph"]
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        data = data["claims"]
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict) and isinstance(item.get("claimReview"), list):
            for review in item["claimReview"]:
                yield review, item
        else:
            yield item, None


def _review(item, claim: dict | None) -> ExternalReview:
    if not isinstance(item, dict):
        raise Refused(f"not an object: {json.dumps(item)[:40]}")
    if claim is not None:
        return _feed_review(item, claim)
    kind = item.get("@type")
    if kind != "ClaimReview" and not (isinstance(kind, list) and "ClaimReview" in kind):
        raise Refused(f"not a ClaimReview (@type {kind!r})")
    text = _text(item.get("claimReviewed"), "claimReviewed")
    reviewer = item.get("author") or item.get("publisher") or {}
    reviewer = reviewer[0] if isinstance(reviewer, list) and reviewer else reviewer
    rating = item.get("reviewRating") or {}
    claimed = item.get("itemReviewed") or {}
    author = claimed.get("author") if isinstance(claimed, dict) else None
    author = author[0] if isinstance(author, list) and author else author
    return ExternalReview(
        claim=text,
        author=_name(author),
        organisation=_text(_name(reviewer), "author's name"),
        organisation_url=_optional_url(reviewer.get("url") if isinstance(reviewer, dict) else None),
        url=check_url(_text(item.get("url"), "url")),
        date=_date(item.get("datePublished")),
        rating=_verdict(rating.get("alternateName"), rating.get("ratingValue")),
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
    )


def _feed_review(review: dict, claim: dict) -> ExternalReview:
    publisher = review.get("publisher") or {}
    site = publisher.get("site")
    return ExternalReview(
        claim=_text(claim.get("text"), "claim text"),
        author=_name(claim.get("claimant")),
        organisation=_text(publisher.get("name") or site, "publisher name"),
        organisation_url=_optional_url(f"https://{site}" if site and "://" not in site else site),
        url=check_url(_text(review.get("url"), "url")),
        date=_date(review.get("reviewDate")),
        rating=_verdict(review.get("textualRating"), None),
    )


def _text(value, what: str) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        raise Refused(f"no {what}")
    return text


def _name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _verdict(label, value) -> str:
    if isinstance(label, str) and label.strip():
        return " ".join(label.split())
    if value is not None:
        return str(value)
    raise Refused("no rating (reviewRating alternateName or ratingValue)")


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _date(value) -> str | None:
    if value is None:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    if not match:
        raise Refused(f"not a date: {value!r}")
    return match.group(0)


def _optional_url(value) -> str | None:
    return check_url(value) if isinstance(value, str) and value.strip() else None


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _appearance(key: str, text: str, speaker_id, speaker: str | None) -> Appearance:
    words = statement_words(text)
    return Appearance(
        key, " ".join(words), word_code(words), len(words), speaker_id, speaker, (False, "", 0)
    )


def matching_quotes(db: Database, claim: str, author: str | None = None) -> list[dict]:
    """The stored quotes (not rejected) reporting ``claim``, best first, at most one per
    statement, each with ``similarity`` and ``statement_id``."""
    words = statement_words(claim)
    if not words:
        return []
    runs = [words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))]
    runs = runs[:: max(1, len(runs) // MAX_SHINGLES)]
    match = "text : (" + " OR ".join('"' + " ".join(run) + '"' for run in runs) + ")"
    sql = (
        "select quotes_current.id, quotes_current.text, quotes_current.speaker_id,"
        " quotes_current.speaker, statement_quotes.statement_id from quotes_current"
        " left join statement_quotes on statement_quotes.quote_id = quotes_current.id"
        " where quotes_current.rowid in (select rowid from quotes_fts where quotes_fts match ?"
        f" limit {MAX_CANDIDATES})"
    )
    found: dict[str, dict] = {}
    # a claimant is compared as a speaker by surname, as the statements matcher does
    claimed = _appearance("claim", claim, 0 if author else None, author)
    for row in db.query(sql, [match]):
        score = similarity(
            claimed, _appearance(row["id"], row["text"], row["speaker_id"], row["speaker"])
        )
        key = row["statement_id"] or row["id"]
        if score is not None and (key not in found or score > found[key]["similarity"]):
            found[key] = {**row, "similarity": score}
    return sorted(found.values(), key=lambda row: -row["similarity"])


def import_reviews(db: Database, path: Path) -> ImportResult:
    """Read ``path`` (see :func:`read_reviews`) and record each review on the quotes its
    claim matches, in one transaction; a review stored already is not added twice."""
    matched, added, unmatched, problems = 0, 0, [], []
    with immediate(db):
        for review in read_reviews(path):
            if isinstance(review, str):
                problems.append(review)
                continue
            quotes = matching_quotes(db, review.claim, review.author)
            if not quotes:
                unmatched.append(f"{review.organisation}: {review.claim[:60]!r}")
                continue
            matched += 1
            for quote in quotes:
                row = {
                    "quote_id": quote["id"],
                    "statement_id": quote["statement_id"],
                    "organisation": review.organisation,
                    "organisation_url": review.organisation_url,
                    "review_url": review.url,
                    "review_date": review.date,
                    "rating": review.rating,
                    "rating_value": review.rating_value,
                    "best_rating": review.best_rating,
                    "worst_rating": review.worst_rating,
                    "claim_reviewed": review.claim,
                    "claim_author": review.author,
                    "similarity": quote["similarity"],
                    "source": str(path),
                    "imported_at": utc_now(),
                }
                added += (
                    insert_row(db, "external_factchecks", row, or_ignore=True) > 0
                    and (db.execute("select changes()").fetchone()[0])
                )
    return ImportResult(matched, added, unmatched, problems)


def external_verdicts(db: Database, quote_id: str) -> list[dict]:
    """Other organisations' verdicts on this quote or any appearance of its statement,
    newest review first."""
    sql = (
        "select * from external_factchecks where quote_id = :quote or statement_id = (select"
        " statement_id from statement_quotes where quote_id = :quote)"
        " order by review_date desc, id desc"
    )
    return list(db.query(sql, {"quote": quote_id}))
