"""A fact-checker's day on the two seed articles, as the README's walkthrough tells it:
ingest, search, show, set an article's address, say who publishes, draft, publish,
correct (and a correction that would fork, refused), import another organisation's
ClaimReview, export CSV and ClaimReview, then serve and see the published verdict in
a real browser. Each step runs `python -m quotes` as a user would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.request

import jsonschema
import pytest
from conftest import REPO
from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port

pytestmark = pytest.mark.browser
SUMMIT_WATCH = REPO / "tests" / "fixtures" / "claimreview" / "summit-watch.jsonld"
SCHEMA = json.loads((REPO / "tests" / "schemas" / "claimreview.schema.json").read_text())
NPR_URL = "https://example.org/npr/putin-xi-summit"


def test_a_fact_checkers_day(tmp_path):
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    env = {"QUOTES_REVIEWER": "ana", "COLUMNS": "200"}

    def quotes(*args: str, code: int = 0) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "quotes", *map(str, args)],
            cwd=tmp_path,
            text=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, **env},
        )
        assert done.returncode == code, f"quotes {args}: {done.stdout}\n{done.stderr}"
        return done

    # Morning: the two seed articles in, and Putin's words about seeds and harvests found.
    assert quotes("ingest", REPO / "articles").stdout.startswith("2 articles added")
    found = json.loads(quotes("search", "plant seeds", "--json").stdout)
    quote = next(row for row in found if "Putin" in (row["speaker"] or ""))
    shown = json.loads(quotes("show", quote["id"], "--json").stdout)
    assert shown["outlet"] == "NPR" and shown["history"] == []

    # Was it checked elsewhere? Summit Watch's review matches it.
    imported = quotes("factcheck", "import", SUMMIT_WATCH)
    assert "1 review matched stored quotes" in imported.stdout
    elsewhere = json.loads(quotes("show", quote["id"], "--json").stdout)["elsewhere"]
    assert [e["organisation"] for e in elsewhere] == ["Summit Watch"]

    # The article's address, and who publishes our reviews, set once.
    quotes("articles", "set", shown["article_id"][:8], "--url", NPR_URL)
    quotes(
        "factcheck",
        "config",
        "--org",
        "Harbour Fact Desk",
        "--org-url",
        "https://factdesk.example",
        "--review-url",
        "https://factdesk.example/c/{quote_id}",
    )

    # A draft, seen by the desk only, then published.
    quotes(
        "factcheck",
        "add",
        quote["id"][:8],
        "--verdict",
        "Correct Attribution",
        "--scale",
        "snopes",
        "--draft",
        "--note",
        "Said at the Beijing press conference.",
        "--evidence",
        "https://factdesk.example/transcripts/beijing",
    )
    drafts = json.loads(quotes("factcheck", "list", "--drafts", "--json").stdout)
    assert [(d["draft"], d["id"]) for d in drafts] == [(1, quote["id"])]
    assert quotes("export").stdout.count("Correct Attribution") == 0
    assert "fact-check #1" in quotes("factcheck", "publish", "1").stdout

    # A correction on top of it, and one naming an older verdict: refused, no fork.
    quotes(
        "factcheck",
        "add",
        quote["id"],
        "--verdict",
        "Mostly True",
        "--supersedes",
        "1",
        "--note",
        "The quote is real; the harvest metaphor is his own.",
    )
    fork = quotes(
        "factcheck", "add", quote["id"], "--verdict", "False", "--supersedes", "1", code=2
    )
    assert "the current one is #2 ('Mostly True' by ana" in fork.stderr
    history = json.loads(quotes("factcheck", "history", quote["id"], "--json").stdout)
    assert [(h["id"], h["supersedes"], h["current"]) for h in history] == [
        (1, None, False),
        (2, 1, True),
    ]

    # Evening: what the desk shares.
    rows = list(csv.DictReader(io.StringIO(quotes("export").stdout)))
    ours = next(row for row in rows if row["id"] == quote["id"])
    assert (ours["current_verdict"], ours["article_url"]) == ("Mostly True", NPR_URL)
    assert ours["verdict_note"] == "The quote is real; the harvest metaphor is his own."
    quotes("export", "--format", "claimreview", "-o", "reviews.json")
    reviews = json.loads((tmp_path / "reviews.json").read_text())
    jsonschema.validate(reviews, SCHEMA)
    assert [r["url"] for r in reviews] == [f"https://factdesk.example/c/{quote['id']}"]
    assert reviews[0]["itemReviewed"]["appearance"][0]["url"] == NPR_URL

    # And the site shows the published verdict, beside Summit Watch's.
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/quotes/quotes/{quote['id']}")
            assert page.locator(".verdict-now .verdict").inner_text() == "Mostly True"
            assert page.locator(".factcheck-history tbody tr").count() == 2
            assert "Summit Watch" in page.locator(".checked-elsewhere").inner_text()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
