"""The saved extraction the database tests build from is what the extractor finds."""

from __future__ import annotations

import json

from records import EXTRACTED, extract_fixtures, extracted, make_quote

from quotes.ingest import extract


def test_the_extractor_still_finds_the_saved_records(extractor):
    saved = json.loads(EXTRACTED.read_text("utf-8"))
    assert extract_fixtures(extractor) == saved
    assert len(saved) == 5 and sum(len(item["quotes"]) for item in saved) > 30


def test_the_saved_records_are_quotes_of_their_articles():
    for article, quotes in extracted():
        assert quotes
        for quote in quotes:
            assert " ".join(article.text[s:e] for s, e in quote.parts) == quote.text


def test_the_builder_makes_a_quote_of_its_words():
    text = 'Mayor Ada Brun said: "The bridge opens in June."'
    quote = make_quote(text, '"The bridge opens in June."', "Ada Brun", "Mayor Ada Brun")
    assert text[quote.start : quote.end] == quote.text
    assert text[quote.speaker_start : quote.speaker_end] == "Mayor Ada Brun"


def test_extract_from_python_matches_the_records(extractor):
    from records import SOURCES

    pairs = list(extract([str(s) for s in SOURCES], extractor))
    assert [len(quotes) for _, quotes in pairs] == [len(q) for _, q in extracted()]
