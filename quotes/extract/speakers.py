"""From a cue word to the word for who spoke: its subject, its 'by' agent, a message's issuer.

The word found here heads a *mention* ("Mr. Putin", "he", "Western analysts");
:mod:`quotes.extract.mentions` turns it into a speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.lexicon import Lexicon

_DASHES = frozenset({"—", "–", "--", "-"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def subject_of(verb: Token, lexicon: Lexicon, within: range | None = None) -> Token | None:
    """The subject of a cue verb, following conjunctions and relative clauses.

    With ``within`` (token indexes), a subject there wins over one elsewhere:
    the parser sometimes hangs a subject from inside the quote on the cue too.
    """
    subjects = [
        _after_dateline(child)
        for child in verb.children
        if child.dep_ in _SUBJECTS
        and any(ch.isalpha() for ch in child.text)
        and child.ent_type_ not in ("DATE", "TIME")
    ]
    subjects = [child for child in subjects if child is not None]
    if within is not None:
        subjects.sort(key=lambda t: t.i not in within)
    for child in subjects:
        if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return _message_owner(verb.head, lexicon) or verb.head
        return child
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("PROPN", "NOUN"):
        return _message_owner(verb.head, lexicon) or verb.head  # "officials asking, …": the noun
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return _controller(verb) or subject_of(verb.head, lexicon)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, lexicon)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, lexicon)  # "…, she sang before asking him, …"
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, lexicon)
    return None


def speaker_of(cue: Token, lexicon: Lexicon, within: range | None = None) -> Token | None:
    """Who speaks through a cue verb: its subject, or for a passive cue ('was called
    a charlatan by physicians', 'was told that …') the 'by' agent, if any."""
    subject = subject_of(cue, lexicon, within=within)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head == cue:
        return agent_of(cue)
    return subject


def _after_dateline(token: Token) -> Token | None:
    """The subject itself, or when the parser took a dateline for it ('LONDON (AP) —
    …'), the name it put in apposition to the dateline, if any."""
    if not _is_dateline(token):
        return token
    dashes = [t.i for t in token.doc[token.i + 1 : token.i + 9] if t.text in _DASHES]
    return next(
        (c for c in token.children if c.dep_ == "appos" and dashes and c.i > dashes[0]), None
    )


def _is_dateline(token: Token) -> bool:
    """'LONDON (AP) — …', 'MYRTLE BEACH, S.C. — …': the place a wire story opens with."""
    first = token.left_edge
    opens = first.i == 0 or "\n" in token.doc[first.i - 1].text or first.is_sent_start
    words = token.doc[first.i : token.i + 1]
    after = token.doc[token.i + 1 : token.i + 9]
    return (
        opens
        and all(t.is_upper or not t.is_alpha for t in words)
        and any(t.text in _DASHES or t.text == "(" for t in after)
    )


def _message_owner(noun: Token, lexicon: Lexicon) -> Token | None:
    """Who issued a message noun ('the council issued a statement calling …',
    'in a letter urging …', 'her statement saying …'), when the parse says."""
    if noun.lemma_.lower() not in lexicon.message_nouns:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners[0]
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(verb, lexicon)  # 'Putin and Xi …, issuing a joint statement which called …'


def _controller(verb: Token) -> Token | None:
    """The person an open clause is about when its verb has one as object:
    'forced Stumpf to admit …', 'footage of Ann Lee asking, …'."""
    for obj in verb.head.children:
        if obj.dep_ != "dobj" or obj.i > verb.i:
            continue
        if _is_person_like(obj):
            return obj
        named = [
            pobj
            for prep in obj.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            and pobj.ent_type_ == "PERSON"
            and pobj.right_edge.i == verb.i - 1
        ]
        if named:
            return named[0]
    return None


def _is_person_like(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "ORG") or token.lower_ in ("him", "her", "them")


def agent_of(verb: Token) -> Token | None:
    """The 'by X' of a passive cue ('was told by X'), or 'to X' of 'according to X'."""
    for child in verb.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None
