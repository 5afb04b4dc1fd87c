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
