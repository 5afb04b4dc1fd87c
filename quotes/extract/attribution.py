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
from quotes.extract.memory import Memory, build_memory
from quotes.extract.passages import quoted
from quotes.extract.reading import Found, Reading
from quotes.extract.reported import reported
from quotes.extract.sources import UNNAMED, Speaker, resolve
from quotes.records import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """Return every attributed quote in ``doc``, in text order."""
    reading = Reading(doc)
    memory = build_memory(doc, reading.spans, reading.layout)
    found = quoted(reading)
    used = {f.cue.i for f in found if f.cue is not None}
    found += reported(reading, found, used)
    found = [f for f in found if _in_prose(reading, f) and not denied(reading, f.cue)]
    found.sort(key=lambda f: f.start)
    _resolve_speakers(doc, found, memory)
    return [_to_quote(reading, f) for f in found if _has_source(f.speaker) and f.start < f.end]


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
            item.speaker = last
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
            item.speaker = last


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
    )
