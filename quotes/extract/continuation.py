"""Quoted passages with no cue of their own, which carry on the quotation before them:
the next part of a split quote, a paragraph going on with a long quote, a quote-only
paragraph after an attributed one or after an introduction ending in a colon."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.cue_before import colon_name
from quotes.extract.cues import is_cue
from quotes.extract.marks import QuotedSpan
from quotes.extract.reading import Found, Reading
from quotes.extract.speakers import speaker_of

_MIN_UNATTRIBUTED_WORDS = 4


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
        return Found(start, end, "direct", previous.cue, previous.speaker_head, inherit=True)
    earlier = last_cue(reading, para_start, span.mark_start)
    if earlier is not None:
        return Found(start, end, "direct", *earlier)
    if text[para_start : span.mark_start].strip():
        return None
    prior_end = len(text[:para_start].rstrip())
    prior_start = reading.paragraph(max(0, prior_end - 1))[0]
    if text[:prior_end].endswith(":"):
        intro = last_cue(reading, prior_start, prior_end)
        if intro is not None:
            return Found(start, end, "direct", *intro)
        name = colon_name(reading, prior_start, prior_end)
        if name is not None:
            return Found(start, end, "direct", None, name)
    if previous is not None and previous.end >= prior_start:
        return Found(start, end, "direct", previous.cue, previous.speaker_head, inherit=True)
    return None


def last_cue(reading: Reading, start: int, end: int) -> tuple[Token, Token] | None:
    """The last cue with a subject between offsets start and end, outside quotes."""
    window = reading.tokens(start, end)
    if window is None:
        return None
    for token in reversed(window):
        if reading.outside(token) and is_cue(token):
            subject = speaker_of(token, within=range(window.start, window.end))
            if subject is not None and reading.outside(subject):
                return token, subject
    return None
