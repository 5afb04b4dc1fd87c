"""Word-level differences between two appearances of a statement.

Words are compared as statement words (case, quote marks and punctuation do
not count as a difference) but shown as the appearance printed them::

    word_diff("We will fix the roads.", "“We’ll fix the roads”")
    -> [Change("delete", "We will"), Change("insert", "“We’ll"), Change("equal", "fix the roads”")]

``trimmed`` marks words of the reference before or after all the words of the
other appearance: an excerpt leaves them out, which is not a change of wording.
Rendering (escaped HTML, terminal colours) belongs to whoever shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from quotes.statements.normalise import statement_words


class Change(NamedTuple):
    """A run of words: ``equal``, ``delete`` (only in the reference), ``insert`` (only in
    the other appearance) or ``trimmed`` (reference words an excerpt leaves out)."""

    kind: str
    text: str


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The whitespace-separated tokens of ``text`` and the key each is compared on."""
    tokens = text.split()
    return tokens, [" ".join(statement_words(token)) for token in tokens]


def word_diff(reference: str, other: str) -> list[Change]:
    """The changes that turn ``reference`` into ``other``, word by word."""
    old, old_keys = _tokens(reference)
    new, new_keys = _tokens(other)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    changes: list[Change] = []
    opcodes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            changes.append(Change("equal", " ".join(new[j1:j2])))
            continue
        edge = number in (0, len(opcodes) - 1) and len(opcodes) > 1 and j1 == j2
        if i2 > i1:
            changes.append(Change("trimmed" if edge else "delete", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(Change("insert", " ".join(new[j1:j2])))
    return [change for change in changes if change.text]


def relation(
    words: Sequence[str], others: Sequence[Sequence[str]], reference: Sequence[str]
) -> str:
    """How an appearance's ``words`` stand to its statement: ``same`` as the ``reference``
    (the first appearance), an ``excerpt`` of the reference or of another appearance,
    ``longer`` than the reference (containing it), or ``edited``."""
    if list(words) == list(reference):
        return "same"
    mine = f" {' '.join(words)} "
    if _within(mine, reference) or any(_within(mine, theirs) for theirs in others):
        return "excerpt"
    if f" {' '.join(reference)} " in mine:
        return "longer"
    return "edited"


def _within(mine: str, theirs: Sequence[str]) -> bool:
    return len(mine) < len(" ".join(theirs)) + 2 and mine in f" {' '.join(theirs)} "
