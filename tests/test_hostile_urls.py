"""Article URLs from hostile metadata: only an http(s) URL with a host is stored, and the
pages and ClaimReview link an article only through the one check (issue 19).

Every article here is fiction written for these tests; the fetched page is served by a
local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import QuietHandler, local_http_server
from factcheck_data import CRIME, build, gazette, lantern

from quotes.cli import app
from quotes.weburl import web_url

HOSTILE_URLS = (
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "https:///no-host",
    "http://",
    "https://exa mple.org/",
    "https://example.org/\nSet-Cookie: x",
    "https://[::1",
    "",
)
STORY = (
    "Ormsby ferry returns\n\n"
    "“The ferry will run again on Monday,” said Ilse Varga, the Ormsby harbour master.\n"
)


@pytest.mark.parametrize(
    "url", ["https://lantern.example/a?b=c#d", "http://127.0.0.1:8001/x", "HTTPS://Lantern.example"]
)
def test_web_urls_are_kept_as_they_are(url):
    assert web_url(url) == url


@pytest.mark.parametrize("url", [*HOSTILE_URLS, None, 42])
def test_anything_else_is_not_a_web_url(url):
    assert web_url(url) is None


class _Page(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        front = '---\nurl: "javascript:alert(document.cookie)"\ntitle: Ferry\n---\n'
        self.send_body(200, front + STORY.replace("Ormsby", "Inch"), "text/plain; charset=utf-8")


def test_urls_from_front_matter_sidecar_and_pages_are_dropped_with_a_warning(
    runner, tmp_path, shared_extractor
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "front.md").write_text(
        '---\nurl: "javascript:alert(1)"\n---\n' + STORY.replace("Ormsby", "Hobb"), "utf-8"
    )
    (folder / "sidecar.txt").write_text(STORY, "utf-8")
    (folder / "good.txt").write_text(STORY.replace("Ormsby", "Bellow"), "utf-8")
    (folder / "sources.yml").write_text(
        "sidecar.txt:\n  url: 'data:text/html,<script>alert(1)</script>'\n"
        "good.txt:\n  url: https://lantern.example/ferry\n",
        "utf-8",
    )
    db = tmp_path / "quotes.db"
    with local_http_server(_Page) as server:
        result = runner.invoke(app, ["ingest", str(folder), f"{server}/ferry", "--db", str(db)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {folder / 'front.md'}: url dropped (not an http(s) URL with a host): "
        "'javascript:alert(1)'",
        f"warning: {folder / 'sidecar.txt'}: url dropped (not an http(s) URL with a host): "
        "'data:text/html,<script>alert(1)</script>'",
        f"warning: {server}/ferry: url dropped (not an http(s) URL with a host): "
        "'javascript:alert(document.cookie)'",
    ]
    with sqlite3.connect(db) as conn:
        urls = dict(conn.execute("select name, url from articles"))
    assert urls == {
        "front": None,
        "sidecar": None,
        "good": "https://lantern.example/ferry",
        "ferry": None,
    }


def test_a_url_option_that_is_not_a_web_url_is_refused_before_reading(
    runner, tmp_path, shared_extractor
):
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    db = tmp_path / "quotes.db"
    result = runner.invoke(
        app, ["ingest", str(story), "--url", "javascript:alert(1)", "--db", str(db)]
    )
    assert result.exit_code == 2
    unboxed = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())  # rich's error panel
    assert "not an http(s) URL with a host: 'javascript:alert(1)'" in unboxed
    assert "Traceback" not in result.output
    assert not db.exists()


def _with_article_url(db_path: Path, url: str) -> None:
    """What a database made before URLs were checked may hold (or hand-written SQL)."""
    from quotes.ingest import write_article
    from quotes.store import open_db

    db = open_db(db_path)
    for article, quotes in (lantern(), gazette()):
        write_article(db, article, quotes)
    db.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("update articles set url = ?", [url])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", " javascript:x"])
def test_claimreview_leaves_out_an_appearance_that_is_not_a_web_url(db_path, url):
    from quotes.factcheck import add_factcheck
    from quotes.factcheck.claimreview import claim_reviews
    from quotes.factcheck.publisher import set_publisher
    from quotes.store import open_db

    _with_article_url(db_path, url)
    db = open_db(db_path)
    set_publisher(
        db, org="Lantern Checks", org_url="https://checks.example",
        review_url="https://checks.example/reviews/{quote_id}",
    )
    add_factcheck(db, CRIME, "False", reviewer="ana")
    (review,) = claim_reviews(db)
    db.close()
    assert "appearance" not in review["itemReviewed"]
    assert url not in str(review)


def _pages(db_path: Path, paths: list[str]) -> dict[str, str]:
    from quotes.datasette.app import build_datasette

    ds = build_datasette(db_path)

    async def fetch() -> dict[str, str]:
        await ds.invoke_startup()
        found = {}
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, path
            found[path] = response.text
        return found

    return asyncio.run(fetch())


def test_pages_link_the_original_only_when_it_is_a_web_url(db_path):
    _with_article_url(db_path, "javascript:alert(document.domain)")
    with sqlite3.connect(db_path) as conn:
        sql = "select statement_id from statement_quotes where quote_id = ?"
        statement = conn.execute(sql, [CRIME]).fetchone()[0]
    paths = [f"/quotes/quotes/{CRIME}", f"/quotes/statements/{statement}"]
    for path, html in _pages(db_path, paths).items():
        assert "javascript:" not in html, path
        assert "Read the original" not in html and ">original</a>" not in html, path
    with sqlite3.connect(db_path) as conn:
        conn.execute("update articles set url = 'https://lantern.example/council'")
    pages = _pages(db_path, paths)
    assert 'href="https://lantern.example/council"' in pages[paths[0]]
    assert 'href="https://lantern.example/council"' in pages[paths[1]]


def test_evidence_urls_are_linked_only_when_they_are_web_urls(db_path):
    from quotes.factcheck import add_factcheck
    from quotes.store import open_db

    build(db_path).close()
    db = open_db(db_path)
    add_factcheck(
        db,
        CRIME,
        "False",
        reviewer="ana",
        evidence=["https://stats.example/crime https://archive.example/crime"],
    )
    db.close()
    with sqlite3.connect(db_path) as conn:  # as hand-written SQL could leave them
        conn.execute(
            "update factcheck_evidence set url = 'javascript:alert(1)',"
            " archived_url = 'data:text/html,x'"
        )
    html = _pages(db_path, [f"/quotes/quotes/{CRIME}"])[f"/quotes/quotes/{CRIME}"]
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "javascript:alert(1)" in html  # still shown, as text
