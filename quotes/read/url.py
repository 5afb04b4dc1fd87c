"""Fetching an article over http(s) with a timeout, a size limit and at most five redirects."""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from quotes import __version__
from quotes.read.failures import ReadError, megabytes

MAX_REDIRECTS = 5
USER_AGENT = f"Mozilla/5.0 (compatible; quotes/{__version__})"
_CHUNK = 65536


class Page(NamedTuple):
    """A fetched page: its body, the URL it ended at and its media type (``text/html``)."""

    body: bytes
    url: str
    media_type: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return text.lower().startswith(("http://", "https://"))


class _Deadline:
    """Shuts the connections of one fetch down when its time is up: a socket timeout
    bounds each wait for data, so a server sending a byte a second never meets it."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def handlers(self) -> list[urllib.request.BaseHandler]:
        """urllib handlers whose connections this deadline watches."""
        deadline = self

        def watched(base: type[http.client.HTTPConnection]):
            class Watched(base):
                def connect(self) -> None:
                    super().connect()
                    deadline.watch(self.sock)

            return Watched

        class HTTP(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(watched(http.client.HTTPConnection), req)

        class HTTPS(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(
                    watched(http.client.HTTPSConnection), req, context=self._context
                )

        return [HTTP(), HTTPS()]


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also under TLS: a read blocked on it returns at once.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def fetch(url: str, *, timeout: float, max_bytes: int) -> Page:
    """Fetch ``url``; raise :class:`ReadError` with a one-line reason when it fails.

    Reasons: ``"HTTP 404 Not Found"``, ``"too many redirects"``,
    ``"timed out after 20s"``, ``"too large (...)"`` or the network error.
    ``timeout`` bounds the whole transfer (headers and body, however slowly they
    come), not only each socket read; a TLS handshake is bounded per read only.
    """
    with _Deadline(timeout) as deadline:
        try:
            page = _fetch(url, timeout, max_bytes, deadline)
        except (ReadError, OSError, http.client.HTTPException):
            if deadline.expired:
                raise ReadError(_timed_out(timeout)) from None
            raise
        if deadline.expired:  # the body was cut short
            raise ReadError(_timed_out(timeout))
        return page


def _fetch(url: str, timeout: float, max_bytes: int, watch: _Deadline) -> Page:
    opener = urllib.request.build_opener(_Redirects, *watch.handlers())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ReadError(_too_large(int(length), max_bytes))
            body = _read_body(response, deadline, timeout, max_bytes)
            return Page(body, response.geturl(), response.headers.get_content_type())
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            raise ReadError("too many redirects") from None
        raise ReadError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise ReadError(_timed_out(timeout)) from None
        raise ReadError(_network_reason(error.reason)) from None
    except TimeoutError:
        raise ReadError(_timed_out(timeout)) from None
    except OSError as error:
        raise ReadError(_network_reason(error)) from None


def _read_body(
    response: http.client.HTTPResponse, deadline: float, timeout: float, max_bytes: int
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(f"too large (> {megabytes(max_bytes)} limit)")
        if time.monotonic() > deadline:
            raise ReadError(_timed_out(timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int) -> str:
    return f"too large ({megabytes(size)} > {megabytes(limit)} limit)"


def _timed_out(timeout: float) -> str:
    return f"timed out after {timeout:g}s"


def _network_reason(reason: object) -> str:
    text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
    return text[:1].lower() + text[1:]


def url_slug(url: str) -> str:
    """A file-name-like slug of a URL's path (its host when the path is empty).

    ``https://example.org/2024/05/bridge-vote.html`` -> ``2024-05-bridge-vote``.
    """
    parts = urlsplit(url)
    path = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", unquote(parts.path).rstrip("/"))
    slug = re.sub(r"[^\w]+", "-", path.lower()).strip("-_")
    return slug or re.sub(r"[^\w]+", "-", parts.hostname or "page").strip("-") or "page"
