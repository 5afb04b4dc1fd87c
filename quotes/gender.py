"""The likely gender of a person named in an article, so that "she said" finds a woman.

The article's own words come first (Mr., Ms., congresswoman ...); a first
name's usual gender (gender-guesser's name list) is the fallback.
"""

from __future__ import annotations

from functools import cache

from quotes.wordlists import load_pairs

# "mostly_" guesses are left out: the name list is international, and calls
# "Bernie" mostly female.
_GUESSES = {"male": "male", "female": "female"}


@cache
def gendered_words() -> dict[str, str]:
    """Title words that carry a gender, from quotes/data/gendered_words.txt."""
    return load_pairs("gendered_words.txt")


@cache
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def gender_of_words(words: list[str]) -> str | None:
    """The gender a title among ``words`` gives ('Ms. Obrecht' → female), if any."""
    table = gendered_words()
    for word in words:
        gender = table.get(word.lower().rstrip("."))
        if gender:
            return gender
    return None


def gender_of_first_name(name: str) -> str | None:
    """The usual gender of a full name's first name, or None when unsure."""
    words = name.split()
    if len(words) < 2:
        return None
    return _GUESSES.get(_detector().get_gender(words[0]))


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name at all (of any gender, however sure)."""
    return _detector().get_gender(word) != "unknown"
