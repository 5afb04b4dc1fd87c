"""Stable ids: an article is named by its text, a quote by its article and its words."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_EDGES = " \t\n\"'.,;:!?…—–-"


def content_hash(text: str) -> str:
    """The full sha256 hex digest of an article's text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """The article id: the first 16 hex digits of the sha256 of its text."""
    return content_hash(text)[:16]


def normalise_quote(text: str) -> str:
    """Quote text reduced to what should not change when extraction is re-run.

    NFKC, straight quote marks, whitespace collapsed, surrounding punctuation
    and quote marks trimmed, case folded: ``'“We will win,” '`` -> ``'we will win'``.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip(_EDGES).casefold()


def quote_id(article: str, text: str) -> str:
    """The quote id: the first 16 hex of sha256(article id + NUL + normalised quote text)."""
    key = f"{article}\0{normalise_quote(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
