"""Running the pipeline only where the quote rules read it, with the same result.

The rules (``attribution``, ``speakers``) read the parse, tags and lemmas only
in paragraphs holding a quotation mark or a cue word (a form of a reporting
verb, an object cue, or "according"), and near the people they name (a role
in apposition or a title before the name). Everywhere else they read only the
named entities. So every paragraph goes through the tokenizer and NER; only
those *candidates* also go through tok2vec, tagger, parser, attribute ruler
and lemmatizer. The paragraphs are then joined back into one ``Doc`` whose
text is the article's, and the ``quote_attribution`` component runs on it.

NER in ``en_core_web_sm`` has its own tok2vec, so running it alone gives the
entities the full pipeline gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib.resources import files
from itertools import islice

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from quotes.extract.entity_decoder import FastEntityRecognizer
from quotes.extract.lexicon import object_cues, reporting_verbs, titles
from quotes.extract.marks import _MARK

ENTITY_PIPE = "ner"
LEMMA_PIPE = "lemmatizer"
_PIECES_PER_BATCH = 256
RULES_PIPE = "quote_attribution"
_PARAGRAPH = re.compile(r"[^\n]*\n*")
_WORD = re.compile(r"[^\W\d_]+")
_TITLE_WINDOW = 6
_APPOSITION_OPENERS = (",", "(", "—", "–", "-")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, each with its trailing line breaks; they join to ``text``."""
    return [piece for piece in _PARAGRAPH.findall(text) if piece]


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


def cue_forms(nlp: Language) -> frozenset[str]:
    """The forms of the cue lemmas: reporting_verbs.txt, object_cues.txt, "according"."""
    return word_forms(nlp, {*reporting_verbs(), *object_cues(), "according"})


# Data files that hold names, syllables or patterns, not lemmas the rules look up.
_NOT_LEMMAS = frozenset({"family_first_names.txt", "romanised_syllables.txt", "page_furniture.txt"})


def listed_words() -> frozenset[str]:
    """Every word the package's word lists hold (the first word of each entry
    of each ``quotes/data/*.txt``), plus "put": the rules compare lemmas with these only."""
    words = {"put"}
    for path in files("quotes.data").iterdir():
        if path.name.endswith(".txt") and path.name not in _NOT_LEMMAS:
            words.update(
                line.split()[0].lower()
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")
            )
    return frozenset(words)


class ListedLemmas:
    """The model's lemmatizer, run only on the words that could be a form of a
    listed word (see :func:`listed_words`): the rules read lemmas only to look
    them up in those lists, and lemmatizing every word costs more than a parse
    in a fresh process. Other words keep no lemma."""

    def __init__(self, nlp: Language):
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.forms = word_forms(nlp, listed_words())

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
    With ``gate``, only the candidate paragraphs are parsed (NER runs on all).
    """

    def __init__(self, nlp: Language, gate: bool = False):
        self.nlp = nlp
        self.gate = gate
        self.forms = cue_forms(nlp)
        self.steps = [
            (name, _faster(nlp, name, pipe)) for name, pipe in nlp.pipeline if name != RULES_PIPE
        ]
        self.parse_steps = [(name, pipe) for name, pipe in self.steps if name != ENTITY_PIPE]
        self.entity_steps = [(name, pipe) for name, pipe in self.steps if name == ENTITY_PIPE]
        self.rules = nlp.get_pipe(RULES_PIPE)

    def is_candidate(self, paragraph: str) -> bool:
        """True when the rules may read the parse of ``paragraph`` for a quote or a cue."""
        if _MARK.search(paragraph):
            return True
        return any(word.lower() in self.forms for word in _WORD.findall(paragraph))

    def needs_parse(self, piece: Doc) -> bool:
        """True when a person named in ``piece`` may have a role the parse would give
        (an apposition after the name, a title before it)."""
        for ent in piece.ents:
            if ent.label_ != "PERSON":
                continue
            after = piece.text[ent.end_char :].lstrip(" ")
            if after.startswith(_APPOSITION_OPENERS):
                return True
            before = piece[max(0, ent.start - _TITLE_WINDOW) : ent.start]
            if any(t.lower_.rstrip(".") in titles() for t in before):
                return True
        return False

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Yield one ``Doc`` per text, with ``doc._.quotes`` set, in order.

        Texts are read ``batch_size`` at a time, so memory stays bounded.
        """
        if not self.gate:
            docs = (self.nlp.make_doc(text) for text in texts)
            yield from map(self.rules, _run(self.steps, docs, batch_size))
            return
        texts = iter(texts)
        while chunk := list(islice(texts, batch_size)):
            yield from self._chunk(chunk)

    def _chunk(self, texts: list[str]) -> Iterator[Doc]:
        pieces = [split_paragraphs(text) for text in texts]
        flat = [piece for article in pieces for piece in article]
        docs = list(_run(self.entity_steps, map(self.nlp.make_doc, flat), _PIECES_PER_BATCH))
        chosen = [
            i for i, doc in enumerate(docs) if self.is_candidate(flat[i]) or self.needs_parse(doc)
        ]
        for doc in docs:
            if len(doc):
                doc[0].is_sent_start = True  # a paragraph never runs on from the one before
        parsed = _run(self.parse_steps, (docs[i] for i in chosen), _PIECES_PER_BATCH)
        for i, doc in zip(chosen, parsed, strict=True):
            docs[i] = doc
        position = 0
        for text, article in zip(texts, pieces, strict=True):
            parts = docs[position : position + len(article)]
            position += len(article)
            yield self.rules(self._join(text, parts))

    def _join(self, text: str, parts: list[Doc]) -> Doc:
        if not parts:
            return self.nlp.make_doc(text)
        doc = (
            parts[0]
            if len(parts) == 1
            else Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
        )
        assert doc.text == text, "paragraph pieces must join to the article text"
        return doc


def _faster(nlp: Language, name: str, pipe):
    """The stand-in that does ``pipe``'s work faster with the same result, or ``pipe``."""
    if name == LEMMA_PIPE:
        return ListedLemmas(nlp)
    if name == ENTITY_PIPE and isinstance(pipe, EntityRecognizer):
        return FastEntityRecognizer(pipe)
    return pipe


def _run(steps: list, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``docs`` through the pipeline ``steps`` (name, component), streaming."""
    for _name, step in steps:
        docs = step.pipe(docs, batch_size=batch_size) if hasattr(step, "pipe") else map(step, docs)
    return iter(docs)
