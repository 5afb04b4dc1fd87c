"""The word lists that drive the extraction rules, loaded from quotes/data."""

from __future__ import annotations

from functools import cache

from quotes.names import titles
from quotes.wordlists import load_words

__all__ = ["titles"]


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
def person_nouns() -> frozenset[str]:
    """Nouns for people ('spokeswoman', 'analyst'): an unnamed source."""
    return load_words("person_nouns.txt") | descriptors()


@cache
def organization_nouns() -> frozenset[str]:
    """Nouns for bodies ('ministry', 'campaign'): named with a proper name before them."""
    return load_words("organization_nouns.txt")


@cache
def document_nouns() -> frozenset[str]:
    """Documents and media that carry words ('report', 'poll'): their issuer speaks."""
    return load_words("document_nouns.txt") | message_nouns()


@cache
def negative_verbs() -> frozenset[str]:
    """Verbs and nouns that deny what follows them ('refused to condemn', 'refusal')."""
    return load_words("negative_verbs.txt")


def is_person_noun(lemma: str) -> bool:
    """A noun for a person or people: listed, or an agent noun in -ist, -ian, -ant,
    -ent, -er or -or ('demonstrator', 'backer'), but not 'statement' or 'number'."""
    lemma = lemma.lower().rsplit("-", 1)[-1]  # 'ex-wife'
    if lemma in person_nouns():
        return True
    if lemma in load_words("not_person_nouns.txt") or len(lemma) < 5:
        return False
    if lemma.endswith(("er", "or")):
        return True
    return lemma.endswith(("ist", "ian", "ant", "ent")) and not lemma.endswith("ment")


@cache
def object_complements() -> dict[str, str]:
    """Object cues whose content goes on past the object: lemma → preposition
    ('accused X of …', 'likened X to …')."""
    return dict(entry.split(" ", 1) for entry in load_words("object_complements.txt"))
