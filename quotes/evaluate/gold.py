"""Building the gold items that ``quotes evaluate`` scores against.

From one annotated article: its attributions (content, cue, source), its gold
direct quotes (quoted passages of four words or more inside a gold Content)
and its gold reported speech (attributions with a speech cue whose content is
not mostly inside quote marks).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from quotes.evaluate.brat import Fragments, GoldDocument
from quotes.wordlists import load_words

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
_MARK = re.compile(r"''|[\"“”]")
MIN_QUOTE_WORDS = 4
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
# Capitalised words that are no name: determiners and pronouns opening a sentence.
_NOT_NAMES = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
        "our", "my", "your", "some", "many", "most", "several", "all", "both", "each",
        "every", "other", "another", "one", "two", "three", "few", "such", "any", "no",
        "i", "he", "she", "it", "we", "they", "you", "him", "them", "us", "who", "which",
    }
)
_EDGE = "\"“”‘’'.,;:!?()[]—–- \n\r\t"


class GoldAttribution(NamedTuple):
    """One gold attribution. ``source`` is the Source text (``None`` when there is
    none); ``judgeable`` says whether it names someone a predicted speaker can be
    checked against."""

    article: str
    content: Fragments
    cue: str
    source: str | None
    source_fragments: Fragments
    judgeable: bool


class GoldItem(NamedTuple):
    """A gold direct quote (a quoted passage) or reported speech (a Content) to find."""

    article: str
    fragments: Fragments
    text: str
    attribution: GoldAttribution


class Gold(NamedTuple):
    """The gold standard of one article."""

    article: str
    text: str
    attributions: list[GoldAttribution]
    direct: list[GoldItem]
    reported: list[GoldItem]


def build_gold(document: GoldDocument) -> Gold:
    """Build the attributions, gold direct quotes and gold reported speech of ``document``."""
    text = document.text
    attributions = read_attributions(document)
    passages = quoted_passages(text)
    direct = []
    for start, end in passages:
        if len(_WORD.findall(text[start:end])) < MIN_QUOTE_WORDS:
            continue
        core = _strip(text, start, end)
        holders = [a for a in attributions if _contains(a.content, core)]
        if holders:
            holder = min(holders, key=lambda a: length(a.content))
            direct.append(GoldItem(document.name, ((start, end),), text[start:end], holder))
    marked = tuple((start - 1, end + 1) for start, end in passages)
    reported = [
        GoldItem(document.name, a.content, join(text, a.content), a)
        for a in attributions
        if is_speech_cue(a.cue) and overlap(a.content, marked) * 2 <= length(a.content)
    ]
    return Gold(document.name, text, attributions, direct, reported)


def read_attributions(document: GoldDocument) -> list[GoldAttribution]:
    """The attribution events of ``document`` that have a Content, in file order."""
    entities = document.annotation.entities
    attributions = []
    for event in document.annotation.events:
        contents = [entities[i] for i in event.roles.get("Content", []) if i in entities]
        if not contents:
            continue
        content = tuple(sorted(f for entity in contents for f in entity.fragments))
        cue = _role_fragments(event.roles.get("Cue"), entities)
        source_fragments = _role_fragments(event.roles.get("Source"), entities)
        source = join(document.text, source_fragments) if source_fragments else None
        attributions.append(
            GoldAttribution(
                document.name,
                content,
                join(document.text, cue),
                source,
                source_fragments,
                source is not None and _source_names_someone(document.text, source_fragments),
            )
        )
    return attributions


def _source_names_someone(text: str, fragments: Fragments) -> bool:
    """``names_someone`` for a Source in its article: a sentence-initial first word that
    the article also writes in lower case ("Officials said ...") is no name."""
    source = join(text, fragments)
    first = source.split()[0] if source.split() else ""
    before = text[: fragments[0][0]].rstrip(" \t\"“‘'")
    if (not before or before[-1] in ".!?\n") and first[:1].isupper():
        lowered = first.lower()
        if re.search(rf"\b{re.escape(lowered)}\b", text):
            source = lowered + source[len(first):]
    return names_someone(source)


def _role_fragments(ids: list[str] | None, entities) -> Fragments:
    return tuple(f for i in ids or () if i in entities for f in entities[i].fragments)


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the text between paired double quote marks, paragraph
    by paragraph (marks excluded). Marks are curly (“ ”) or straight (" and the ''
    some texts use for it); inside a quote, marks of the other style are a nested
    quote and left alone. A quote left open at the end of a paragraph, as when a
    quotation runs on into the next one, ends there."""
    passages = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        curly = False
        for mark in _MARK.finditer(paragraph):
            is_curly = mark.group() != STRAIGHT and mark.group() != "''"
            if opened is None:
                if mark.group() != CLOSING:
                    opened, curly = mark.end(), is_curly
            elif is_curly != curly:
                continue
            elif mark.group() == OPENING:
                opened = mark.end()
            else:
                passages.append((offset + opened, offset + mark.start()))
                opened = None
        if opened is not None and paragraph[opened:].strip():
            passages.append((offset + opened, offset + len(paragraph.rstrip())))
        offset += len(paragraph) + 1
    return passages


def names_someone(source: str) -> bool:
    """Whether a gold Source names someone: it has a capitalised word other than
    a determiner or pronoun ("he", "The nominee", "officials" do not)."""
    return any(word.lower() not in _NOT_NAMES for word in _CAPITALISED.findall(source))


@cache
def speech_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """The speech cue words and phrases of ``quotes/data/speech_cues.txt``."""
    cues = sorted(load_words("speech_cues.txt"))
    return frozenset(c for c in cues if " " not in c), tuple(c for c in cues if " " in c)


def is_speech_cue(cue: str) -> bool:
    """Whether a cue is a speech verb: one of its words, lowercased and stripped of
    regular inflection, or a phrase it contains, is in the speech cue list."""
    words, phrases = speech_cues()
    lowered = " ".join(_WORD.findall(cue.lower()))
    if any(re.search(rf"\b{re.escape(phrase)}\b", lowered) for phrase in phrases):
        return True
    return any(words & lemma_forms(word) for word in lowered.split())


def lemma_forms(word: str) -> set[str]:
    """The word and the base forms regular English inflection could have made it from."""
    forms = {word}
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")),
                                 ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            forms.update(stem + r for r in replacements)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    return forms


def join(text: str, fragments: Fragments) -> str:
    """The text of ``fragments``, joined by a space as brat shows them."""
    return " ".join(text[start:end] for start, end in fragments)


def length(fragments: Fragments) -> int:
    """Number of characters covered by ``fragments``."""
    return sum(end - start for start, end in fragments)


def overlap(a: Fragments, b: Fragments) -> int:
    """Number of characters of ``a`` that lie inside ``b`` (``b``'s fragments may overlap)."""
    merged = _merge(b)
    return sum(
        max(0, min(end, m_end) - max(start, m_start))
        for start, end in a
        for m_start, m_end in merged
    )


def _merge(fragments: Fragments) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _strip(text: str, start: int, end: int) -> Fragments:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return ((start, end),)


def _contains(outer: Fragments, inner: Fragments) -> bool:
    return overlap(inner, outer) == length(inner)

