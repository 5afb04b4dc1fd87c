"""Quoted passages with no cue of their own, which carry on the quotation before them:
the next part of a split quote, a paragraph going on with a long quote, a quote-only
paragraph after an attributed one or after an introduction ending in a colon."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.cue_before import colon_name
from quotes.extract.cues import is_cue
from quotes.extract.marks import QuotedSpan
from quotes.extract.reading import Found, Reading
from quotes.extract.rules import QUOTED, register
from quotes.extract.speakers import speaker_of

_MIN_UNATTRIBUTED_WORDS = 4

SAME_PARAGRAPH = register(
    "quoted.continues_in_paragraph",
    QUOTED,
    "A passage with no cue after a quote in the same paragraph: the same speaker.",
)
EARLIER_CUE = register(
    "quoted.earlier_cue",
    QUOTED,
    '``…, Schiff said. "…"``: the last cue with a subject earlier in the paragraph.',
)
INTRODUCED = register(
    "quoted.introduced",
    QUOTED,
    "``He said:`` ending the paragraph before a paragraph that opens with the passage.",
)
INTRODUCED_BY_NAME = register(
    "quoted.introduced_by_name",
    QUOTED,
    "``Pollster Ann Lee:`` ending the paragraph before a paragraph that opens with the passage.",
)
CONTINUES_QUOTE = register(
    "quoted.continues_quote",
    QUOTED,
    "A paragraph opening with a passage, after a paragraph ending with a quote: its speaker.",
)


def continuation(
    reading: Reading, span: QuotedSpan, found: list[Found], para_start: int
) -> Found | None:
    """A passage with no cue of its own carries on the quotation before it:
    the last quote in its paragraph, a cue earlier in the paragraph
    (``…, Schiff said. "…"``), an introduction ending the paragraph before
    (``He said:``), or the quote that ended the paragraph before."""
    text = reading.text
    start, end = reading.content_bounds(span)
    if len(text[start:end].split()) < _MIN_UNATTRIBUTED_WORDS:
        return None
    previous = found[-1] if found else None
    if previous is not None and reading.paragraph(previous.start)[0] == para_start:
        return _inherited(start, end, previous, SAME_PARAGRAPH)
    earlier = last_cue(reading, para_start, span.mark_start)
    if earlier is not None:
        return Found(start, end, "direct", *earlier, rule=EARLIER_CUE)
    if text[para_start : span.mark_start].strip():
        return None
    prior_end = len(text[:para_start].rstrip())
    prior_start = reading.paragraph(max(0, prior_end - 1))[0]
    if text[:prior_end].endswith(":"):
        intro = last_cue(reading, prior_start, prior_end)
        if intro is not None:
            return Found(start, end, "direct", *intro, rule=INTRODUCED)
        name = colon_name(reading, prior_start, prior_end)
        if name is not None:
            return Found(start, end, "direct", None, name, rule=INTRODUCED_BY_NAME)
    if previous is not None and previous.end >= prior_start:
        return _inherited(start, end, previous, CONTINUES_QUOTE)
    return None


def _inherited(start: int, end: int, previous: Found, rule: str) -> Found:
    """A direct quote at start..end whose speaker is that of the quote ``previous``."""
    return Found(start, end, "direct", previous.cue, previous.speaker_head, True, rule=rule)


def last_cue(reading: Reading, start: int, end: int) -> tuple[Token, Token] | None:
    """The last cue with a subject between offsets start and end, outside quotes."""
    window = reading.tokens(start, end)
    if window is None:
        return None
    for token in reversed(window):
        if reading.outside(token) and is_cue(token, reading.lexicon):
            subject = speaker_of(token, reading.lexicon, within=range(window.start, window.end))
            if subject is not None and reading.outside(subject):
                return token, subject
    return None
