"""Shared fixtures: the real extractor (loaded once), a fresh database path, a CLI runner."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="session")
def extractor():
    """The real ``QuoteExtractor``, model loaded once for the whole session."""
    from quotes.extract import QuoteExtractor

    return QuoteExtractor()


@pytest.fixture
def shared_extractor(monkeypatch, extractor):
    """Commands run in-process use the session's extractor instead of loading the model
    again."""
    monkeypatch.setattr("quotes.ingest.extraction.load_extractor", lambda model=None: extractor)
    return extractor


@pytest.fixture(scope="session")
def nlp(extractor):
    """The loaded spaCy pipeline with the quote component."""
    return extractor.nlp


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes (named so Datasette serves it as /quotes)."""
    return tmp_path / "quotes.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    """Fictional news stories: two .txt with sources.yml, one .html."""
    return ARTICLES


@pytest.fixture(scope="session")
def polnear() -> Path:
    """The PolNeAR corpus beside the repository (../shared), or QUOTES_POLNEAR.

    Absent on a user's machine: tests that need it skip, saying so.
    """
    import os

    path = Path(os.environ.get("QUOTES_POLNEAR") or REPO.parent / "shared/corpora/polnear")
    if not (path / "dev").is_dir():
        pytest.skip(f"PolNeAR corpus not found at {path} (set QUOTES_POLNEAR)")
    return path


def pytest_addoption(parser):
    parser.addoption(
        "--no-browser",
        action="store_true",
        help="Skip the tests marked browser (they drive Chromium); each is reported as skipped.",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--no-browser"):
        skip = pytest.mark.skip(reason="browser test: skipped by --no-browser")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@contextlib.contextmanager
def local_http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free 127.0.0.1 port in a thread; yield its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(BaseHTTPRequestHandler):
    """A test server's handler: :meth:`send_body` answers, nothing is logged."""

    def send_body(self, status: int, body: bytes | str, content_type: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout tests)

    def log_message(self, format: str, *args: object) -> None:
        pass


def assert_quote_offsets(text: str, quote) -> None:
    """The offsets contract of every quote: its parts in order, each non-empty and apart,
    joined by one space into its text; ``start`` and ``end`` the first part's start and
    the last part's end (see :class:`quotes.records.Quote`)."""
    parts = quote.parts
    assert quote.start == parts[0][0] and quote.end == parts[-1][1]
    assert all(start < end for start, end in parts)
    assert all(a[1] < b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert " ".join(text[start:end] for start, end in parts) == quote.text
