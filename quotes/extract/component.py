"""The ``quote_attribution`` spaCy component: sets ``doc._.quotes`` and ``doc._.quote_misses``.

The component owns its :class:`~quotes.extract.lexicon.Lexicon` and its reported-speech
patterns (:class:`~quotes.extract.patterns.SpeechPatterns`): the files its config names
(in ``data_dir``, by default the package's ``quotes/data``: one per list in
``word_lists``, and ``patterns``) are read when first needed, passed to every rule,
and saved and loaded with the pipeline (``nlp.to_disk``, ``spacy.load``)::

    nlp.add_pipe("quote_attribution", config={"data_dir": "my_lists"})
"""

from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.attribution import read_quotes
from quotes.extract.lexicon import WORD_LISTS, Lexicon
from quotes.extract.patterns import PATTERNS_FILE, SpeechPatterns
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
    default_config={"data_dir": None, "word_lists": WORD_LISTS, "patterns": PATTERNS_FILE},
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
    nlp: Language, name: str, data_dir: str | None, word_lists: dict[str, str], patterns: str
) -> "QuoteAttribution":
    """Create the component that sets ``doc._.quotes`` to the attributed quotes, with the
    word lists of ``word_lists`` (list name → file) and the reported-speech patterns of
    ``patterns``, files in ``data_dir`` (None: the package's ``quotes/data``)."""
    return QuoteAttribution(source=Source(data_dir, word_lists, patterns))


class Source(NamedTuple):
    """Where a component reads its word lists and patterns (see the module's docstring)."""

    data_dir: str | None = None
    word_lists: dict[str, str] = WORD_LISTS
    patterns: str = PATTERNS_FILE

    def lexicon(self) -> Lexicon:
        """The word lists, read (the package's are read once)."""
        if self.data_dir is None and dict(self.word_lists) == WORD_LISTS:
            return Lexicon.default()
        return Lexicon.from_folder(self.data_dir, self.word_lists)

    def speech_patterns(self, lexicon: Lexicon) -> SpeechPatterns:
        """The reported-speech patterns, with the words of ``lexicon``: the file
        ``patterns`` of ``data_dir`` when there is one (a folder of word lists alone
        keeps the package's patterns)."""
        if self.data_dir is not None and (Path(self.data_dir) / self.patterns).is_file():
            return SpeechPatterns.from_file(Path(self.data_dir) / self.patterns, lexicon)
        if self.patterns != PATTERNS_FILE:
            raise ValueError(f"no patterns file {self.patterns!r} in {self.data_dir!r}")
        if lexicon is Lexicon.default():
            return SpeechPatterns.default()
        return SpeechPatterns.from_file(None, lexicon)


PACKAGED = Source()


class QuoteAttribution:
    """Find attributed quotes (direct, mixed, reported) in a parsed ``Doc``: ``doc._.quotes``
    (:class:`~quotes.records.Quote` records, in text order) and ``doc._.quote_misses``
    (what the rules came close to finding, see :class:`~quotes.extract.rules.Miss`).

    Its ``lexicon`` and ``patterns`` are those given, else those saved with the
    pipeline (:meth:`from_disk`), else read from ``source`` when first needed: a
    pipeline loaded from disk never reads the files its config named.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        patterns: SpeechPatterns | None = None,
        source: Source = PACKAGED,
    ) -> None:
        self._lexicon = lexicon
        self._patterns = patterns
        self.source = source

    @property
    def lexicon(self) -> Lexicon:
        """The word lists the rules read."""
        if self._lexicon is None:
            self._lexicon = self.source.lexicon()
        return self._lexicon

    @property
    def patterns(self) -> SpeechPatterns:
        """The reported-speech patterns, with the words of :attr:`lexicon`."""
        if self._patterns is None or self._patterns.lexicon is not self.lexicon:
            self._patterns = self.source.speech_patterns(self.lexicon)
        return self._patterns

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(doc, self.lexicon, self.patterns)
        doc._.quotes = read_quotes(reading)
        doc._.quote_misses = reading.misses
        return doc

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        """Save the component's word lists and patterns under ``path``."""
        self.lexicon.to_disk(Path(path) / LEXICON_FOLDER)
        (Path(path) / PATTERNS_FILE).write_text(self.patterns.text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude=()) -> "QuoteAttribution":
        """Load the word lists and patterns :meth:`to_disk` saved under ``path``."""
        self._lexicon = Lexicon.from_disk(Path(path) / LEXICON_FOLDER)
        self._patterns = SpeechPatterns.from_file(Path(path) / PATTERNS_FILE, self._lexicon)
        return self


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that a headline or a
    credit line never runs into the next paragraph's sentence."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
