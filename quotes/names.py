"""Person names: cleaning a mention to a name, its parts, and whether two forms are one person.

spaCy-free, shared by the extractor (one article's names), the store (names
across the database) and the evaluation.

- :func:`clean_name` strips what is not the name: titles and honorifics ("Mr.",
  "Sen."), possessives, middle initials, a headline's verb ("Obama Says").
- :func:`parse_name` splits a clean name into given names, family name and suffix.
  Chinese and Korean names are written family name first ("Xi Jinping" is "Mr.
  Xi"); everything else is taken to end with the family name ("Antony Blinken"),
  which may carry a particle ("Charles de Gaulle"). "Donald Trump Jr." keeps its
  suffix and is not Donald Trump.
- :func:`is_short_form` and :func:`same_person` compare two names of one family.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from quotes.outlets import split_outlet
from quotes.wordlists import load_words

PERSON_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
PRONOUNS = frozenset(
    {
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "who",
        "that",
        "this",
    }
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "st",
    }
)
# Particles that open a name as a first name ('Van Jones', 'Al Gore'), not as its family part.
_GIVEN_PARTICLES = frozenset({"van", "al", "del"})
AFFILIATION_WORDS = frozenset({"of", "from", "at", "for"})

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_EDGE_JUNK = "\"'“”‘’<>()[]{}:;,!?*#@―—–-"
_INITIAL = re.compile(r"[A-Z]\.?")
_IRREGULAR = frozenset({"said", "told", "wrote", "spoke", "says", "tells"})


class PersonName(NamedTuple):
    """A person's name in parts: given names (first and middle), family name, suffix."""

    given: tuple[str, ...]
    family: str
    suffix: str = ""
    family_first: bool = False

    @property
    def full(self) -> str:
        """The name as written: 'Xi Jinping', 'Donald Trump Jr.'."""
        words = [self.family, *self.given] if self.family_first else [*self.given, self.family]
        return " ".join(w for w in [*words, self.suffix] if w)

    @property
    def key(self) -> str:
        """What every form of this person's name shares: the family name, case- and
        accent-blind ('trump' for Donald Trump and Donald Trump Jr., 'xi')."""
        return fold(self.family)


def without_possessive(text: str) -> str:
    """``text`` without a closing possessive ("Trump's" → 'Trump', "NPR’s" → 'NPR')."""
    return _POSSESSIVE.sub("", text)


@lru_cache(maxsize=1 << 16)  # the speaker rules fold the same few names again and again
def fold(text: str) -> str:
    """Lowercase without accents: 'Orbán' and 'orban' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def titles() -> frozenset[str]:
    """Honorifics and titles that may precede a name (quotes/data/titles.txt and
    honorifics.txt)."""
    return load_words("titles.txt") | load_words("honorifics.txt")


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """Strip titles, possessives, middle initials: 'Mr. Vladimir V. Putin's' → 'Vladimir Putin'."""
    name = split_outlet(name)[1]  # 'CNN Jane Roe': the outlet is her role, not her name
    words = [_POSSESSIVE.sub("", w.strip(_EDGE_JUNK)) for w in name.replace("\n", " ").split()]
    words = [w for w in words if w]
    while len(words) > 1 and (_is_title(words[0]) or _is_role_noun(words[0]) or _glue(words[0])):
        words.pop(0)
        if len(words) > 3 and words[0] == "of":  # 'Secretary of State Antony Blinken'
            del words[:2]
    cut = next((i for i, w in enumerate(words) if i and _glue(w)), len(words))
    words = words[:cut]  # 'Marco Rubio Responds To Question', 'Trump and has aides'
    while len(words) > 1 and _is_verb_form(words[-1]):  # a headline's "Obama Says"
        words.pop()
    kept = [
        w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and _INITIAL.fullmatch(w))
    ]
    return " ".join(kept)


def _glue(word: str) -> bool:
    """A word glued to a name that is no part of one: a reporting verb ('Said Comey',
    'Rubio Responds'), a number ('Trump 60 percent'), or a lowercase word other than
    a particle ('s Clinton', 'Trump and has aides')."""
    lower = word.lower()
    return (
        _is_verb_form(word)
        or any(ch.isdigit() for ch in word)
        or word[:1].islower()
        and lower not in NAME_PARTICLES | AFFILIATION_WORDS
    )


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in titles()


def _is_role_noun(word: str) -> bool:
    """A noun for a person glued before a name ('Rival Hillary Clinton', 'CEO John
    Stumpf'), unless it is also a first name ('Hunter Biden', 'Dean Baquet')."""
    from quotes.gender import is_first_name
    from quotes.nouns import is_person_noun

    return is_person_noun(word.rstrip(".")) and not is_first_name(word)


def _is_verb_form(word: str) -> bool:
    return word.lower() in _verb_forms()


@cache
def _verb_forms() -> frozenset[str]:
    """The inflected forms of the reporting verbs a headline glues to a name ('Says')."""
    verbs = load_words("reporting_verbs.txt")
    return _IRREGULAR | {verb + ending for verb in verbs for ending in ("s", "ed", "d")}


def split_affiliation(
    name: str, particles: frozenset[str] = AFFILIATION_WORDS
) -> tuple[str, str | None]:
    """Split 'Smith of Brookings' into the name and the affiliation ('Brookings').

    With ``particles`` including name particles ('de'), 'Charap de Rand' splits too:
    pass those only when the part before is known to be a whole name."""
    words = name.split()
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in particles and words[i + 1][:1].isupper():
            return " ".join(words[:i]), " ".join(words[i + 1 :])
    return name, None


