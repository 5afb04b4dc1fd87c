"""Metadata found in a plain-text article: front matter, date line, title, byline, copyright."""

from __future__ import annotations

import re
from typing import Any

import yaml

from quotes.read.failures import ReadError
from quotes.read.fields import KNOWN_KEYS, clean_fields, normalise_date, unknown_keys

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|da|del|der|van|von|la|le|bin|al)\s+)?[A-Z][\w.'’-]*)*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_LINE = re.compile(r"(?:date|dated|published)\s*:?\s+(.+)", re.I)
_BY_LINE = re.compile(rf"(?i:by)\s+({_NAMES})(?:\s*(?:,|\||—|–|-)\s*.*)?")
_REPORTED = re.compile(rf"({_NAMES})\s+reported\s+from\s+[^.]+\.")
_CONTRIBUTED = re.compile(rf"({_NAMES})\s+contributed\s+(?:reporting|research)\b[^.]*\.")
_COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\))(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.\n]+)", re.I
)
_TITLE_MAX_CHARS = 150
_LOOK_AHEAD = 8  # lines at the top where a date, title or byline may appear


def detect_metadata(text: str) -> dict[str, Any]:
    """Fields found in an article's text, lowest precedence first merged with its front matter.

    Looks for: YAML front matter (``---`` block; gives title, outlet,
    published, url, byline), a ``date 2024-05-19`` line near the top, a first
    line that is a title, a ``By X`` line or ``X reported from Y.`` /
    ``X contributed reporting.`` credits, and a ``Copyright 2024 Outlet``
    trailer. The text itself is never changed. Raises :class:`ReadError` when the
    front matter has a key that names no field.
    """
    front, body = _front_matter(text)
    lines = [line.strip() for line in body.splitlines()]
    found = {
        "published": _date(lines),
        "title": _title(lines),
        "byline": _byline(lines),
        "outlet": _copyright_outlet(lines),
    }
    return {**clean_fields(found), **front}


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    if unknown := unknown_keys(data):
        raise ReadError(f"front matter: unknown key {unknown[0]!r}; known keys: {KNOWN_KEYS}")
    return clean_fields(data), text[match.end() :]


def _top(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(lines) if line][:_LOOK_AHEAD]


def _date(lines: list[str]) -> str | None:
    for _, line in _top(lines):
        match = _DATE_LINE.fullmatch(line)
        if match and normalise_date(match.group(1)):
            return normalise_date(match.group(1))
    return None


def _is_meta_line(line: str) -> bool:
    return bool(_DATE_LINE.fullmatch(line) or _BY_LINE.fullmatch(line))


def _title(lines: list[str]) -> str | None:
    top = [(i, line) for i, line in _top(lines) if not _is_meta_line(line)]
    if len(top) < 2:
        return None
    index, line = top[0]
    candidate = line.lstrip("#").strip()
    if (
        not candidate
        or len(candidate) > _TITLE_MAX_CHARS
        or candidate[-1] in ".,;:"
        or not any(char.isalpha() for char in candidate)
    ):
        return None
    following = lines[index + 1] if index + 1 < len(lines) else ""
    # A line straight on top of a much longer one is a title; two lines of
    # similar length are more likely a hard-wrapped paragraph.
    if following and not _is_meta_line(following) and len(line) > 0.6 * len(following):
        return None
    return candidate


def _byline(lines: list[str]) -> str | None:
    for _, line in _top(lines):
        match = _BY_LINE.fullmatch(line)
        if match and len(line) <= 120:
            return match.group(1)
    for pattern in (_REPORTED, _CONTRIBUTED):
        matches = (pattern.match(line) for line in lines if len(line) <= 300)
        names = [match.group(1) for match in matches if match]
        if names:
            return "; ".join(dict.fromkeys(names))
    return None


def _copyright_outlet(lines: list[str]) -> str | None:
    tail = [line for line in lines if line][-3:]
    for line in reversed(tail):
        match = _COPYRIGHT.match(line)
        if match:
            outlet = re.sub(r"\s*all rights reserved\s*$", "", match.group(1), flags=re.I)
            return outlet.strip(" ,") or None
    return None
