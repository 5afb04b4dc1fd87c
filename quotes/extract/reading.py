"""One parsed article as the attribution rules read it, and what they find in it.

:class:`Reading` holds what every rule asks about the article: its text, its quoted
passages (see :mod:`quotes.extract.marks`), its paragraphs and which lines are
prose, and keeps what the rules came close to finding (:class:`~quotes.extract.rules.Miss`).
:class:`Found` is a quote a rule found, before its speaker is resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from quotes.extract.layout import Intervals, Layout
from quotes.extract.lexicon import Lexicon
from quotes.extract.marks import QuotedSpan, find_quoted_spans
from quotes.extract.rules import Miss
from quotes.extract.sources import Speaker

if TYPE_CHECKING:
    from quotes.extract.patterns import SpeechPatterns

# What may stand between a quotation's words and its closing mark: ',' of '"…," she said'.
TRAILING = ",;:—–-"


@dataclass
class Found:
    """A quote before its speaker is resolved, and the id of the rule that found it."""

    start: int
    end: int
    kind: str
    cue: Token | None = None
    speaker_head: Token | None = None
    inherit: bool = False
    speaker: Speaker | None = None
    parts: list[tuple[int, int]] | None = None  # an interrupted quote's parts, in order
    rule: str | None = None

    @property
    def segments(self) -> list[tuple[int, int]]:
        """The quote's parts: ``parts``, or the one span start..end."""
        return self.parts or [(self.start, self.end)]


class Reading:
    """A parsed ``Doc`` with its text (built once: spaCy joins every token on each
    ``doc.text``), its quoted passages, its layout and its paragraphs, and the
    ``lexicon`` and reported-speech ``patterns`` of the rules that read it; ``misses``
    are the candidates the rules gave up, in the order they gave them up."""

    def __init__(self, doc: Doc, lexicon: Lexicon, patterns: SpeechPatterns) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.patterns = patterns
        self.text = doc.text
        self.spans: list[QuotedSpan] = find_quoted_spans(self.text)
        self.layout = Layout(self.text, self.lexicon)
        self.passages = Intervals((s.mark_start, s.mark_end) for s in self.spans)
        self.misses: list[Miss] = []

    def miss(self, rule: str, start: int, end: int, reason: str) -> None:
        """Record that ``rule`` gave up a candidate at offsets start..end, and why;
        returns None, for ``return reading.miss(…)`` where a rule gives up."""
        self.misses.append(Miss(rule, start, end, reason))

    def miss_clause(self, rule: str, token: Token, reason: str) -> None:
        """:meth:`miss` over the words ``token`` heads (a cue and its clause)."""
        last = token.right_edge
        self.misses.append(Miss(rule, token.left_edge.idx, last.idx + len(last), reason))

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The start and end offsets of the paragraph (line) holding ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end == -1 else end

    def tokens(self, start: int, end: int) -> Span | None:
        """The tokens covering offsets start..end; None when the range is empty."""
        if end <= start:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def outside(self, token: Token) -> bool:
        """Whether ``token`` lies outside every quoted passage."""
        return not self.passages.holds(token.idx)

    def content_bounds(self, span: QuotedSpan) -> tuple[int, int]:
        """A passage's words without the spaces and trailing commas inside its marks."""
        text = self.text
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
            end -= 1
        return start, end


def trim(doc: Doc, start: int, end: int, shortest: int = 3) -> tuple[int, int] | None:
    """Character bounds of tokens start..end without edge punctuation or 'that',
    when ``shortest`` words or more remain (a possessive 's is no word)."""
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].dep_ == "mark"
        and doc[start].lower_ == "that"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if sum(not t.is_punct and t.dep_ != "case" for t in doc[start:end]) < shortest:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def trim_end(doc: Doc, end: int) -> int:
    """Token index ``end`` moved back over punctuation and spaces."""
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end
