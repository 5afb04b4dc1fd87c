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
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.lexicon import object_cues, reporting_verbs, titles
from quotes.extract.marks import _MARK

ENTITY_PIPE = "ner"
RULES_PIPE = "quote_attribution"
_PARAGRAPH = re.compile(r"[^\n]*\n*")
_WORD = re.compile(r"[^\W\d_]+")
_TITLE_WINDOW = 6
_APPOSITION_OPENERS = (",", "(", "—", "–", "-")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, each with its trailing line breaks; they join to ``text``."""
    return [piece for piece in _PARAGRAPH.findall(text) if piece]


def cue_forms(nlp: Language) -> frozenset[str]:
    """Every lowercase word form the model's lemmatizer could turn into a cue lemma:
    the lemmas of reporting_verbs.txt and object_cues.txt, "according", the forms
    the lemmatizer's suffix rules undo, and its irregular forms."""
    lemmas = set(reporting_verbs()) | set(object_cues()) | {"according"}
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


class FastPath:
    """Quote-ready ``Doc`` objects for whole articles, parsing only the candidate paragraphs."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.forms = cue_forms(nlp)
        self.parse_pipes = [n for n in nlp.pipe_names if n not in (ENTITY_PIPE, RULES_PIPE)]
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
        texts = iter(texts)
        while chunk := list(islice(texts, batch_size)):
            yield from self._chunk(chunk)

    def _chunk(self, texts: list[str]) -> Iterator[Doc]:
        pieces = [split_paragraphs(text) for text in texts]
        flat = [piece for article in pieces for piece in article]
        with self.nlp.select_pipes(enable=[ENTITY_PIPE]):
            docs = list(self.nlp.pipe(flat, batch_size=256))
        chosen = [
            i for i, doc in enumerate(docs) if self.is_candidate(flat[i]) or self.needs_parse(doc)
        ]
        for doc in docs:
            if len(doc):
                doc[0].is_sent_start = True  # a paragraph never runs on from the one before
        with self.nlp.select_pipes(enable=self.parse_pipes):
            parsed = self.nlp.pipe((docs[i] for i in chosen), batch_size=256)
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
