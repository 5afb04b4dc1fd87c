"""Which nouns name people, bodies or documents: the word lists that tell a speaker who
can speak from one who cannot (see :mod:`quotes.extract.mentions`). spaCy-free."""

from __future__ import annotations

from functools import cache

from quotes.wordlists import load_words


@cache
def person_nouns() -> frozenset[str]:
    """Nouns for people ('spokeswoman', 'analyst'): an unnamed source."""
    return load_words("person_nouns.txt") | load_words("descriptors.txt")


@cache
def organization_nouns() -> frozenset[str]:
    """Nouns for bodies ('ministry', 'campaign'): named with a proper name before them."""
    return load_words("organization_nouns.txt")


@cache
def document_nouns() -> frozenset[str]:
    """Documents and media that carry words ('report', 'poll'): their issuer speaks."""
    return load_words("document_nouns.txt") | load_words("message_nouns.txt")


def is_person_noun(
    lemma: str,
    people: frozenset[str] | None = None,
    not_people: frozenset[str] | None = None,
) -> bool:
    """A noun for a person or people: listed (in ``people``, by default
    :func:`person_nouns`), or an agent noun in -ist, -ian, -ant, -ent, -er or -or
    ('demonstrator', 'backer') not listed in ``not_people`` (by default
    not_person_nouns.txt), but not 'statement' or 'number'."""
    lemma = lemma.lower().rsplit("-", 1)[-1]  # 'ex-wife'
    if lemma in (person_nouns() if people is None else people):
        return True
    if not_people is None:
        not_people = load_words("not_person_nouns.txt")
    if lemma in not_people or len(lemma) < 5:
        return False
    if lemma.endswith(("er", "or")):
        return True
    return lemma.endswith(("ist", "ian", "ant", "ent")) and not lemma.endswith("ment")
