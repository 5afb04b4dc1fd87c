"""Pronouns and shares of a group as speakers: who 'she' is, and 'some of the women'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from quotes.extract.lexicon import Lexicon
from quotes.extract.mentions import mention_span, noun_lemma

if TYPE_CHECKING:
    from quotes.extract.memory import Memory

def quantified_group(doc: Doc, head: Token, lexicon: Lexicon) -> Span | None:
    """'Some of the women', 'many in the crowd', 'those surveyed', 'Nine in 10
    voters', 'two-thirds of Democrats': a share of a group, named by the whole phrase."""
    quantity = head.lower_ in lexicon.quantifiers and head.pos_ in ("PRON", "DET", "NOUN", "ADJ")
    share = head.pos_ == "NUM" or noun_lemma(head).rsplit("-", 1)[-1] in lexicon.share_nouns
    if not quantity and not share:
        return None
    parts = [c for c in head.rights if c.dep_ in ("prep", "acl", "amod")]
    if not parts:  # 'Nearly a third', 'Almost half' (of those polled, said before)
        return doc[head.left_edge.i : head.i + 1] if share and head.pos_ != "NUM" else None
    end = max(c.right_edge.i for c in parts) + 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[head.left_edge.i if head.left_edge.dep_ == "advmod" else head.i : end]


def sentence_subject(doc: Doc, pronoun: Token, memory: Memory, gender: str) -> str | None:
    """'Clinton says she appreciated …': a named subject earlier in the pronoun's
    own sentence, of a fitting gender, comes before anyone named further back;
    so does the subject of the main clause after a clause opening the sentence
    ('Though she called it “outrageous,” Clinton …')."""
    candidates = list(reversed(doc[pronoun.sent.start : pronoun.i]))
    clause = pronoun.head
    opening = clause.dep_ == "advcl" and clause.i < clause.head.i and pronoun.dep_ == "nsubj"
    if opening and any(c.dep_ == "mark" for c in clause.children):
        candidates += [c for c in clause.head.children if c.i > clause.i]
    for token in candidates:
        if token.dep_ != "nsubj" or token.pos_ != "PROPN":
            continue
        text = mention_span(doc, token, memory.lexicon).text
        if token.ent_type_ != "PERSON" and not memory.names.knows(text):
            continue
        name = memory.canonical(text)
        if memory.gender(name) in (None, gender):
            return name
    return None
