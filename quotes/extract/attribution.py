"""Finding attributed quotes in a parsed ``Doc``: direct, mixed and reported speech.

The stages, in order:
1. quote marks are paired into quoted passages (:mod:`quotes.extract.marks`);
2. each passage finds its cue and speaker, or continues the quotation before it
   (:mod:`quotes.extract.passages`): direct and mixed quotes;
3. every remaining cue gives reported speech (:mod:`quotes.extract.reported`);
4. quotes whose cue is denied, or that stand on a heading, are dropped, and
   speakers are resolved in text order against the article's people
   (:mod:`quotes.extract.speakers`, :mod:`quotes.extract.mentions`,
   :mod:`quotes.extract.memory`); a quote whose speaker names nobody who can
   speak is dropped.
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.extract.cues import cue_bounds, denied
from quotes.extract.lexicon import Lexicon
from quotes.extract.memory import Memory, build_memory
from quotes.extract.passages import quoted
from quotes.extract.patterns import SpeechPatterns
from quotes.extract.reading import Found, Reading
from quotes.extract.reported import reported
from quotes.extract.rules import FILTER, register
from quotes.extract.sources import UNNAMED, Speaker, resolve
from quotes.extract.speaker_rules import INHERITED
from quotes.records import Quote

HEADING = register(
    "filter.heading", FILTER, "A quote, cue or speaker on a heading or page furniture: no quote."
)
DENIED = register(
    "filter.denied",
    FILTER,
    "Speech the sentence says did not happen ('did not say', 'refused to condemn'): no quote.",
)
NO_SOURCE = register(
    "filter.no_source", FILTER, "A speaker that names nobody who can speak: no quote."
)


def find_quotes(
    doc: Doc, lexicon: Lexicon | None = None, patterns: SpeechPatterns | None = None
) -> list[Quote]:
    """Return every attributed quote in ``doc``, in text order, found with the word lists
    of ``lexicon`` and the reported-speech ``patterns`` (by default the package's)."""
    if patterns is None:
        patterns = SpeechPatterns.from_file(None, lexicon) if lexicon else SpeechPatterns.default()
    return read_quotes(Reading(doc, lexicon or patterns.lexicon, patterns))


def read_quotes(reading: Reading) -> list[Quote]:
    """Every attributed quote of the article ``reading`` reads, in text order; what the
    rules gave up is left in ``reading.misses``."""
    doc = reading.doc
    memory = build_memory(doc, reading.spans, reading.layout, reading.lexicon)
    found = quoted(reading)
    used = {f.cue.i for f in found if f.cue is not None}
    found += reported(reading, found, used)
    found = [f for f in found if _kept(reading, f)]
    found.sort(key=lambda f: f.start)
    _resolve_speakers(doc, found, memory)
    quotes = []
    for item in found:
        if not _has_source(item.speaker):
            mention = item.speaker.mention if item.speaker else "none"
            reason = f"its speaker ({mention!r}) names nobody who can speak"
            reading.miss(item.rule, item.start, item.end, f"{NO_SOURCE}: {reason}")
        elif item.start < item.end:
            quotes.append(_to_quote(reading, item))
    return quotes


def _kept(reading: Reading, item: Found) -> bool:
    """Whether a found quote passes the filters: in prose, and not denied."""
    if not _in_prose(reading, item):
        reading.miss(item.rule, item.start, item.end, f"{HEADING}: on a heading")
        return False
    if denied(reading, item.cue):
        reading.miss(item.rule, item.start, item.end, f"{DENIED}: its cue is denied")
        return False
    return True


def _has_source(speaker: Speaker | None) -> bool:
    """A named speaker, or an unnamed source the article describes ('analysts')."""
    return speaker is not None and (bool(speaker.name) or speaker.kind == UNNAMED)


def _in_prose(reading: Reading, item: Found) -> bool:
    """Neither the quote, its cue nor its speaker on a heading or page furniture."""
    offsets = [start for start, _end in item.segments]
    offsets += [t.idx for t in (item.cue, item.speaker_head) if t is not None]
    return all(reading.layout.is_prose(offset) for offset in offsets)


def _resolve_speakers(doc: Doc, found: list[Found], memory: Memory) -> None:
    last: Speaker | None = None
    for item in found:
        if item.inherit:
            item.speaker = last and last._replace(rule=INHERITED)
            continue
        if item.speaker is not None:
            item.speaker = item.speaker._replace(name=memory.canonical(item.speaker.name))
            memory.remember(item.speaker.start, item.speaker.name)
            last = item.speaker
            continue
        if item.speaker_head is None:
            continue
        item.speaker = resolve(doc, item.speaker_head, memory)
        if _has_source(item.speaker):
            last = item.speaker
            if item.speaker.kind == "person":
                memory.remember(item.speaker.start, item.speaker.name, item.speaker_head)
    for item in found:  # a continuation of a quote inherits its resolved speaker
        if item.inherit and item.speaker is None:
            item.speaker = last and last._replace(rule=INHERITED)


def _to_quote(reading: Reading, item: Found) -> Quote:
    text = reading.text
    speaker = item.speaker
    bounds = cue_bounds(item.cue)
    para_start, para_end = reading.paragraph(item.start)
    return Quote(
        text=" ".join(text[start:end] for start, end in item.segments),
        start=item.start,
        end=item.end,
        kind=item.kind,
        cue=text[bounds[0] : bounds[1]] if bounds else None,
        cue_start=bounds[0] if bounds else None,
        cue_end=bounds[1] if bounds else None,
        speaker=speaker.name,
        speaker_mention=speaker.mention,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_type=speaker.kind,
        speaker_role=speaker.role,
        context_start=para_start,
        context_end=para_end,
        segments=tuple(item.segments),
        rule=item.rule,
        speaker_rule=speaker.rule,
    )
