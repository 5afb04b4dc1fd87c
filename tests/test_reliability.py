"""Bad input, Ctrl-C, kill -9, hostile text and names: ingest reports and goes on, the
database stays whole, and what an article says is only ever shown as text.

Every article here is fiction written for these tests; URLs are served by a local
HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import csv
import gzip
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import QuietHandler, assert_quote_offsets, local_http_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.cli import app
from quotes.records import Article, Quote
from quotes.store import open_db, save_article

SUMMARY = re.compile(
    r"^(\d+) articles? added, (\d+) skipped \(already present\), (\d+) failed, "
    r"(\d+) quotes? stored$",
    re.MULTILINE,
)
GOOD = {
    "ferry.txt": (
        "Greyvale ferry returns\n\n"
        "“The ferry will run again on Monday,” said Ilse Varga, the Greyvale harbour master.\n\n"
        "Varga said the engine had been repaired over the winter.\n"
    ),
    "library.txt": (
        '"We will open the library on Monday," said Mayor Ines Kovalenko of Millbrook. '
        "Kovalenko said the roof had been fixed.\n"
    ),
}
EMPTY_PAGE = (
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
    "<a href='/about'>About us</a></nav><div>Subscribe</div></body></html>"
)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
TEN_MB = 10_000_000


# --- fictional articles, many of them -----------------------------------------------------

_FIRST = ("Ilse", "Bram", "Mira", "Tomas", "Ada", "Jonas", "Petra", "Omar", "Rosa", "Halvard")
_LAST = ("Varga", "Oddly", "Fenwick", "Pell", "Quill", "Arlen", "Lund", "Lindqvist", "Voss", "Berg")
_TOWNS = ("Greyvale", "Millbrook", "Ormsby", "Hobb", "Bellow", "Inch")
_NEWS = (
    ("ferry", "will run again on Monday"),
    ("library", "will open its new wing in May"),
    ("footbridge", "will be rebuilt before the winter"),
    ("night market", "will move to the old tram depot"),
    ("orchard", "will sell its apples through a cooperative"),
)


def fictional_article(number: int) -> str:
    """A short invented news story; every seventh one quotes nobody."""
    first, last = _FIRST[number % 10], _LAST[(number * 3) % 10]
    town, (topic, news) = _TOWNS[number % 6], _NEWS[number % 5]
    lead = f"The {topic} in {town} {news}, the council announced on day {number} of the year."
    if number % 7 == 3:
        return f"{town} {topic} plan moves ahead\n\nThe {topic} in {town} {news}.\n"
    return (
        f"{town} {topic} plan moves ahead\n\n{lead}\n\n"
        f"“We have waited {number + 2} years for this,” said {first} {last}, who chairs the "
        f"{town} {topic} committee. “Nobody here wanted to wait any longer.”\n\n"
        f"{last} said the council would publish the costs in the autumn.\n"
    )


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"story-{number:03d}.txt").write_text(fictional_article(number), "utf-8")
    return folder


def write_good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, "utf-8")
    return folder


# --- running ingest ---------------------------------------------------------------------


def ingest(runner, db_path: Path, *args):
    return runner.invoke(app, ["ingest", *map(str, args), "--db", str(db_path)])


def summary(output: str) -> tuple[int, int, int, int]:
    match = SUMMARY.search(output)
    assert match, output
    return tuple(int(n) for n in match.groups())


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def stored(db_path: Path, sql: str = "select name from articles order by name") -> list:
    with sqlite3.connect(db_path) as conn:
        return [row[0] if len(row) == 1 else row for row in conn.execute(sql)]


def python_m_quotes(*args) -> list[str]:
    return [sys.executable, "-m", "quotes", *map(str, args)]


def wait_for_articles(db_path: Path, count: int, process: subprocess.Popen, limit=60.0) -> int:
    """Poll the database (read-only) until it holds ``count`` articles; return how many."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.1) as conn:
                found = conn.execute("select count(*) from articles").fetchone()[0]
            if found >= count:
                return found
        except sqlite3.Error:
            pass  # not created yet, or its schema is being made
        time.sleep(0.01)
    raise AssertionError(f"no {count} articles in {db_path} after {limit}s")


