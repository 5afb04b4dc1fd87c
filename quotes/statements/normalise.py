"""Statement words: a quote reduced to the words that say what was said.

Case, quote marks (straight or curly), punctuation, ellipses, spacing and
contractions do not change a statement, so they are dropped or spelt out; the
words stay in their order::

    statement_words("“We’ll win — believe me…”")  ->  ["we", "will", "win", "believe", "me"]

:func:`word_code` spells a word list with one character per word, so that
rapidfuzz's string measures (``ratio``, ``partial_ratio``) count words, not
letters: "help" for "hurt" is one word changed, not two letters.
"""

from __future__ import annotations

import re
import unicodedata

from quotes.names import fold, parse_name

_MARKS = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "′": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_CONTRACTIONS = {"can't": "can not", "won't": "will not", "shan't": "shall not"}
_SUFFIXES = {"n't": "not", "'ll": "will", "'re": "are", "'ve": "have", "'m": "am"}
_SURROGATES = range(0xD800, 0xE000)
_codes: dict[str, str] = {}


def statement_words(text: str) -> list[str]:
    """The words of ``text``, case-folded, with apostrophes straightened and every other
    mark dropped: what two reports of the same statement are compared on."""
    text = unicodedata.normalize("NFKC", text).translate(_MARKS).casefold()
    words = _WORD.findall(text)
    if "'" not in text:
        return words
    return [part for word in words for part in _spelt_out(word)]


def _spelt_out(word: str) -> list[str]:
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word].split()
    for suffix, full in _SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return [word[: -len(suffix)], full]
    return [word]


def surname(name: str | None) -> str | None:
    """The family name of a speaker's name with its suffix, case-folded, without accents
    (``"Sen. Ada Brún"`` -> ``"brun"``, ``"Donald Trump Jr."`` -> ``"trump jr."``; see
    :func:`quotes.names.parse_name`): how two speaker rows are told to be the same person
    when the store could not merge them."""
    if not name or not name.strip():
        return None
    parsed = parse_name(name)
    return fold(" ".join(filter(None, (parsed.family, parsed.suffix)))) or None


def word_code(words: list[str]) -> str:
    """``words`` as a string of one character per distinct word (the same character for
    the same word throughout the process)."""
    return "".join(_codes.get(word) or _new_code(word) for word in words)


def _new_code(word: str) -> str:
    number = 0x100 + len(_codes) % (0x110000 - 0x100 - len(_SURROGATES))
    if number >= _SURROGATES.start:
        number += len(_SURROGATES)
    _codes[word] = code = chr(number)
    return code
