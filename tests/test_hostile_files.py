"""Hostile files and servers: symlinks, FIFOs, devices, sockets, files whose size lies, NUL
bytes, broken UTF-16 and a server that drips its answer (issue 19).

Anything that could hang or grow without bound runs in a child process with a memory
limit and a timeout, or in a thread the test stops waiting for.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import local_http_server

from quotes.read import ReadFailure, read_inputs
from quotes.records import Article

STORY = "“The ferry will run again on Monday,” said Ilse Varga, the Ormsby harbour master.\n"
CHILD_MEMORY = 1_000_000_000


def results(paths: list[str | Path], **options) -> list[tuple[str, str]]:
    """What reading gives, as (source, reason) for failures and (name, "article")."""
    found = []
    for item in read_inputs([str(path) for path in paths], **options):
        if isinstance(item, Article):
            found.append((item.name, "article"))
        else:
            found.append((item.source, item.reason))
    return found


def read_in_child(paths: list[str], timeout: float = 60) -> list[list[str]]:
    """``read_inputs(paths)`` in a child process with 1 GB of memory: [source, reason] pairs."""
    code = (
        "import json, sys\nfrom quotes.read import read_inputs\n"
        "print(json.dumps([[getattr(i, 'source', ''), getattr(i, 'reason', 'article')]"
        " for i in read_inputs(sys.argv[1:])]))"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    done = subprocess.run(
        [sys.executable, "-c", code, *paths],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


# --- symlinks in folders ------------------------------------------------------------------


def test_a_symlink_in_a_folder_is_followed_only_to_a_file_inside_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The vault code is 0451, said Rosa Voss.\n", "utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text(STORY, "utf-8")
    (folder / "sub" / "again.txt").symlink_to(folder / "story.txt")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "sub" / "up.txt").symlink_to(Path("..") / ".." / "secret.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "gone.jpg").symlink_to(tmp_path / "missing.jpg")  # not an article file
    assert results([folder]) == [
        (str(folder / "gone.txt"), "dangling symlink"),
        (str(folder / "leak.txt"), f"symlink to a file outside {folder}"),
        ("story", "article"),
        ("again", "article"),
        (str(folder / "sub" / "up.txt"), f"symlink to a file outside {folder}"),
    ]


def test_a_symlink_named_on_the_command_line_is_followed(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, "utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "story.txt")
    assert results([tmp_path / "link.txt"]) == [("link", "article")]


# --- what is not a regular file -----------------------------------------------------------


def test_a_fifo_named_on_the_command_line_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_in_child([str(fifo)], timeout=30) == [[str(fifo), "not a regular file (FIFO)"]]


def test_a_socket_named_on_the_command_line_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert results([path]) == [(str(path), "not a regular file (socket)")]


def test_dev_zero_is_refused_and_never_read_to_the_end():
    assert read_in_child(["/dev/zero"]) == [["/dev/zero", "not a regular file (character device)"]]


def test_a_file_whose_size_says_0_is_read_only_up_to_the_limit():
    pagemap = Path("/proc/self/pagemap")  # size 0, yet gigabytes long
    if not os.access(pagemap, os.R_OK):
        pytest.skip("/proc/self/pagemap is not readable here")
    assert read_in_child([str(pagemap)]) == [[str(pagemap), "too large (> 5.0 MB limit)"]]


# --- bytes that are not text --------------------------------------------------------------


def test_a_nul_byte_anywhere_is_refused(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(STORY.encode() * 1000 + b"\x00" + STORY.encode())
    assert len(STORY.encode()) * 1000 > 65536
    utf16 = tmp_path / "utf16-nul.txt"
    utf16.write_bytes(("\ufeff" + STORY + "\x00" + STORY).encode("utf-16-le"))
    assert results([path, utf16]) == [
        (str(path), "binary file (NUL bytes)"),
        (str(utf16), "binary file (NUL bytes)"),
    ]


def test_utf16_with_an_odd_number_of_bytes_gets_a_clear_reason(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(("\ufeff" + STORY).encode("utf-16-le") + b"x")
    assert results([path]) == [(str(path), "UTF-16 text with an odd number of bytes")]


# --- a server that drips ------------------------------------------------------------------


class _Drip(BaseHTTPRequestHandler):
    """One byte a second, of the body or of the headers, until the test is over."""

    stop = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        try:
            if self.path == "/headers":
                self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
                drip = b"a"
            else:
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                drip = STORY.encode()[:1]
            while not self.stop.wait(1):
                self.wfile.write(drip)
                self.wfile.flush()
        except OSError:
            pass  # the client hung up, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dripping() -> Iterator[str]:
    _Drip.stop.clear()
    with local_http_server(_Drip) as url:
        yield url
        _Drip.stop.set()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_the_url_timeout_covers_the_whole_transfer(dripping, path):
    found: list = []
    reader = threading.Thread(
        target=lambda: found.extend(read_inputs([dripping + path], timeout=1.5)), daemon=True
    )
    started = time.monotonic()
    reader.start()
    reader.join(20)
    assert not reader.is_alive(), "the fetch outlived its timeout"
    assert found == [ReadFailure(dripping + path, "timed out after 1.5s")]
    assert time.monotonic() - started < 10
