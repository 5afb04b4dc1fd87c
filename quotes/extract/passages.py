"""Quoted passages and what attributes each: direct and mixed quotes.

Every passage in quote marks (see :mod:`quotes.extract.marks`) looks for its cue
right after it (``"…," said X``, see :mod:`quotes.extract.cue_after`), then right
before it (``X said: "…"``, ``X said the plan was "a disaster"``, see
:mod:`quotes.extract.cue_before`). A passage that is the whole complement of its
cue is *direct*; one embedded in a reported clause is *mixed*, and the quote then
spans the clause. A passage with no cue of its own continues the quotation
before it (see :mod:`quotes.extract.continuation`); one quote interrupted by its
attribution becomes one quote in several parts.
"""

from __future__ import annotations

import re

from quotes.extract.continuation import continuation
from quotes.extract.cue_after import cue_after
from quotes.extract.cue_before import cue_before, named_before_colon
from quotes.extract.marks import QuotedSpan
from quotes.extract.reading import Found, Reading
from quotes.extract.rules import FILTER, QUOTED, register, rule
from quotes.extract.sources import Speaker
from quotes.extract.speaker_rules import TRANSCRIPT as SPEAKER_TRANSCRIPT

_CREDIT = re.compile(r"\n+\s*(?:[―—–]+|--?)\s*(?=[A-Z])")
_TRANSCRIPT = re.compile(r"\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z]):\s+")
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’.:-]*|of|the|and|a|an|in|on|for|to|at|with")
_LAST_SENTENCE_END = re.compile(r".*[.!?][\"”’']?\s+", re.DOTALL)
_ADJUNCT_DEPS = frozenset({"advcl", "prep", "npadvmod", "nsubj", "nsubjpass"})

TRANSCRIPT = "quoted.transcript"
CREDIT_LINE = "quoted.credit_line"
LEAD_IN = register(
    "quoted.lead_in",
    QUOTED,
    '``Not paying taxes "makes me smart," Trump said``: a cue after the passage, and the '
    "words of its sentence before it, which make the quote mixed.",
)
TITLE = register(
    "filter.title",
    FILTER,
    "A show, book or bill named in quote marks ('on CNN's \"State of the Union\"'): no quote.",
)


def quoted(reading: Reading) -> list[Found]:
    """The direct and mixed quotes of the article's quoted passages, in text order,
    a quote interrupted by its attribution joined into one."""
    text, spans = reading.text, reading.spans
    found: list[Found] = []
    for index, span in enumerate(spans):
        para_start, para_end = reading.paragraph(span.mark_start)
        following = spans[index + 1] if index + 1 < len(spans) else None
        preceding = spans[index - 1] if index else None
        if _is_title(reading, span):
            reading.miss(TITLE, span.start, span.end, "a title in quote marks")
            continue
        transcript = _transcript(reading, span)
        if transcript is not None:
            found.append(transcript)
            continue
        after = cue_after(reading, span, following, para_end)
        before = cue_before(reading, span, preceding, para_start)
        item = before if before is not None and _ends_sentence(text, span) else after or before
        if item is not None and item is after:
            _absorb_lead_in(text, item, span, preceding, para_start)
            if item.kind == "mixed" and not _reported_by(reading, item):
                reason = "the words around the passage hang from the cue as an adjunct"
                reading.miss(item.rule, item.start, item.end, reason)
                item = before  # 'Walking in to chants of "Marco!," the senator said'
        if item is None:
            item = named_before_colon(reading, span, preceding, para_start)
        if item is None and following is None or item is None and following.mark_start > para_end:
            item = _credit_line_after(reading, span, para_end)
        if item is None:
            item = continuation(reading, span, found, para_start)
        if item is not None:
            found.append(item)
    return _join_interrupted(reading, found)


def _join_interrupted(reading: Reading, found: list[Found]) -> list[Found]:
    """``"Look, …," Putin said, "they give a good harvest."``: a direct quote carried on
    in the same paragraph by the same cue and speaker is one quote in several parts."""
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == item.kind == "direct"
            and item.start >= previous.end
            and reading.paragraph(previous.start) == reading.paragraph(item.start)
            and (item.inherit or _same_token(item.cue, previous.cue))
        ):
            previous.parts = [*previous.segments, (item.start, item.end)]
            previous.end = item.end
            continue
        joined.append(item)
    return joined


