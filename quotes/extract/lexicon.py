"""The word lists that drive the extraction rules, loaded from quotes/data."""

from __future__ import annotations

from functools import cache

from quotes.names import titles
from quotes.nouns import document_nouns, is_person_noun, organization_nouns, person_nouns
from quotes.wordlists import load_words

__all__ = ["document_nouns", "is_person_noun", "organization_nouns", "person_nouns", "titles"]


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that introduce speech."""
    return load_words("reporting_verbs.txt")


@cache
def descriptors() -> frozenset[str]:
    """Nouns that, after "the", point back at a person named earlier."""
    return load_words("descriptors.txt")


@cache
def directive_cues() -> frozenset[str]:
    """Reporting verbs whose content may be an infinitive clause."""
    return load_words("directive_cues.txt")


@cache
def predicative_cues() -> frozenset[str]:
    """Reporting verbs whose content is an object and its predicate ('called it a hoax')."""
    return load_words("predicative_cues.txt")


@cache
def speech_nouns() -> frozenset[str]:
    """Nouns that report speech with a that-clause ('his claim that …')."""
    return load_words("speech_nouns.txt")


@cache
def message_nouns() -> frozenset[str]:
    """Nouns for things that carry someone's words ('a statement', 'signs')."""
    return load_words("message_nouns.txt")


@cache
def work_nouns() -> frozenset[str]:
    """Nouns for works named in quote marks after them ('the podcast "…"')."""
    return load_words("work_nouns.txt")


@cache
def object_cues() -> dict[str, frozenset[str]]:
    """Reporting verbs whose content may be an object: lemma → prepositions
    ('' for a direct object)."""
    table: dict[str, set[str]] = {}
    for entry in load_words("object_cues.txt"):
        verb, _, preposition = entry.partition(" ")
        table.setdefault(verb, set()).add(preposition)
    return {verb: frozenset(preps) for verb, preps in table.items()}


@cache
def negative_verbs() -> frozenset[str]:
    """Verbs and nouns that deny what follows them ('refused to condemn', 'refusal')."""
    return load_words("negative_verbs.txt")


@cache
def object_complements() -> dict[str, str]:
    """Object cues whose content goes on past the object: lemma → preposition
    ('accused X of …', 'likened X to …')."""
    return dict(entry.split(" ", 1) for entry in load_words("object_complements.txt"))
