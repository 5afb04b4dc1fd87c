"""Turning the inputs a user names into a stream of files, URLs and stdin.

A folder is walked recursively in sorted order, keeping the article files
(``.txt .md .html .htm``) and skipping hidden entries and symlinked folders.
A name with ``* ? [`` that is not an existing path is a glob.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from quotes.read.failures import ReadFailure, os_reason
from quotes.read.url import is_url

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
STDIN = "-"


class Input(NamedTuple):
    """One thing to read: ``kind`` is ``file``, ``url`` or ``stdin``; ``target`` the path or URL."""

    kind: str
    target: str


def expand_inputs(names: list[str]) -> Iterator[Input | ReadFailure]:
    """Each input name as files, URLs or stdin, lazily; names that lead nowhere become failures."""
    for name in names:
        if name == STDIN:
            yield Input("stdin", STDIN)
        elif is_url(name):
            yield Input("url", name)
        else:
            yield from _expand_path(name)


def _expand_path(name: str) -> Iterator[Input | ReadFailure]:
    path = Path(name).expanduser()
    if not os.path.lexists(path) and glob.has_magic(name):
        matches = sorted(glob.iglob(str(path), recursive=True))
        if not matches:
            yield ReadFailure(name, "no files match the pattern")
        for match in matches:
            yield from _walk(Path(match)) if os.path.isdir(match) else [Input("file", match)]
    elif path.is_dir():
        yield from _walk(path)
    else:
        # Missing or unreadable files fail when opened, with the OS's reason.
        yield Input("file", str(path))


def _walk(folder: Path) -> Iterator[Input | ReadFailure]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield ReadFailure(str(folder), os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError as error:
            yield ReadFailure(entry.path, os_reason(error))
            continue
        if is_dir:
            yield from _walk(Path(entry.path))
        elif is_file and Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
            yield Input("file", entry.path)