# --- a local web server -----------------------------------------------------------------


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/menu":
            self.send_body(200, EMPTY_PAGE.encode(), "text/html")
        elif self.path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if self.path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/broken":
            self.send_body(500, b"oops", "text/plain")
        elif self.path == "/slow":
            time.sleep(2)
            self.send_body(200, b"late", "text/plain")
        else:
            self.send_body(404, b"not here", "text/plain")




@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_http_server(_Handler) as url:
        yield url


# --- bad input: one line, the rest goes on ------------------------------------------------


class Bad(NamedTuple):
    arg: str  # what to name on the command line when the input is given alone
    source: str  # what the error line names
    reason: str
    in_folder: bool  # whether it sits in the folder of good articles when mixed


BAD_FILES = {
    "empty file": ("empty.txt", b"", "empty file"),
    "blank file": ("blank.txt", b" \n\t\r\n", "empty file"),
    "PDF": ("scan.pdf", PDF, "binary file (PDF)"),
    "PNG": ("photo.png", PNG, "binary file (PNG)"),
    ".txt that is gzip": ("archive.txt", gzip.compress(b"The fair opened."), "binary file (gzip)"),
    "10 MB article": ("long-read.txt", None, "too large (10.0 MB > 5.0 MB limit)"),
    "HTML with no article": ("menu.html", EMPTY_PAGE.encode(), "no article text found"),
}
BAD_URLS = {
    "URL 404": ("/missing", "HTTP 404 Not Found"),
    "URL 500": ("/broken", "HTTP 500 Internal Server Error"),
    "URL redirecting forever": ("/loop-a", "too many redirects"),
    "URL timing out": ("/slow", "timed out after 0.5s"),
    "URL with no article": ("/menu", "no article text found"),
}
BAD_KINDS = [*BAD_FILES, *BAD_URLS, "missing path", "unreadable folder"]


