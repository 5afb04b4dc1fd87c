"""Pairing quotation marks into quoted passages, robustly.

Real news uses curly and straight marks, doubled apostrophes (``''``), marks
pointing the wrong way, quotes that run over several paragraphs with no
closing mark at each paragraph end, and marks that lost their partner. Each
mark is judged by its surroundings (a mark after a space opens, a mark before
a space or punctuation closes), the glyph breaking ties, and pairing restarts
at every paragraph so one broken mark cannot derail the rest of the article.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Two apostrophes or a backtick pair stand for one double mark in some wires.
_MARK = re.compile(r"''|``|[\"“”„‟«»]")
_OPENING_GLYPHS = frozenset({"“", "„", "‟", "«", "``"})
_CLOSING_GLYPHS = frozenset({"”", "»"})
_BEFORE_OPENER = frozenset(" \t\n([{—–-/:;,")
_MAX_UNCLOSED_CHARS = 1500


class QuotedSpan(NamedTuple):
    """A quoted passage: ``start:end`` is the text inside the marks.

    ``mark_start``/``mark_end`` include the marks; ``closed`` is False when
    the passage ran to a paragraph end with no closing mark; ``continues``
    is True when the next paragraph goes on with the same quotation.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    closed: bool
    continues: bool


def _role(text: str, start: int, end: int, mark: str) -> str:
    """Say whether a mark opens, closes, or could do either ("?")."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    space_before = before in _BEFORE_OPENER
    space_after = after.isspace() or after in ",.;:!?)]}—–-" or _MARK.match(text, end)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    if mark in _OPENING_GLYPHS:
        return "open"
    if mark in _CLOSING_GLYPHS:
        return "close"
    return "?"


def _mark_bounds(text: str, match: re.Match) -> tuple[int, int]:
    """The mark's offsets; in ``us,'''`` the doubled mark closing the quotation is
    the last two apostrophes, the first one closing a quotation inside it."""
    start, end = match.span()
    closing = start > 0 and not text[start - 1].isspace()
    if match.group() == "''" and text[end : end + 1] == "'" and closing:
        return start + 1, end + 1
    return start, end


def _paragraphs(text: str):
    """Yield (start, end) of each paragraph: runs of text between newlines."""
    for match in re.finditer(r"[^\n]+", text):
        yield match.start(), match.end()


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Return the quoted passages of ``text`` in order.

    A quotation left open at a paragraph end continues when the next
    paragraph opens with a mark (the news convention for long quotes);
    otherwise it is kept up to the paragraph end only when short enough to
    be a quote that lost its closing mark.
    """
    spans: list[QuotedSpan] = []
    paragraphs = list(_paragraphs(text))
    for index, (para_start, para_end) in enumerate(paragraphs):
        open_at: tuple[int, int] | None = None
        for match in _MARK.finditer(text, para_start, para_end):
            start, end = _mark_bounds(text, match)
            role = _role(text, start, end, match.group())
            if open_at is None:
                if role in ("open", "?"):
                    open_at = (start, end)
                continue
            if role in ("close", "?"):
                spans.append(QuotedSpan(open_at[1], start, open_at[0], end, True, False))
                open_at = None
            else:  # a second opener: the first one lost its partner
                open_at = (start, end)
        if open_at is not None:
            span = _unclosed(text, open_at, para_end, paragraphs[index + 1 :])
            if span:
                spans.append(span)
    return [s for s in spans if text[s.start : s.end].strip()]


def _unclosed(text, open_at, para_end, following) -> QuotedSpan | None:
    """Keep a quotation with no closing mark in its paragraph, when plausible."""
    end = para_end
    while end > open_at[1] and text[end - 1].isspace():
        end -= 1
    next_opens = bool(following) and bool(_MARK.match(text, following[0][0]))
    if next_opens or end - open_at[1] <= _MAX_UNCLOSED_CHARS:
        return QuotedSpan(open_at[1], end, open_at[0], end, False, next_opens)
    return None
