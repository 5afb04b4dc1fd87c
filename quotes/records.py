"""The small records that flow between the stages: articles read, quotes found, and the
JSON record of a quote that ``quotes extract`` writes (:func:`quote_record`)."""

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

    Offsets are Python ``str`` indexes into the article text. A quote
    interrupted by its attribution (``"…," she said, "…"``) is one quote in
    several parts: ``segments`` holds each part's ``(start, end)``, ``text`` is
    the parts joined by one space, and ``start``/``end`` are the first part's
    start and the last part's end; so ``" ".join(article[s:e] for s, e in
    quote.parts) == quote.text`` always, and ``article[start:end] == text``
    for a quote in one part. ``kind`` is ``direct`` (all inside
    quotation marks), ``mixed`` (partly quoted) or ``indirect`` (reported
    speech). ``speaker`` is the canonical name; ``speaker_mention`` is the
    words the article used at ``speaker_start:speaker_end`` (``None`` when
    the speaker is unknown). ``speaker_type`` is ``person``,
    ``organization``, ``group`` or ``unnamed``. ``rule`` names the extraction rule that
    found the quote and ``speaker_rule`` the one that chose its speaker (see
    :mod:`quotes.extract.rules`); ``None`` on quotes from elsewhere.
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
    segments: tuple[tuple[int, int], ...] = ()
    rule: str | None = None
    speaker_rule: str | None = None

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """The quote's parts in the article: ``segments``, or the one span start..end."""
        return self.segments or ((self.start, self.end),)



# The keys of a quote's JSON record, in the order written; a field a Quote gains beyond
# them follows, under its own name (the context offsets are given as ``context``).
_LISTED_KEYS = (
    "article", "text", "start", "end", "segments", "kind", "cue", "speaker", "speaker_mention",
    "speaker_start", "speaker_end", "speaker_type", "speaker_role", "cue_start", "cue_end",
    "context", "outlet", "published", "title",
)
RECORD_KEYS = _LISTED_KEYS + tuple(
    field for field in Quote._fields
    if field not in _LISTED_KEYS and field not in ("context_start", "context_end")
)


def quote_record(article: Article, quote: Quote) -> dict:
    """A quote as one JSON object (a line of ``quotes extract --format jsonl``), with the
    keys of ``RECORD_KEYS``: the quote's fields, its ``segments`` as ``[start, end]`` lists,
    the ``context`` text, and the article's name, outlet, date and title."""
    fields = quote._asdict()
    record = {key: fields.get(key) for key in RECORD_KEYS}
    record.update(
        article=article.name,
        segments=[list(part) for part in quote.parts],
        context=article.text[quote.context_start : quote.context_end],
        outlet=article.outlet,
        published=article.published,
        title=article.title,
    )
    return record
