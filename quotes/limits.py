"""The limits every stage holds an article to, stated once.

An article's text may be at most ``MAX_ARTICLE_CHARS`` characters: six times the
longest article in PolNeAR, and well below spaCy's own limit of 1,000,000
(``nlp.max_length``), which it enforces with an error about memory.
"""

from __future__ import annotations

MAX_ARTICLE_CHARS = 200_000


def too_long(text: str) -> str | None:
    """Why ``text`` is too long to be an article (one line), or ``None`` when it is not."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    return f"too long ({len(text):,} characters > {MAX_ARTICLE_CHARS:,} limit)"
