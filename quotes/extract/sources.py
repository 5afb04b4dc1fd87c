"""Who a mention names: a person, an organization, a group, an unnamed source, or nobody.

A mention is the noun phrase that says who spoke. Resolution sorts it into
one of four kinds of source:

- a **person** named in the article ("Mr. Putin", "he", "the Russian leader",
  even garbled: "The blink" for Blinken);
- an **organization** with a name ("the Kremlin", "the Clinton campaign",
  "Russia's foreign ministry"), the issuer of a named document ("a Quinnipiac
  University poll") included;
- a **group** of named speakers ("Putin and Xi" is "Vladimir Putin and Xi
  Jinping"), or a named body of people ("Republicans");
- an **unnamed** source: people or bodies the article describes but does not
  name ("a spokeswoman", "analysts", "Russian media", "the report"). Their
  quotes keep the words used, and the organisation when the text gives one
  ("an Acme spokeswoman": of Acme), but they are nobody's speaker row.

Anything else cannot speak ("any such supply", "Xi's refusal", "the coming
weeks"), and its quote is no quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Span, Token

from quotes.extract.lexicon import (
    document_nouns,
    is_person_noun,
    organization_nouns,
    person_nouns,
)
from quotes.extract.mentions import (
    ORG_LABELS,
    clean_role,
    mention_span,
    noun_lemma,
    role_of,
    strip_det,
    title_words,
)
from quotes.gender import gender_of_first_name, gender_of_words
from quotes.names import PERSON_PRONOUNS
from quotes.outlets import known_outlet

if TYPE_CHECKING:
    from quotes.extract.memory import Memory

GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "it", "its"})
UNNAMED = "unnamed"
_PROPER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_MANY_OUTLETS = frozenset({"media", "press"})
_QUANTIFIERS = frozenset(
    ["some", "many", "most", "all", "several", "few", "both", "half", "those", "others"]
)
# A share of a group: 'two-thirds of Democrats', 'large majorities of voters'.
_SHARES = frozenset([
    "majority", "minority", "third", "quarter", "half", "percent", "plurality", "number",
    "handful", "dozen", "fraction", "share", "most", "many", "few",
])


class Speaker(NamedTuple):
    """Who said it: canonical name (None when unnamed), the mention's text and offsets,
    kind (person, organization, group or unnamed) and role or affiliation."""

    name: str | None
    mention: str
    start: int
    end: int
    kind: str | None
    role: str | None


def resolve(doc: Doc, head: Token, memory: Memory) -> Speaker:
    """Turn the head of a speaker mention into a speaker (see the module's docstring);
    a speaker with neither name nor kind when the mention names nobody who can speak."""
    head = _named_apposition(head)
    members = [head, *(c for c in head.conjuncts if c.i > head.i and c.pos_ in ("PROPN", "NOUN"))]
    members += _coordinated_subjects(head)
    if len(members) > 1:
        return _joint(doc, members, memory)
    return _resolve_one(doc, head, memory)


def _coordinated_subjects(head: Token) -> list[Token]:
    """'Ines Varga and Ivo Tamm met …' parsed as two subjects joined by 'and', not as
    a coordination: the later subjects of the same verb."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return []
    doc = head.doc
    return [
        c
        for c in head.head.children
        if c.dep_ == head.dep_
        and c.i > head.i
        and any(t.dep_ == "cc" for t in doc[head.i + 1 : c.left_edge.i])
    ]


def _joint(doc: Doc, members: list[Token], memory: Memory) -> Speaker:
    """'Putin and Xi', 'the United States and Western analysts': the named members
    together (the unnamed ones stay in the mention only)."""
    span = doc[mention_span(doc, members[0]).start : mention_span(doc, members[-1]).end]
    speakers = [_resolve_one(doc, member, memory) for member in members]
    named = [s for s in speakers if s.name and s.kind != UNNAMED]
    names = sorted({s.name for s in named})
    if len(names) > 1:
        name = " and ".join(names)
        return Speaker(name, span.text, span.start_char, span.end_char, "group", None)
    if named:
        return named[0]._replace(mention=span.text, start=span.start_char, end=span.end_char)
    kind = UNNAMED if any(s.kind == UNNAMED for s in speakers) else None
    return Speaker(None, span.text, span.start_char, span.end_char, kind, None)


def _resolve_one(doc: Doc, head: Token, memory: Memory) -> Speaker:
    span = mention_span(doc, head)
    mention, start, end = span.text, span.start_char, span.end_char
    lower = head.lower_

    def speaker(name, kind, role=None) -> Speaker:
        return Speaker(name, mention, start, end, kind, role)

    if not any(ch.isalpha() for ch in head.text):
        return speaker(None, None)
    outlet = known_outlet(strip_det(mention))
    if outlet:  # 'Politico', 'the Guardian': a news outlet, whatever the tagger says
        return speaker(outlet, "organization")
    if _body_name(head, span):  # 'the Calder Institute', whatever the tagger says
        return speaker(strip_det(mention), "organization")
    if head.ent_type_ == "PERSON" or span.label_ == "PERSON":
        return _person(doc, head, span, memory, speaker)
    if lower in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[lower]
        name = _sentence_subject(doc, head, memory, gender) or memory.last_person(
            head.idx, gender=gender
        )
        if name and _lone_first_name(name) and not memory.names.knows(name):
            return speaker(None, UNNAMED)  # 'she' for a woman named only 'Melanie'
        return speaker(name, "person", memory.roles.get(name) if name else None)
    if lower in GROUP_PRONOUNS:
        return speaker(memory.last_group(head.idx), "organization")
    group = _quantified_group(doc, head)
    if group is not None:  # 'some of the women', 'those surveyed'
        return Speaker(None, group.text, group.start_char, group.end_char, UNNAMED, None)
    if head.pos_ == "PRON":  # "I", "you", "who", "that": nobody we can name
        return speaker(None, None)
    named = head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS
    if named and (memory.names.knows(mention) or _family_name(head, span, memory)):
        return _person(doc, head, span, memory, speaker)
    if len(strip_det(mention).split()) == 1 and noun_lemma(head) in person_nouns():
        return speaker(None, UNNAMED)  # 'Senator says …': a title, capitalised, names nobody
    if head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS:
        return speaker(strip_det(mention), "organization")
    return _described(doc, head, span, memory, speaker)


def _family_name(head: Token, span: Span, memory: Memory) -> bool:
    """A lone capitalised word the article uses elsewhere as a person's family name
    ('Sanders said' tagged an organisation), unless the text calls it a body."""
    words = [t for t in span if t.pos_ != "DET"]
    return (
        len(words) == 1
        and not head.is_upper
        and head.tag_ != "NNPS"
        and memory.is_family_name(head.text)
    )


def _body_name(head: Token, span: Span) -> bool:
    """A proper name ending in a word for a body ('Calder Institute'), unless it opens
    with a first name ('Frank Church')."""
    return (
        head.pos_ == "PROPN"
        and noun_lemma(head) in organization_nouns()
        and gender_of_first_name(strip_det(span.text)) is None
    )


def _person(doc: Doc, head: Token, span: Span, memory: Memory, speaker) -> Speaker:
    """A person named by the mention: the article's fullest form of the name. A lone
    first name the article never completes ('Melanie') is an unnamed source."""
    before = [t.text for t in doc[max(0, span.start - 2) : span.end]]
    gender = gender_of_words(before)
    name = memory.canonical(span.text, gender, title_words(before))
    role = role_of(doc, head) or memory.names.affiliation(span.text) or memory.roles.get(name)
    if len(name.split()) == 1 and not memory.names.knows(name) and _lone_first_name(name):
        return speaker(None, UNNAMED, None)
    return speaker(name, "person", clean_role(role))


def _lone_first_name(name: str) -> bool:
    return gender_of_first_name(f"{name} X") is not None


def _described(doc: Doc, head: Token, span: Span, memory: Memory, speaker) -> Speaker:
    """A common noun heads the mention: a person the article named ('the senator'),
    a document's issuer, a named organisation, an unnamed source, a garbled name,
    or nothing that can speak."""
    lemma = noun_lemma(head)
    forms = {lemma, head.lower_}
    determiner = span[0].lower_ if len(span) else ""
    if determiner == "the" and head.tag_ == "NN":  # 'the senator', 'the retired neurosurgeon'
        name = memory.person_with_role(head.idx, lemma)
        if name:
            return speaker(name, "person", memory.roles.get(name))
    proper = [t for t in span if t.i != head.i and _is_proper(t)]
    if forms & document_nouns():
        issuer = _issuer(doc, head)
        if issuer is not None:
            return _resolve_one(doc, issuer, memory)._replace(
                mention=span.text, start=span.start_char, end=span.end_char
            )
        return speaker(None, UNNAMED, _words(doc, proper))
    plural = head.tag_ in ("NNS", "NNPS")
    body = forms & organization_nouns()
    if body and not body & _MANY_OUTLETS and not plural and proper:
        return speaker(strip_det(span.text), "organization")
    if body or lemma in person_nouns():
        return speaker(None, UNNAMED, _words(doc, proper))
    garbled = memory.names.fuzzy(head.text)  # 'The blink told NPR': Blinken, machine-translated
    if garbled:
        return speaker(garbled, "person", memory.roles.get(garbled))
    if is_person_noun(lemma):
        return speaker(None, UNNAMED, _words(doc, proper))
    if _capitalised_name(doc, head):  # '- Pew notes that …', a name the tagger missed
        return speaker(strip_det(span.text), "organization")
    return speaker(None, None)


def _capitalised_name(doc: Doc, token: Token) -> bool:
    """A capitalised word the article never writes in lowercase: a name, whatever
    the tagger says ('Pew'), unlike 'Stories' opening a sentence."""
    if not token.text[:1].isupper() or token.is_upper and len(token) > 4:
        return False
    lowercase = doc.user_data.get("quotes.lowercase")
    if lowercase is None:
        lowercase = doc.user_data["quotes.lowercase"] = {
            t.text for t in doc if t.text[:1].islower()
        }
    return token.lower_ not in lowercase


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in _PROPER_LABELS


def _words(doc: Doc, tokens: list[Token]) -> str | None:
    """The text from the first to the last of ``tokens`` (an affiliation), if any."""
    if not tokens:
        return None
    return clean_role(doc[tokens[0].i : tokens[-1].i + 1].text)


def _issuer(doc: Doc, noun: Token) -> Token | None:
    """Who issued a document: 'the Kremlin's statement', 'a Quinnipiac University
    poll', 'a report by the Senate committee'."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in PERSON_PRONOUNS and child.pos_ != "PRON":
            return child
    compounds = [c for c in noun.lefts if c.dep_ == "compound" and _is_proper(c)]
    if compounds:
        return compounds[-1]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_proper(pobj):
                    return pobj
    return None


def _quantified_group(doc: Doc, head: Token) -> Span | None:
    """'Some of the women', 'many in the crowd', 'those surveyed', 'Nine in 10
    voters', 'two-thirds of Democrats': a share of a group, named by the whole phrase."""
    quantity = head.lower_ in _QUANTIFIERS and head.pos_ in ("PRON", "DET", "NOUN", "ADJ")
    share = head.pos_ == "NUM" or noun_lemma(head).rsplit("-", 1)[-1] in _SHARES
    if not quantity and not share:
        return None
    parts = [c for c in head.rights if c.dep_ in ("prep", "acl", "amod")]
    if not parts:  # 'Nearly a third', 'Almost half' (of those polled, said before)
        return doc[head.left_edge.i : head.i + 1] if share and head.pos_ != "NUM" else None
    end = max(c.right_edge.i for c in parts) + 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[head.left_edge.i if head.left_edge.dep_ == "advmod" else head.i : end]


def _sentence_subject(doc: Doc, pronoun: Token, memory: Memory, gender: str) -> str | None:
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
        text = mention_span(doc, token).text
        if token.ent_type_ != "PERSON" and not memory.names.knows(text):
            continue
        name = memory.canonical(text)
        if memory.gender(name) in (None, gender):
            return name
    return None


def _named_apposition(head: Token) -> Token:
    """'The city's finance director, Omar Lindqvist,': the person in apposition."""
    if head.ent_type_ == "PERSON":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return head


