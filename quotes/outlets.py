"""Outlet display names: known names and aliases mapped through ``quotes/data/outlets.yml``."""

from __future__ import annotations

import re
from functools import cache

from quotes.wordlists import load_words, load_yaml


@cache
def _aliases() -> dict[str, str]:
    data = load_yaml("outlets.yml")
    table: dict[str, str] = {}
    for name, aliases in data.items():
        for alias in [name, *(aliases or [])]:
            table[_key(alias)] = name
    return table


def _key(name: str) -> str:
    key = " ".join(str(name).split()).casefold()
    return key.removeprefix("www.")


def normalise_outlet(name: str | None) -> str | None:
    """The display name for an outlet name, alias or domain; unknown names come back trimmed.

    ``"npr.org"`` -> ``"NPR"``; ``"nyt"`` -> ``"The New York Times"``;
    ``"Daily Lantern"`` -> ``"Daily Lantern"``; blank -> ``None``.
    """
    if name is None or not str(name).strip():
        return None
    return _aliases().get(_key(name), " ".join(str(name).split()))


def outlet_for_host(host: str | None) -> str | None:
    """The known outlet for a host name (``www.nytimes.com``), or ``None`` when not known.

    Sub-domains fall back to their parent domain: ``edition.cnn.com`` -> ``cnn.com``.
    """
    parts = _key(host or "").split(".")
    for start in range(len(parts) - 1):
        name = _aliases().get(".".join(parts[start:]))
        if name:
            return name
    return None


def known_outlet(name: str | None) -> str | None:
    """The display name of a known outlet named ``name`` ('politico' → 'Politico',
    'the Guardian' → 'The Guardian'), else ``None``."""
    if name is None or not str(name).strip():
        return None
    return _aliases().get(_key(name))


def split_outlet(name: str) -> tuple[str | None, str]:
    """A known outlet glued before a name, and the name: 'CNN Jane Roe' → ('CNN', 'Jane
    Roe'), "NPR's Jane Roe" → ('NPR', 'Jane Roe'); (None, name) when none opens it."""
    words = name.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        outlet = known_outlet(re.sub(r"['’]s$", "", head))
        rest = words[size:]
        if outlet and rest[0][:1].isupper() and not _names_a_body(rest):
            return outlet, " ".join(rest)
    return None, name


def _names_a_body(words: list[str]) -> bool:
    """Whether the words after an outlet end in a noun for a body ('USA TODAY NETWORK',
    'Fox News Channel'): the whole is then the outlet's name, not a person's."""
    return words[-1].lower().strip(".,") in load_words("organization_nouns.txt")
