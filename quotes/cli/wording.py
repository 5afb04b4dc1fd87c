"""Small helpers for the words the commands print."""


def plural(count: int, noun: str) -> str:
    """``1 quote``, ``2 quotes``: the count and the noun, in the plural unless one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
