"""ClaimReview worth publishing: the publisher is configured once and required, the output
validates against a JSON Schema written from schema.org's definitions, a statement's
appearances in every article are listed, and the claim is the quote's words."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from factcheck_data import CRIME, FARES, build, dump, lantern, quote_in, run

from quotes.factcheck import Refused, Settings, add_factcheck
from quotes.factcheck.claimreview import claim_reviews
from quotes.factcheck.publisher import load_publisher, set_publisher
from quotes.ingest import write_article
from quotes.records import Article
from quotes.store import open_db

SCHEMA = json.loads((Path(__file__).parent / "schemas/claimreview.schema.json").read_text())
ECHO = 'The mayor, Ada Brun, repeated it: "Crime fell by half last year." Few agreed.'
NO_ENV = Settings()


def config(db_path, *args):
    return run("factcheck", "config", *args, "--db", db_path)


def test_export_is_refused_naming_what_is_missing_until_configured(db_path, tmp_path):
    db = build(db_path)
    add_factcheck(db, CRIME, "False", reviewer="ana")
    db.close()
    out = tmp_path / "reviews.json"
    refused = run("export", "-f", "claimreview", "-o", out, "--db", db_path)
    assert refused.exit_code == 2 and not out.exists()
    assert refused.stderr.startswith(
        "error: ClaimReview needs who publishes the reviews; missing: organisation name, "
        "organisation URL, review URL. Set them once with: quotes factcheck config --org NAME"
    )
    assert refused.stderr.count("\n") == 1

    assert config(db_path, "--org", "Harbour Fact Desk").exit_code == 0
    partly = run("export", "-f", "claimreview", "--db", db_path)
    assert "missing: organisation URL, review URL." in partly.stderr

    done = config(
        db_path,
        "--org-url",
        "https://factdesk.example",
        "--review-url",
        "https://factdesk.example/checks/{quote_id}",
    )
    assert done.exit_code == 0, done.output
    assert "review URL: https://factdesk.example/checks/{quote_id}" in done.stdout
    shown = config(db_path)
    assert "organisation name: Harbour Fact Desk" in shown.stdout
    exported = run("export", "-f", "claimreview", "-o", out, "--db", db_path)
    assert exported.exit_code == 0, exported.output
    reviews = json.loads(out.read_text())
    jsonschema.validate(reviews, SCHEMA)
    assert reviews[0]["url"] == f"https://factdesk.example/checks/{CRIME}"
    assert reviews[0]["author"] == {
        "@type": "Organization",
        "name": "Harbour Fact Desk",
        "url": "https://factdesk.example",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--review-url", "https://factdesk.example/checks"), "must hold {quote_id}"),
        (("--org-url", "factdesk.example"), "not an http(s) URL"),
        (("--org", "  "), "cannot be empty"),
    ],
)
def test_bad_configuration_is_refused_and_writes_nothing(db_path, args, message):
    build(db_path).close()
    before = dump(db_path)
    result = config(db_path, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert dump(db_path) == before


def test_environment_overrides_the_stored_publisher(db_path):
    db = build(db_path)
    set_publisher(
        db, org="Desk", org_url="https://desk.example", review_url="https://desk.example/{quote_id}"
    )
    publisher = load_publisher(db, Settings(reviewer_org="Other Desk"))
    assert (publisher.org, publisher.org_url) == ("Other Desk", "https://desk.example")
    db.close()


def test_a_statement_lists_every_appearance_and_validates(db_path):
    db = open_db(db_path)
    set_publisher(
        db, org="Desk", org_url="https://desk.example", review_url="https://desk.example/{quote_id}"
    )
    article, quotes = lantern()
    write_article(db, article, quotes)
    echo = Article(
        text=ECHO,
        name="echo",
        source="echo.txt",
        title="Mayor repeats claim",
        outlet="Evening Echo",
        url="https://echo.example/mayor",
        published="2024-05-03",
    )
    write_article(db, echo, [quote_in(ECHO, "Crime fell by half last year.", "Ada Brun")])
    checked = add_factcheck(db, CRIME, "Mostly False", reviewer="ana")
    reviews = list(claim_reviews(db, settings=NO_ENV))
    jsonschema.validate(reviews, SCHEMA)
    assert len(reviews) == 1  # one statement, one review, though two articles report it
    review = reviews[0]
    assert review["claimReviewed"] == "Crime fell by half last year."
    assert review["datePublished"] == db["factchecks"].get(checked)["created_at"][:10]
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly False",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
    }
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ada Brun",
        "jobTitle": "Mayor",
    }
    assert [(a["url"], a["publisher"]["name"]) for a in review["itemReviewed"]["appearance"]] == [
        ("https://lantern.example/council", "Daily Lantern"),
        ("https://echo.example/mayor", "Evening Echo"),
    ]
    db.close()


def test_a_review_without_any_article_url_is_exported_with_a_warning(db_path):
    db = build(db_path)
    db.execute("update articles set url = null")
    db.conn.commit()
    add_factcheck(db, FARES, "False")
    set_publisher(
        db, org="Desk", org_url="https://desk.example", review_url="https://desk.example/{quote_id}"
    )
    db.close()
    result = run("export", "-f", "claimreview", "--db", db_path)
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(result.stdout), SCHEMA)
    assert result.stderr.startswith(f"warning: https://desk.example/{FARES}: no article")
    assert "quotes articles set ID --url URL" in result.stderr


def test_the_schema_rejects_what_publishers_would_reject():
    good = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://desk.example/1",
        "datePublished": "2024-05-01",
        "claimReviewed": "x",
        "itemReviewed": {"@type": "Claim"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Desk"},
    }
    jsonschema.validate([good], SCHEMA)
    for broken in (
        {**good, "url": "http://"},
        {**good, "claimReviewed": ""},
        {**good, "reviewRating": {"@type": "Rating", "alternateName": "F", "ratingValue": 2}},
        {key: value for key, value in good.items() if key != "author"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], SCHEMA)


def test_library_refuses_without_a_publisher(db_path):
    db = build(db_path)
    add_factcheck(db, CRIME, "False")
    with pytest.raises(Refused, match="missing: organisation name"):
        list(claim_reviews(db, settings=NO_ENV))
    db.close()
