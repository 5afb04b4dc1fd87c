"""The word lists that drive the extraction rules: one :class:`Lexicon`, read from files.

The ``quote_attribution`` component owns one, made from the files its config names
(by default the package's ``quotes/data``), passes it to every rule, and saves it
with the pipeline. Each list is a data file of one entry a line, lowercase, with
``#`` comments; ``object_cues.txt`` and ``object_complements.txt`` add a preposition
after the lemma, ``page_furniture.txt`` a word count and a pattern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

from quotes.nouns import is_person_noun
from quotes.wordlists import parse_words

# Each list's name and its file; paths are relative to the lexicon's folder.
WORD_LISTS: dict[str, str] = {
    name: f"{name}.txt"
    for name in (
        # cues and what they report
        "reporting_verbs",
        "directive_cues",
        "predicative_cues",
        "object_cues",
        "object_complements",
        "question_cues",
        "speech_nouns",
        "message_nouns",
        "negative_verbs",
        "conditionals",
        "subordinators",
        "time_clause_words",
        "time_adjuncts",
        "work_nouns",
        "title_openers",
        # who can speak
        "titles",
        "honorifics",
        "person_nouns",
        "descriptors",
        "not_person_nouns",
        "relation_nouns",
        "organization_nouns",
        "press_nouns",
        "document_nouns",
        "quantifiers",
        "share_nouns",
        # the page
        "page_furniture",
        "small_words",
    )
}
# Lemmas the rules name in code: 'as X put it', 'told NPR …', 'reported by X'.
RULE_LEMMAS = frozenset({"put", "tell", "report"})
# The lists whose entries the rules compare with lemmas (the rest, with the words as
# written). share_nouns is not one: a share is matched on the word's lemma when another
# list has it, else on its form without a plural 's' (see mentions.noun_lemma), so that
# 'more' (lemma 'many') or 'halves' (lemma 'half') are not shares.
_LEMMA_LISTS = (
    "reporting_verbs",
    "directive_cues",
    "predicative_cues",
    "object_cues",
    "object_complements",
    "question_cues",
    "speech_nouns",
    "message_nouns",
    "negative_verbs",
    "titles",
    "honorifics",
    "person_nouns",
    "descriptors",
    "not_person_nouns",
    "relation_nouns",
    "organization_nouns",
    "document_nouns",
)
MANIFEST = "lexicon.json"


class Lexicon:
    """The extraction rules' word lists (attributes named as in :data:`WORD_LISTS`), with
    the texts they were read from, so that a saved pipeline keeps them as they were."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        missing = sorted(set(WORD_LISTS) - set(texts))
        if missing:
            raise ValueError(f"the lexicon has no list for {', '.join(missing)}")
        self.texts = MappingProxyType(dict(texts))
        words = {name: parse_words(text) for name, text in texts.items()}
        for name in WORD_LISTS:
            setattr(self, name, words[name])
        self.titles = words["titles"] | words["honorifics"]
        self.person_nouns = words["person_nouns"] | words["descriptors"]
        self.document_nouns = words["document_nouns"] | words["message_nouns"]
        self.object_cues = _prepositions(words["object_cues"])
        self.object_complements = dict(entry.split(" ", 1) for entry in words["object_complements"])
        self.page_furniture = _furniture(texts["page_furniture"])

    @classmethod
    def from_folder(cls, folder: Path | str | None = None, paths: Mapping[str, str] = WORD_LISTS):
        """The lexicon of the files ``paths`` (list name → path, relative to ``folder``;
        ``folder`` None: the package's ``quotes/data``)."""
        root = files("quotes.data") if folder is None else Path(folder)
        return cls({name: _read(root, path) for name, path in {**WORD_LISTS, **paths}.items()})

    @classmethod
    def default(cls) -> Lexicon:
        """The package's lexicon (``quotes/data``), read once."""
        return _default()

    def to_disk(self, folder: Path | str) -> None:
        """Write each list as it was read, and a manifest naming the files."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.texts.items():
            (folder / WORD_LISTS[name]).write_text(text, encoding="utf-8")
        (folder / MANIFEST).write_text(json.dumps(WORD_LISTS, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, folder: Path | str) -> Lexicon:
        """The lexicon :meth:`to_disk` wrote to ``folder``."""
        folder = Path(folder)
        paths = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls.from_folder(folder, paths)

    @property
    def lemmas(self) -> frozenset[str]:
        """Every lemma the rules compare a word's lemma with: the fast path lemmatizes
        only the words that could be a form of one (see :mod:`quotes.extract.fastpath`)."""
        lists = (getattr(self, name) for name in _LEMMA_LISTS)
        return RULE_LEMMAS.union(*lists)

    @property
    def object_cue_prepositions(self) -> frozenset[str]:
        """Every preposition an object cue takes its content from ('for' of 'call for')."""
        return frozenset().union(*self.object_cues.values()) - {""}

    def is_person_noun(self, lemma: str) -> bool:
        """A noun for a person or people (see :func:`quotes.nouns.is_person_noun`)."""
        return is_person_noun(lemma, self.person_nouns, self.not_person_nouns)

    def is_furniture(self, line: str) -> bool:
        """Whether a line (stripped) is a link, caption, player notice or credit line."""
        words = len(line.split())
        return any(words <= most and p.fullmatch(line) for most, p in self.page_furniture)


@cache
def _default() -> Lexicon:
    return Lexicon.from_folder()


def _read(root, path: str) -> str:
    return root.joinpath(path).read_text(encoding="utf-8")


def _prepositions(entries: frozenset[str]) -> dict[str, frozenset[str]]:
    """'call for', 'call on', 'cite' → {'call': {'for', 'on'}, 'cite': {''}}."""
    table: dict[str, set[str]] = {}
    for entry in entries:
        verb, _, preposition = entry.partition(" ")
        table.setdefault(verb, set()).add(preposition)
    return {verb: frozenset(prepositions) for verb, prepositions in table.items()}


def _furniture(text: str) -> tuple[tuple[int, re.Pattern], ...]:
    """The page-furniture line patterns, each with the most words such a line may have."""
    patterns = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        most, _, pattern = line.partition("\t")
        patterns.append((int(most), re.compile(pattern.strip(), re.I)))
    return tuple(patterns)
