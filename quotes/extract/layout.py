"""Which lines of an article are its prose: headings and page furniture are not.

A headline ("Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’"), a
section heading ("What Putin Wants"), a link to another story ("Related: Biden
announces new tariffs …"), a photo caption ("… Contributor / Getty Images"), a
player notice or a credit line is not where anyone is quoted, and its words
are not the names of the article's people ("Rip Donald Trump").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotes.extract.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = tuple(".!?:;…\"”’')]")
_QUOTE_MARKS = tuple("\"“‘'«")
_HEADING_MOST_WORDS = 20
_HEADLINE_MOST_WORDS = 32  # the first line: a long headline in title case
_UNPUNCTUATED_MOST_WORDS = 14
_TITLE_CASE_SHARE = 0.8


def is_heading(line: str, small_words: frozenset[str], first: bool = False) -> bool:
    """Whether a line (stripped) is a headline or a section heading: short and without
    a sentence's final punctuation, or in title case (the first line of a text may end
    with a period: 'Lawmakers Rip Trump As A ‘Fraud.’')."""
    words = _WORD.findall(line)
    if not words or len(words) > (_HEADLINE_MOST_WORDS if first else _HEADING_MOST_WORDS):
        return False
    quoted = line.startswith(_QUOTE_MARKS)  # '"…" ― Ann Lee': a quote credited on its line
    if not line.endswith(_SENTENCE_END) and len(words) <= _UNPUNCTUATED_MOST_WORDS and not quoted:
        return True
    content = [w for w in words if w.lower() not in small_words]
    if len(content) < 3 or line.endswith(".") and not first:
        return False
    capitalised = sum(w[0].isupper() for w in content)
    return capitalised >= _TITLE_CASE_SHARE * len(content)


class Layout:
    """The lines of a text that are not prose, by character offsets: headings (their
    small words from ``lexicon.small_words``) and page furniture (``lexicon.page_furniture``)."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        spans = []
        start = 0
        first = True
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if stripped:
                small = lexicon.small_words
                if lexicon.is_furniture(stripped) or is_heading(stripped, small, first):
                    spans.append((start, start + len(line.rstrip("\r\n"))))
                first = False
            start += len(line)
        self.not_prose = Intervals(spans)

    def is_prose(self, offset: int) -> bool:
        """Whether the character at ``offset`` lies on a line of prose."""
        return not self.not_prose.holds(offset)


class Intervals:
    """Character ranges, for asking in O(log n) whether an offset falls in one."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self._starts = [start for start, _end in self.spans]
        self._reach = []  # the furthest end among the spans up to each one
        furthest = -1
        for _start, end in self.spans:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` lies in one of the ranges (start included, end not)."""
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._reach[index]