def make_bad(kind: str, folder: Path, server: str, monkeypatch, mixed: bool) -> Bad:
    """Put the bad input ``kind`` in (or beside) ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind in BAD_FILES:
        name, content, reason = BAD_FILES[kind]
        if mixed and Path(name).suffix not in (".txt", ".html"):
            name += ".txt"  # a folder is walked for article files only: disguise it as one
        path = folder / name
        if content is None:
            line = b"The council met again on Tuesday and talked about the bridge.\n"
            path.write_bytes(line * (TEN_MB // len(line) + 1))
        else:
            path.write_bytes(content)
        return Bad(str(path), str(path), reason, True)
    if kind in BAD_URLS:
        route, reason = BAD_URLS[kind]
        return Bad(server + route, server + route, reason, False)
    if kind == "missing path":
        path = folder.parent / "nowhere" / "gone.txt"
        return Bad(str(path), str(path), "no such file or directory", False)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("The vault at Ormsby was empty, said Rosa Voss.\n")
    real_scandir = os.scandir

    def scandir(path):  # what the OS raises for a folder without read permission, even to root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return Bad(str(locked), str(locked), "permission denied", True)


def assert_reported_once(result, bad: Bad) -> None:
    assert error_lines(result.stderr) == [f"error: {bad.source}: {bad.reason}"]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_alone(kind, runner, tmp_path, server, monkeypatch, shared_extractor):
    bad = make_bad(kind, tmp_path / "in", server, monkeypatch, mixed=False)
    result = ingest(runner, tmp_path / "quotes.db", bad.arg, "--timeout", "0.5")
    assert_reported_once(result, bad)
    assert summary(result.stdout) == (0, 0, 1, 0)
    assert stored(tmp_path / "quotes.db") == []


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_among_good_articles(
    kind, runner, tmp_path, server, monkeypatch, shared_extractor
):
    folder = write_good(tmp_path / "in")
    bad = make_bad(kind, folder, server, monkeypatch, mixed=True)
    args = [folder] if bad.in_folder else [folder, bad.arg]
    result = ingest(runner, tmp_path / "quotes.db", *args, "--timeout", "0.5")
    assert_reported_once(result, bad)
    assert summary(result.stdout)[:3] == (2, 0, 1)
    assert stored(tmp_path / "quotes.db") == ["ferry", "library"]


def test_exit_code_is_documented_and_0_when_nothing_failed(runner, tmp_path, shared_extractor):
    help_text = " ".join(runner.invoke(app, ["ingest", "--help"]).stdout.split())
    assert "0 when every input was ingested or skipped, 1 when any failed" in help_text
    result = ingest(runner, tmp_path / "quotes.db", write_good(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    assert error_lines(result.stderr) == []


def test_non_article_files_in_a_folder_are_passed_over(runner, tmp_path, shared_extractor):
    folder = write_good(tmp_path / "in")
    (folder / "scan.pdf").write_bytes(PDF)
    (folder / "photo.png").write_bytes(PNG)
    result = ingest(runner, tmp_path / "quotes.db", folder)
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "quotes.db") == ["ferry", "library"]


# --- odd but good input: stored, and stored right -----------------------------------------

CP1252 = "“We will rebuild the bridge,” said Mayor Ada Quill of Ormsby. It’s done, she said.\n"
LATIN1 = '"The café will reopen on Monday," said Zoë Brûlé, who runs it on Rue Hélène.\n'
MANY_MARKS = (
    "Greyvale market moves\n\n"
    "“The market will move to the tram depot,” said Petra Lund, who runs the market.\n\n"
    + ("“ " * 700 + '" ' * 700 + "” ” '' `` „ " * 200).strip()
    + "\n\nLund said the stalls would open at dawn.\n"
)
NO_MARKS = "The ferry to Inch ran late again on Tuesday. The council will meet next week.\n"


@pytest.mark.parametrize(
    ("name", "data", "text", "quoted"),
    [
        ("cp1252.txt", CP1252.encode("cp1252"), CP1252, "We will rebuild the bridge"),
        ("latin1.txt", LATIN1.encode("latin-1"), LATIN1, "The café will reopen on Monday"),
        ("marks.txt", MANY_MARKS.encode(), MANY_MARKS, "The market will move to the tram depot"),
        ("plain.txt", NO_MARKS.encode(), NO_MARKS, None),
    ],
    ids=["Windows-1252", "Latin-1", "thousands of quote marks", "no quote marks"],
)
def test_odd_but_good_articles_are_stored_exactly(
    name, data, text, quoted, runner, tmp_path, shared_extractor
):
    path = tmp_path / "in" / name
    path.parent.mkdir()
    path.write_bytes(data)
    result = ingest(runner, tmp_path / "quotes.db", path)
    assert result.exit_code == 0, result.output
    assert error_lines(result.stderr) == []
    assert stored(tmp_path / "quotes.db", "select text from articles") == [text]
    quotes = stored(tmp_path / "quotes.db", "select text, start, end from quotes")
    for quote, start, end in quotes:
        assert text[start:end] == quote
    if quoted:
        assert any(quoted in quote for quote, *_ in quotes), quotes
    assert not [q for q, *_ in quotes if "â€" in q or "\ufffd" in q]


# --- Ctrl-C and kill -9 ------------------------------------------------------------------


def snapshot(db_path: Path) -> dict:
    """What a run left in the database, minus times; raises unless it is whole."""
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        hashes = conn.execute("select count(*), count(distinct content_hash) from articles")
        total, distinct = hashes.fetchone()
        assert total == distinct, "an article stored twice"
        return {
            "articles": conn.execute("select id, name, content_hash from articles order by id")
            .fetchall(),
            "quotes": conn.execute(
                "select quotes.id, article_id, text, start, end, kind, speakers.name"
                " from quotes left join speakers on speakers.id = speaker_id order by quotes.id"
            ).fetchall(),
            "speakers": conn.execute("select id, name, type from speakers order by id").fetchall(),
            "fts": conn.execute("select count(*) from quotes_fts").fetchone()[0],
        }


def quotes_per_article(snap: dict) -> dict[str, int]:
    counts = {article_id: 0 for article_id, *_ in snap["articles"]}
    for _, article_id, *_ in snap["quotes"]:
        counts[article_id] += 1
    return counts


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("many") / "stories", 40)


@pytest.fixture(scope="module")
def uninterrupted(many_articles, tmp_path_factory, extractor) -> dict:
    """What one uninterrupted ``quotes ingest`` of the 40 stories stores."""
    from typer.testing import CliRunner

    import quotes.ingest.extraction as extraction

    db_path = tmp_path_factory.mktemp("reference") / "quotes.db"
    real = extraction.load_extractor
    extraction.load_extractor = lambda model=None: extractor
    try:
        result = ingest(CliRunner(), db_path, many_articles)
    finally:
        extraction.load_extractor = real
    assert result.exit_code == 0, result.output
    snap = snapshot(db_path)
    assert len(snap["articles"]) == 40
    assert 0 in quotes_per_article(snap).values()  # some stories quote nobody
    return snap


def test_ctrl_c_while_an_article_is_stored_stops_after_it(
    runner, tmp_path, monkeypatch, shared_extractor
):
    from quotes.ingest import write_article

    names = []

    def save_with_ctrl_c(db, article, quotes, **options):
        names.append(article.name)
        if len(names) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C in the middle of storing the second
        return write_article(db, article, quotes, **options)

    monkeypatch.setattr("quotes.ingest.runs.write_article", save_with_ctrl_c)
    result = ingest(runner, tmp_path / "quotes.db", write_articles(tmp_path / "in", 4))
    assert result.exit_code == 130
    assert names == ["story-000", "story-001"]
    assert summary(result.stdout)[:3] == (2, 0, 0)
    assert stored(tmp_path / "quotes.db") == names


@pytest.mark.slow
def test_ctrl_c_stops_a_real_ingest_between_articles(many_articles, uninterrupted, tmp_path):
    db_path = tmp_path / "quotes.db"
    process = subprocess.Popen(
        python_m_quotes("ingest", many_articles, "--db", db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_articles(db_path, 1, process)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "interrupted"
    added, skipped, failed, quotes = summary(stdout)
    snap = snapshot(db_path)
    assert 0 < added == len(snap["articles"]) < 40
    assert quotes == len(snap["quotes"])
    expected = quotes_per_article(uninterrupted)
    assert {key: expected[key] for key in quotes_per_article(snap)} == quotes_per_article(snap)


@pytest.mark.slow
def test_kill_9_mid_folder_then_rerun_equals_an_uninterrupted_run(
    many_articles, uninterrupted, tmp_path, runner, shared_extractor
):
    db_path = tmp_path / "quotes.db"
    process = subprocess.Popen(
        python_m_quotes("ingest", many_articles, "--db", db_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_articles(db_path, 1, process)
    finally:
        process.kill()  # SIGKILL: no handler, no clean-up
        process.wait()
    assert process.returncode == -signal.SIGKILL
    crashed = snapshot(db_path)
    assert 0 < len(crashed["articles"]) < 40, "the kill did not land mid-folder"
    expected = quotes_per_article(uninterrupted)
    for article_id, count in quotes_per_article(crashed).items():
        assert count == expected[article_id], "an article stored without all its quotes"

    rerun = ingest(runner, db_path, many_articles)
    assert rerun.exit_code == 0, rerun.output
    added, skipped, failed, _ = summary(rerun.stdout)
    assert (added + skipped, skipped, failed) == (40, len(crashed["articles"]), 0)
    assert snapshot(db_path) == uninterrupted


# --- hostile text is shown as text --------------------------------------------------------

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
)


def _hostile_db(db_path: Path) -> dict:
    script, image, svg = PAYLOADS
    text = (
        f"{svg} council votes\n\n"
        f"“{script},” said Mira {image}Holt, the Ormsby harbour master.\n\n"
        f"“{image} is what we saw,” said Bram Oddly.\n"
    )

    def quote(words: str, speaker: str, mention: str) -> Quote:
        start = text.index(words)
        at = text.index(mention)
        return Quote(
            words, start, start + len(words), "direct", "said", None, None, speaker, mention,
            at, at + len(mention), "person", svg, 0, len(text),
        )

    db = open_db(db_path)
    result = save_article(
        db,
        Article(text=text, name="hostile", source="hostile.txt", title=svg, outlet=svg, url=None),
        [
            quote(script, f"Mira {image}Holt", f"Mira {image}Holt"),
            quote(f"{image} is what we saw", "Bram Oddly", "Bram Oddly"),
        ],
    )
    ids = {
        "article": result.article_id,
        "quotes": [row[0] for row in db.execute("select id from quotes order by start")],
        "speakers": [row[0] for row in db.execute("select id from speakers order by id")],
        "outlet": db.execute("select id from outlets").fetchone()[0],
    }
    db.close()
    return ids


def test_quote_text_with_html_is_shown_as_text_in_every_datasette_page(tmp_path):
    from quotes.datasette.app import build_datasette

    ids = _hostile_db(tmp_path / "quotes.db")
    ds = build_datasette(tmp_path / "quotes.db")

    async def pages() -> dict[str, str]:
        await ds.invoke_startup()
        listing = (await ds.client.get("/quotes.json")).json()
        names = [t["name"] for t in listing["tables"] if not t["hidden"]]
        names += [v["name"] for v in listing["views"]]
        paths = ["/", "/quotes", "/quotes/quotes?_search=alert", "/quotes/unchecked_quotes"]
        paths += [f"/quotes/{name}" for name in names]
        paths += [f"/quotes/quotes/{qid}" for qid in ids["quotes"]]
        paths += [f"/quotes/speakers/{sid}" for sid in ids["speakers"]]
        paths += [f"/quotes/articles/{ids['article']}", f"/quotes/outlets/{ids['outlet']}"]
        responses = {path: await ds.client.get(path) for path in paths}
        return {path: r.text for path, r in responses.items() if r.status_code == 200}

    html = asyncio.run(pages())
    assert {"/quotes/quotes", f"/quotes/quotes/{ids['quotes'][0]}", "/quotes/quotes_view"} <= set(
        html
    )
    for path, page in html.items():
        for payload in PAYLOADS:
            assert payload not in page, f"{payload} unescaped in {path}"
    for path in ("/quotes/quotes", f"/quotes/quotes/{ids['quotes'][0]}"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html[path]


def test_anonymous_visitors_can_read_and_search_but_not_write(tmp_path, monkeypatch):
    import rich

    from quotes.datasette.app import build_datasette

    # Datasette prints every refused query's traceback with its locals: slow, and noise here.
    monkeypatch.setattr(rich.get_console(), "print_exception", lambda **options: None)
    ids = _hostile_db(tmp_path / "quotes.db")
    ds = build_datasette(tmp_path / "quotes.db")
    attempts = (
        "delete from quotes",
        "drop table quotes",
        "update quotes set text = 'changed'",
        "insert into outlets (name) values ('Forged')",
        "attach database ':memory:' as other",
        "pragma journal_mode = delete",
    )

    async def visit():
        await ds.invoke_startup()
        search = await ds.client.get("/quotes/quotes.json?_search=alert&_shape=array")
        refused = [await ds.client.get("/quotes.json", params={"sql": sql}) for sql in attempts]
        canned = await ds.get_canned_queries("quotes", None)
        return search, refused, canned

    search, refused, canned = asyncio.run(visit())
    assert search.status_code == 200 and {r["id"] for r in search.json()} == set(ids["quotes"])
    for sql, response in zip(attempts, refused, strict=True):
        assert response.status_code == 400, sql
    assert canned and not [name for name, query in canned.items() if query.get("write")]
    assert stored(tmp_path / "quotes.db", "select count(*) from quotes") == [2]
    assert stored(tmp_path / "quotes.db", "select name from outlets") == [PAYLOADS[2]]


def test_exports_keep_hostile_text_as_plain_data(runner, tmp_path):
    _hostile_db(tmp_path / "quotes.db")
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "quotes.db"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert PAYLOADS[0] in {row["text"] for row in json.loads(result.stdout)}


# --- names with quotes and SQL in them round-trip -----------------------------------------

SPEAKER = "O'Brien\"; DROP TABLE quotes;--"
OUTLET = "Bobby'); DROP TABLE articles;--"


def test_names_with_quotes_and_sql_round_trip_through_export(runner, tmp_path):
    text = f'"The harbour stays open," said {SPEAKER}. Other news followed.\n'
    words = "The harbour stays open,"
    start = text.index(words)
    at = text.index(SPEAKER)
    quote = Quote(
        words, start, start + len(words), "direct", "said", None, None, SPEAKER, SPEAKER,
        at, at + len(SPEAKER), "person", None, 0, len(text),
    )
    db = open_db(tmp_path / "quotes.db")
    save_article(db, Article(text=text, name="n", source="n.txt", outlet=OUTLET), [quote])
    db.close()

    def export(*args) -> list[dict]:
        result = runner.invoke(
            app, ["export", "--db", str(tmp_path / "quotes.db"), "--no-formula-escape", *args]
        )
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(io.StringIO(result.stdout)))

    (row,) = export("--speaker", SPEAKER)
    assert (row["speaker"], row["outlet"], row["text"]) == (SPEAKER, OUTLET, words)
    assert export("--outlet", OUTLET) == [row]
    assert export("--speaker", "O'Brien") == []
    assert stored(tmp_path / "quotes.db", "select count(*) from quotes") == [1]


def test_names_with_quotes_and_sql_round_trip_through_ingest(runner, tmp_path, shared_extractor):
    folder = write_good(tmp_path / "in")
    result = ingest(runner, tmp_path / "quotes.db", folder / "ferry.txt", "--outlet", OUTLET)
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "quotes.db", "select name from outlets") == [OUTLET]
    assert stored(tmp_path / "quotes.db", "select count(*) from articles") == [1]


# --- the extractor on hostile and edited text -----------------------------------------------

GOLD = Path(__file__).resolve().parent / "gold" / "fictional" / "text"
EDITS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.integers(0, 3),
        st.one_of(
            st.sampled_from(['"', "“", "”", "''", "‘", "’", "«", "\n\n", " said ", ",", "—"]),
            st.text(max_size=6),
        ),
    ),
    min_size=1,
    max_size=12,
)


def edited(text: str, edits) -> str:
    for where, remove, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + remove :]
    return text


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(sorted(GOLD.glob("*.txt"))), EDITS)
def test_real_articles_with_random_edits_keep_valid_offsets(extractor, path, edits):
    text = edited(path.read_text("utf-8"), edits)
    for quote in extractor.extract(text):
        assert_quote_offsets(text, quote)
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        if quote.cue_start is not None:
            assert 0 <= quote.cue_start < quote.cue_end <= len(text)
        assert 0 <= quote.context_start <= quote.start <= quote.end <= quote.context_end


PARAGRAPH = (
    '"We will not wait," said Mira Holt, a port official. She said "the "tide" is late" and '
    "“soon” the ” boats ‘would’ “come ''back'' “ \" home, according to Jonas Arlen.\n\n"
)


def python_calls(function) -> int:
    """How many Python and C functions ``function()`` calls: a measure of work that, unlike
    time, does not depend on the machine or on what else runs."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


