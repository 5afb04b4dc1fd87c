"""The ``quote_attribution`` spaCy component: sets ``doc._.quotes``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from quotes.records import Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=[])

_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,}?)[\"“”]")


@Language.factory("quote_attribution", default_config={})
def make_quote_attribution(nlp: Language, name: str):
    """Create the component (first version: quoted passages, no speakers yet)."""
    return QuoteAttribution()


class QuoteAttribution:
    """Find attributed quotes in a parsed ``Doc``."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        doc._.quotes = [
            Quote(m.group(1), m.start(1), m.end(1), "direct", None, None, None,
                  None, None, None, None, None, None, 0, len(text))
            for m in _QUOTED.finditer(text)
        ]
        return doc
