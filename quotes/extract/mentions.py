"""Mentions: the noun phrase around the word for who spoke, and the role it gives.

A mention is "Mr. Putin", "Secretary of State Antony J. Blinken" (the whole name,
with the given names the model left out), "the Kremlin", "Western analysts". Its
role comes from an apposition ("…, director of the Carnegie Center"), an
organisation after "of" or "at" ("Jane Roe of the Brookings Institution"), a
possessive organisation ("NPR's Jane Roe") or a title or a word for what someone
does before the name ("Sen.", "Politico reporter"). Who a mention names is
:mod:`quotes.extract.sources`'s job.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quotes.extract.lexicon import Lexicon
from quotes.names import without_possessive
from quotes.outlets import known_outlet

NAME_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
_NP_INNER = frozenset(
    {
        "compound",
        "amod",
        "det",
        "poss",
        "nmod",
        "flat",
        "nummod",
        "quantmod",
        "case",
        "predet",
        "advmod",
    }
)


def title_words(words: list[str], lexicon: Lexicon) -> frozenset[str]:
    """The titles among ``words``, lowercase ('President Obama' → {'president'})."""
    found = (w.lower().rstrip(".") for w in words)
    return frozenset(w for w in found if w in lexicon.titles)


def noun_lemma(token: Token) -> str:
    """The token's lemma, lowercase; for a word without one (the fast path lemmatises
    only listed words), its lowercase form without a plural 's'."""
    if token.lemma_:
        return token.lemma_.lower()
    lower = token.lower_
    if token.tag_ in ("NNS", "NNPS") and lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return lower


def mention_span(doc: Doc, head: Token, lexicon: Lexicon) -> Span:
    """The noun phrase around ``head``: its entity when it has one, else the
    head with its name-like left modifiers (no appositions, no clauses)."""
    if head.ent_type_ in NAME_LABELS | ORG_LABELS:
        return _entity_of(doc, head, lexicon)
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ in _NP_INNER and child.i == start - 1:
            start = child.left_edge.i if child.dep_ != "det" else child.i
        elif child.dep_ in _NP_INNER and all(t.dep_ in _NP_INNER for t in doc[child.i : start]):
            start = child.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat") and child.i == end:
            end = child.i + 1
    return doc[start:end]


def _entity_of(doc: Doc, token: Token, lexicon: Lexicon) -> Span:
    """The entity ``token`` is part of, found from the token's IOB tags (a person's
    name with the given names the model left out, see :func:`whole_name`)."""
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    span = Span(doc, start, end, label=token.ent_type_)
    return whole_name(span, lexicon) if span.label_ == "PERSON" else span


def whole_name(ent: Span, lexicon: Lexicon) -> Span:
    """A person's name with the given names the model left out of it: 'Secretary of
    State Antony J. Blinken' tagged 'J. Blinken' is 'Antony J. Blinken'."""
    doc, start = ent.doc, ent.start
    while start > 0:
        word = doc[start - 1]
        if not (
            word.pos_ == "PROPN"
            and word.dep_ in ("compound", "flat")
            and ent.start <= word.head.i < ent.end
            and word.text[:1].isupper()
            and word.lower_.rstrip(".") not in lexicon.titles
            and word.ent_type_ in ("", "PERSON")
        ):
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def role_of(doc: Doc, head: Token, lexicon: Lexicon) -> str | None:
    """An apposition ('…, director of the Carnegie Center'), a title or a word for what
    someone does before the name ('Sen.', 'Politico reporter'), else the organisation
    they belong to ('of the Brookings Institution', "NPR's")."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            words = [
                t
                for t in child.subtree
                if not (t.dep_ == "punct" and t.i in (child.left_edge.i, child.right_edge.i))
            ]
            text = doc[words[0].i : words[-1].i + 1].text if words else ""
            person = any(
                t.ent_type_ == "PERSON" or t.lower_.rstrip(".") in lexicon.honorifics for t in words
            )  # 'Mr. Putin, Mr. Trump was pressed': no role
            if words and not person and _is_role(child, text, lexicon):
                return clean_role(text)
    name_start = _entity_of(doc, head, lexicon).start if head.ent_type_ == "PERSON" else head.i
    if head.ent_type_ != "PERSON":  # 'dock worker Ivo Tamm', the name taken for a body
        while name_start > 0 and _name_word(doc[name_start - 1], lexicon):
            name_start -= 1
    title_words = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod")
        and (t.ent_type_ != "PERSON" or known_outlet(t.text))  # 'Politico' taken for a person
        and t.i < name_start
    ]
    if any(_titles(t, lexicon) for t in title_words):
        first = min(t.left_edge.i for t in title_words)
        last = min(max(t.right_edge.i for t in title_words), name_start - 1)
        text = doc[first : last + 1].text.lstrip("” ").rstrip("“ ")  # a quote ending before it
        text = _POSSESSIVE_DETERMINER.sub("", text)
        honorifics = {w.lower().rstrip(".") for w in text.split()} & lexicon.honorifics
        # 'Mr.' alone is no role, nor 'Mr. Trump' of 'Mr. Trump's ally …', nor words in quotes
        if not honorifics and not _QUOTE_CHARS & set(text):
            return clean_role(text)
    return _organisation_of(doc, head, lexicon)


def _name_word(word: Token, lexicon: Lexicon) -> bool:
    """A capitalised word of the name before its last ('Ivo' of 'Ivo Tamm'), no title."""
    return (
        word.pos_ == "PROPN"
        and word.dep_ in ("compound", "flat")
        and word.lower_.rstrip(".") not in lexicon.titles
        and not known_outlet(word.text)
    )


def _titles(word: Token, lexicon: Lexicon) -> bool:
    """A title ('Sen.') or a noun for what a person does ('reporter', 'spokeswoman'),
    not for what they are to someone else ('rival', 'wife')."""
    if word.lower_.rstrip(".") in lexicon.titles:
        return True
    lemma = noun_lemma(word)
    return (
        word.pos_ == "NOUN"
        and lemma not in lexicon.relation_nouns
        and lexicon.is_person_noun(lemma)
    )


def _organisation_of(doc: Doc, head: Token, lexicon: Lexicon) -> str | None:
    """The organisation a name belongs to by 'of' or 'at' after it ('Jane Roe of the
    Brookings Institution') or by a possessive before it ("NPR's Jane Roe")."""
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "at"):
            found = [t for t in child.children if t.dep_ == "pobj"]
        elif child.dep_ == "poss" and child.i < head.i:
            found = [child]
        else:
            continue
        for word in (w for w in found if w.ent_type_):
            entity = _entity_of(doc, word, lexicon)
            if entity.label_ == "ORG" or known_outlet(entity.text):
                return strip_det(without_possessive(entity.text))
    return None


