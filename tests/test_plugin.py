"""The quotes Datasette plugin through Datasette's own client: templates, cells, pages, charts.

The database is written from hand-made records (no spaCy), so these run in a
second or two; ``tests/test_browser.py`` covers the same pages in Chromium.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3

import pytest
from markupsafe import Markup

import quotes.factcheck  # noqa: F401  (the fact-check tables, for open_db)
from quotes.datasette.app import build_datasette
from quotes.datasette.html import highlight, mark_terms, paragraph_bounds, verdict_badge
from quotes.datasette.metadata import load_metadata
from quotes.factcheck import add_factcheck
from quotes.records import Article, Quote
from quotes.store import open_db, quote_id, save_article

SUMMIT = (
    "Harbour Talks End\n\nThe summit ended on Friday in Port Calder.\n\n"
    '"In good years they share a good harvest," Halvard Rennick said at the harbour.\n\n'
    "Officials left for the airport."
)
ECHO = "Neighbours Hail Summit\n\nRennick said they share a good harvest, officials reported.\n"
MARKUP = (
    "Fair Day\n\n"
    '"No <script>alert(1)</script> and no <img src=x onerror=alert(2)> here," Odile Varga said.\n'
)


def make_quote(
    text: str, words: str, speaker: str, mention: str, cue: str, kind="direct", role=None
) -> Quote:
    """A ``Quote`` for ``words`` in ``text``, offsets found by search."""
    start = text.index(words)
    speaker_start, cue_start = text.index(mention), text.index(cue)
    return Quote(
        text=words,
        start=start,
        end=start + len(words),
        kind=kind,
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_start + len(cue),
        speaker=speaker,
        speaker_mention=mention,
        speaker_start=speaker_start,
        speaker_end=speaker_start + len(mention),
        speaker_type="person",
        speaker_role=role,
        context_start=0,
        context_end=len(text),
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Three articles in three outlets, one verdict corrected by a second."""
    path = tmp_path_factory.mktemp("plugin") / "quotes.db"
    db = open_db(path)
    stories = [
        (
            SUMMIT,
            "Calder Chronicle",
            "2031-04-12",
            "In good years they share a good harvest",
            "Halvard Rennick",
            "Halvard Rennick",
            "said",
            "direct",
            "Prime Minister",
        ),
        (
            ECHO,
            "Norland Post",
            "2031-04-14",
            "they share a good harvest",
            "Halvard Rennick",
            "Rennick",
            "said",
            "indirect",
            None,
        ),
        (
            MARKUP,
            "Testville Times",
            "2031-06-01",
            "No <script>alert(1)</script> and no <img src=x onerror=alert(2)> here",
            "Odile Varga",
            "Odile Varga",
            "said",
            "direct",
            "Mayor",
        ),
    ]
    for text, outlet, published, words, speaker, mention, cue, kind, role in stories:
        article = Article(
            text=text,
            name=outlet.lower().replace(" ", "-"),
            source=outlet,
            title=text.splitlines()[0],
            outlet=outlet,
            published=published,
            url=f"https://example.org/{published}",
        )
        save_article(db, article, [make_quote(text, words, speaker, mention, cue, kind, role)])
    harvest = db.execute("select id from quotes where kind = 'direct' and text like 'In good%'")
    harvest = harvest.fetchone()[0]
    add_factcheck(
        db,
        harvest,
        "Half True",
        evidence=["https://example.org/first"],
        reviewer="a",
        note="First look",
    )
    add_factcheck(
        db,
        harvest,
        "Mostly True",
        evidence=["https://example.org/stats https://archive.example.org/stats"],
        reviewer="b",
        note="After the <b>ministry</b> figures",
    )
    markup = db.execute("select id from quotes where text like 'No <script>%'").fetchone()[0]
    add_factcheck(db, markup, "False", reviewer="c")
    db.close()
    return {"path": path, "harvest": harvest, "markup": markup}


def get(path, *urls, status=200):
    """GET each URL through Datasette's client; the responses, each checked for ``status``."""
    ds = build_datasette(path)

    async def run():
        await ds.invoke_startup()
        return [await ds.client.get(url) for url in urls]

    responses = asyncio.run(run())
    for url, response in zip(urls, responses, strict=True):
        assert response.status_code == status, (url, response.text[:300])
    return responses if len(urls) > 1 else responses[0]


