"""Running the pipeline with less work and the same result: lemmas only where the
rules look them up, entities decoded in numpy.

The rules compare lemmas only with the words of their lists, so the lemmatizer
runs only on the words that could be a form of a listed word (:class:`ListedLemmas`);
and the entity recognizer's greedy decoding is done in numpy
(:class:`~quotes.extract.entity_decoder.FastEntityRecognizer`). Every other
component runs as the model has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from quotes.extract.entity_decoder import FastEntityRecognizer
from quotes.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from quotes.extract.component import QuoteAttribution
    from quotes.extract.patterns import SpeechPatterns

ENTITY_PIPE = "ner"
LEMMA_PIPE = "lemmatizer"
RULES_PIPE = "quote_attribution"


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every lowercase word form the model's lemmatizer could turn into one of
    ``lemmas``: the lemmas, the forms its suffix rules undo, its irregular forms."""
    lemmas = set(lemmas)
    forms = set(lemmas)
    lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
    if lookups is not None and lookups.has_table("lemma_rules"):
        for rules in lookups.get_table("lemma_rules").values():
            for old, new in rules:
                forms.update(
                    lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new)
                )
    if lookups is not None and lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            forms.update(form for form, found in table.items() if lemmas.intersection(found))
    return frozenset(forms)


class ListedLemmas:
    """The model's lemmatizer, run only on the words that could be a form of a lemma
    of ``lexicon`` (see :attr:`~quotes.extract.lexicon.Lexicon.lemmas`): the rules read
    lemmas only to look them up in its lists, and lemmatizing every word costs more
    than a parse in a fresh process. Other words keep no lemma."""

    def __init__(self, nlp: Language, lexicon: Lexicon, patterns: SpeechPatterns | None = None):
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        lemmas = lexicon.lemmas | (patterns.lemmas if patterns is not None else frozenset())
        self.forms = word_forms(nlp, lemmas)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``token.lemma_`` on the tokens whose lowercase form is listed."""
        overwrite = self.lemmatizer.overwrite
        for token in doc:
            if token.lower_ in self.forms and (overwrite or token.lemma == 0):
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
        return doc


class FastPath:
    """Quote-ready ``Doc`` objects for whole articles, with less work than ``nlp.pipe``.

    Lemmas are set only where the rules look them up (:class:`ListedLemmas`),
    and entities are decoded in numpy (:class:`FastEntityRecognizer`).
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.rules = nlp.get_pipe(RULES_PIPE)
        self.steps = [
            (name, _faster(nlp, name, pipe, self.rules))
            for name, pipe in nlp.pipeline
            if name != RULES_PIPE
        ]

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Yield one ``Doc`` per text, with ``doc._.quotes`` set, in order.

        Texts are read ``batch_size`` at a time, so memory stays bounded.
        """
        docs = (self.nlp.make_doc(text) for text in texts)
        yield from map(self.rules, _run(self.steps, docs, batch_size))


def _faster(nlp: Language, name: str, pipe, rules: QuoteAttribution):
    """The stand-in that does ``pipe``'s work faster with the same result, or ``pipe``;
    lemmas for the words the ``rules`` component's lexicon and patterns look up."""
    if name == LEMMA_PIPE:
        return ListedLemmas(nlp, rules.lexicon, rules.patterns)
    if name == ENTITY_PIPE and isinstance(pipe, EntityRecognizer):
        return FastEntityRecognizer(pipe)
    return pipe


def _run(steps: list, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``docs`` through the pipeline ``steps`` (name, component), streaming."""
    for _name, step in steps:
        docs = step.pipe(docs, batch_size=batch_size) if hasattr(step, "pipe") else map(step, docs)
    return iter(docs)
