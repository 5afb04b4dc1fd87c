"""Reported-speech rules as data: spaCy ``DependencyMatcher`` patterns with word-list
placeholders, read from ``quotes/data/reported_speech.json`` (its ``about`` says how).

A :class:`SpeechPatterns` compiles the file against a :class:`~quotes.extract.lexicon.Lexicon`
('@reporting_verbs' becomes the words of that list) and finds, in a parsed ``Doc``,
the candidates of reported speech: each cue token with the family that claims it
and the rules whose patterns matched it. Python builders then make the quotes
(see :mod:`quotes.extract.reported`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from quotes.extract import clauses, objects  # noqa: F401  (they register the builders)
from quotes.extract.lexicon import Lexicon
from quotes.extract.rules import BUILDERS, REPORTED, register

PATTERNS_FILE = "reported_speech.json"
ANCHOR = "cue"  # the node every pattern starts from: the cue word
LOWER_LEMMA = "lower_lemma"

Token.set_extension(LOWER_LEMMA, getter=lambda token: token.lemma_.lower(), force=True)

# Each rule's matches on one cue token: rule id → each match's tokens by node name.
Matched = dict[str, list[dict[str, Token]]]


class PatternRule(NamedTuple):
    """A reported-speech rule of the patterns file."""

    id: str
    family: str
    builder: str
    unless: tuple[str, ...]
    patterns: list[list[dict]]


class Step(NamedTuple):
    """Rules one after the other with the same builder, tried together."""

    builder: str
    rules: tuple[PatternRule, ...]


class Family(NamedTuple):
    """Cue words claimed by the same anchors, and the steps tried on each, in order."""

    name: str
    anchors: list[list[dict]]
    steps: tuple[Step, ...]


class Candidate(NamedTuple):
    """A cue token, the family that claims it and the rules that matched it."""

    cue: Token
    family: Family
    matched: Matched


class SpeechPatterns:
    """The reported-speech patterns of one file, with a lexicon's words in them."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        data = json.loads(text)
        rules = [_rule(entry) for entry in data["rules"]]
        names = [family["name"] for family in data["families"]]
        strays = sorted({r.family for r in rules} - set(names))
        if strays:
            raise ValueError(f"rules of unknown families: {', '.join(strays)}")
        self.families = tuple(
            Family(f["name"], f["anchors"], _steps([r for r in rules if r.family == f["name"]]))
            for f in data["families"]
        )
        self.rules = rules
        self.lexicon = lexicon
        for entry in data["rules"]:
            register(entry["id"], REPORTED, entry["description"], replace=True)
        self._compiled: tuple[Vocab, DependencyMatcher, dict] | None = None
        # filling every pattern now refuses an unknown list placeholder before the first doc
        self.lemmas = self._lemmas()

    def _lemmas(self) -> frozenset[str]:
        """Every lemma a pattern compares a word's lemma with, the words of its lists
        included: the fast path lemmatizes the words that could be a form of one."""
        found: set[str] = set()
        for patterns in [f.anchors for f in self.families] + [r.patterns for r in self.rules]:
            for pattern in patterns:
                for node in self._filled(pattern):
                    wanted = node.get("RIGHT_ATTRS", {}).get("_", {}).get(LOWER_LEMMA)
                    if isinstance(wanted, str):
                        found.add(wanted)
                    elif isinstance(wanted, dict):
                        found.update(wanted.get("IN", ()))
        return frozenset(found)

    @classmethod
    def from_file(cls, path: Path | str | None, lexicon: Lexicon) -> SpeechPatterns:
        """The patterns of the file ``path`` (None: the package's)."""
        if path is None:
            text = files("quotes.data").joinpath(PATTERNS_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls(text, lexicon)

    @classmethod
    def default(cls) -> SpeechPatterns:
        """The package's patterns with the package's lexicon, read once."""
        return _default()

    def candidates(self, doc: Doc) -> list[Candidate]:
        """The cue tokens of ``doc`` a family claims, in text order, each with the
        matches of the family's rules on it; none in a doc without a parse."""
        if not len(doc) or not doc.has_annotation("DEP"):
            return []
        matcher, keys = self._matcher(doc.vocab)
        claims: dict[int, int] = {}
        matched: dict[int, Matched] = defaultdict(lambda: defaultdict(list))
        for key, token_ids in matcher(doc):
            kind, target, node_names = keys[key]
            nodes = {name: doc[i] for name, i in zip(node_names, token_ids, strict=True)}
            cue = nodes[ANCHOR].i
            if kind == "family":
                claims[cue] = min(claims.get(cue, target), target)
            else:
                matched[cue][target].append(nodes)
        return [
            Candidate(doc[i], self.families[family], dict(matched.get(i, {})))
            for i, family in sorted(claims.items())
        ]

    def _matcher(self, vocab: Vocab) -> tuple[DependencyMatcher, dict]:
        """The compiled matcher for ``vocab`` and what each of its keys stands for:
        (``family`` and its index, or ``rule`` and its id; the pattern's node names)."""
        if self._compiled is None or self._compiled[0] is not vocab:
            matcher = DependencyMatcher(vocab, validate=True)
            keys = {}
            entries = [("family", i, f.anchors) for i, f in enumerate(self.families)]
            entries += [("rule", r.id, r.patterns) for r in self.rules]
            for kind, target, patterns in entries:
                for number, pattern in enumerate(patterns):
                    key = f"{kind}:{target}:{number}"
                    matcher.add(key, [[_as_lemma(node) for node in self._filled(pattern)]])
                    names = [node["RIGHT_ID"] for node in pattern]
                    keys[get_string_id(key)] = (kind, target, names)
            self._compiled = (vocab, matcher, keys)
        return self._compiled[1], self._compiled[2]

    def _filled(self, pattern: list[dict]) -> list[dict]:
        """``pattern`` with each '@name' of an IN or NOT_IN list replaced by those words."""
        return json.loads(json.dumps(pattern), object_hook=self._fill)

    def _fill(self, node: dict) -> dict:
        for operator in ("IN", "NOT_IN"):
            if isinstance(node.get(operator), list):
                node[operator] = sorted({w for item in node[operator] for w in self._words(item)})
        return node

    def _words(self, item: str) -> list[str]:
        if not item.startswith("@"):
            return [item]
        words = getattr(self.lexicon, item[1:], None)
        if words is None:
            raise ValueError(f"no word list {item[1:]!r} for the placeholder {item!r}")
        return list(words)


@cache
def _default() -> SpeechPatterns:
    return SpeechPatterns.from_file(None, Lexicon.default())


def _as_lemma(node: dict) -> dict:
    """``node`` with its ``lower_lemma`` test made a test of spaCy's own ``LEMMA``, the
    words in each case a lemma may have ('say', 'Say', 'SAY'): the same matches, but an
    extension attribute costs a Python call for every token and pattern, which made the
    matcher three times slower than the rest of the rules together."""
    attrs = node.get("RIGHT_ATTRS", {})
    wanted = attrs.get("_", {}).get(LOWER_LEMMA)
    if wanted is None or (isinstance(wanted, dict) and set(wanted) != {"IN"}):
        return node  # other tests of lower_lemma (NOT_IN, REGEX) keep the extension
    words = [wanted] if isinstance(wanted, str) else wanted["IN"]
    extension = {k: v for k, v in attrs["_"].items() if k != LOWER_LEMMA}
    attrs = {k: v for k, v in attrs.items() if k != "_"} | ({"_": extension} if extension else {})
    cases = sorted({form for word in words for form in (word, word.capitalize(), word.upper())})
    return {**node, "RIGHT_ATTRS": {**attrs, "LEMMA": {"IN": cases}}}


def _rule(entry: dict) -> PatternRule:
    missing = {"id", "family", "builder", "description", "patterns"} - set(entry)
    if missing:
        raise ValueError(f"pattern rule {entry.get('id')!r} lacks {', '.join(sorted(missing))}")
    if entry["builder"] not in BUILDERS:
        raise ValueError(f"rule {entry['id']!r}: no builder {entry['builder']!r}")
    for pattern in entry["patterns"]:
        if not pattern or pattern[0].get("RIGHT_ID") != ANCHOR:
            raise ValueError(f"rule {entry['id']!r}: each pattern starts from the node 'cue'")
    unless = tuple(entry.get("unless", ()))
    return PatternRule(entry["id"], entry["family"], entry["builder"], unless, entry["patterns"])


def _steps(rules: list[PatternRule]) -> tuple[Step, ...]:
    """The family's rules in order, those next to each other with one builder together."""
    steps: list[Step] = []
    for rule in rules:
        if steps and steps[-1].builder == rule.builder:
            steps[-1] = Step(rule.builder, (*steps[-1].rules, rule))
        else:
            steps.append(Step(rule.builder, (rule,)))
    return tuple(steps)
