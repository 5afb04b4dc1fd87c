"""Turning the inputs a user names into a stream of files, URLs and stdin.

A folder is walked recursively in sorted order, keeping the article files
(``.txt .md .html .htm``) and skipping hidden entries and symlinked folders.
A symlink in a folder is followed only to a file inside the folder named; one
leading outside it, or nowhere, is a failure. A path named itself is read
wherever it leads. A name with ``* ? [`` that is not an existing path is a glob.
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
            if os.path.isdir(match):
                yield from _walk(Path(match), Path(match))
            else:
                yield Input("file", match)
    elif path.is_dir():
        yield from _walk(path, path)
    else:
        # Missing or unreadable files fail when opened, with the OS's reason.
        yield Input("file", str(path))


def _walk(folder: Path, named: Path) -> Iterator[Input | ReadFailure]:
    """The article files under ``folder``, which is ``named`` or a folder inside it."""
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
            yield from _walk(Path(entry.path), named)
        elif Path(entry.name).suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        elif entry.is_symlink():
            yield _linked(entry, is_file, named)
        elif is_file:
            yield Input("file", entry.path)


def _linked(entry: os.DirEntry, is_file: bool, named: Path) -> Input | ReadFailure:
    target = Path(entry.path).resolve()
    if not os.path.exists(target):
        return ReadFailure(entry.path, "dangling symlink")
    if not target.is_relative_to(named.resolve()):
        return ReadFailure(entry.path, f"symlink to a file outside {named}")
    if not is_file:
        return ReadFailure(entry.path, "symlink to something that is not a file")
    return Input("file", entry.path)
