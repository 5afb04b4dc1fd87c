"""The ``quote_attribution`` spaCy component: sets ``doc._.quotes`` and ``doc._.quote_misses``.

The component owns its :class:`~quotes.extract.lexicon.Lexicon`: the word lists its
config names (``data_dir``, by default the package's ``quotes/data``, and one file
per list in ``word_lists``) are read when it is created, passed to every rule, and
saved and loaded with the pipeline (``nlp.to_disk``, ``spacy.load``)::

    nlp.add_pipe("quote_attribution", config={"data_dir": "my_lists"})
"""

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.attribution import read_quotes
from quotes.extract.lexicon import WORD_LISTS, Lexicon
from quotes.extract.reading import Reading

_QUOTES = "quotes.quotes"
_MISSES = "quotes.misses"
LEXICON_FOLDER = "lexicon"


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
    default_config={"data_dir": None, "word_lists": WORD_LISTS},
    requires=[
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "token.is_sent_start",
        "token.ent_iob",
        "token.ent_type",
        "doc.ents",
    ],
    assigns=["doc._.quotes", "doc._.quote_misses"],
)
def make_quote_attribution(
    nlp: Language, name: str, data_dir: str | None, word_lists: dict[str, str]
) -> "QuoteAttribution":
    """Create the component that sets ``doc._.quotes`` to the attributed quotes, with the
    word lists of ``word_lists`` (list name → file, relative to ``data_dir``; ``data_dir``
    None: the package's ``quotes/data``)."""
    return QuoteAttribution(source=(data_dir, word_lists))


class QuoteAttribution:
    """Find attributed quotes (direct, mixed, reported) in a parsed ``Doc``: ``doc._.quotes``
    (:class:`~quotes.records.Quote` records, in text order) and ``doc._.quote_misses``
    (what the rules came close to finding, see :class:`~quotes.extract.rules.Miss`).

    Its ``lexicon`` is the one given, else the one saved with the pipeline
    (:meth:`from_disk`), else read from ``source`` (folder, list files) when first
    needed: a pipeline loaded from disk never reads the files its config named.
    """

    def __init__(
        self, lexicon: Lexicon | None = None, source: tuple[str | None, dict] = (None, WORD_LISTS)
    ) -> None:
        self._lexicon = lexicon
        self.source = source

    @property
    def lexicon(self) -> Lexicon:
        """The word lists the rules read."""
        if self._lexicon is None:
            folder, word_lists = self.source
            packaged = folder is None and dict(word_lists) == WORD_LISTS
            self._lexicon = Lexicon.default() if packaged else Lexicon.from_folder(*self.source)
        return self._lexicon

    @lexicon.setter
    def lexicon(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(doc, self.lexicon)
        doc._.quotes = read_quotes(reading)
        doc._.quote_misses = reading.misses
        return doc

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        """Save the component's word lists under ``path``."""
        self.lexicon.to_disk(Path(path) / LEXICON_FOLDER)

    def from_disk(self, path: str | Path, *, exclude=()) -> "QuoteAttribution":
        """Load the word lists :meth:`to_disk` saved under ``path``."""
        self._lexicon = Lexicon.from_disk(Path(path) / LEXICON_FOLDER)
        return self


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that a headline or a
    credit line never runs into the next paragraph's sentence."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