def _same_token(one, other) -> bool:
    return one is not None and other is not None and one.i == other.i


@rule(CREDIT_LINE)
def _credit_line_after(reading: Reading, span: QuotedSpan, para_end: int) -> Found | None:
    """A quote ending its paragraph, credited on the next line: ``"…" / — Ann Lee.``"""
    text = reading.text
    if text[span.mark_end : para_end].strip(" .,"):
        return None
    credit = _CREDIT.match(text, para_end)
    if credit is None:
        return None
    window = reading.tokens(credit.end(), reading.paragraph(credit.end())[1])
    if window is None or not len(window):
        return None
    words = [t for t in window[:3] if t.text[0].isalpha()]  # not '-Ann', glued to its dash
    names = [t for t in words if t.ent_type_ == "PERSON"] or [t for t in words if t.pos_ == "PROPN"]
    if not names or len(window) > 12:
        return None
    return Found(*reading.content_bounds(span), "direct", None, names[0], rule=CREDIT_LINE)


@rule(TRANSCRIPT)
def _transcript(reading: Reading, span: QuotedSpan) -> Found | None:
    """A transcript line quoted whole: ``"PENCE: Well, look, …"``."""
    match = _TRANSCRIPT.match(reading.text, span.start, span.end)
    if match is None:
        return None
    name = match.group(1).title()
    _start, end = reading.content_bounds(span)
    item = Found(match.end(), end, "direct", rule=TRANSCRIPT)
    item.speaker = Speaker(
        name, match.group(1), match.start(1), match.end(1), "person", None, SPEAKER_TRANSCRIPT
    )
    return item


def _is_title(reading: Reading, span: QuotedSpan) -> bool:
    """A show, book or bill named in quote marks ('on CNN's "State of the Union"',
    'the podcast "Here's the Thing"'): title-case words after a preposition, a
    possessive or a noun for a work."""
    words = reading.text[span.start : span.end].strip(" ,.;:").split()
    if not words or len(words) > 10 or not all(_TITLE_WORD.fullmatch(w) for w in words):
        return False
    before = reading.text[max(0, span.mark_start - 20) : span.mark_start].split()
    last = before[-1].lower().rstrip(",") if before else ""
    lexicon = reading.lexicon
    return (
        last.endswith(("'s", "’s"))
        or last in lexicon.title_openers
        or last in lexicon.work_nouns
    )


def _ends_sentence(text: str, span: QuotedSpan) -> bool:
    return span.closed and text[span.start : span.end].rstrip().endswith((".", "!", "?"))


def _absorb_lead_in(text, item: Found, span: QuotedSpan, preceding, para_start: int) -> None:
    """``Not paying taxes "makes me smart," Trump said``: words of the same
    sentence before the quote belong to it, which makes the quote mixed."""
    lead_start = para_start
    if preceding is not None and preceding.mark_end > para_start:
        lead_start = preceding.mark_end
    lead = text[lead_start : span.mark_start]
    done = _LAST_SENTENCE_END.match(lead)
    if done:
        lead_start += done.end()
        lead = lead[done.end() :]
    if not lead.strip() or lead.rstrip().endswith((":", ",")) and len(lead.split()) < 3:
        return
    item.rule = LEAD_IN
    item.start = lead_start + len(lead) - len(lead.lstrip())
    item.end = span.mark_end
    while item.end > span.end and text[item.end - 1] in ",;:":
        item.end -= 1
    item.kind = "mixed"


def _reported_by(reading: Reading, item: Found) -> bool:
    """False when a mixed quote's words hang from its cue as an adjunct or as its
    subject ('Walking in to chants of "…," he said', 'X, who calls Y a "…," said')
    rather than as what it reports."""
    words = reading.tokens(item.start, item.end)
    if item.cue is None or words is None:
        return True
    roots = [t for t in words if not t.is_punct and not words.start <= t.head.i < words.end]
    return not roots or not all(r.head == item.cue and r.dep_ in _ADJUNCT_DEPS for r in roots)