@lru_cache(maxsize=1 << 16)
def parse_name(name: str) -> PersonName:
    """The parts of a clean name: 'Xi Jinping' → family 'Xi', given ('Jinping',);
    'Donald Trump Jr.' → family 'Trump', suffix 'Jr.'; 'Charles de Gaulle' → family
    'de Gaulle'; 'Putin' → family 'Putin', no given name."""
    words = name.split()
    suffix = ""
    if len(words) > 1 and words[-1].lower().rstrip(".,") in SUFFIXES:
        suffix = words.pop().rstrip(",")
    if not words:
        return PersonName((), suffix)
    if is_family_name_first(words):
        return PersonName(tuple(words[1:]), words[0], suffix, family_first=True)
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in NAME_PARTICLES:
        if start == 1 and words[0].lower() in _GIVEN_PARTICLES:  # 'Van Morrison', 'Al Gore'
            break
        start -= 1
    return PersonName(tuple(words[:start]), " ".join(words[start:]), suffix)


def family_name(name: str) -> str:
    """The family name of a clean name ('Putin', 'Xi', 'de Gaulle')."""
    return parse_name(name).family


def name_key(name: str) -> str:
    """The key every form of a person's name shares (see :attr:`PersonName.key`)."""
    return parse_name(name).key


def is_family_name_first(words: list[str]) -> bool:
    """Whether a name is written family name first: a Chinese or Korean family name,
    then a given name of one or two romanised syllables ('Xi Jinping', 'Kim Jong Un',
    'Moon Jae-in'), not 'Kim Davis' or 'Lee Hamilton'."""
    if len(words) < 2 or fold(words[0]) not in load_words("family_first_names.txt"):
        return False
    parts = [p for w in words[1:] for p in fold(w).split("-")]
    counts = [_syllable_count(p) for p in parts]
    return all(counts) and sum(counts) <= 2


def _syllable_count(word: str) -> int:
    """How many romanised syllables make up ``word`` (fewest), 0 when it is not made of them."""
    syllables = load_words("romanised_syllables.txt")
    best = [0] + [0] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if (start == 0 or best[start]) and word[start:end] in syllables:
                count = best[start] + 1
                if not best[end] or count < best[end]:
                    best[end] = count
    return best[len(word)]


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` is a shorter way to write ``full``: 'Putin', 'V. Putin' and
    'Vladimir Putin' of 'Vladimir Vladimirovich Putin'; 'Xi' of 'Xi Jinping'.
    A first and family name without the suffix is not a short form of the suffixed
    one ('Donald Trump' is not 'Donald Trump Jr.'); a family name alone may be."""
    a, b = parse_name(short), parse_name(full)
    if not a.family or a.key != b.key or len(a.given) > len(b.given):
        return False
    if a.given and fold(a.suffix) != fold(b.suffix):
        return False
    if [fold(w) for w in a.given] == [fold(w) for w in b.given]:
        return False
    return _given_fits(a.given, b.given)


def same_person(one: str, other: str) -> bool:
    """Whether two clean names can be one person: same family name, suffixes that fit,
    and the given names of one fit the other's ('Hillary Clinton', 'Hillary Rodham
    Clinton'; 'Joe Biden', 'Joseph Biden'; not 'Bill Clinton')."""
    a, b = parse_name(one), parse_name(other)
    if not a.family or a.key != b.key or not _suffixes_fit(a, b):
        return False
    return _given_fits(a.given, b.given) or _given_fits(b.given, a.given)


def _suffixes_fit(a: PersonName, b: PersonName) -> bool:
    """Two suffixes must agree; a name without one is the suffixed person only when
    written otherwise ('Joe Biden' of 'Joseph R. Biden Jr.'), for the same words
    without it are the father ('Donald Trump' is not 'Donald Trump Jr.')."""
    if fold(a.suffix) == fold(b.suffix):
        return True
    if a.suffix and b.suffix:
        return False
    return [fold(w) for w in a.given] != [fold(w) for w in b.given]


def _given_fits(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Each given name of ``short`` in order among ``full``'s, the first one first (an
    initial fits a name it begins); or ``short``'s given names the last of ``full``'s,
    a middle name used alone ('Mitt Romney' of 'Willard Mitt Romney', 'Guajardo
    Villarreal' of 'Ildefonso Guajardo Villarreal')."""
    if not short:
        return True
    tail = len(full) > len(short) and [fold(w) for w in full[-len(short) :]] == [
        fold(w) for w in short
    ]
    if tail:
        return True
    if not full or not _word_fits(short[0], full[0]):
        return False
    rest = iter(full[1:])
    return all(any(_word_fits(word, candidate) for candidate in rest) for word in short[1:])


def _word_fits(word: str, candidate: str) -> bool:
    word, candidate = fold(word).rstrip("."), fold(candidate).rstrip(".")
    if word == candidate or len(word) == 1 and candidate.startswith(word):
        return True
    return _formal(word) == _formal(candidate)


def _formal(given: str) -> str:
    """The formal given name a familiar one stands for ('joe' → 'joseph'), else itself."""
    return nicknames().get(given, given)


@cache
def nicknames() -> dict[str, str]:
    """Familiar given names and the formal name each is short for (quotes/data/nicknames.txt)."""
    table = {}
    for line in load_words("nicknames.txt"):
        formal, *familiar = line.split()
        table.update({name: formal for name in familiar})
    return table
