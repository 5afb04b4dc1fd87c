"""The site under hostile data, in a real browser: every page type is visited in Chromium
and every link on it clicked, over a database whose article and evidence URLs are
``javascript:`` and ``data:`` URLs (as a database made before they were checked, or
hand-written SQL, may hold) and whose names, titles and quotes hold markup (issue 19).

No script from the data may run (no dialog, no page error, ``window.__quotesXss`` unset),
every link must be http(s), and clicking one never leaves localhost except to the
article and evidence URLs that are http(s) (answered here by a stand-in page).
"""

from __future__ import annotations

import re
import sqlite3
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_browser import browser, quotes_cli, server, write_stories  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

XSS = "window.__quotesXss"
HOSTILE_URLS = {  # by article: what a database made before URLs were checked may hold
    "ferry": "javascript:alert('article url')",
    "market": " javascript:alert('leading space')",
    "orchard": "java\tscript:alert('tab')",
    "bridge": "JaVaScRiPt:window.__quotesXss=4",
    "tram": "data:text/html,<script>alert('data url')</script>",
}
STORIES = {
    "ferry.txt": (
        "Ferry Returns To Ormsby\n\n"
        '"The ferry <script>window.__quotesXss = 1</script> will run again on Monday," '
        "said Ilse Varga, the Ormsby harbour master.\n\n"
        "Varga said the engine had been repaired over the winter.\n"
    ),
    "library.txt": (
        "Library Opens\n\n"
        '"We will open the <img src=x onerror=window.__quotesXss=2> library on Monday," '
        "said Mayor Ines Kovalenko of Millbrook.\n\n"
        '"We will open the library on Monday," Ines Kovalenko told the council later.\n'
    ),
    "market.txt": (
        "Night Market Moves\n\n"
        '"The market will move to the old tram depot," said Petra Lund, who runs it.\n'
    ),
    "orchard.txt": '"The apples are early this year," said Tomas Pell, who keeps the orchard.\n',
    "bridge.txt": '"The bridge will be rebuilt before winter," said Rosa Voss, the engineer.\n',
    "tram.txt": '"The tram depot will close in May," said Omar Lindqvist of the depot.\n',
}
SOURCES = """\
ferry.txt:
  outlet: '"><svg onload=window.__quotesXss=3>'
  title: "<script>alert('title')</script>"
  published: "2031-06-01"
library.txt:
  outlet: "javascript:alert('outlet')"
  published: "2031-06-02"
  url: https://lantern.example/library
market.txt:
  outlet: Daily Lantern
  published: "2031-06-03"
"""


@pytest.fixture(scope="module")
def site_db(tmp_path_factory) -> Path:
    """Hostile stories ingested with the CLI, then given hostile URLs and names by SQL."""
    folder = tmp_path_factory.mktemp("hostile-site")
    stories = write_stories(folder / "stories", STORIES, SOURCES)
    db = folder / "quotes.db"
    quotes_cli("ingest", str(stories), "--db", str(db))
    with sqlite3.connect(db) as conn:
        quote_id = conn.execute("select id from quotes order by id limit 1").fetchone()[0]
    quotes_cli(
        "factcheck", "add", quote_id, "--verdict", "False", "--db", str(db),
        "--evidence", "https://stats.example/ferry https://archive.example/ferry",
    )  # fmt: skip
    with sqlite3.connect(db) as conn:
        for name, url in HOSTILE_URLS.items():
            conn.execute("update articles set url = ? where name = ?", [url, name])
        conn.execute(
            "update factcheck_evidence set url = ?, archived_url = ?",
            ["javascript:alert('evidence')", "data:text/html,<script>alert(1)</script>"],
        )
        conn.execute(
            "update speakers set name = 'Petra <img src=x onerror=alert(5)>Lund'"
            " where name = 'Petra Lund'"
        )
    return db


def settled(page):
    """``window.__quotesXss`` once the page a click led to (or stayed on) has loaded."""
    from playwright.sync_api import Error

    for _ in range(50):
        page.wait_for_timeout(20)
        try:
            page.wait_for_load_state()
            return page.evaluate(XSS)
        except Error:  # the click's navigation replaced the page meanwhile
            continue
    raise AssertionError(f"{page.url} never settled")


def _page_type(url: str) -> str:
    """What kind of page a URL shows: its path with a row's key replaced."""
    parts = urlsplit(url).path.rstrip("/").split("/")
    if len(parts) == 4 and parts[1] == "quotes" and not parts[3].startswith("-"):
        parts[3] = "*"
    return "/".join(parts) or "/"


def _link_kind(url: str, base: str) -> tuple:
    """Links on the site to one kind of page (a sort, a facet, a row of one table) do the
    same when clicked: one of them is clicked. Every link off the site is clicked."""
    if not url.startswith(base):
        return (url,)
    parts = urlsplit(url)
    return _page_type(url), Path(parts.path).suffix, bool(parts.query), bool(parts.fragment)


def _is_page(url: str, base: str) -> bool:
    path = urlsplit(url).path
    return url.startswith(base) and not re.search(r"\.(json|csv|css|js|png|svg)$", path)


def test_every_page_type_runs_no_script_and_every_link_is_http(browser, server, site_db):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, problems = [], []

    def stand_in(route):
        url = route.request.url
        if url.startswith(server):
            route.continue_()
        elif urlsplit(url).scheme in ("http", "https"):
            outside.append(url)
            route.fulfill(status=200, content_type="text/html", body="<p>elsewhere</p>")
        else:
            route.abort()

    context.route("**/*", stand_in)
    context.on("page", lambda popup: popup.close() if popup.opener() else None)
    page = context.new_page()
    page.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    # Every quote and statement page (each shows an article URL), then one page of each
    # type found by following links.
    with sqlite3.connect(site_db) as conn:
        start = [
            f"{server}/quotes/quotes/{row[0]}" for row in conn.execute("select id from quotes")
        ]
        start += [
            f"{server}/quotes/statements/{row[0]}"
            for row in conn.execute("select id from statements")
        ]
    queue, types, clicked = deque([server + "/", *start]), set(), set()
    while queue:
        url = queue.popleft()
        if _page_type(url) in types and url not in start:
            continue
        types.add(_page_type(url))
        page.goto(url)
        assert page.evaluate(XSS) is None, url
        links = page.eval_on_selector_all(
            "a[href]",
            "links => links.map((a, i) => [i, a.getAttribute('href'), a.href, a.protocol])",
        )
        for _, raw, _resolved, protocol in links:
            assert protocol in ("http:", "https:"), f"{raw!r} on {url}"
        for index, _, resolved, _ in links:
            if _link_kind(resolved, server) in clicked:
                continue
            clicked.add(_link_kind(resolved, server))
            if page.url != url:
                page.go_back()
                if page.url != url:  # a download or a page that replaced its history
                    page.goto(url)
            # The link's own click(), as a visitor's would be, hidden ones too (menus).
            page.locator("a[href]").nth(index).evaluate("link => link.click()")
            assert settled(page) is None, f"after clicking {resolved} on {url}"
            if _is_page(page.url, server) and _page_type(page.url) not in types:
                queue.append(page.url)
    context.close()
    assert not problems, problems
    assert {"/quotes/quotes/*", "/quotes/speakers/*", "/quotes/statements/*", "/quotes/articles/*",
            "/-/dashboards/quotes-overview"} <= types, sorted(types)  # fmt: skip
    assert "https://lantern.example/library" in outside
    print(f"{len(types)} page types, {len(clicked)} kinds of link clicked")
