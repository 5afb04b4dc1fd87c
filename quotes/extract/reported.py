"""Reported speech: every cue outside the quotes found already, and what it reports.

The candidates are found by patterns (see :mod:`quotes.extract.patterns`): a
reporting verb with a clause, an object or a predicate, a speech noun with a
that-clause, a passive cue with its 'by' agent, ``according to X``. Each family's
rules are tried in order on a cue their patterns matched, and the first builder to
make a quote (see :mod:`quotes.extract.clauses` and :mod:`quotes.extract.objects`)
gives *indirect* speech. Words that quotes found already cover are not found twice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from quotes.extract.patterns import Candidate
from quotes.extract.reading import TRAILING, Found, Reading
from quotes.extract.rules import BUILDERS, FILTER, register

_OVERLAP_SHARE = 0.3  # of a new item's length inside one found already: the same words

COVERED = register(
    "filter.covered",
    FILTER,
    "Reported speech whose words a quote found before holds (over 30% of them): no quote.",
)


def reported(reading: Reading, found: list[Found], used: set[int]) -> list[Found]:
    """Reported speech: a reporting verb with a clause, or 'according to X'; ``found``
    are the quotes found already and ``used`` the token indexes of their cues."""
    covered = Coverage(part for f in found for part in f.segments)
    stops = sorted((min(f.start, f.cue.idx), f.cue.idx) for f in found if f.cue is not None)
    results = []
    for candidate in reading.patterns.candidates(reading.doc):
        if candidate.cue.i in used:
            continue
        item = _built(reading, candidate)
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


def _built(reading: Reading, candidate: Candidate) -> Found | None:
    """The quote the first of the family's steps makes of ``candidate``: each step whose
    rules matched the cue (and no rule of their ``unless``) calls its builder."""
    matched = candidate.matched
    for step in candidate.family.steps:
        hits = {
            rule.id: matched[rule.id]
            for rule in step.rules
            if rule.id in matched and not any(other in matched for other in rule.unless)
        }
        if hits:
            item = BUILDERS[step.builder](reading, candidate.cue, hits)
            if item is not None:
                return item
    return None


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
