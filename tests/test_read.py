"""Tests for quotes.read: files, folders, encodings, sidecars, HTML, URLs and PolNeAR metadata.

Every article here is fiction written for these tests (people, outlets,
towns); URLs are served by a local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import io
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import QuietHandler, local_http_server

from quotes.read import ReadFailure, normalise_outlet, read_inputs
from quotes.read.url import url_slug
from quotes.records import Article

ARTICLE = """\
date 2024-05-19
Harbor council backs the new footbridge

By Ada Quill

The Harbor council voted seven to two on Tuesday to build a footbridge over the old canal.

“We have waited long enough,” said Councillor Bram Oddly.  \r
Mira Fenwick, who chairs the finance committee, said the cost was too high.

Copyright 2024 Daily Lantern
"""

PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbor council backs the new footbridge | Daily Lantern</title>
<meta property="og:site_name" content="Daily Lantern">
<meta property="og:title" content="Harbor council backs the new footbridge">
<meta name="author" content="Ada Quill">
<meta property="article:published_time" content="2024-05-19T08:30:00Z">
<link rel="canonical" href="https://lantern.example/2024/05/19/footbridge">
</head><body>
<nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article>
<h1>Harbor council backs the new footbridge</h1>
<p>The Harbor council voted seven to two on Tuesday to build a footbridge over the old
canal, ending a debate that had run for most of the spring.</p>
<p>“We have waited long enough for a safe way across,” said Councillor Bram Oddly, who
led the campaign for the bridge. “Families will walk to school without crossing the ring
road.”</p>
<p>Opponents said the cost was too high. Mira Fenwick, who chairs the finance committee,
said the city would have to delay repairs to two libraries to pay for it.</p>
<p>The bridge is expected to open in the autumn of next year, according to the city
engineer, Tomas Pell, who said the design had been simplified to save money.</p>
</article>
<footer>© 2024 Daily Lantern</footer>
</body></html>
"""

EMPTY_PAGE = (
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
    "<a href='/about'>About us</a></nav><div>Subscribe</div></body></html>"
)


def read_all(paths: list[str | Path], **options) -> list[Article | ReadFailure]:
    return list(read_inputs([str(path) for path in paths], **options))


def only_article(paths: list[str | Path], **options) -> Article:
    (result,) = read_all(paths, **options)
    assert isinstance(result, Article), result
    return result


def only_failure(paths: list[str | Path], **options) -> ReadFailure:
    (result,) = read_all(paths, **options)
    assert isinstance(result, ReadFailure), result
    return result


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- plain text -----------------------------------------------------------------------


def test_plain_text_is_kept_exactly_and_metadata_detected(tmp_path: Path) -> None:
    path = write(tmp_path / "footbridge.txt", ARTICLE)
    article = only_article([path])
    assert article.text == ARTICLE
    assert article.name == "footbridge"
    assert article.source == str(path)
    assert article.published == "2024-05-19"
    assert article.title == "Harbor council backs the new footbridge"
    assert article.byline == "Ada Quill"
    assert article.outlet == "Daily Lantern"
    assert article.url is None


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert only_article([path]).text == ARTICLE


def test_credit_lines_give_the_byline_and_known_outlets_are_normalised(tmp_path: Path) -> None:
    text = (
        "Ferry strike ends in Dunmore\n\n"
        "Ferry crews in Dunmore returned to work on Monday after a four-day strike.\n\n"
        "Lena Marsh reported from Dunmore. Piet Vos contributed reporting.\n"
        "Copyright 2024 NPR. To see more, visit the website.\n"
    )
    article = only_article([write(tmp_path / "ferry.txt", text)])
    assert article.byline == "Lena Marsh"
    assert article.outlet == "NPR"
    assert article.title == "Ferry strike ends in Dunmore"


def test_contributed_reporting_alone_gives_the_byline(tmp_path: Path) -> None:
    text = "The mill in Corvale closed its doors on Friday.\n\nPiet Vos contributed reporting.\n"
    assert only_article([write(tmp_path / "mill.txt", text)]).byline == "Piet Vos"


def test_no_title_when_first_line_is_a_sentence_or_a_wrapped_paragraph(tmp_path: Path) -> None:
    sentence = "The mill in Corvale closed on Friday.\n\nWorkers gathered outside.\n"
    wrapped = (
        "The mill in Corvale closed its doors on Friday after ninety years, and the\n"
        "workers who gathered outside said they had been given no warning at all.\n"
    )
    assert only_article([write(tmp_path / "a.txt", sentence)]).title is None
    assert only_article([write(tmp_path / "b.txt", wrapped)]).title is None


