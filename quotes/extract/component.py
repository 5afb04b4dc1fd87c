"""The ``quote_attribution`` spaCy component: sets ``doc._.quotes`` and ``doc._.quote_misses``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.attribution import read_quotes
from quotes.extract.reading import Reading

_QUOTES = "quotes.quotes"
_MISSES = "quotes.misses"


def _stored(key: str):
    """A getter reading ``key`` of ``doc.user_data``: a new empty list when unset, so no
    list is ever shared between docs."""
    return lambda doc: doc.user_data.get(key, [])


def _store(key: str):
    def setter(doc: Doc, value: list) -> None:
        doc.user_data[key] = value

    return setter


Doc.set_extension("quotes", getter=_stored(_QUOTES), setter=_store(_QUOTES), force=True)
Doc.set_extension("quote_misses", getter=_stored(_MISSES), setter=_store(_MISSES), force=True)


@Language.factory(
    "quote_attribution",
    default_config={},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes", "doc._.quote_misses"],
)
def make_quote_attribution(nlp: Language, name: str):
    """Create the component that sets ``doc._.quotes`` to the attributed quotes."""
    return QuoteAttribution()


class QuoteAttribution:
    """Find attributed quotes (direct, mixed, reported) in a parsed ``Doc``: ``doc._.quotes``
    (:class:`~quotes.records.Quote` records, in text order) and ``doc._.quote_misses``
    (what the rules came close to finding, see :class:`~quotes.extract.rules.Miss`)."""

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(doc)
        doc._.quotes = read_quotes(reading)
        doc._.quote_misses = reading.misses
        return doc


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that a headline or a
    credit line never runs into the next paragraph's sentence."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
