"""ClaimReview JSON-LD and the verdict columns of `quotes export`."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from factcheck_data import BUDGET, CRIME, FARES, PORT, build
from typer.testing import CliRunner

from quotes.cli import app
from quotes.factcheck import Settings, add_factcheck
from quotes.factcheck.claimreview import claim_reviews
from quotes.factcheck.curation import reject_quote
from quotes.factcheck.sharing import NOTE_COLUMNS, QUOTE_COLUMNS
from quotes.store.query import VERDICT_COLUMNS

SETTINGS = Settings(
    reviewer_org="Harbour Fact Desk", reviewer_url="https://factdesk.example",
    review_url="https://factdesk.example/quotes/{quote_id}",
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def db(db_path):
    database = build(db_path)
    add_factcheck(database, CRIME, "False", reviewer="ana")
    add_factcheck(database, CRIME, "Mostly False", reviewer="ana")  # the correction wins
    add_factcheck(database, PORT, "Misattributed", scale="snopes")
    add_factcheck(database, FARES, "Fares rose 5% in July.", scale="freetext")
    yield database
    database.close()


def check_shape(review: dict) -> None:
    """The fields Google's ClaimReview guidelines require, with their types."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"].startswith("https://") and DATE.match(review["datePublished"])
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    for who in (review["author"], review["publisher"]):
        assert who == {"@type": "Organization", "name": "Harbour Fact Desk",
                       "url": "https://factdesk.example"}
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["@type"] in ("Person", "Organization") and claim["author"]["name"]
    assert DATE.match(claim["datePublished"])
    assert all(a["@type"] == "CreativeWork" and a["url"].startswith("https://")
               for a in claim["appearance"])
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_one_review_per_checked_quote_with_the_current_verdict(db):
    reviews = {r["url"].rsplit("/", 1)[1]: r for r in claim_reviews(db, settings=SETTINGS)}
    assert set(reviews) == {CRIME, PORT, FARES}
    for review in reviews.values():
        check_shape(review)
    crime = reviews[CRIME]
    assert crime["claimReviewed"] == "Crime fell by half last year."
    assert crime["reviewRating"] == {
        "@type": "Rating", "alternateName": "Mostly False",
        "ratingValue": 3, "bestRating": 6, "worstRating": 1,
    }
    assert crime["itemReviewed"]["author"] == {
        "@type": "Person", "name": "Ada Brun", "jobTitle": "Mayor",
    }
    assert crime["itemReviewed"]["datePublished"] == "2024-05-01"
    assert crime["itemReviewed"]["appearance"][0]["url"] == "https://lantern.example/council"
    assert crime["itemReviewed"]["appearance"][0]["publisher"]["name"] == "Daily Lantern"


def test_organisation_speakers_and_unranked_verdicts(db):
    reviews = {r["url"].rsplit("/", 1)[1]: r for r in claim_reviews(db, settings=SETTINGS)}
    port = reviews[PORT]
    assert port["itemReviewed"]["author"] == {"@type": "Organization", "name": "Harbour Trust"}
    assert port["reviewRating"] == {"@type": "Rating", "alternateName": "Misattributed"}
    assert reviews[FARES]["reviewRating"]["alternateName"] == "Fares rose 5% in July."


def test_rejected_and_unchecked_quotes_have_no_review(db):
    reject_quote(db, PORT, reason="not speech")
    ids = {r["url"].rsplit("/", 1)[1] for r in claim_reviews(db, settings=SETTINGS)}
    assert ids == {CRIME, FARES} and BUDGET not in ids


def export(db_path, *args, env=None):
    result = CliRunner().invoke(app, ["export", "--db", str(db_path), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_export_claimreview_uses_configured_reviewer(db, db_path, tmp_path):
    env = {"QUOTES_REVIEWER_ORG": "Harbour Fact Desk",
           "QUOTES_REVIEWER_URL": "https://factdesk.example",
           "QUOTES_REVIEW_URL": "https://factdesk.example/quotes/{quote_id}"}
    out = tmp_path / "claims.jsonld"
    export(db_path, "--format", "claimreview", "-o", str(out), env=env)
    reviews = json.loads(out.read_text())
    assert len(reviews) == 3
    for review in reviews:
        check_shape(review)
    only_gazette = json.loads(export(db_path, "-f", "claimreview", "--outlet", "valley gazette",
                                     env=env))
    assert [r["claimReviewed"] for r in only_gazette] == ["Bus fares will not rise."]


def test_cli_export_csv_and_json_carry_the_current_verdict(db, db_path):
    reject_quote(db, BUDGET, reason="not speech")
    rows = list(csv.DictReader(io.StringIO(export(db_path))))
    assert tuple(rows[0]) == QUOTE_COLUMNS + VERDICT_COLUMNS + NOTE_COLUMNS
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {CRIME, PORT, FARES}  # the rejected quote is left out
    assert (by_id[CRIME]["current_verdict"], by_id[CRIME]["verdict_ordinal"],
            by_id[CRIME]["factcheck_count"]) == ("Mostly False", "3", "2")
    records = {r["id"]: r for r in json.loads(export(db_path, "--format", "json"))}
    assert records[PORT]["current_verdict"] == "Misattributed"
    assert records[PORT]["verdict_scale"] == "snopes"


def test_export_of_a_database_without_factchecks_keeps_the_plain_columns(db_path):
    build(db_path).close()
    rows = list(csv.DictReader(io.StringIO(export(db_path))))
    assert tuple(rows[0]) == QUOTE_COLUMNS and len(rows) == 4
    env = {"QUOTES_REVIEWER_ORG": "Desk", "QUOTES_REVIEWER_URL": "https://desk.example",
           "QUOTES_REVIEW_URL": "https://desk.example/{quote_id}"}
    assert json.loads(export(db_path, "-f", "claimreview", env=env)) == []
