"""What reading gives back when an input cannot become an article."""

from __future__ import annotations

from typing import NamedTuple


class ReadFailure(NamedTuple):
    """An input that could not be read: where it came from and why, in one line."""

    source: str
    reason: str


class ReadWarning(NamedTuple):
    """Something left out of an article that was read all the same: where, and what, in one line."""

    source: str
    reason: str


class ReadError(Exception):
    """Raised inside the readers; turned into a :class:`ReadFailure` at the top."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def os_reason(error: OSError) -> str:
    """A short lower-case reason for an ``OSError`` ("permission denied", ...)."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def megabytes(size: int) -> str:
    """``5_000_000`` -> ``"5.0 MB"`` (decimal megabytes, as the limits are given)."""
    return f"{size / 1_000_000:.1f} MB"