def test_markdown_front_matter_gives_fields_and_text_is_unchanged(tmp_path: Path) -> None:
    text = (
        "---\n"
        "title: Lighthouse keeper retires\n"
        "outlet: nytimes.com\n"
        "published: 2023-11-02\n"
        "url: https://tidings.example/lighthouse\n"
        "byline: Orla Brennick\n"
        "---\n"
        "# Something else\n\n"
        "After forty years, the keeper of the Skerrow light is retiring.\n"
    )
    article = only_article([write(tmp_path / "lighthouse.md", text)])
    assert article.text == text
    assert article.title == "Lighthouse keeper retires"
    assert article.outlet == "The New York Times"
    assert article.published == "2023-11-02"
    assert article.url == "https://tidings.example/lighthouse"
    assert article.byline == "Orla Brennick"


# --- paths, folders, globs, stdin ----------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    body = "The tram line to Wexley reopened on Sunday after repairs.\n"
    write(tmp_path / "b.txt", body)
    write(tmp_path / "a.md", body)
    write(tmp_path / "sub" / "c.htm", PAGE)
    write(tmp_path / "notes.csv", "a,b\n")  # unknown extension: skipped
    write(tmp_path / ".hidden.txt", body)  # hidden: skipped
    names = [result.name for result in read_all([tmp_path])]
    assert names == ["a", "b", "c"]


def test_unknown_extension_given_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.story", "Snow closed the pass at Ardlow on Monday.\n")
    article = only_article([path])
    assert article.name == "wire"
    assert article.text == "Snow closed the pass at Ardlow on Monday.\n"


def test_glob_and_a_glob_matching_nothing(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.md"):
        write(tmp_path / name, "The harbour froze over for the first time in a decade.\n")
    names = [result.name for result in read_all([tmp_path / "*.txt"])]
    assert names == ["one", "two"]
    failure = only_failure([tmp_path / "*.rst"])
    assert failure.reason == "no files match the pattern"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Rain delayed the régate at Pellmouth.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = only_article(["-"])
    assert (article.name, article.source, article.text) == ("stdin", "<stdin>", data.decode())


def test_reading_is_lazy(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", "The orchard at Bellow sold its last apples.\n")
    later = tmp_path / "later.txt"
    results = read_inputs([str(first), str(later)])
    assert next(results).name == "first"
    write(later, "The ferry to Inch ran late again.\n")  # created after reading started
    assert next(results).name == "later"


def test_missing_path_fails_and_reading_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "The bakery on Mill Lane won a prize.\n")
    missing, article = read_all([tmp_path / "nope.txt", good])
    assert missing == ReadFailure(str(tmp_path / "nope.txt"), "no such file or directory")
    assert isinstance(article, Article)


def test_unreadable_folder_with_chmod(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "secret.txt", "The vault at Ormsby was empty.\n")
    write(tmp_path / "open.txt", "The gate at Ormsby was open.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop root reading the folder")
        locked_failure, article = read_all([tmp_path])
    finally:
        locked.chmod(0o755)
    assert locked_failure == ReadFailure(str(locked), "permission denied")
    assert article.name == "open"


def test_unreadable_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too: the folder listing raises what the OS raises without read permission.
    locked = tmp_path / "locked"
    write(locked / "secret.txt", "The vault at Ormsby was empty.\n")
    write(tmp_path / "open.txt", "The gate at Ormsby was open.\n")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    locked_failure, article = read_all([tmp_path])
    assert locked_failure == ReadFailure(str(locked), "permission denied")
    assert article.name == "open"


# --- encodings and bad files ------------------------------------------------------------


def test_windows_1252_curly_quotes(tmp_path: Path) -> None:
    text = "“We will rebuild the bridge,” said Mayor Ada Quill. It’s done.\n"
    article = only_article([write(tmp_path / "cp1252.txt", text.encode("cp1252"))])
    assert article.text == text


def test_latin_1_accents(tmp_path: Path) -> None:
    text = "Le café de la rue Hélène à Montréal était fermé, dit Zoë Brûlé.\n"
    article = only_article([write(tmp_path / "latin1.txt", text.encode("latin-1"))])
    assert article.text == text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("archive.txt", gzip.compress(b"The fair at Hobb opened."), "binary file (gzip)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary file (PNG)"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (PDF)"),
        ("nul.txt", b"The fair\x00 at Hobb\x00 opened.", "binary file (NUL bytes)"),
        ("page.html", gzip.compress(PAGE.encode()), "binary file (gzip)"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n ", "empty file"),
    ],
)
def test_bad_files_fail_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = write(tmp_path / name, content)
    assert only_failure([path]) == ReadFailure(str(path), reason)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(10_000_000)  # sparse: refused from its size, before reading
    assert only_failure([path]).reason == "too large (10.0 MB > 5.0 MB limit)"


# --- sidecar and options -----------------------------------------------------------------


def test_sidecar_beats_detection_and_options_beat_both(tmp_path: Path) -> None:
    path = write(tmp_path / "footbridge.txt", ARTICLE)
    write(
        tmp_path / "sources.yml",
        "footbridge.txt:\n"
        "  outlet: Harbor Herald\n"
        "  title: Footbridge approved\n"
        "  published: 2024-05-20\n"
        "  url: https://herald.example/footbridge\n",
    )
    from_sidecar = only_article([path])
    assert from_sidecar.outlet == "Harbor Herald"
    assert from_sidecar.title == "Footbridge approved"
    assert from_sidecar.published == "2024-05-20"
    assert from_sidecar.url == "https://herald.example/footbridge"
    assert from_sidecar.byline == "Ada Quill"  # not in the sidecar: detected
    from_options = only_article(
        [path], outlet="npr.org", published="2024-06-01", url="https://npr.example/x"
    )
    assert from_options.outlet == "NPR"
    assert from_options.published == "2024-06-01"
    assert from_options.url == "https://npr.example/x"
    assert from_options.title == "Footbridge approved"


def test_broken_sidecar_is_reported_once_and_files_still_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "The ferry to Inch ran late.\n")
    write(tmp_path / "b.txt", "The ferry to Inch ran early.\n")
    write(tmp_path / "sources.yml", "- just\n- a list\n")
    results = read_all([tmp_path])
    failures = [result for result in results if isinstance(result, ReadFailure)]
    assert [failure.source for failure in failures] == [str(tmp_path / "sources.yml")]
    assert [result.name for result in results if isinstance(result, Article)] == ["a", "b"]


