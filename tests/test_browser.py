"""The Datasette site in a real browser: Playwright drives Debian's Chromium against
``quotes serve`` on a free localhost port, over a database built from ``articles/``.

Marked ``browser``: ``--no-browser`` skips them, saying so. Without Chromium they
skip locally and fail under CI (``CI`` set), where ``.ci/run`` installs it.
Screenshots of the main pages go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = REPO / "test-artifacts" / "browser"
# Putin's quote in the NPR seed article, interrupted by its attribution: one quote of two parts.
HARVEST_PARTS = [
    "Look, if you plant seeds in the right direction and treat them with care",
    "they give a good harvest.",
]
HARVEST = " ".join(HARVEST_PARTS)

# Test stories beside the seed articles of articles/: one whose quote carries markup, one
# that repeats Putin's harvest words in another outlet (an "other appearance").
EXTRA_ARTICLES = {
    "fair-day.txt": (
        "Fair Day In Testville\n\nMayor Odile Varga spoke at the fair on Sunday.\n\n"
        '"Nobody will slip <script>window.__quotesXss = 1</script> or '
        '<img src=x onerror=window.__quotesXss=2> into our harbour records," '
        "Odile Varga said.\n"
    ),
    "harbin-echo.txt": (
        "Putin In Harbin\n\nRussian President Vladimir Putin spoke to students in Harbin.\n\n"
        '"Look, if you plant seeds in the right direction and treat them with care, they give '
        'a good harvest," Putin said.\n'
    ),
}
EXTRA_SOURCES = """\
fair-day.txt:
  outlet: Testville Times
  published: "2031-06-01"
harbin-echo.txt:
  outlet: Test Wire
  published: "2024-05-18"
