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

from quotes.extract import speaker_rules as rules
from quotes.extract.mentions import (
    ORG_LABELS,
    clean_role,
    mention_span,
    noun_lemma,
    role_of,
    strip_det,
    title_words,
)
from quotes.extract.pronouns import quantified_group, sentence_subject
from quotes.gender import gender_of_first_name, gender_of_words
from quotes.names import PERSON_PRONOUNS
from quotes.outlets import known_outlet, split_outlet

if TYPE_CHECKING:
    from quotes.extract.lexicon import Lexicon
    from quotes.extract.memory import Memory

# Not "we": outside quote marks it is the writer ("We asked our followers …"), no source.
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
UNNAMED = "unnamed"
_PROPER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


class Speaker(NamedTuple):
    """Who said it: canonical name (None when unnamed), the mention's text and offsets,
    kind (person, organization, group or unnamed), role or affiliation, and the id of
    the rule that chose it (see :mod:`quotes.extract.speaker_rules`)."""

    name: str | None
    mention: str
    start: int
    end: int
    kind: str | None
    role: str | None
    rule: str | None = None


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
    first, last = (mention_span(doc, m, memory.lexicon) for m in (members[0], members[-1]))
    span = doc[first.start : last.end]
    speakers = [_resolve_one(doc, member, memory) for member in members]
    named = [s for s in speakers if s.name and s.kind != UNNAMED]
    names = sorted({s.name for s in named})
    mention, start, end = span.text, span.start_char, span.end_char
    if len(names) > 1:
        return Speaker(" and ".join(names), mention, start, end, "group", None, rules.JOINT)
    if named:
        return named[0]._replace(mention=mention, start=start, end=end, rule=rules.JOINT_ONE_NAMED)
    kind = UNNAMED if any(s.kind == UNNAMED for s in speakers) else None
    return Speaker(None, mention, start, end, kind, None, rules.JOINT_UNNAMED)


def _resolve_one(doc: Doc, head: Token, memory: Memory) -> Speaker:
    lexicon = memory.lexicon
    span = mention_span(doc, head, lexicon)
    mention, start, end = span.text, span.start_char, span.end_char
    lower = head.lower_

    def speaker(rule, name, kind, role=None) -> Speaker:
        return Speaker(name, mention, start, end, kind, role, rule)

    if not any(ch.isalpha() for ch in head.text):
        return speaker(rules.NO_LETTERS, None, None)
    outlet = known_outlet(strip_det(mention))
    if outlet:  # 'Politico', 'the Guardian': a news outlet, whatever the tagger says
        return speaker(rules.OUTLET, outlet, "organization")
    if _body_name(head, span, lexicon):  # 'the Calder Institute', whatever the tagger says
        return speaker(rules.BODY_NAME, strip_det(mention), "organization")
    if head.ent_type_ == "PERSON" or span.label_ == "PERSON":
        return _person(doc, head, span, memory, speaker, rules.PERSON)
    if lower in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[lower]
        subject = sentence_subject(doc, head, memory, gender)
        name = subject or memory.last_person(head.idx, gender=gender)
        if name and _lone_first_name(name) and not memory.names.knows(name):
            return speaker(rules.PRONOUN_FIRST_NAME, None, UNNAMED)  # 'she' for a 'Melanie'
        rule = rules.PRONOUN_SUBJECT if subject else rules.PRONOUN_LAST_PERSON
        return speaker(rule, name, "person", memory.roles.get(name) if name else None)
    if lower in GROUP_PRONOUNS:
        return speaker(rules.GROUP_PRONOUN, memory.last_group(head.idx), "organization")
    group = quantified_group(doc, head, lexicon)
    if group is not None:  # 'some of the women', 'those surveyed'
        share = group.text, group.start_char, group.end_char
        return Speaker(None, *share, UNNAMED, None, rules.SHARE_OF_GROUP)
    if head.pos_ == "PRON":  # "I", "you", "who", "that": nobody we can name
        return speaker(rules.OTHER_PRONOUN, None, None)
    named = head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS
    if named and (memory.names.knows(mention) or _family_name(head, span, memory)):
        return _person(doc, head, span, memory, speaker, rules.KNOWN_NAME)
    if len(strip_det(mention).split()) == 1 and noun_lemma(head) in lexicon.person_nouns:
        return speaker(rules.LONE_PERSON_NOUN, None, UNNAMED)  # 'Senator says …': names nobody
    if head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS:
        return speaker(rules.PROPER_NAME, strip_det(mention), "organization")
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


