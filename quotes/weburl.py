"""The one check on URLs that are stored as an article's address or shown as a link.

Only ``http`` and ``https`` URLs with a host pass: ``javascript:``, ``data:`` and
every other scheme could run script or read files when a visitor clicks them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def web_url(value: object) -> str | None:
    """``value`` unchanged when it is an http(s) URL with a host, else ``None``.

    A URL holding whitespace or control characters is refused too: browsers
    drop some of them (``java\\tscript:``) before reading the scheme.

    Example: ``web_url("https://lantern.example/a")`` is the URL itself;
    ``web_url("javascript:alert(1)")`` is ``None``.
    """
    if not isinstance(value, str) or any(char.isspace() or char < " " for char in value):
        return None
    if any("\x7f" <= char <= "\x9f" for char in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed IPv6 bracket, for one
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return value
