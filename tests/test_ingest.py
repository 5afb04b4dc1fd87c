"""Ingest, extraction and re-extraction from Python, without the command line."""

from __future__ import annotations

import json

import pytest

from quotes.ingest import (
    Failed,
    ReextractResult,
    Skipped,
    Stored,
    Warned,
    extract,
    ingest,
    reextract,
)
from quotes.records import RECORD_KEYS, Article, quote_record
from quotes.store import SaveResult, open_db


def test_ingest_yields_one_outcome_per_input(db_path, articles_dir, extractor, tmp_path):
    missing = tmp_path / "missing.txt"
    db = open_db(db_path)
    outcomes = list(ingest(db, [articles_dir, missing], extractor))
    stored = [o for o in outcomes if isinstance(o, Stored)]
    assert sorted(o.article.name for o in stored) == [
        "harbour-bridge",
        "night-market",
        "orchard-cooperative",
    ]
    assert all(isinstance(o.result, SaveResult) and o.result.added for o in stored)
    assert sum(o.result.quotes for o in stored) == db["quotes"].count > 0
    assert [o for o in outcomes if isinstance(o, Failed)] == [
        Failed(str(missing), "no such file or directory")
    ]
    again = list(ingest(db, [articles_dir], extractor))
    assert [type(o) for o in again] == [Skipped] * 3
    assert db["articles"].count == 3


def test_ingest_takes_article_records_and_notes_other_metadata(db_path, extractor):
    text = 'Mayor Ada Brun said: "The bridge opens in June." It was a short meeting.\n'
    first = Article(text=text, name="a", source="a.txt", outlet="Daily Lantern")
    db = open_db(db_path)
    [outcome] = ingest(db, [first], extractor)
    assert isinstance(outcome, Stored) and outcome.result.quotes == 1
    later = Article(text=text, name="b", source="b.txt", outlet="Valley Gazette")
    [skipped] = ingest(db, [later], extractor)
    assert skipped == Skipped(later, {"outlet": ("Daily Lantern", "Valley Gazette")}, False)
    [updated] = ingest(db, [later], extractor, update_metadata=True)
    assert updated.updated
    assert db.execute("select outlet from quotes").fetchall() == [("Valley Gazette",)]


def test_ingest_warns_of_a_dropped_url_and_stores_the_article(db_path, extractor, tmp_path):
    story = tmp_path / "story.md"
    story.write_text('---\nurl: "javascript:alert(1)"\n---\nAda Brun said: "It opens."\n')
    outcomes = list(ingest(open_db(db_path), [story], extractor))
    assert [type(o) for o in outcomes] == [Warned, Stored]
    assert "url dropped" in outcomes[0].reason


def test_bad_reading_options_are_refused_before_anything_is_read(db_path, extractor):
    with pytest.raises(ValueError, match="2024-05-19"):
        ingest(open_db(db_path), ["nowhere"], extractor, published="May 19")


def test_extract_gives_each_article_with_its_quotes_and_records(articles_dir, extractor):
    found = list(extract([articles_dir], extractor))
    assert all(isinstance(item, tuple) for item in found)
    records = [quote_record(article, quote) for article, quotes in found for quote in quotes]
    assert records and all(list(record) == list(RECORD_KEYS) for record in records)
    json.dumps(records)  # every value is JSON


def test_reextract_keeps_what_is_found_again(db_path, articles_dir, extractor):
    db = open_db(db_path)
    list(ingest(db, [articles_dir], extractor))
    before = db["quotes"].count
    outcomes = list(reextract(db, extractor))
    assert len(outcomes) == 3 and all(isinstance(o, Stored) for o in outcomes)
    results = [o.result for o in outcomes]
    assert all(isinstance(r, ReextractResult) for r in results)
    assert sum(r.unchanged for r in results) == before
    assert sum(r.added + r.updated + r.removed for r in results) == 0


def test_a_text_opening_with_its_title_has_no_quote_in_that_line(extractor):
    headline = "Mayor says the harbour bridge will open in June."
    text = f"{headline}\n\nMayor Ada Brun said the harbour bridge would open in June.\n"
    [(_, titled)] = extract([Article(text, "a", "a.txt", title=headline.rstrip("."))], extractor)
    [(_, untitled)] = extract([Article(text, "b", "b.txt", title="Bridge news")], extractor)
    assert [q.speaker for q in titled] == ["Ada Brun"]
    assert len(untitled) == 2 and untitled[0].start < len(headline)  # the control finds it
