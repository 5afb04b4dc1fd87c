"""Article text and metadata from an HTML page, through trafilatura."""

from __future__ import annotations

import logging
from typing import Any

import trafilatura

from quotes.outlets import outlet_for_host
from quotes.read.failures import ReadError
from quotes.read.fields import clean_fields

# trafilatura logs every page it finds thin; a ReadFailure already says so.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# On a page without an article trafilatura falls back to whatever text is
# left (menu entries, "Subscribe"); fewer words than this is no article.
MIN_WORDS = 20


def extract_html(html: bytes | str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The main text of an HTML page and its fields (title, outlet, published, byline, url).

    ``url`` is where the page came from; it helps trafilatura and is the
    fallback for the article URL. Raises :class:`ReadError` ``"no article
    text found"`` when the page holds no article text.
    """
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = document.text if document is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        raise ReadError("no article text found")
    fields = clean_fields(
        {
            "title": document.title,
            "outlet": document.sitename or outlet_for_host(document.hostname),
            "published": document.date,
            "byline": document.author,
            "url": document.url or url,
        }
    )
    return text, fields


def looks_like_html(text: str) -> bool:
    """Whether a text (read from stdin or a URL without a content type) is an HTML page."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head