def _body_name(head: Token, span: Span, lexicon: Lexicon) -> bool:
    """A proper name ending in a word for a body ('Calder Institute'), unless it opens
    with a first name ('Frank Church')."""
    return (
        head.pos_ == "PROPN"
        and noun_lemma(head) in lexicon.organization_nouns
        and gender_of_first_name(strip_det(span.text)) is None
    )


def _person(doc: Doc, head: Token, span: Span, memory: Memory, speaker, rule: str) -> Speaker:
    """A person named by the mention: the article's fullest form of the name. A lone
    first name the article never completes ('Melanie') is an unnamed source."""
    before = [t.text for t in doc[max(0, span.start - 2) : span.end]]
    gender = gender_of_words(before)
    name = memory.canonical(span.text, gender, title_words(before, memory.lexicon))
    role = (
        role_of(doc, head, memory.lexicon)
        or memory.names.affiliation(span.text)
        or split_outlet(span.text)[0]  # 'CNN Jane Roe'
        or memory.roles.get(name)
    )
    if len(name.split()) == 1 and not memory.names.knows(name) and _lone_first_name(name):
        return speaker(rules.LONE_FIRST_NAME, None, UNNAMED, None)
    return speaker(rule, name, "person", clean_role(role))


def _lone_first_name(name: str) -> bool:
    return gender_of_first_name(f"{name} X") is not None


# Words that single out someone not named before: 'the only pollster to predict …'.
_SINGLING_WORDS = frozenset({"only", "other", "another", "first", "next", "same"})


def _described(doc: Doc, head: Token, span: Span, memory: Memory, speaker) -> Speaker:
    """A common noun heads the mention: a person the article named ('the senator'),
    a document's issuer, a named organisation, an unnamed source, a garbled name,
    or nothing that can speak."""
    lemma = noun_lemma(head)
    forms = {lemma, head.lower_}
    determiner = span[0].lower_ if len(span) else ""
    singled_out = any(t.lower_ in _SINGLING_WORDS for t in span)  # 'the only pollster'
    if determiner == "the" and head.tag_ == "NN" and not singled_out:  # 'the senator'
        name = memory.person_with_role(head.idx, lemma)
        if name:
            return speaker(rules.ROLE_NOUN, name, "person", memory.roles.get(name))
    proper = [t for t in span if t.i != head.i and _is_proper(t)]
    lexicon = memory.lexicon
    if forms & lexicon.document_nouns:
        issuer = _issuer(doc, head)
        if issuer is not None:
            return _resolve_one(doc, issuer, memory)._replace(
                mention=span.text,
                start=span.start_char,
                end=span.end_char,
                rule=rules.DOCUMENT_ISSUER,
            )
        return speaker(rules.DOCUMENT, None, UNNAMED, _words(doc, proper))
    plural = head.tag_ in ("NNS", "NNPS")
    body = forms & lexicon.organization_nouns
    if body and not body & lexicon.press_nouns and not plural and proper:
        return speaker(rules.NAMED_BODY, strip_det(span.text), "organization")
    if body or lemma in lexicon.person_nouns:
        return speaker(rules.UNNAMED_NOUN, None, UNNAMED, _words(doc, proper))
    garbled = memory.names.fuzzy(head.text)  # 'The blink told NPR': Blinken, machine-translated
    if garbled:
        return speaker(rules.GARBLED_NAME, garbled, "person", memory.roles.get(garbled))
    if lexicon.is_person_noun(lemma):
        return speaker(rules.PERSON_NOUN, None, UNNAMED, _words(doc, proper))
    if _capitalised_name(doc, head):  # '- Pew notes that …', a name the tagger missed
        return speaker(rules.CAPITALISED_NAME, strip_det(span.text), "organization")
    return speaker(rules.CANNOT_SPEAK, None, None)


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


def _named_apposition(head: Token) -> Token:
    """'The city's finance director, Omar Lindqvist,': the person in apposition."""
    if head.ent_type_ == "PERSON":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return head
