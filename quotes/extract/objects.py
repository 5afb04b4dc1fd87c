"""Reported speech as a noun phrase: what a cue's object says ('cited derogatory
comments', 'called for an inquiry', 'called climate change a hoax'), a passive
subject with its 'by' agent, and a speech noun's that-clause ('his claim that …')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from quotes.extract.clauses import only_rule
from quotes.extract.cues import clause_right_edge
from quotes.extract.reading import Found, Reading, trim
from quotes.extract.rules import builder
from quotes.extract.speakers import agent_of, speaker_of

if TYPE_CHECKING:
    from quotes.extract.patterns import Matched


@builder("predicative_content")
def predicative_content(reading: Reading, verb: Token, matched: Matched) -> Found | None:
    """``called climate change a hoax``, ``described the test as a provocation``."""
    rule_id = only_rule(matched)
    if verb.lemma_.lower() not in reading.lexicon.predicative_cues:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    predicates = [
        c
        for c in verb.children
        if c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.lower_ == "as"
    ]
    if not objects or not predicates and not any(g.dep_ == "dobj" for g in objects[0].children):
        return None
    speaker = speaker_of(verb, reading.lexicon)
    if speaker is None:
        return reading.miss_clause(rule_id, verb, "its cue has no subject")
    end = max([objects[0].right_edge.i] + [p.right_edge.i for p in predicates]) + 1
    bounds = trim(reading.doc, objects[0].left_edge.i, end)
    if bounds is None:
        return reading.miss_clause(rule_id, verb, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, speaker, rule=rule_id)


@builder("object_content")
def object_content(reading: Reading, verb: Token, matched: Matched) -> Found | None:
    """``cited derogatory comments …``, ``called for an inquiry``: the object is the content:
    the first matched direct object or object of a preposition the verb takes
    (object_cues.txt), in the order of the verb's words."""
    lexicon = reading.lexicon
    prepositions = lexicon.object_cues.get(verb.lemma_.lower())
    if not prepositions or verb.pos_ != "VERB":
        return None
    rule_of = {
        node.i: rule
        for rule, matches in matched.items()
        for m in matches
        for name, node in m.items()
        if name in ("object", "preposition")
    }
    content = rule_id = None
    for child in verb.children:
        if child.i not in rule_of:
            continue
        if child.dep_ == "dobj" and "" in prepositions:
            content = child
        elif child.dep_ in ("prep", "prt") and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            content = objects[0] if objects else None
        if content is not None:
            rule_id = rule_of[child.i]
            break
    complement = verb.lemma_.lower() in lexicon.object_complements  # 'accused X of …'
    if content is None:
        return None
    speaker = speaker_of(verb, lexicon)
    if speaker is None or speaker.lower_ in ("it", "there"):
        return reading.miss_clause(rule_id, verb, "its cue has no subject that can speak")
    if content.left_edge.i <= speaker.i <= content.right_edge.i:
        return reading.miss_clause(rule_id, verb, "its subject is inside the object")
    last = max([content.right_edge.i, *(c.right_edge.i for c in verb.rights if c.dep_ == "xcomp")])
    if complement:  # 'accused X of …', 'likened X to …': on to the end of the clause
        last = max(last, clause_right_edge(verb, lexicon))
    end = _before_adjunct(reading, content.left_edge.i, last + 1)
    bounds = trim(reading.doc, content.left_edge.i, end)  # not 'dismissed China's efforts'
    if bounds is None:
        return reading.miss_clause(rule_id, verb, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, speaker, rule=rule_id)


def _before_adjunct(reading: Reading, start: int, end: int) -> int:
    """Where an object's content stops: before a 'during …' or 'amid …' phrase, which
    says when the words were said rather than what they said."""
    for token in reading.doc[start + 2 : end]:
        if token.dep_ == "prep" and token.lower_ in reading.lexicon.time_adjuncts:
            return token.i
    return end


@builder("passive_content")
def passive_content(reading: Reading, verb: Token, matched: Matched) -> Found | None:
    """``The issue was first reported by The Washington Post``: the passive subject
    is what the 'by' agent reported."""
    rule_id = only_rule(matched)
    lemma, lexicon = verb.lemma_.lower(), reading.lexicon
    naming = lemma in lexicon.object_cues or lemma in lexicon.predicative_cues
    if lemma != "report" and not naming:
        return None
    content = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agent = agent_of(verb)
    if not content or agent is None or agent.pos_ not in ("PROPN", "NOUN"):
        return None
    bounds = trim(reading.doc, content[0].left_edge.i, content[0].right_edge.i + 1)
    if bounds is None:
        return reading.miss_clause(rule_id, verb, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, agent, rule=rule_id)


@builder("noun_clause")
def noun_clause(reading: Reading, noun: Token, matched: Matched) -> Found | None:
    """``his claim that people would learn nothing``: speaker from the possessor."""
    rule_id = only_rule(matched)
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp", "relcl")
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    if not owners:
        owners = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        owners = [g for c in owners for g in c.children if g.dep_ == "pobj"]
    if not clauses:
        return None
    if not owners:
        return reading.miss_clause(rule_id, noun, "nobody owns the speech noun")
    clause = clauses[0]
    bounds = trim(reading.doc, clause.left_edge.i, clause.right_edge.i + 1)
    if bounds is None:
        return reading.miss_clause(rule_id, noun, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", noun, owners[0], rule=rule_id)
