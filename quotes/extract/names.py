"""The people named in one article, and the fullest name each mention of them means.

"Mr. Putin", "Vladimir V. Putin", "President Putin" and "Putin's" are one
person, Vladimir Putin; "Mr. Xi" and "Xi" are Xi Jinping (family name first);
"Charap de Rand" is Samuel Charap of Rand; "Hillary" alone is Hillary Clinton
when she is the only Hillary named. Name forms are judged by :mod:`quotes.names`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from rapidfuzz import fuzz

from quotes.names import AFFILIATION_WORDS as _ENGLISH_PARTICLES
from quotes.names import (
    NAME_PARTICLES,
    clean_name,
    fold,
    parse_name,
    same_person,
    split_affiliation,
)

_FUZZY_SHORTEST = 4
_FUZZY_SCORE = 80


class Context(NamedTuple):
    """What a mention says of its person besides the name: its title words
    ('president') and gender, with the article's roles and genders to match them."""

    titles: frozenset[str]
    gender: str | None
    role_of: Callable[[str], str | None]
    gender_of: Callable[[str], str | None]

    def narrow(self, names: list[str]) -> list[str]:
        """The names this context fits: those of the mention's gender ('Mr. Obama' is not
        Michelle Obama), then those whose role holds its title, if any does."""
        names = [n for n in names if self._gendered(n)]
        return [n for n in names if self._titled(n)] or names

    def _titled(self, name: str) -> bool:
        role = (self.role_of(name) or "").lower().split()
        return not self.titles or bool(self.titles & set(role))

    def _gendered(self, name: str) -> bool:
        return not self.gender or self.gender_of(name) in (None, self.gender)


class NameBook:
    """The people named in one article: each person's fullest name, and how often
    each was named."""

    def __init__(self) -> None:
        self._full: list[str] = []  # one fullest name per person, in order of first mention
        self._count: Counter[str] = Counter()

    def add(self, name: str) -> None:
        """Record a person's name as written ('Secretary Antony J. Blinken')."""
        cleaned = split_affiliation(clean_name(name), _ENGLISH_PARTICLES)[0]
        if not cleaned or not cleaned[0].isupper():
            return
        if not parse_name(cleaned).given:  # a family name alone names nobody new
            person = self._person(cleaned)
            if person:
                self._count[person] += 1
            return
        for index, full in enumerate(self._full):
            if same_person(cleaned, full):
                if len(cleaned.split()) > len(full.split()):
                    self._count[cleaned] += self._count.pop(full)
                    self._full[index] = full = cleaned
                self._count[full] += 1
                return
        self._full.append(cleaned)
        self._count[cleaned] += 1

    def knows(self, name: str) -> bool:
        """Whether ``name`` (any form) is a person named in the article."""
        cleaned = clean_name(name)
        return bool(self._person(cleaned) or self._person(self._without_affiliation(cleaned)))

    def canonical(self, name: str, context: Context | None = None) -> str:
        """The fullest name in the article for the person written as ``name``; ``name``
        cleaned when nobody named in the article fits. When several fit ('Obama':
        Barack and Michelle), the mention's title and gender (``context``) narrow
        them ('President Obama', 'Mrs. Obama'); then the one named most often wins."""
        cleaned = clean_name(name)
        base = self._without_affiliation(cleaned)
        if base != cleaned and self._person(base):
            cleaned = base
        return self._person(cleaned, context) or cleaned

    def affiliation(self, name: str) -> str | None:
        """'Rand' of 'Charap de Rand' when Charap is a person of the article."""
        cleaned = clean_name(name)
        base, affiliation = split_affiliation(cleaned, _ENGLISH_PARTICLES | NAME_PARTICLES)
        return affiliation if base != cleaned and self._person(base) else None

    def fuzzy(self, word: str) -> str | None:
        """The one person whose family name ``word`` garbles ('blink' for Blinken), if any."""
        folded = fold(word)
        if len(folded) < _FUZZY_SHORTEST:
            return None
        found = {
            full
            for full in self._full
            if (family := fold(parse_name(full).family)).startswith(folded)
            or fuzz.ratio(folded, family) >= _FUZZY_SCORE
        }
        return found.pop() if len(found) == 1 else None

    def _without_affiliation(self, cleaned: str) -> str:
        return split_affiliation(cleaned, _ENGLISH_PARTICLES | NAME_PARTICLES)[0]

    def _person(self, cleaned: str, context: Context | None = None) -> str | None:
        """The fullest name of the person ``cleaned`` names: its family name's person, or
        for a single word, the one person with that first (or family-first) word."""
        if not cleaned:
            return None
        parsed = parse_name(cleaned)
        fits = [full for full in self._full if _fits(parsed, cleaned, full)]
        if not fits and len(cleaned.split()) == 1:  # 'Xi' of an unlisted 'Xi Jinping', or
            # one of two family names ('Acosta' of 'Melba Acosta Febo')
            fits = [full for full in self._full if _holds_word(full, cleaned)]
        if context is not None:
            fits = context.narrow(fits)
        if len(fits) > 1:
            most = max(self._count[full] for full in fits)
            fits = [full for full in fits if self._count[full] == most]
        return fits[0] if len(fits) == 1 else None


def _holds_word(full: str, word: str) -> bool:
    """Whether ``word`` is the first word of ``full`` or, in a name of three words or
    more, one of its middle words."""
    words = [fold(w) for w in full.split()]
    folded = fold(word)
    return words[0] == folded or len(words) > 2 and folded in words[1:-1]


def _fits(parsed, cleaned: str, full: str) -> bool:
    """A short or equal form of ``full``: same family, and given names that fit."""
    other = parse_name(full)
    if parsed.key != other.key:
        return False
    return not parsed.given or same_person(cleaned, full)
