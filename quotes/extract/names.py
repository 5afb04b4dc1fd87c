"""Canonical person names within one article.

"Mr. Putin", "Vladimir V. Putin", "President Putin" and "Putin's" are one
person, Vladimir Putin: honorifics and titles are stripped, middle initials
dropped, and a short form takes the longest full name in the article that
shares its surname.
"""

from __future__ import annotations

import re

from quotes.extract.lexicon import reporting_verbs, titles

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_PARTICLES = frozenset({"de", "of", "from", "at", "for"})
_POSSESSIVE = re.compile(r"['’]s?$")


def clean_name(name: str) -> str:
    """Strip titles, possessives, middle initials: 'Mr. Vladimir V. Putin's' → 'Vladimir Putin'."""
    words = [_POSSESSIVE.sub("", w.strip(_EDGE_JUNK)) for w in name.replace("\n", " ").split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0].lower().rstrip(".") in titles():
        words.pop(0)
    while len(words) > 1 and _is_verb_form(words[-1]):  # a headline's "Obama Says"
        words.pop()
    kept = [
        w
        for i, w in enumerate(words)
        if not (0 < i < len(words) - 1 and re.fullmatch(r"[A-Z]\.?", w))
    ]
    return " ".join(w for w in kept if w)


_EDGE_JUNK = "\"'“”‘’<>()[]{}:;,!?*#@―—–-"
_IRREGULAR = frozenset({"said", "told", "wrote", "spoke", "says", "tells"})


def _is_verb_form(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR:
        return True
    return any(lower in (verb + "s", verb + "ed", verb + "d") for verb in reporting_verbs())


def surname(name: str) -> str:
    """The last word of a name, skipping suffixes such as Jr. or III."""
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    return words[-1] if words else name


def split_affiliation(name: str) -> tuple[str, str | None]:
    """Split 'Charap de Rand' or 'Smith of Brookings' into the name and the affiliation."""
    words = name.split()
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in _PARTICLES and words[i + 1][:1].isupper():
            return " ".join(words[:i]), " ".join(words[i + 1 :])
    return name, None


class NameBook:
    """The people named in one article, keyed by surname."""

    def __init__(self) -> None:
        self._full: dict[str, str] = {}

    def add(self, name: str) -> None:
        """Record a name as written; the longest form per surname wins."""
        cleaned = split_affiliation(clean_name(name))[0]
        if not cleaned or not cleaned[0].isupper():
            return
        key = surname(cleaned).lower()
        if len(cleaned.split()) > len(self._full.get(key, "").split()):
            self._full[key] = cleaned

    def knows(self, name: str) -> bool:
        """True when a person with this name's surname is in the book."""
        return surname(clean_name(name)).lower() in self._full

    def canonical(self, name: str) -> str:
        """The fullest name in the article for the person written as ``name``."""
        cleaned = clean_name(name)
        base, _affiliation = split_affiliation(cleaned)
        if base != cleaned and self.knows(base):
            cleaned = base
        full = self._full.get(surname(cleaned).lower()) or self._containing(cleaned)
        if full and _compatible(cleaned, full):
            return full
        return cleaned

    def _containing(self, name: str) -> str | None:
        """The one full name holding a single-word name anywhere ('Xi' in 'Xi Jinping')."""
        if " " in name:
            return None
        found = {full for full in self._full.values() if name in full.split()[:-1]}
        return found.pop() if len(found) == 1 else None


def _compatible(short: str, full: str) -> bool:
    """'Putin' fits 'Vladimir Putin'; 'Anna Putin' does not."""
    short_words, full_words = short.split(), full.split()
    if len(short_words) == 1:
        return True
    return short_words[0].rstrip(".")[:1] == full_words[0][:1]