"""


def quotes_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m quotes ARGS`` as a user would; fail the test with its stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "quotes", *args], capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"quotes {' '.join(args)} failed:\n{done.stderr[-2000:]}"
    return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_stories(folder: Path, stories: dict[str, str], sources: str) -> Path:
    """``folder`` made and holding each story (file name -> text) and their sources.yml."""
    folder.mkdir()
    for name, text in stories.items():
        (folder / name).write_text(text, "utf-8")
    (folder / "sources.yml").write_text(sources, "utf-8")
    return folder


@pytest.fixture(scope="module")
def site_db(tmp_path_factory) -> Path:
    """The seed articles of ``articles/`` plus the two test stories, ingested with the CLI."""
    folder = tmp_path_factory.mktemp("browser")
    extra = write_stories(folder / "extra", EXTRA_ARTICLES, EXTRA_SOURCES)
    db = folder / "quotes.db"
    quotes_cli("ingest", str(REPO / "articles"), str(extra), "--db", str(db))
    return db


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """``quotes serve --db DB`` on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"quotes serve did not start:\n{process.stderr.read()[-2000:]}")
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def server(site_db):
    with serving(site_db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def page_on(browser, server: str):
    """A fresh page at 1280 px wide that may reach only ``server``: any other request is
    aborted and fails the test, as does a JavaScript dialog or an uncaught page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, errors = [], []

    def only_localhost(route):
        url = route.request.url
        if url.startswith(server) or urlsplit(url).scheme in ("data", "blob"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_localhost)
    page = context.new_page()
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.base = server
    yield page
    context.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not errors, errors


@pytest.fixture
def page(browser, server):
    with page_on(browser, server) as page:
        yield page


def db_value(site_db: Path, sql: str):
    """One value from the site's database, read-only."""
    with sqlite3.connect(f"file:{site_db}?mode=ro", uri=True) as connection:
        return connection.execute(sql).fetchone()[0]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def visible_rows(page) -> list[dict]:
    """The quotes list as the visitor sees it: one dict per row, keyed by column label."""
    return page.eval_on_selector_all(
        "table.quotes-list tbody tr",
        """rows => rows.map(row => Object.fromEntries([...row.querySelectorAll('td')]
             .map(td => [td.dataset.label, td.innerText.trim()])))""",
    )


def test_home_page_says_what_the_database_holds(page, site_db):
    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "Quotes"
    stats = " ".join(page.locator(".stat-cards").inner_text().split())
    for table in ("articles", "outlets"):
        assert f"{db_value(site_db, f'select count(*) from {table}')} {table}" in stats
    listed = "select count(distinct speaker_id) from quotes_current"
    assert f"{db_value(site_db, listed)} speakers" in stats
    assert f"{db_value(site_db, 'select count(*) from quotes_current')} quotes" in stats
    assert "0% fact-checked" in stats
    browse = page.get_by_role("link", name="Browse all quotes")
    assert "/quotes/quotes_" in browse.get_attribute("href")
    assert page.get_by_role("searchbox").is_visible()
    assert page.get_by_role("link", name="Vladimir Putin").first.is_visible()
    shoot(page, "home")


def test_search_finds_the_harvest_quote(page):
    page.goto(page.base + "/")
    page.get_by_role("searchbox").fill("harvest")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**_search=harvest*")
    rows = visible_rows(page)
    assert rows and {row["Speaker"].splitlines()[0] for row in rows} == {"Vladimir Putin"}
    assert any("they give a good harvest" in row["Quote"] for row in rows)
    assert page.locator("table.quotes-list mark").first.inner_text().lower() == "harvest"
    shoot(page, "search-harvest")


@pytest.mark.parametrize(
    ("speaker", "outlets"),
    [("Vladimir Putin", {"NPR", "The New York Times", "Test Wire"}), ("Xi Jinping", {"NPR"})],
)
def test_speaker_facet_keeps_only_their_quotes(page, speaker, outlets):
    page.goto(page.base + "/")
    page.get_by_role("link", name="Browse all quotes").click()
    page.wait_for_url("**/quotes/quotes_*")
    total = len(visible_rows(page))
    page.locator("#facet-speaker").get_by_role("link", name=speaker, exact=True).click()
    page.wait_for_url(f"**speaker={speaker.replace(' ', '+')}*")
    rows = visible_rows(page)
    assert 0 < len(rows) < total
    assert {row["Speaker"].splitlines()[0] for row in rows} == {speaker}
    assert {row["Outlet"] for row in rows} == outlets
    shoot(page, f"quotes-speaker-facet-{speaker.split()[-1].lower()}")


def add_verdict(site_db: Path, quote_id: str) -> None:
    """``quotes factcheck add``, or the library call it wraps while the command is missing."""
    try:
        import quotes.cli.factcheck  # noqa: F401
    except ModuleNotFoundError:
        try:
            from quotes.factcheck import add_factcheck
        except ImportError:
            pytest.skip("neither `quotes factcheck add` nor quotes.factcheck exists yet")
        from quotes.store import open_db

        db = open_db(site_db)
        add_factcheck(
            db,
            quote_id,
            "Mostly True",
            note="Two good harvests in five years.",
            evidence=["https://example.org/norland-harvest-statistics"],
            reviewer="browser-test",
        )
        db.close()
        return
    quotes_cli(
        "factcheck",
        "add",
        quote_id,
        "--verdict",
        "Mostly True",
        "--db",
        str(site_db),
        "--note",
        "Said to students in Harbin on May 17, 2024.",
        "--evidence",
        "https://example.org/harbin-speech-transcript",
    )


def test_quote_page_highlights_and_shows_verdict_history(page, site_db):
    page.goto(page.base + "/")
    page.get_by_role("searchbox").fill("harvest")
    page.get_by_role("button", name="Search").click()
    page.locator("tr", has_text="NPR").locator("a.quote-link", has_text="plant seeds").click()
    page.wait_for_url("**/quotes/quotes/*")
    quote_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator(".paragraph mark.quote-highlight").all_inner_texts() == HARVEST_PARTS
    assert "Putin said" in page.locator(".paragraph").inner_text()
    assert page.locator(".paragraph mark.speaker-highlight").inner_text() == "Putin"
    assert "Russian President" in page.locator(".attribution").inner_text()
    assert "NPR" in page.locator(".card-article").inner_text()
    assert "not fact-checked yet" in page.locator(".verdict-now").inner_text()
    others = page.locator(".other-appearances")
    assert "Test Wire" in others.inner_text()

    add_verdict(site_db, quote_id)
    page.reload()
    assert page.locator(".verdict-now .verdict").inner_text() == "Mostly True"
    history = page.locator(".factcheck-history tbody tr")
    assert history.count() == 1
    assert "Harbin" in history.first.inner_text()
    evidence = history.first.locator("a.evidence")
    assert evidence.get_attribute("href") == "https://example.org/harbin-speech-transcript"
    shoot(page, "quote")
    page.goto(page.base + "/")
    assert "Mostly True" in page.locator(".latest-checks").inner_text()
    shoot(page, "home-after-factcheck")


def test_speaker_page_lists_quotes_across_outlets(page, site_db):
    page.goto(page.base + "/")
    page.get_by_role("link", name="Vladimir Putin").first.click()
    page.wait_for_url("**/quotes/speakers/*")
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    outlets = page.locator(".speaker-outlet h2").all_inner_texts()
    assert sorted(outlets) == ["NPR", "Test Wire", "The New York Times"]
    speaker_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    count = db_value(site_db, f"select count(*) from quotes where speaker_id = {int(speaker_id)}")
    assert page.locator(".speaker-quotes li").count() == count
    page.get_by_role("link", name="Browse and facet their quotes").click()
    page.wait_for_selector("table.quotes-list tbody tr")
    assert {row["Speaker"].splitlines()[0] for row in visible_rows(page)} == {"Vladimir Putin"}
    assert page.locator("#facet-outlet").is_visible()
    page.go_back()
    shoot(page, "speaker")


def test_csv_download_parses(page, site_db):
    page.goto(page.base + "/")
    page.get_by_role("link", name="Browse all quotes").click()
    page.wait_for_url("**/quotes/quotes_*")
    page.locator("input[name=_dl]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    path = download.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text("utf-8"))))
    view = urlsplit(page.url).path.rsplit("/", 1)[-1]
    assert len(rows) == db_value(site_db, f"select count(*) from {view}")
    assert {"id", "text", "speaker", "outlet", "published"} <= set(rows[0])
    harvest = [row for row in rows if row["text"] == HARVEST]
    assert harvest and harvest[0]["speaker"] == "Vladimir Putin"


def test_markup_in_a_quote_is_text_and_runs_nothing(page):
    page.goto(page.base + "/")
    page.get_by_role("searchbox").fill("harbour records")
    page.get_by_role("button", name="Search").click()
    quote = page.locator("table.quotes-list td[data-label=Quote]").first
    assert "<script>window.__quotesXss = 1</script>" in quote.inner_text()
    assert "<img src=x onerror=window.__quotesXss=2>" in quote.inner_text()
    shoot(page, "markup-as-text")
    pages = [page.url]
    quote.locator("a.quote-link").click()
    page.wait_for_url("**/quotes/quotes/*")
    assert "<img src=x onerror" in page.locator("blockquote.quote-text").inner_text()
    assert "<script>" in page.locator(".paragraph mark.quote-highlight").inner_text()
    pages.append(page.url)
    page.locator(".card-article").locator("a").first.click()
    page.wait_for_url("**/quotes/articles/*")
    pages.append(page.url)
    page.go_back()
    page.locator("a.speaker-link").first.click()
    page.wait_for_url("**/quotes/speakers/*")
    assert "<script>" in page.locator(".speaker-quotes").inner_text()
    pages.append(page.url)
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__quotesXss") is None, url
        assert page.locator("img[src=x]").count() == 0, url
        assert page.locator("script", has_text="__quotesXss").count() == 0, url


def test_charts_render_without_leaving_localhost(page):
    page.goto(page.base + "/")
    page.get_by_role("link", name="Charts").click()
    page.wait_for_url("**/-/dashboards/quotes-overview")
    charts = page.locator(".vega-embed")
    charts.nth(3).locator("canvas, svg").first.wait_for(timeout=15000)
    assert charts.count() == 4
    for index in range(4):
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=15000)
    titles = page.locator(".dashboard-card-title, .card-title, h2, h3").all_inner_texts()
    assert any("Quotes per speaker" in title for title in titles), titles
    page.wait_for_timeout(300)
    shoot(page, "charts")


def test_a_database_of_any_name_gets_the_projects_pages(browser, site_db, tmp_path):
    """``quotes serve --db news.db``: the home page, the quotes list as quote cards, the
    pages of a quote, a speaker and a statement, all under /news."""
    news = tmp_path / "news.db"
    news.write_bytes(site_db.read_bytes())
    harvest = db_value(news, "select id from quotes where text like '%good harvest%' limit 1")
    putin = db_value(news, "select id from speakers where name = 'Vladimir Putin'")
    statement = db_value(
        news, "select statement_id from statement_quotes where quote_id = "
        f"'{harvest}'"
    )
    with serving(news) as base, page_on(browser, base) as page:
        page.goto(base + "/")
        assert page.locator("h1").inner_text() == "Quotes"
        assert page.locator(".stat-cards").is_visible()
        assert "Data source: news" in " ".join(page.locator("footer").inner_text().split())
        page.get_by_role("link", name="Browse all quotes").click()
        page.wait_for_url("**/news/quotes_current*")
        assert any("good harvest" in row["Quote"] for row in visible_rows(page))
        page.goto(f"{base}/news/quotes/{harvest}")
        assert page.locator("article.quote-page mark.quote-highlight").first.is_visible()
        assert "Fact-check history" in page.locator("article.quote-page").inner_text()
        page.goto(f"{base}/news/speakers/{putin}")
        assert page.locator("article.speaker-page h1").inner_text() == "Vladimir Putin"
        page.goto(f"{base}/news/statements/{statement}")
        assert page.locator("article.statement-page .appearance").count() >= 2
        shoot(page, "news-statement")
