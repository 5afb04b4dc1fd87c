"""Cue words: the verbs, nouns and phrases that say someone spoke, and what denies them.

A cue is a reporting verb ('said', 'warned'), 'according to', 'as X put it', or a
verb that names or judges ('called it a "hoax"'). Its clause may still say the
speech did not happen ('did not say', 'refused to condemn', 'if he says').
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.extract.lexicon import Lexicon
from quotes.extract.reading import Reading
from quotes.extract.speakers import agent_of

CONTENT_DEPS = ("ccomp",)
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def is_cue(token: Token, lexicon: Lexicon) -> bool:
    """A reporting verb, or the 'put' of 'as X put it'."""
    if token.lemma_.lower() == "put":  # "as X put it"
        return any(c.lower_ == "it" for c in token.children) and any(
            c.lower_ == "as" for c in token.children
        )
    return token.lemma_.lower() in lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX")


def is_naming_cue(token: Token, lexicon: Lexicon) -> bool:
    """'branded North Korea an "outlaw nation"': a verb that names or judges."""
    lemma = token.lemma_.lower()
    naming = lemma in lexicon.predicative_cues or lemma in lexicon.object_cues
    return token.pos_ == "VERB" and naming


def according(token: Token) -> Token | None:
    """The X of 'according to X', when ``token`` is that 'according'."""
    if token.lower_ != "according":
        return None
    return agent_of(token)


def subordinate(verb: Token, lexicon: Lexicon) -> bool:
    """True when the verb heads a clause opened by 'when', 'because', 'after' …
    (not 'as': '"…," as Lee said')."""
    return any(
        c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ in lexicon.subordinators
        for c in verb.children
    )


def has_clause(verb: Token) -> bool:
    """Whether the verb has a complement clause after it ('said the plan …')."""
    return any(c.dep_ in CONTENT_DEPS and c.i > verb.i for c in verb.children)


def reports(token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is a cue verb with content of its own: a clause ('say China
    has …'), an object ('accused Washington of …') or, for a directive, an infinitive."""
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    deps = {c.dep_ for c in token.children}
    return (
        (is_cue(token, lexicon) and "ccomp" in deps)
        or (lemma in lexicon.object_cues and "dobj" in deps)
        or (lemma in lexicon.directive_cues and "xcomp" in deps)
    )


def denied(reading: Reading, cue: Token | None) -> bool:
    """Speech the sentence says did not happen: 'did not announce', 'would not say
    whether', 'refused to condemn', 'Xi's refusal to condemn', 'if he says'. Two
    denials cancel ('did not hesitate to say'); a negation inside the quote
    ('"Probably not," she said') denies nothing."""
    if cue is None:
        return False
    lexicon = reading.lexicon
    denials = 0
    token = cue
    for _ in range(3):
        denials += sum(_negates(reading, c, token) for c in token.children)
        if token is not cue and token.lemma_.lower() in lexicon.negative_verbs:
            denials += 1
        if any(c.dep_ == "mark" and c.lower_ in lexicon.conditionals for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "acl") or token.head is token:
            break
        token = token.head
    return denials % 2 == 1


def _negates(reading: Reading, child: Token, verb: Token) -> bool:
    """'not' or 'never' right before the verb it negates, outside any quote."""
    return child.dep_ == "neg" and 0 < verb.i - child.i <= 3 and reading.outside(child)


def cue_bounds(cue: Token | None) -> tuple[int, int] | None:
    """The cue's offsets: one word, or both words of 'according to'."""
    if cue is None:
        return None
    last = cue.nbor() if cue.lower_ == "according" and cue.i + 1 < len(cue.doc) else cue
    return cue.idx, last.idx + len(last)


def clause_right_edge(verb: Token, lexicon: Lexicon) -> int:
    """The last token of the verb's own clause: its subtree without a following
    coordinated clause that has a subject of its own (', and others called …',
    but not '… and that he had seen …') or a cue of its own ('called X a "threat"
    and accused Y of …': each cue reports its own words)."""
    right = verb.i
    for child in verb.rights:
        words = {g.dep_ for g in child.children}
        if child.dep_ == "conj" and (
            words & set(SUBJECT_DEPS) and "mark" not in words or reports(child, lexicon)
        ):
            break
        if child.dep_ not in ("cc", "punct"):
            right = max(right, child.right_edge.i)
    return right


def next_attribution(verb: Token, lexicon: Lexicon) -> int:
    """Where a clause coordinated with the verb's own begins when it reports words of
    its own ('vowed not to …, but analysts say …'): content stops there."""
    for child in verb.rights:
        if child.dep_ == "conj" and reports(child, lexicon):
            before = [c.i for c in verb.rights if c.dep_ == "cc" and c.i < child.i]
            return min([child.left_edge.i, *before])
    return len(verb.doc)
