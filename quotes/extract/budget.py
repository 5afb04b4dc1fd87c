"""Text as the tokenizer may safely see it: length checked, hostile runs neutralised.

spaCy's tokenizer peels prefixes and suffixes off each stretch of text between
spaces, searching the rest of the stretch again after each one, so its time
grows with the square of a stretch's length: 40,000 ``"`` in a row took two
minutes, and ``'s's's…`` is as bad. :func:`neutralise` cuts such runs short by
turning characters into spaces, one for one, so every offset into the text
stays an offset into the original; :func:`restore` then takes each quote's
strings from the original text.
"""

from __future__ import annotations

import re

from quotes.limits import too_long
from quotes.records import Quote

MAX_PUNCTUATION_RUN = 8  # punctuation characters kept in a row; the rest become spaces
MAX_STRETCH = 100  # characters in a row without a space; every 101st becomes one

_PUNCTUATION_RUN = re.compile(rf"(?<![^\w\s])[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")
_LONG_STRETCH = re.compile(rf"(?<!\S)\S{{{MAX_STRETCH + 1},}}")


def neutralise(text: str) -> str:
    """``text`` with runs of more than 8 punctuation characters cut to their first 8 and
    every stretch of more than 100 characters without a space broken every 101st
    character, by spaces put in place of characters: the same length, the same offsets.

    Raises ``ValueError`` with the one-line reason when ``text`` is longer than
    :data:`quotes.limits.MAX_ARTICLE_CHARS`. Text of news prose comes back unchanged.
    """
    if reason := too_long(text):
        raise ValueError(reason)
    text = _PUNCTUATION_RUN.sub(_keep_first, text)
    return _LONG_STRETCH.sub(_break, text)


def restore(original: str, quote: Quote) -> Quote:
    """``quote`` (found in the neutralised text) with its text, cue and speaker mention
    read from ``original`` at its offsets."""
    return quote._replace(
        text=" ".join(original[start:end] for start, end in quote.parts),
        cue=quote.cue if quote.cue_start is None else original[quote.cue_start : quote.cue_end],
        speaker_mention=quote.speaker_mention
        if quote.speaker_start is None
        else original[quote.speaker_start : quote.speaker_end],
    )


def _keep_first(match: re.Match) -> str:
    run = match.group()
    return run[:MAX_PUNCTUATION_RUN] + " " * (len(run) - MAX_PUNCTUATION_RUN)


def _break(match: re.Match) -> str:
    stretch = match.group()
    step = MAX_STRETCH + 1
    return "".join(stretch[i : i + MAX_STRETCH] + " " for i in range(0, len(stretch), step))[
        : len(stretch)
    ]