def test_extractor_work_grows_linearly_with_article_length(extractor):
    extractor.extract(PARAGRAPH)  # vocabulary and caches warm
    small = python_calls(lambda: extractor.extract(PARAGRAPH * 2))
    large = python_calls(lambda: extractor.extract(PARAGRAPH * 16))
    assert large / small < 12  # 8x the text; linear work gives ~8-9x


@pytest.mark.parametrize(
    "unit",
    [
        PARAGRAPH,
        '"“”„«»\'\'``' * 12 + "\n",
        "By Ada Bram Cole Dora Eve Finn Gus Hal Ivy Jon Kai Lev Max Ned Oda, " * 3 + "\n",
        "Ada, Bram, Cole, Dora and Eve Finn Gus Hal reported from Ormsby Hobb Inch " * 3 + "\n",
    ],
    ids=["quote paragraph", "mark soup", "long byline", "credit-like line"],
)
def test_text_regexes_take_linear_time(unit):
    """The regex-only stages (pairing marks, reading metadata) on 1x and 8x the input."""
    from quotes.extract.marks import find_quoted_spans
    from quotes.read.text import detect_metadata

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            find_quoted_spans(text)
            detect_metadata(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(unit * 20), seconds(unit * 160)
    assert large < 20 * max(small, 1e-4), (small, large)  # generous: a trap is 100x and more
