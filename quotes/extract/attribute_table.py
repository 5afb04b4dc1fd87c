"""The model's attribute ruler, applied by table lookup: the same token attributes, faster.

``en_core_web_sm`` maps fine-grained tags to POS and morphology (and fixes a
few lemmas) with an ``AttributeRuler``: 179 Matcher patterns, nearly all of
one token, many with ``IN``/``REGEX`` values that the Matcher tests in Python
on every token; that made it cost more than the parser. Whether a one-token
pattern matches depends only on the token's tag, lowercase form, dependency
label and whether it is a space, so :class:`AttributeTable` decides it once
per distinct combination, keeps the answer, and applies the matched
patterns' attributes in the ruler's order (a later pattern wins, as in the
ruler). Patterns of several tokens are checked the same way, token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

_KEY = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ANCHORS = ("LOWER", "TAG")


def _key(token: Token) -> tuple:
    """What a pattern may test of a token, in the order of ``_KEY``."""
    return token.tag_, token.lower_, token.dep_, token.is_space


def _test(spec: object) -> Callable[[object], bool]:
    """A predicate for one attribute's value in a Matcher token pattern."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if set(spec) == {"IN"}:
        return frozenset(spec["IN"]).__contains__
    if set(spec) == {"NOT_IN"}:
        excluded = frozenset(spec["NOT_IN"])
        return lambda value: value not in excluded
    if set(spec) == {"REGEX"}:
        regex = re.compile(spec["REGEX"])
        return lambda value: regex.search(value) is not None
    raise ValueError(f"unsupported pattern value: {spec!r}")


class _TokenSpec:
    """One token of a pattern: tests on the token's key."""

    def __init__(self, spec: dict):
        unknown = set(spec) - set(_KEY)
        if unknown:
            raise ValueError(f"unsupported pattern keys: {sorted(unknown)}")
        self.spec = spec
        self.tests = [(_KEY.index(attr), _test(value)) for attr, value in spec.items()]

    def matches(self, key: tuple) -> bool:
        return all(test(key[position]) for position, test in self.tests)

    def anchor(self) -> tuple[int, frozenset[str]] | None:
        """A key position and the values it must hold for a match, when the spec pins one."""
        for attr in _ANCHORS:
            value = self.spec.get(attr)
            if isinstance(value, str):
                return _KEY.index(attr), frozenset([value])
            if isinstance(value, dict) and set(value) == {"IN"}:
                return _KEY.index(attr), frozenset(value["IN"])
        return None


class _Rule(NamedTuple):
    order: int
    specs: list[_TokenSpec]
    target: int
    attrs: dict


class _Index:
    """Rules found by the first token's key: anchored on a tag or a form, or tested always."""

    def __init__(self, rules: list[_Rule]):
        self.anchored: dict[tuple[int, str], list[_Rule]] = {}
        self.always: list[_Rule] = []
        for rule in rules:
            anchor = rule.specs[0].anchor()
            if anchor is None:
                self.always.append(rule)
                continue
            for value in anchor[1]:
                self.anchored.setdefault((anchor[0], value), []).append(rule)
        self.cache: dict[tuple, list[_Rule]] = {}

    def starting(self, key: tuple) -> list[_Rule]:
        """The rules whose first token matches ``key``, in the ruler's order."""
        found = self.cache.get(key)
        if found is None:
            candidates = [
                *self.anchored.get((0, key[0]), ()),
                *self.anchored.get((1, key[1]), ()),
                *self.always,
            ]
            found = sorted(
                {id(r): r for r in candidates if r.specs[0].matches(key)}.values(),
                key=lambda r: r.order,
            )
            self.cache[key] = found
        return found


class AttributeTable:
    """Set the attributes an ``AttributeRuler`` sets, without its Matcher.

    ``rules`` are the ruler's, in its order: for each, its alternative token
    patterns, the index of the token to change and the normalised attributes.
    Raises ``ValueError`` for a pattern it cannot test (an operator, another key).
    """

    def __init__(self, rules: list[tuple[list[list[dict]], int, dict]]):
        single, longer = [], []
        for order, (alternatives, index, attrs) in enumerate(rules):
            for pattern in alternatives:
                specs = [_TokenSpec(spec) for spec in pattern]
                target = index if index >= 0 else len(specs) + index
                if not 0 <= target < len(specs):
                    raise ValueError(f"index {index} outside a pattern of {len(specs)} tokens")
                (single if len(specs) == 1 else longer).append(_Rule(order, specs, target, attrs))
        self.single = _Index(single)
        self.longer = _Index(longer)
        self._merged: dict[tuple, dict] = {}

    @classmethod
    def from_ruler(cls, ruler) -> AttributeTable:
        """The table for a loaded ``AttributeRuler``."""
        rules = [
            (ruler.matcher.get(str(i))[1], ruler.indices[i], ruler.attrs[i])
            for i in range(len(ruler.attrs))
        ]
        return cls(rules)

    def __call__(self, doc: Doc) -> Doc:
        """Set on each token of ``doc`` what the ruler's matching patterns set."""
        keys = [_key(token) for token in doc]
        extra: dict[int, list[_Rule]] = {}
        for i, key in enumerate(keys):
            for rule in self.longer.starting(key):
                end = i + len(rule.specs)
                if end <= len(keys) and all(
                    spec.matches(keys[j]) for j, spec in enumerate(rule.specs[1:], start=i + 1)
                ):
                    extra.setdefault(i + rule.target, []).append(rule)
        for token, key in zip(doc, keys, strict=True):
            if token.i in extra:
                attrs = _merge([*self.single.starting(key), *extra[token.i]])
            else:
                attrs = self._merged.get(key)
                if attrs is None:
                    attrs = self._merged[key] = _merge(self.single.starting(key))
            if attrs:
                set_token_attrs(token, attrs)
        return doc


def _merge(rules: list[_Rule]) -> dict:
    """The attributes of ``rules`` applied in the ruler's order: a later rule wins."""
    merged: dict = {}
    for rule in sorted(rules, key=lambda r: r.order):
        merged.update(rule.attrs)
    return merged


@Language.factory(
    "attribute_table",
    default_config={"source": "attribute_ruler"},
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.morph", "token.lemma"],
)
def make_attribute_table(nlp: Language, name: str, source: str = "attribute_ruler"):
    """Create the table from the pipeline's attribute ruler ``source`` (add the
    table before removing the ruler)."""
    return AttributeTable.from_ruler(nlp.get_pipe(source))