def test_bad_published_option_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="published"):
        read_inputs(["-"], published="last Tuesday")


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("npr.org", "NPR"),
        ("www.nytimes.com", "The New York Times"),
        ("The New York Times", "The New York Times"),
        ("wash-post", "The Washington Post"),
        ("  Daily   Lantern ", "Daily Lantern"),
        ("", None),
    ],
)
def test_normalise_outlet(name: str, display: str | None) -> None:
    assert normalise_outlet(name) == display


# --- HTML files and URLs -----------------------------------------------------------------


def test_html_file_through_trafilatura(tmp_path: Path) -> None:
    article = only_article([write(tmp_path / "footbridge.html", PAGE)])
    assert article.text.startswith("Harbor council backs the new footbridge\n")
    assert "“We have waited long enough for a safe way across,”" in article.text
    assert "Home" not in article.text
    assert article.title == "Harbor council backs the new footbridge"
    assert article.outlet == "Daily Lantern"
    assert article.published == "2024-05-19"
    assert article.byline == "Ada Quill"
    assert article.url == "https://lantern.example/2024/05/19/footbridge"


def test_html_without_article_text(tmp_path: Path) -> None:
    path = write(tmp_path / "menu.html", EMPTY_PAGE)
    assert only_failure([path]) == ReadFailure(str(path), "no article text found")


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/news/2024/footbridge.html":
            self.send_body(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/plain":
            self.send_body(200, ARTICLE, "text/plain; charset=utf-8")
        elif self.path == "/menu":
            self.send_body(200, EMPTY_PAGE, "text/html")
        elif self.path == "/moved":
            self._redirect("/news/2024/footbridge.html")
        elif self.path in ("/loop-a", "/loop-b"):
            self._redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")
        elif self.path == "/broken":
            self.send_body(500, "oops", "text/plain")
        elif self.path == "/slow":
            time.sleep(2)
            self.send_body(200, PAGE, "text/html")
        else:
            self.send_body(404, "not here", "text/plain")


    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()



@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_http_server(_Handler) as url:
        yield url


def test_url_article(server: str) -> None:
    address = f"{server}/news/2024/footbridge.html"
    article = only_article([address])
    assert article.name == "news-2024-footbridge"
    assert article.source == address
    assert article.title == "Harbor council backs the new footbridge"
    assert article.outlet == "Daily Lantern"
    assert article.published == "2024-05-19"
    assert "Mira Fenwick" in article.text


def test_url_after_one_redirect(server: str) -> None:
    article = only_article([f"{server}/moved"])
    assert article.title == "Harbor council backs the new footbridge"


def test_plain_text_url(server: str) -> None:
    article = only_article([f"{server}/plain"])
    assert article.text == ARTICLE
    assert article.url == f"{server}/plain"
    assert article.byline == "Ada Quill"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/loop-a", "too many redirects"),
        ("/menu", "no article text found"),
    ],
)
def test_url_failures(server: str, path: str, reason: str) -> None:
    assert only_failure([f"{server}{path}"]) == ReadFailure(f"{server}{path}", reason)


