"""Reported speech as a clause: what a reporting verb's complement says, an aside
('The museum, Mr. Obama said, would …') and ``CLAUSE, according to X``."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotes.extract.cues import CONTENT_DEPS, is_cue, next_attribution
from quotes.extract.lexicon import Lexicon
from quotes.extract.reading import Found, Reading, trim, trim_end
from quotes.extract.rules import REPORTED, register, rule
from quotes.extract.speakers import speaker_of

COMPLEMENT_CLAUSE = register(
    "reported.complement_clause",
    REPORTED,
    "``X said the plan was a mistake``: a reporting verb's complement clause (ccomp).",
)
DIRECTIVE = register(
    "reported.directive",
    REPORTED,
    "``urged Congress to act``, ``vowed to fight``: a directive cue's infinitive (xcomp).",
)
ASKED_WHETHER = register(
    "reported.asked_whether",
    REPORTED,
    "``asked workers if they would come``: the question of 'ask' or 'wonder'.",
)
PARENTHETICAL = "reported.parenthetical"
ACCORDING_TO = "reported.according_to"
_CLAUSE_RULES = {"ccomp": COMPLEMENT_CLAUSE, "xcomp": DIRECTIVE, "advcl": ASKED_WHETHER}


def complement_clause(reading: Reading, verb: Token) -> Found | None:
    """``X said the plan was a mistake``, ``urged Congress to act``, ``asked if …``: the
    verb's complement clause, run on to the sentence end when it follows the verb."""
    lexicon = reading.lexicon
    deps = CONTENT_DEPS + (("xcomp",) if verb.lemma_.lower() in lexicon.directive_cues else ())
    clauses = [c for c in verb.children if c.dep_ in deps or _asked_whether(c, lexicon)]
    if not clauses:
        return parenthetical(reading, verb)
    clauses.sort(key=lambda c: c.i < verb.i)  # '…; the team says she'll continue': the one after
    clause = clauses[0]
    rule_id = _CLAUSE_RULES[clause.dep_]
    doc = reading.doc
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


def _asked_whether(clause: Token, lexicon: Lexicon) -> bool:
    """'asked workers if they would come': the parser hangs the question as an adverbial."""
    return (
        clause.dep_ == "advcl"
        and clause.head.lemma_.lower() in lexicon.question_cues
        and clause.head.tag_ != "VBN"  # 'Asked if …, Lee said': Lee did not ask
        and clause.i > clause.head.i
        and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)
    )


def _before_according(doc: Doc, start: int, end: int) -> int:
    """Where content ending in ', according to X' stops: before that phrase, which
    credits its own source ('Analysts say the drop …, according to customs data')."""
    last = trim_end(doc, end)
    for token in doc[start + 3 : end]:
        closing = token.right_edge.i + 1 >= last
        if token.lower_ == "according" and doc[token.i - 1].text == "," and closing:
            return token.i - 1
    return end


@rule(PARENTHETICAL, REPORTED)
def parenthetical(reading: Reading, verb: Token) -> Found | None:
    """``The museum, Mr. Obama said, would make …``: the cue sits inside its content."""
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
        return reading.miss_clause(PARENTHETICAL, verb.head, "the aside has no subject of its own")
    aside = {t.i for t in verb.subtree}
    sentence = verb.sent
    tokens = [
        t.i for t in verb.head.subtree if t.i not in aside and sentence.start <= t.i < sentence.end
    ]
    if not tokens:
        return None
    bounds = trim(reading.doc, tokens[0], tokens[-1] + 1)
    if bounds is None:
        return reading.miss_clause(PARENTHETICAL, verb.head, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", verb, speaker, rule=PARENTHETICAL)


@rule(ACCORDING_TO, REPORTED)
def according_clause(reading: Reading, according: Token, source: Token) -> Found | None:
    """``CLAUSE, according to X``: the rest of the sentence, on the longer side."""
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
        return reading.miss_clause(ACCORDING_TO, according.head, "fewer than three words")
    return Found(bounds[0], bounds[1], "indirect", according, source, rule=ACCORDING_TO)


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
