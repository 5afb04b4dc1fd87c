"""Verdict scales, loaded from ``quotes/data/scales.yml``: PolitiFact, Snopes-style, free text.

A :class:`Scale` lists its :class:`Rating` labels; a label's ``ordinal``
ranks it (higher is truer) where the scale is ordinal, and is ``None`` for
verdicts outside the ranking (Unproven, Misattributed...). A free-text scale
takes any conclusion as its verdict.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from quotes.errors import Refused
from quotes.wordlists import load_yaml


class Rating(NamedTuple):
    """One label of a scale; ``ordinal`` is its rank, ``None`` outside the ranking."""

    label: str
    ordinal: int | None = None
    description: str | None = None


class Scale(NamedTuple):
    """A verdict scale and its labels, in the order the data file gives them."""

    name: str
    title: str
    url: str | None
    free_text: bool
    ratings: tuple[Rating, ...]

    @property
    def best(self) -> int | None:
        """The highest ordinal (the truest label), ``None`` when the scale has no ranking."""
        return max((r.ordinal for r in self.ratings if r.ordinal is not None), default=None)

    @property
    def worst(self) -> int | None:
        """The lowest ordinal, ``None`` when the scale has no ranking."""
        return min((r.ordinal for r in self.ratings if r.ordinal is not None), default=None)

    def rating(self, verdict: str) -> Rating | None:
        """The label ``verdict`` names (any case, spaces collapsed); on a free-text
        scale any other non-empty text is its own label; ``None`` when not valid."""
        verdict = " ".join(verdict.split())
        for rating in self.ratings:
            if rating.label.casefold() == verdict.casefold():
                return rating
        return Rating(verdict) if self.free_text and verdict else None


@cache
def _load() -> tuple[dict[str, Scale], str]:
    data = load_yaml("scales.yml")
    scales = {
        name: Scale(
            name=name,
            title=spec.get("title", name),
            url=spec.get("url"),
            free_text=bool(spec.get("free_text")),
            ratings=tuple(
                Rating(str(r["label"]), r.get("ordinal"), r.get("description"))
                for r in spec.get("ratings", [])
            ),
        )
        for name, spec in data["scales"].items()
    }
    return scales, data.get("default", next(iter(scales)))


def load_scales() -> dict[str, Scale]:
    """Every scale by name, from the packaged scales.yml."""
    return _load()[0]


def default_scale_name(configured: str | None = None) -> str:
    """``configured`` (e.g. ``QUOTES_DEFAULT_SCALE``) if given, else the data file's default."""
    return configured or _load()[1]


def get_scale(name: str) -> Scale:
    """The scale called ``name``; :class:`Refused` listing the known scales otherwise."""
    scales = load_scales()
    if name not in scales:
        raise Refused(f"unknown scale {name!r}; known scales: {', '.join(scales)}")
    return scales[name]


def resolve_verdict(verdict: str, scale: str) -> Rating:
    """The rating ``verdict`` names on ``scale``; :class:`Refused` listing the valid labels."""
    found = get_scale(scale)
    rating = found.rating(verdict)
    if rating is None:
        valid = ", ".join(r.label for r in found.ratings)
        raise Refused(
            f"unknown verdict {verdict!r} on scale {scale!r}; valid verdicts: {valid}"
            + _other_scales(verdict)
        )
    return rating


def _other_scales(verdict: str) -> str:
    """`` ('X' is on scale snopes: add --scale snopes)`` when other scales have the label."""
    names = [
        name for name, scale in load_scales().items()
        if not scale.free_text and scale.rating(verdict)
    ]
    if not names:
        return ""
    return f" ({verdict!r} is on scale {' and '.join(names)}: add --scale {names[0]})"