def test_url_timeout(server: str) -> None:
    started = time.monotonic()
    failure = only_failure([f"{server}/slow"], timeout=0.5)
    assert failure.reason == "timed out after 0.5s"
    assert time.monotonic() - started < 1.5


def test_url_refused_connection() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = only_failure([f"http://127.0.0.1:{port}/"], timeout=2)
    assert failure.reason == "connection refused"


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://lantern.example/2024/05/19/bridge-vote.html", "2024-05-19-bridge-vote"),
        ("https://lantern.example/", "lantern-example"),
        ("https://lantern.example/City/Ferry%20Strike/", "city-ferry-strike"),
    ],
)
def test_url_slug(url: str, slug: str) -> None:
    assert url_slug(url) == slug


# --- PolNeAR metadata --------------------------------------------------------------------

METADATA_HEADER = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
)


def write_corpus(root: Path) -> Path:
    """A PolNeAR-shaped corpus of fictional articles: root/metadata.tsv, root/dev/text/*.txt."""
    write(
        root / "metadata.tsv",
        METADATA_HEADER
        + "dev\tnyt_2016-10-01_harbor\t0\tx\tnyt\t2016-10-01\tAda Quill\tHarbor Vote\n"
        + "dev\twash-post_2016-10-02_mill\t0\tx\twash-post\tNone\tNone\tMill Closes\n",
    )
    write(root / "dev" / "text" / "nyt_2016-10-01_harbor.txt", "The Harbor vote was close.\n")
    write(root / "dev" / "text" / "wash-post_2016-10-02_mill.txt", "The mill closed.\n")
    return root


def test_polnear_layout_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotes.read.reader as reader

    loads: list[Path] = []
    real_load = reader.load_metadata
    monkeypatch.setattr(reader, "load_metadata", lambda tsv: loads.append(tsv) or real_load(tsv))
    root = write_corpus(tmp_path / "corpus")
    harbor, mill = read_all([root / "dev"])
    assert (harbor.outlet, harbor.published, harbor.byline, harbor.title) == (
        "The New York Times",
        "2016-10-01",
        "Ada Quill",
        "Harbor Vote",
    )
    assert harbor.extra == {"compartment": "dev"}
    assert (mill.outlet, mill.published, mill.byline) == ("The Washington Post", None, None)
    assert loads == [root / "metadata.tsv"]  # loaded once for the folder


def test_polnear_metadata_given_explicitly(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    moved = write(tmp_path / "elsewhere" / "nyt_2016-10-01_harbor.txt", "The vote was close.\n")
    article = only_article([moved], metadata=root / "metadata.tsv")
    assert article.title == "Harbor Vote"
    with pytest.raises(ValueError, match="metadata.tsv"):
        read_inputs([str(moved)], metadata=tmp_path / "metadata.tsv")


def polnear_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared/corpora/polnear"
    return Path(os.environ.get("QUOTES_POLNEAR", default))


@pytest.fixture
def polnear() -> Path:
    root = polnear_dir()
    if not (root / "metadata.tsv").is_file():
        pytest.skip(f"PolNeAR corpus not found at {root} (set QUOTES_POLNEAR)")
    return root


def test_real_polnear_publishers_all_have_display_names(polnear: Path) -> None:
    lines = (polnear / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    column = lines[0].split("\t").index("publisher")
    publishers = {line.split("\t")[column] for line in lines[1:] if line.strip()}
    unmapped = {name for name in publishers if normalise_outlet(name) == name}
    assert not unmapped


def test_real_polnear_dev_articles_get_metadata(polnear: Path) -> None:
    first = next(path for path in sorted((polnear / "dev" / "text").glob("*.txt")))
    article = only_article([first])
    assert article.text == first.read_text(encoding="utf-8")
    assert article.outlet and article.outlet != first.name.split("_")[0]
    assert article.published == first.name.split("_")[1]
    assert article.extra.get("compartment") == "dev"
