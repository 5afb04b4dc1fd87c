"""Paraphrase is never shown as a verbatim quote: an indirect row (the reporter's words)
is shown without quotation marks and labelled as reported speech on the quote page,
the quotes list, the speaker page, in `quotes show`/`search` and in exports; a direct
quote keeps its marks."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

from factcheck_data import run

from quotes.records import Article, Quote
from quotes.store import article_id, open_db, quote_id, save_article

TEXT = (
    'Mayor Ada Brun said the budget would double next year. "We will hire forty '
    'teachers," she said.'
)
REPORTED = "the budget would double next year"
QUOTED = "We will hire forty teachers,"


def quote(words: str, kind: str) -> Quote:
    start = TEXT.index(words)
    return Quote(
        words,
        start,
        start + len(words),
        kind,
        "said",
        None,
        None,
        "Ada Brun",
        "Mayor Ada Brun",
        0,
        14,
        "person",
        "Mayor",
        0,
        len(TEXT),
    )


def build(db_path):
    article = Article(
        text=TEXT,
        name="budget",
        source="budget.txt",
        title="Budget day",
        outlet="Daily Lantern",
        published="2024-05-01",
    )
    db = open_db(db_path)
    save_article(db, article, [quote(REPORTED, "indirect"), quote(QUOTED, "direct")])
    speaker_id = db.execute("select id from speakers").fetchone()[0]
    db.close()
    aid = article_id(TEXT)
    return quote_id(aid, REPORTED), quote_id(aid, QUOTED), speaker_id


def pages(db_path, *paths):
    from quotes.datasette.app import build_datasette

    async def fetch():
        client = build_datasette(db_path).client
        return [(await client.get(path)).text for path in paths]

    return asyncio.run(fetch())


def marked(html: str, words: str) -> bool:
    """Whether ``words`` appear in ``html`` between quotation marks."""
    return re.search("“(<[^>]+>)*" + re.escape(words), html) is not None


def test_pages_show_reported_speech_without_marks_and_quotes_with_them(db_path):
    reported, quoted, speaker = build(db_path)
    reported_page, quoted_page, listing, speaker_page = pages(
        db_path,
        f"/quotes/quotes/{reported}",
        f"/quotes/quotes/{quoted}",
        "/quotes/quotes_current",
        f"/quotes/speakers/{speaker}",
    )
    assert REPORTED in reported_page and not marked(reported_page, REPORTED)
    assert "Reported speech: the reporter's words" in reported_page
    assert "<title>Ada Brun (reported speech): " in reported_page
    assert marked(quoted_page, QUOTED) and "Reported speech:" not in quoted_page
    for html in (listing, speaker_page):
        assert not marked(html, REPORTED) and marked(html, QUOTED)
        assert re.search(r">reported speech</span>\s*" + re.escape(REPORTED), html)


def test_show_search_and_export_label_reported_speech(db_path):
    reported, quoted, _ = build(db_path)
    shown = run("show", reported, "--db", db_path).stdout
    assert "reported speech" in shown and f"“{REPORTED}" not in shown
    assert f"“{QUOTED}”" in run("show", quoted, "--db", db_path).stdout
    found = run("search", "budget", "--db", db_path).stdout
    assert "[reported speech" in found and "“the budget" not in found
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("export", "--db", db_path).stdout))}
    assert rows[reported]["speech"] == "reported speech (the reporter's words)"
    assert rows[reported]["text"] == REPORTED
    assert rows[quoted]["speech"] == "quoted"
    records = json.loads(run("export", "-f", "json", "--db", db_path).stdout)
    assert {r["id"]: r["speech"] for r in records}[reported].startswith("reported speech")
