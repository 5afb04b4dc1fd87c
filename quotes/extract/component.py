"""The ``quote_attribution`` spaCy component: sets ``doc._.quotes``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.attribution import find_quotes

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=[])


@Language.factory(
    "quote_attribution",
    default_config={},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quote_attribution(nlp: Language, name: str):
    """Create the component that sets ``doc._.quotes`` to the attributed quotes."""
    return QuoteAttribution()


class QuoteAttribution:
    """Find attributed quotes (direct, mixed, reported) in a parsed ``Doc``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that a headline or a
    credit line never runs into the next paragraph's sentence."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
