"""Which quotes report the same statement: the comparison, and the greedy grouping.

Quotes are placed one at a time, oldest first. Each is compared (with
rapidfuzz) to the earlier quotes that share fingerprints with it
(:mod:`quotes.statements.fingerprints`), and joins the statement of the one it
matches best, or founds a statement of its own. When it contains quotes of
other statements (the two halves of a quote another outlet split), those
statements are merged into the oldest one. :func:`quotes.statements.rebuild`
and the incremental :func:`quotes.statements.assign_quotes` both place quotes
through :class:`Grouping`, so a database built article by article, oldest
first, holds the statements a rebuild makes.

Two quotes match when, counting statement words (see
:mod:`quotes.statements.normalise`; scores are rapidfuzz's on the word codes,
so each word counts as one):

- their words are the same, or nearly (``fuzz.ratio``: one word in ten changed), or
- the shorter one lies within the longer (``fuzz.partial_ratio``, as strict),

and the shorter has enough words. Different speakers (or an unknown one) need
more words and closer words than the same speaker: short common phrases, or
one politician echoing another, would otherwise pass for a misattribution.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz import fuzz

from quotes.statements.normalise import surname


class Thresholds(NamedTuple):
    """Fewest words the shorter quote needs, by kind of match, and the least score."""

    same: int
    near: int
    within: int
    score: float


SAME_SPEAKER = Thresholds(same=3, near=5, within=6, score=90.0)
OTHER_SPEAKER = Thresholds(same=6, near=8, within=10, score=95.0)


class Appearance(NamedTuple):
    """One quote as grouping sees it: its statement words (joined by spaces, and as a
    :func:`~quotes.statements.normalise.word_code`), their number, its speaker, and
    ``order`` (unpublished last, then insertion order)."""

    id: str
    words: str
    code: str
    count: int
    speaker_id: int | None
    speaker: str | None
    order: tuple


def statement_id(quote_id: str) -> str:
    """The id of the statement a quote founds: 16 hex of sha256("statement", NUL, quote id)."""
    return hashlib.sha256(f"statement\0{quote_id}".encode()).hexdigest()[:16]


def appearance_order(published: str | None, rowid: int) -> tuple:
    """The order quotes are placed in: by publication date (none last), then as stored."""
    return (published is None, published or "", rowid)


def same_speaker(a: Appearance, b: Appearance) -> bool:
    """Whether both quotes have a known speaker and it is the same one (same row, or the
    same surname: the store sometimes keeps one person under two names)."""
    if a.speaker_id is None or b.speaker_id is None:
        return False
    return a.speaker_id == b.speaker_id or surname(a.speaker) == surname(b.speaker)


def similarity(a: Appearance, b: Appearance) -> float | None:
    """How surely ``a`` and ``b`` report the same statement (0.9 to 1.0), or ``None`` when
    they do not match."""
    need = SAME_SPEAKER if same_speaker(a, b) else OTHER_SPEAKER
    shorter = min(a.count, b.count)
    if a.words == b.words:
        return 1.0 if shorter >= need.same else None
    if shorter >= need.near and (score := fuzz.ratio(a.code, b.code, score_cutoff=need.score)):
        return round(score / 100, 4)
    if shorter >= need.within:
        short, long = sorted((a.code, b.code), key=len)
        if score := fuzz.partial_ratio(short, long, score_cutoff=need.score):
            return round(score / 100, 4)
    return None


class Grouping:
    """Statements being formed: which statement each placed quote is in.

    ``statement(quote_id)`` follows merges; ``links`` holds, for each quote placed
    here, the quote it matched and how well (``(None, None)`` for a founder);
    ``merged`` maps each statement merged away to the one it joined.
    """

    def __init__(self) -> None:
        self._placed: dict[str, str] = {}
        self.first: dict[str, tuple] = {}
        self.merged: dict[str, str] = {}
        self.links: dict[str, tuple[str | None, float | None]] = {}

    def seed(self, quote_id: str, statement: str, first: tuple) -> None:
        """Record a quote placed before (in the database): in ``statement``, whose first
        appearance has order ``first``."""
        self._placed[quote_id] = statement
        self.first.setdefault(statement, first)

    def statement(self, quote_id: str) -> str:
        """The statement ``quote_id`` is in now."""
        key = self._placed[quote_id]
        while key in self.merged:
            key = self.merged[key]
        self._placed[quote_id] = key
        return key

    def place(self, quote: Appearance, candidates: Iterable[Appearance]) -> str:
        """Put ``quote`` in the statement of the candidate it matches best (a new one when
        none matches), merging in the statements of candidates it contains; return it."""
        scored = sorted(
            (
                (score, other)
                for other in candidates
                if other.id != quote.id and (score := similarity(quote, other)) is not None
            ),
            key=lambda item: (-item[0], item[1].order),
        )
        if not scored:
            key = statement_id(quote.id)
            self._placed[quote.id] = key
            self.first[key] = quote.order
            self.links[quote.id] = (None, None)
            return key
        score, best = scored[0]
        keys = {self.statement(best.id)}
        keys |= {self.statement(other.id) for _, other in scored[1:] if other.count < quote.count}
        key = min(keys, key=lambda k: self.first[k])
        for other in keys - {key}:
            self.merged[other] = key
            self.first[key] = min(self.first[key], self.first[other])
        self.first[key] = min(self.first[key], quote.order)
        self._placed[quote.id] = key
        self.links[quote.id] = (best.id, score)
        return key