_NOT_ROLES = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
# 'RENO, Nev. (AP) — ', 'MACAU (Reuters) – ': an agency's dateline opening the sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+"  # the place in capitals
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"  # its state or country
    r"\s*\([A-Za-z. ]+\)\s*[—–-]+\s*"  # the agency, then a dash
)
_QUOTE_CHARS = frozenset('"“”«»')
_POSSESSIVE_DETERMINER = re.compile(r"^(?:its|his|her|their|our)\s+", re.IGNORECASE)


def _is_role(head: Token, text: str, lexicon: Lexicon) -> bool:
    """An apposition that says who someone is, headed by a word for a person or a
    name ('director of the Carnegie Center', 'R-Texas'), not their age ('59'), a
    pronoun ('himself'), a time ('all times') or words in quotes."""
    return (
        (
            head.pos_ == "PROPN"
            or lexicon.is_person_noun(noun_lemma(head))
            or noun_lemma(head) in lexicon.titles
        )
        and head.ent_type_ not in _NOT_ROLES
        and not _QUOTE_CHARS & set(text)
        and "''" not in text
        and not re.search(r"(?:^|\s)[‘']\w|\w[’']$", text)  # 'an ''Aunt Tom', 'a ‘traitor’'
    )


def clean_role(role: str | None) -> str | None:
    """A role as one clean line: the first line only, spaces collapsed, no edge
    punctuation ('an expert … at the Rand Corp.\\n\\n…' → '… at the Rand Corp.')."""
    if not role:
        return None
    first_line = _DATELINE.sub("", role.strip().split("\n", 1)[0])
    cleaned = " ".join(first_line.split()).strip(" ,;:—–-(")
    return cleaned or None


def strip_det(text: str) -> str:
    """A name without a leading article or dash ('the Kremlin' → 'Kremlin')."""
    words = text.lstrip("-―—– ").split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)
