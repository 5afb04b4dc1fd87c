"""What introduces a quoted passage from before it: ``X said: "…"`` and ``X said "…"``
(direct), ``X called it "a disaster"`` (mixed: the quote spans the reported clause),
and ``Pollster Ann Lee: "…"`` (a name and a colon)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotes.extract.cue_after import adjacent_name
from quotes.extract.cues import according, clause_right_edge, is_cue, is_naming_cue
from quotes.extract.marks import QuotedSpan
from quotes.extract.reading import Found, Reading, trim
from quotes.extract.rules import QUOTED, register, rule
from quotes.extract.speakers import agent_of, speaker_of

_INTRODUCER = re.compile(r"(?:[\w.'’]+\s+){0,4}that")
_AFTER_CUE = re.compile(r"[\s,:]*(?:that\s+)?")

CUE_BEFORE = register(
    "quoted.cue_before", QUOTED, '``X said: "…"``, ``X said "…"``: a cue introduces the passage.'
)
CUE_BEFORE_MIXED = register(
    "quoted.cue_before_mixed",
    QUOTED,
    '``X called it "a disaster"``: the passage is part of the clause a cue before it reports.',
)
NAMED_BEFORE_COLON = "quoted.named_before_colon"


def cue_before(
    reading: Reading, span: QuotedSpan, preceding: QuotedSpan | None, para_start: int
) -> Found | None:
    """``X said: "…"`` / ``X said "…"`` (direct) or ``X called it "a disaster"`` (mixed)."""
    text, doc, lexicon = reading.text, reading.doc, reading.lexicon
    window_start = para_start
    if preceding and preceding.mark_end > para_start:
        window_start = preceding.mark_end
    before = text[window_start : span.mark_start]
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ".!?":
        return None
    window = reading.tokens(window_start, span.mark_start)
    if window is None:
        return None
    sentence_start = window[-1].sent.start
    start, end = reading.content_bounds(span)
    for token in reversed(window):
        if token.i < sentence_start and token.i < window.end - 1:
            break
        head = according(token)
        named = head is not None or is_cue(token, lexicon) or is_naming_cue(token, lexicon)
        cue = token if named else None
        if cue is None:
            continue
        speaker = (
            head
            if head is not None
            else (
                speaker_of(cue, lexicon, within=range(window.start, cue.i))
                or agent_of(cue)
                or adjacent_name(window, cue)
            )
        )
        if speaker is None or not reading.outside(speaker):
            return reading.miss(CUE_BEFORE, start, end, "its cue has no speaker outside quotes")
        between = text[token.idx + len(token) : span.mark_start]
        if any(t.is_sent_start for t in doc[token.i + 1 : window.end]):
            return reading.miss(CUE_BEFORE, start, end, "a sentence starts after its cue")
        if _introduces(reading, between, span):
            return Found(start, end, "direct", cue, speaker, rule=CUE_BEFORE)
        if not _governs(reading, cue, span):
            reason = "the passage does not hang from the cue as what it reports"
            return reading.miss(CUE_BEFORE_MIXED, start, end, reason)
        mixed_start, mixed_end = _mixed_start(reading, cue, span), _mixed_end(reading, cue, span)
        return Found(mixed_start, mixed_end, "mixed", cue, speaker, rule=CUE_BEFORE_MIXED)
    return None


def _governs(reading: Reading, cue: Token, span: QuotedSpan) -> bool:
    """True when the quoted words hang, in the parse, from the cue as what it
    reports: not through a time clause ('told a crowd … after she took the stage
    to "…"') nor as the one told ('told the program "…"')."""
    inside = reading.tokens(span.start, span.end)
    if inside is None:
        return False
    when_words = reading.lexicon.time_clause_words
    for token in inside:
        if token.is_punct:
            continue
        path = [token, *token.ancestors]
        if cue not in path[1:]:
            continue
        branch = path[path.index(cue) - 1]
        told = cue.lemma_.lower() == "tell" and branch.dep_ in ("dobj", "dative")
        when = (branch.dep_ == "prep" and branch.lower_ in when_words) or (
            branch.dep_ == "advcl" and any(c.lower_ in when_words for c in branch.children)
        )
        if not told and not when:
            return True
    return False


def _introduces(reading: Reading, between: str, span: QuotedSpan) -> bool:
    """True when only an introducer stands between the cue and the quote: a colon, a
    comma, nothing, or '… that' before a passage that does not run on into the
    sentence ('said that "…"', not 'said that "Make America Great Again" is …')."""
    tail = between.strip()
    if tail.endswith((":", ",")) or tail == "":
        return True
    if _INTRODUCER.fullmatch(tail):
        after = reading.text[span.end : span.mark_end + 2]
        return not after.strip(" ”\"'")[:1].isalpha()
    return False


def _mixed_start(reading: Reading, cue: Token, span: QuotedSpan) -> int:
    """Where the reported clause around an embedded quote begins: after the cue."""
    start = cue.idx + len(cue)
    if cue.lower_ == "according":
        start = max(t.idx + len(t) for t in cue.subtree)
    told = [c for c in cue.rights if c.dep_ in ("dobj", "dative") and c.right_edge.idx < span.start]
    if cue.lemma_.lower() == "tell" and told:  # 'told NPR the administration …': not NPR
        last = told[0].right_edge
        start = max(start, last.idx + len(last))
    match = _AFTER_CUE.match(reading.text[start:])
    return start + (match.end() if match else 0)


def _mixed_end(reading: Reading, cue: Token, span: QuotedSpan) -> int:
    """Where the reported clause around an embedded quote ends: the end of the
    cue's own clause, and never before the quote's closing mark."""
    text = reading.text
    end = span.mark_end
    while end > span.end and text[end - 1] in ",;:":
        end -= 1
    last = cue.sent.end
    if cue.lower_ != "according":  # 'according to X' heads no clause: the sentence is its content
        last = min(last, clause_right_edge(cue, reading.lexicon) + 1)
    clause_end = trim(reading.doc, cue.i + 1, last)
    if clause_end is not None and text[end : clause_end[1]].count("\n") == 0:
        end = max(end, clause_end[1])
    return end


@rule(NAMED_BEFORE_COLON)
def named_before_colon(
    reading: Reading, span: QuotedSpan, preceding: QuotedSpan | None, para_start: int
) -> Found | None:
    """``Republican pollster Ann Lee: "…"``: a name and a colon introduce the quote."""
    start = para_start
    if preceding is not None and preceding.mark_end > para_start:
        start = preceding.mark_end
    if not reading.text[start : span.mark_start].rstrip().endswith(":"):
        return None
    name = colon_name(reading, start, span.mark_start)
    if name is None:
        return None
    return Found(*reading.content_bounds(span), "direct", None, name, rule=NAMED_BEFORE_COLON)


def colon_name(reading: Reading, start: int, end: int) -> Token | None:
    """The person named right before the colon ending offsets start..end, in a
    lead-in with no verb ('Pollster Ann Lee:', 'Here is Lee in 1992:'), if any."""
    window = reading.tokens(start, end)
    if window is None or not len(window):
        return None
    lead_in = reading.doc[window[-1].sent.start : window.end]
    if any(t.pos_ == "VERB" or not reading.outside(t) for t in lead_in):
        return None
    names = [t for t in window[-8:] if t.ent_type_ == "PERSON"]
    return names[-1] if names else None
