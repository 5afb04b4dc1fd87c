"""The limits every stage holds an article to, stated once.

An article's text may be at most ``MAX_ARTICLE_CHARS`` characters: six times the
longest article in PolNeAR, and well below spaCy's own limit of 1,000,000
(``nlp.max_length``), which it enforces with an error about memory. Extracting
one article may take what a :class:`Budget` allows (``quotes ingest
--time-limit --memory-limit``); an article at the character limit takes about
12 s and 620 MB on a 2-core machine.
"""

from __future__ import annotations

from typing import NamedTuple

MAX_ARTICLE_CHARS = 200_000


class Budget(NamedTuple):
    """What extracting one article may take: wall-clock ``seconds`` and ``memory_mb``
    megabytes beyond what the worker process held when it started."""

    seconds: float = 60.0
    memory_mb: int = 800


def too_long(text: str) -> str | None:
    """Why ``text`` is too long to be an article (one line), or ``None`` when it is not."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    return f"too long ({len(text):,} characters > {MAX_ARTICLE_CHARS:,} limit)"
