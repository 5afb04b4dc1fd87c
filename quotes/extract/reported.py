"""Reported speech: every cue outside the quotes found already, and what it reports.

A reporting verb with a clause, an object or a predicate, a speech noun with a
that-clause, a passive cue with its 'by' agent, and ``according to X`` each give
*indirect* speech (see :mod:`quotes.extract.clauses` and
:mod:`quotes.extract.objects`). Words that quotes found already cover are not
found twice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from quotes.extract.clauses import according_clause, complement_clause
from quotes.extract.cues import according, is_cue
from quotes.extract.objects import noun_clause, object_content, passive_content, predicative_content
from quotes.extract.reading import TRAILING, Found, Reading
from quotes.extract.rules import FILTER, register

_OVERLAP_SHARE = 0.3  # of a new item's length inside one found already: the same words

COVERED = register(
    "filter.covered",
    FILTER,
    "Reported speech whose words a quote found before holds (over 30% of them): no quote.",
)


def reported(reading: Reading, found: list[Found], used: set[int]) -> list[Found]:
    """Reported speech: a reporting verb with a clause, or 'according to X'; ``found``
    are the quotes found already and ``used`` the token indexes of their cues."""
    doc, lexicon = reading.doc, reading.lexicon
    covered = Coverage(part for f in found for part in f.segments)
    stops = sorted((min(f.start, f.cue.idx), f.cue.idx) for f in found if f.cue is not None)
    results = []
    for token in doc:
        if token.i in used:
            continue
        head = according(token)
        if head is not None:
            item = according_clause(reading, token, head)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.speech_nouns:
            item = noun_clause(reading, token)
        elif token.lemma_.lower() in lexicon.object_complements:  # 'likened X to Y': X to Y
            item = object_content(reading, token)
        elif is_cue(token, lexicon) or token.lemma_.lower() in lexicon.object_cues:
            item = (
                complement_clause(reading, token)
                or predicative_content(reading, token)
                or object_content(reading, token)
                or passive_content(reading, token)
            )
        else:
            continue
        if item is None:
            continue
        _stop_before_quotes(reading.text, item, stops)
        if covered.overlaps(item.start, item.end, _OVERLAP_SHARE):
            reason = f"{COVERED}: a quote found before holds its words"
            reading.miss(item.rule, item.start, item.end, reason)
            continue
        covered.add(item.start, item.end)
        results.append(item)
    return results


def _stop_before_quotes(text: str, item: Found, stops: list[tuple[int, int]]) -> None:
    """A clause run on to the sentence end stops where a later quote and its
    own cue begin (``…, saying that "race still …"``); ``stops`` are (where each
    quote with a cue begins, its cue's offset), sorted."""
    first = bisect_right(stops, (item.start, len(text)))
    for stop, cue_at in stops[first : bisect_left(stops, (item.end, -1))]:
        if cue_at > item.cue.idx and stop < item.end:
            end = stop
            while end > item.start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
                end -= 1
            if end - item.start > 10:
                item.end = end


class Coverage:
    """Character spans found so far, asked in about O(log n) whether a new span
    overlaps one of them by more than a share of its own length."""

    def __init__(self, spans=()) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Record the span ``start``..``end``."""
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int, share: float) -> bool:
        """Whether ``start``..``end`` shares more than ``share`` of its length with a span."""
        length = max(1, end - start)
        index = bisect_left(self.spans, (end, end))
        while index > 0:
            index -= 1
            other_start, other_end = self.spans[index]
            if other_start + self.longest <= start:
                return False
            if min(other_end, end) - max(other_start, start) > share * length:
                return True
        return False
