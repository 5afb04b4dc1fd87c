"""Reported speech as a clause: what a reporting verb's complement says, an aside
('The museum, Mr. Obama said, would …') and ``CLAUSE, according to X``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from quotes.extract.cues import is_cue, next_attribution
from quotes.extract.reading import Found, Reading, trim, trim_end
from quotes.extract.rules import builder
from quotes.extract.speakers import agent_of, speaker_of

if TYPE_CHECKING:
    from quotes.extract.patterns import Matched


def only_rule(matched: Matched) -> str:
    """The id of the one rule a builder of one rule was called for."""
    return next(iter(matched))


@builder("complement_clause")
def complement_clause(reading: Reading, verb: Token, matched: Matched) -> Found | None:
    """``X said the plan was a mistake``, ``urged Congress to act``, ``asked if …``: of the
    matched clauses the first after the verb (else the last before it), run on to the
    sentence end when it follows the verb."""
    rule_of = {m["clause"].i: rule for rule, matches in matched.items() for m in matches}
    clauses = sorted({m["clause"] for ms in matched.values() for m in ms}, key=lambda c: c.i)
    clauses.sort(key=lambda c: c.i < verb.i)  # '…; the team says she'll continue': the one after
    clause = clauses[0]
    rule_id = rule_of[clause.i]
    doc, lexicon = reading.doc, reading.lexicon
    outside = (
        range(0, clause.left_edge.i)
        if clause.i > verb.i
        else range(clause.right_edge.i + 1, len(doc))
    )
    speaker = speaker_of(verb, lexicon, within=outside)
    if speaker is None or speaker.lower_ in ("it", "there"):
        return reading.miss_clause(rule_id, verb, "its cue has no subject that can speak")
    start_token, end_token = clause.left_edge, clause.right_edge
    if start_token.i <= speaker.i <= end_token.i:
        return reading.miss_clause(rule_id, verb, "its subject is inside the clause")
    end_i = end_token.i + 1
    if clause.i > verb.i:  # "X said CONTENT, because ...": the content runs to the sentence end
        last = min(verb.sent.end, next_attribution(verb, lexicon))
        if verb.dep_ == "advcl" and verb.i < verb.head.i:  # unless the main clause follows
            last = min(last, verb.right_edge.i + 1)
        end_i = max(end_i, last)
    end_i = _before_according(doc, start_token.i, end_i)
    bounds = trim(doc, start_token.i, end_i)
    if bounds is None:
        return reading.miss_clause(rule_id, verb, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, speaker, rule=rule_id)


def _before_according(doc: Doc, start: int, end: int) -> int:
    """Where content ending in ', according to X' stops: before that phrase, which
    credits its own source ('Analysts say the drop …, according to customs data')."""
    last = trim_end(doc, end)
    for token in doc[start + 3 : end]:
        closing = token.right_edge.i + 1 >= last
        if token.lower_ == "according" and doc[token.i - 1].text == "," and closing:
            return token.i - 1
    return end


@builder("parenthetical")
def parenthetical(reading: Reading, verb: Token, matched: Matched) -> Found | None:
    """``The museum, Mr. Obama said, would make …``: the cue sits inside its content."""
    rule_id = only_rule(matched)
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "advcl" and any(child.dep_ == "mark" for child in verb.children):
        return None  # "as she called for …", "though she noted": subordinate, not an aside
    if verb.dep_ != "parataxis" and verb.head.i > verb.i:
        return None
    if verb.dep_ == "ccomp" and is_cue(verb.head, reading.lexicon):  # 'told NPR he warned …'
        return None
    speaker = speaker_of(verb, reading.lexicon)
    if speaker is None or speaker.head.i != verb.i:
        return reading.miss_clause(rule_id, verb.head, "the aside has no subject of its own")
    aside = {t.i for t in verb.subtree}
    sentence = verb.sent
    tokens = [
        t.i for t in verb.head.subtree if t.i not in aside and sentence.start <= t.i < sentence.end
    ]
    if not tokens:
        return None
    bounds = trim(reading.doc, tokens[0], tokens[-1] + 1)
    if bounds is None:
        return reading.miss_clause(rule_id, verb.head, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, speaker, rule=rule_id)


@builder("according_clause")
def according_clause(reading: Reading, according: Token, matched: Matched) -> Found | None:
    """``CLAUSE, according to X``: the rest of the sentence, on the longer side; X is
    the first object of 'to' (or 'by')."""
    source = agent_of(according)
    if source is None:
        return None
    rule_id = only_rule(matched)
    sentence = according.sent
    phrase = {t.i for t in according.subtree}
    tokens = [t.i for t in sentence if t.i not in phrase]
    if not tokens:
        return None
    before = [i for i in tokens if i < according.i]
    after = [i for i in tokens if i > according.i]
    side = before if len(before) >= len(after) else after
    side = _without_participle(reading.doc, side)
    bounds = trim(reading.doc, side[0], side[-1] + 1)
    if bounds is None:
        return reading.miss_clause(rule_id, according.head, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", according, source, rule=rule_id)


def _without_participle(doc: Doc, indexes: list[int]) -> list[int]:
    """Content without a closing participle clause after a comma, the reporter's own
    gloss: 'the two leaders met … more than 40 times, signaling both men's …'."""
    words = [i for i in indexes if not doc[i].is_punct]
    for position, i in enumerate(indexes):
        token = doc[i]
        if (
            position > 2
            and token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and doc[i - 1].text == ","
            and words
            and token.right_edge.i >= words[-1]
        ):
            return indexes[: position - 1]
    return indexes
