"""The small records that flow between the stages: articles read, quotes found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass
class Article:
    """One news article as read from a file, a URL or a corpus.

    ``text`` is exactly the text that offsets refer to. ``name`` is the file
    name without its extension (or a slug of the URL); ``source`` is the
    path or URL it was read from.
    """

    text: str
    name: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    byline: str | None = None
    extra: dict = field(default_factory=dict)


class Quote(NamedTuple):
    """One attributed quote found in an article's text.

    Offsets are Python ``str`` indexes into the article text:
    ``text[start:end] == quote.text``. ``kind`` is ``direct`` (all inside
    quotation marks), ``mixed`` (partly quoted) or ``indirect`` (reported
    speech). ``speaker`` is the canonical name; ``speaker_mention`` is the
    words the article used at ``speaker_start:speaker_end`` (``None`` when
    the speaker is unknown). ``speaker_type`` is ``person``,
    ``organization`` or ``group``.
    """

    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_type: str | None
    speaker_role: str | None
    context_start: int
    context_end: int