def speaker_id(site, name: str) -> int:
    with sqlite3.connect(site["path"]) as connection:
        return connection.execute("select id from speakers where name = ?", [name]).fetchone()[0]


def test_static_files_and_css_link(site):
    css = get(site["path"], "/-/quotes/static/quotes.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".verdict-true" in css.text
    get(site["path"], "/-/quotes/static/missing.css", "/-/quotes/static/metadata.yml", status=404)
    assert '/-/quotes/static/quotes.css"' in get(site["path"], "/quotes").text


def test_home_page(site):
    html = get(site["path"], "/").text
    stats = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for words in (
        "3 articles",
        "3 outlets",
        "2 speakers",
        "3 quotes",
        "67% fact-checked",
        "2 of 3",
    ):
        assert words in stats, words
    assert 'action="/quotes/quotes_current"' in html and 'name="_search"' in html
    assert 'href="/quotes/quotes_current"' in html
    assert 'href="/-/dashboards/quotes-overview"' in html
    assert '<span class="verdict verdict-true">Mostly True</span>' in html
    assert "Half True" not in html  # superseded verdicts are not "latest"


def test_verdict_badges_and_links_in_cells(site):
    html = get(site["path"], "/quotes/quotes_current").text
    assert '<span class="verdict verdict-true">Mostly True</span>' in html
    assert '<span class="verdict verdict-false">False</span>' in html
    assert '<span class="verdict verdict-none">not checked</span>' in html
    rennick = speaker_id(site, "Halvard Rennick")
    assert f'<a class="speaker-link" href="/quotes/speakers/{rennick}">Halvard Rennick</a>' in html
    assert f'href="/quotes/quotes/{site["harvest"]}"' in html
    factchecks = get(site["path"], "/quotes/factchecks").text
    assert '<span class="verdict verdict-mixed">Half True</span>' in factchecks


def test_list_facets_and_search_marks(site):
    data = get(site["path"], "/quotes/quotes_current.json?_size=0").json()
    assert set(data["facet_results"]) == {
        "speaker",
        "speaker_type",
        "outlet",
        "kind",
        "cue",
        "current_verdict",
        "published",
    }
    verdicts = {r["value"]: r["count"] for r in data["facet_results"]["current_verdict"]["results"]}
    assert verdicts == {"Mostly True": 1, "False": 1}
    html = get(site["path"], "/quotes/quotes_current?_search=harvest").text
    assert html.count("<mark>harvest</mark>") == 2
    assert "Odile Varga" not in html.split('class="rows-and-columns quotes-list"')[1]


def test_quote_page(site):
    html = get(site["path"], f"/quotes/quotes/{site['harvest']}").text
    assert '<mark class="quote-highlight">In good years they share a good harvest</mark>' in html
    assert '<mark class="speaker-highlight">Halvard Rennick</mark>' in html
    assert '<mark class="cue-highlight">said</mark>' in html
    paragraph = html.split('<p class="paragraph">')[1].split("</p>")[0]
    assert "Officials left" not in paragraph and "summit ended" not in paragraph
    assert "Prime Minister" in html and "Calder Chronicle" in html and "2031-04-12" in html
    assert 'href="https://example.org/2031-04-12"' in html
    history = html.split('class="factcheck-history"')[1].split("</section>")[0]
    assert history.index("Mostly True") < history.index("Half True")
    assert "(superseded)" in history
    assert 'href="https://archive.example.org/stats"' in history
    assert "After the &lt;b&gt;ministry&lt;/b&gt; figures" in history
    others = html.split('class="other-appearances"')[1]
    assert "Norland Post" in others
    echo = quote_id_of(site, "they share a good harvest")
    assert f'href="/quotes/quotes/{echo}"' in others


def quote_id_of(site, text: str) -> str:
    with sqlite3.connect(site["path"]) as connection:
        article = connection.execute("select article_id from quotes where text = ?", [text])
        return quote_id(article.fetchone()[0], text)


def test_speaker_page(site):
    rennick = speaker_id(site, "Halvard Rennick")
    html = get(site["path"], f"/quotes/speakers/{rennick}").text
    outlets = re.findall(r'<section class="speaker-outlet">\s*<h2>([^<]+)</h2>', html)
    assert outlets == ["Calder Chronicle", "Norland Post"]
    assert f'href="/quotes/quotes_current?speaker_id={rennick}"' in html
    assert '<span class="verdict verdict-true">Mostly True</span>' in html
    listing = get(site["path"], f"/quotes/quotes_current.json?speaker_id={rennick}&_shape=array")
    assert {row["outlet"] for row in listing.json()} == {"Calder Chronicle", "Norland Post"}


def test_markup_in_quotes_is_escaped_everywhere(site):
    varga = speaker_id(site, "Odile Varga")
    pages = [
        "/",
        "/quotes/quotes_current",
        "/quotes/quotes_current?_search=script",
        f"/quotes/quotes/{site['markup']}",
        f"/quotes/speakers/{varga}",
        "/quotes/quotes_view",
        "/quotes/quotes",
    ]
    for url, response in zip(pages, get(site["path"], *pages), strict=True):
        assert "<script>alert" not in response.text, url
        assert "<img src=x" not in response.text, url
    quote_page = get(site["path"], f"/quotes/quotes/{site['markup']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in quote_page
    assert "&lt;img src=x onerror=alert(2)&gt;" in quote_page


def test_another_apps_database_gets_datasettes_own_pages(site, tmp_path):
    """A database without the quotes tables (here: the fact-check tables dropped) is not a
    quotes database: it is served with Datasette's own pages, and none of them fails."""
    path = tmp_path / "quotes.db"
    shutil.copy(site["path"], path)
    with sqlite3.connect(path) as connection:
        for view in ("quotes_current", "current_factchecks", "rejected_quotes"):
            connection.execute(f"drop view {view}")
        for table in ("factcheck_evidence", "corrections", "factchecks"):
            connection.execute(f"drop table {table}")
    rennick = speaker_id(site, "Halvard Rennick")
    home, quote, speaker, listing = get(
        path,
        "/",
        f"/quotes/quotes/{site['harvest']}",
        f"/quotes/speakers/{rennick}",
        "/quotes/quotes_view",
    )
    assert "quotes-home" not in home.text and "stat-cards" not in home.text
    assert "quote-page" not in quote.text and "quote-highlight" not in quote.text
    assert "speaker-page" not in speaker.text
    assert "quotes-list" not in listing.text and 'class="rows-and-columns"' in listing.text


def test_chart_queries_run(site):
    """Every datasette-dashboards chart query, with and without its filters."""
    dashboards = load_metadata()["plugins"]["datasette-dashboards"]
    urls = []
    for dashboard in dashboards.values():
        for chart in dashboard["charts"].values():
            assert chart["db"] == "quotes"
            plain = re.sub(r"\[\[.*?\]\]", "", chart["query"])
            filtered = chart["query"].replace("[[", "").replace("]]", "")
            urls.append(f"/quotes.json?sql={plain}&_shape=array")
            urls.append(
                f"/quotes.json?sql={filtered}&outlet=Norland Post&speaker=Renn&_shape=array"
            )
    responses = get(site["path"], *[url.replace(" ", "%20").replace("\n", "%20") for url in urls])
    assert all(response.json() for response in responses[::2])
    verdicts = responses[-2].json()
    assert {row["verdict"]: row["quotes"] for row in verdicts} == {
        "Mostly True": 1,
        "False": 1,
        "not checked": 1,
    }
    assert get(site["path"], "/-/dashboards/quotes-overview").status_code == 200


def test_mark_terms_escapes_and_marks():
    assert mark_terms("Harvest <b>time</b>", "harvest b") == Markup(
        "<mark>Harvest</mark> &lt;b&gt;time&lt;/b&gt;"
    )
    assert mark_terms("a <i>", None) == Markup("a &lt;i&gt;")
    assert mark_terms(None, "x") == Markup("")


def test_highlight_and_paragraphs():
    text = "One.\n\nTwo <said> three.\n\nFour."
    left, right = paragraph_bounds(text, text.index("<said>"), text.index("<said>") + 6)
    assert text[left:right] == "Two <said> three."
    marked = highlight(
        "Two <said> three.",
        [(4, 10, "quote-highlight"), (5, 7, "cue"), (None, None, "speaker"), (12, 40, "x")],
    )
    assert marked == Markup('Two <mark class="quote-highlight">&lt;said&gt;</mark> three.')
    assert verdict_badge("Pants on Fire") == Markup(
        '<span class="verdict verdict-false">Pants on Fire</span>'
    )
    assert verdict_badge('<b onclick="x">') == Markup(
        '<span class="verdict verdict-other">&lt;b onclick=&#34;x&#34;&gt;</span>'
    )
