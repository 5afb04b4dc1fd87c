"""The attribution right after a quoted passage: ``"…," said X``, ``"…" X said``,
``"…" ― X``, ``"…," according to X``, and ``"…" of the plan, X said``."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from quotes.extract.cues import according, has_clause, is_cue, subordinate
from quotes.extract.marks import QuotedSpan
from quotes.extract.reading import Found, Reading
from quotes.extract.rules import QUOTED, register, rule
from quotes.extract.speakers import speaker_of

_AFTER_WINDOW_TOKENS = 40
_DASH = re.compile(r"\s*[―—–]+\s*|\s*--\s*")
_PUNCTUATED = (",", ".", "?", "!", "—", "-", "–", "…")

DASH_CREDIT = register(
    "quoted.dash_credit", QUOTED, '``"…" ― Ann Lee``: a dash, then a capitalised word.'
)
ACCORDING_AFTER = register(
    "quoted.according_after", QUOTED, '``"…," according to X`` right after the passage.'
)
CUE_AFTER = register(
    "quoted.cue_after", QUOTED, '``"…," said X`` / ``"…" X said``: a cue after the passage.'
)
CUE_AFTER_CLAUSE = "quoted.cue_after_clause"


def cue_after(
    reading: Reading, span: QuotedSpan, following: QuotedSpan | None, para_end: int
) -> Found | None:
    """``"…," said X`` / ``"…" X said`` / ``"…" ― X``: the attribution between the passage
    and the next one (or the paragraph end)."""
    text, lexicon = reading.text, reading.lexicon
    window_end = min(para_end, following.mark_start if following else para_end)
    rest = text[span.mark_end : window_end]
    start, end = reading.content_bounds(span)
    dash = _DASH.match(rest)
    if dash and rest[dash.end() : dash.end() + 1].isupper():
        window = reading.tokens(span.mark_end + dash.end(), window_end)
        if window is not None and len(window):
            return Found(start, end, "direct", None, window[0], rule=DASH_CREDIT)
    content_end = text[span.start : span.end].rstrip()
    ends_sentence = content_end.endswith(".") and span.closed
    window = reading.tokens(span.mark_end, window_end)
    if window is None or not len(window):
        return None
    punctuated = content_end.endswith(_PUNCTUATED) or rest.startswith(",")
    opens = is_cue(window[0], lexicon) or window[0].pos_ in ("PROPN", "PRON", "DET")
    if not punctuated and not opens:
        return _cue_after_clause(reading, span, window)
    for position, token in enumerate(window[:_AFTER_WINDOW_TOKENS]):
        if token.is_sent_start and position > 1 and not ends_sentence:
            break
        if not reading.outside(token):
            break
        head = according(token)
        if head is not None:
            return Found(start, end, "direct", token, head, rule=ACCORDING_AFTER)
        if is_cue(token, lexicon):
            if subordinate(token, lexicon):  # '"…," when Lee blasted him': another event
                return reading.miss(CUE_AFTER, start, end, "its cue opens a subordinate clause")
            subject = speaker_of(token, lexicon, within=range(window.start, window.end))
            if subject is None or subject.i < window.start or subject.i >= window.end:
                subject = adjacent_name(window, token)
            if subject is None:
                return reading.miss(CUE_AFTER, start, end, "its cue has no subject near it")
            if ends_sentence and (position > 6 or has_clause(token)):
                reason = "the passage ends its sentence and the cue is far or has a clause"
                return reading.miss(CUE_AFTER, start, end, reason)
            return Found(start, end, "direct", token, subject, rule=CUE_AFTER)
        another_clause = token.pos_ == "VERB" and token.dep_ in ("ROOT", "conj")
        if another_clause and position > 0 and not ends_sentence:
            break
    return None


def adjacent_name(window: Span, cue: Token) -> Token | None:
    """When the parse gives the cue no subject, a name right before it
    ('… ," Tulsa police Chief Chuck Jordan said') or right after it."""
    before = [t for t in window if t.i < cue.i]
    after = [t for t in window if t.i > cue.i][:4]
    for token in [*reversed(before[-6:]), *after]:
        if token.ent_type_ == "PERSON" or token.pos_ == "PRON" and token.lower_ in ("he", "she"):
            return token
    return None


@rule(CUE_AFTER_CLAUSE)
def _cue_after_clause(reading: Reading, span: QuotedSpan, window: Span) -> Found | None:
    """``"I have admiration for the mechanics" of the plan, Mr. X said``: the
    sentence goes on after the quote, then a comma and the attribution; the
    quote and the rest of its clause are a mixed quote."""
    for token in window:
        if token.is_sent_start or not reading.outside(token):
            return None
        if token.text != ",":
            continue
        after = [t for t in window if t.i > token.i][:8]
        if not after or after[0].pos_ in ("CCONJ", "SCONJ", "ADP"):
            return None  # ", and he urged …": another clause, not the attribution
        for cue in after:
            if is_cue(cue, reading.lexicon) and not has_clause(cue):
                start, end = span.mark_start, token.idx
                subject = speaker_of(cue, reading.lexicon, within=range(token.i + 1, cue.i + 4))
                if subject is None or subject.i <= token.i:
                    reason = "its cue has no subject after the comma"
                    return reading.miss(CUE_AFTER_CLAUSE, start, end, reason)
                return Found(start, end, "mixed", cue, subject, rule=CUE_AFTER_CLAUSE)
        return None
    return None
