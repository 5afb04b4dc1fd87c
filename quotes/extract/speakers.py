"""From a cue word to the speaker: the mention in the parse, and who it refers to.

A mention is the noun phrase that says who spoke ("Mr. Putin", "he",
"Elizabeth Wishnick", "Western analysts", "the Kremlin"). Resolution turns it
into a canonical speaker, using the people and organisations named earlier in
the article for pronouns ("he says") and descriptors ("the Russian leader").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from quotes.extract.gender import gender_of_first_name, gender_of_words, gendered_words
from quotes.extract.lexicon import descriptors, message_nouns, titles
from quotes.extract.names import NameBook, clean_name, split_affiliation

PERSON_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "it", "its"})
_NAME_LABELS = frozenset({"PERSON"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
_MISTAKEN_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})
_DASHES = frozenset({"—", "–", "--", "-"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
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


class Speaker(NamedTuple):
    """Who said it: canonical name, the mention's text and offsets, type and role."""

    name: str | None
    mention: str
    start: int
    end: int
    kind: str | None
    role: str | None


def subject_of(verb: Token, within: range | None = None) -> Token | None:
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
            return _message_owner(verb.head) or verb.head
        return child
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("PROPN", "NOUN"):
        return _message_owner(verb.head) or verb.head  # "officials asking, …": the noun
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return _controller(verb) or subject_of(verb.head)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head)  # "…, she sang before asking him, …"
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return None


def speaker_of(cue: Token, within: range | None = None) -> Token | None:
    """Who speaks through a cue verb: its subject, or for a passive cue ('was called
    a charlatan by physicians', 'was told that …') the 'by' agent, if any."""
    subject = subject_of(cue, within=within)
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


def _message_owner(noun: Token) -> Token | None:
    """Who issued a message noun ('the council issued a statement calling …',
    'in a letter urging …', 'her statement saying …'), when the parse says."""
    if noun.lemma_.lower() not in message_nouns():
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
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


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


def mention_span(doc: Doc, head: Token) -> Span:
    """The noun phrase around ``head``: its entity when it has one, else the
    head with its name-like left modifiers (no appositions, no clauses)."""
    if head.ent_type_ in _NAME_LABELS | _ORG_LABELS:
        for ent in doc.ents:
            if ent.start <= head.i < ent.end:
                return ent
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


def role_of(doc: Doc, head: Token) -> str | None:
    """An apposition ('…, director of the Carnegie Center') or a title before the name."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            words = [
                t
                for t in child.subtree
                if not (t.dep_ == "punct" and t.i in (child.left_edge.i, child.right_edge.i))
            ]
            if words and words[0].ent_type_ != "PERSON":
                return doc[words[0].i : words[-1].i + 1].text.strip(" ,")
    title_words = [
        t for t in head.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ != "PERSON"
    ]
    if any(t.lower_.rstrip(".") in titles() for t in title_words):
        first = min(t.left_edge.i for t in title_words)
        last = max(t.i for t in title_words)
        text = doc[first : last + 1].text
        if text.lower().rstrip(".") not in ("mr", "mrs", "ms", "dr"):
            return text
    return None


@dataclass
class Memory:
    """What the article has said so far: people and organisations, most recent last."""

    names: NameBook
    people: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    sentences: dict[int, int] = field(default_factory=dict)
    subjects: set[int] = field(default_factory=set)
    main_subjects: set[int] = field(default_factory=set)

    def remember(self, start: int, name: str, head: Token | None = None) -> None:
        """Record a person mentioned at offset ``start``, with the sentence and
        role of its head token when known."""
        self.people.append((start, name))
        if head is not None and head.doc.has_annotation("SENT_START"):
            self.sentences[start] = head.sent.start_char
            if head.dep_ in ("nsubj", "nsubjpass"):
                self.subjects.add(start)
                verb = head.head.head if head.head.dep_ == "conj" else head.head
                if verb.dep_ == "ROOT":
                    self.main_subjects.add(start)

    def gender(self, name: str) -> str | None:
        """What the article says of this person's gender, else the first name's usual one."""
        return self.genders.get(name) or gender_of_first_name(name)

    def last_person(
        self, before: int, role_word: str | None = None, gender: str | None = None
    ) -> str | None:
        """The person a pronoun at offset ``before`` most likely means (of ``gender``):
        one with the role word when given, else from the last sentence naming
        anyone, its main subject, else another subject, else its first person."""
        mentions = sorted((start, name) for start, name in self.people if start < before)
        if gender:
            mentions = [(s, n) for s, n in mentions if self.gender(n) in (None, gender)]
        if role_word:
            matching = [n for s, n in mentions if role_word in self.roles.get(n, "").lower()]
            if matching:
                return matching[-1]
        if not mentions:
            return None
        sentence = self.sentences.get(mentions[-1][0])
        if sentence is None:
            return mentions[-1][1]
        same = [(s, n) for s, n in mentions if self.sentences.get(s) == sentence]
        for preferred in (self.main_subjects, self.subjects):
            chosen = [n for s, n in same if s in preferred]
            if chosen:
                return chosen[0]
        return same[0][1]

    def last_group(self, before: int) -> str | None:
        """The most recent organisation or group mentioned before offset ``before``."""
        candidates = [name for start, name in self.groups if start < before]
        return candidates[-1] if candidates else None


def build_memory(doc: Doc, quoted: list | None = None) -> Memory:
    """Collect the people (with roles) and organisations named in ``doc``,
    leaving out those named only inside the quoted passages ``quoted``."""
    book = NameBook()
    inside = [(s.mark_start, s.mark_end) for s in quoted or ()]
    persons = [
        e
        for e in [*doc.ents, *_titled_names(doc), *_first_named(doc)]
        if e.label_ == "PERSON" and not any(a <= e.start_char < b for a, b in inside)
    ]
    for ent in persons:
        book.add(ent.text)
    named = {e.start for e in persons}
    persons += [  # 'Fiorina' tagged ORG once 'Carly Fiorina' is known to be a person
        Span(doc, e.start, e.end, label="PERSON")
        for e in doc.ents
        if e.label_ in _MISTAKEN_LABELS
        and e.start not in named
        and all(t.pos_ == "PROPN" for t in e)
        and book.knows(e.text)
        and not any(a <= e.start_char < b for a, b in inside)
    ]
    persons.sort(key=lambda e: e.start)
    memory = Memory(book)
    for ent in persons:
        name = book.canonical(ent.text)
        if not name:
            continue
        memory.remember(ent.start_char, name, ent.root)
        gender = gender_of_words([t.text for t in _title_words(doc, ent)])
        if gender and name not in memory.genders:
            memory.genders[name] = gender
        role = role_of(doc, ent.root)
        affiliation = split_affiliation(clean_name(ent.text))[1]
        if (role or affiliation) and name not in memory.roles:
            memory.roles[name] = role or affiliation
    for ent in doc.ents:
        if ent.label_ in ("ORG",):
            memory.groups.append((ent.start_char, _strip_det(ent.text)))
    return memory


def _title_words(doc: Doc, ent: Span) -> list[Token]:
    """The name's own words and the title words right before it ('Rep.',
    'spokeswoman'), never those of another name ('Mr. Lee and Anna Berg')."""
    start = ent.start
    while start > max(0, ent.start - 3) and _is_title_word(doc[start - 1]):
        start -= 1
    return list(doc[start : ent.end])


def _is_title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in titles() or word in gendered_words()


def _first_named(doc: Doc) -> list[Span]:
    """People the model tagged as something else ('Carly Fiorina' as ORG): two or
    three proper nouns opening with a first name of a known gender."""
    return [
        Span(doc, e.start, e.end, label="PERSON")
        for e in doc.ents
        if e.label_ in _MISTAKEN_LABELS
        and 2 <= len(e) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in e)
        and gender_of_first_name(e.text)
    ]


def _titled_names(doc: Doc) -> list[Span]:
    """Names the model missed but a title gives away: 'Secretary General Ban
    Ki-moon said …' (a subject whose words start with a title, then a name)."""
    found = []
    for token in doc:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN":
            continue
        if token.ent_type_ == "PERSON":
            continue
        span = mention_span(doc, token)
        words = [t for t in span if t.pos_ != "DET"]
        titled = [t for t in words if t.lower_.rstrip(".") in titles()]
        names = [t for t in words[len(titled) :] if t.pos_ == "PROPN"]
        if titled and words[: len(titled)] == titled and names:
            found.append(Span(doc, names[0].i, span.end, label="PERSON"))
    return found


def resolve(doc: Doc, head: Token, memory: Memory) -> Speaker:
    """Turn the head of a speaker mention into a canonical speaker."""
    head = _named_apposition(head)
    span = mention_span(doc, head)
    mention = span.text
    lower = head.lower_
    if not any(ch.isalpha() for ch in head.text):
        return Speaker(None, mention, span.start_char, span.end_char, None, None)
    if head.ent_type_ == "PERSON" or (span.label_ == "PERSON"):
        name = memory.names.canonical(span.text)
        role = role_of(doc, head) or memory.roles.get(name)
        return Speaker(name, mention, span.start_char, span.end_char, "person", role)
    if lower in PERSON_PRONOUNS:
        name = _sentence_subject(doc, head, memory, PERSON_PRONOUNS[lower]) or memory.last_person(
            head.idx, gender=PERSON_PRONOUNS[lower]
        )
        return Speaker(
            name,
            mention,
            span.start_char,
            span.end_char,
            "person",
            memory.roles.get(name) if name else None,
        )
    if lower in GROUP_PRONOUNS:
        name = memory.last_group(head.idx)
        return Speaker(name, mention, span.start_char, span.end_char, "organization", None)
    group = _quantified_group(doc, head)
    if group is not None:
        text = _strip_det(group.text)
        return Speaker(text, group.text, group.start_char, group.end_char, "group", None)
    if head.pos_ == "PRON":  # "I", "you", "who", "that": nobody we can name
        return Speaker(None, mention, span.start_char, span.end_char, None, None)
    if head.pos_ == "PROPN" and memory.names.knows(split_affiliation(clean_name(mention))[0]):
        name = memory.names.canonical(mention)
        role = memory.roles.get(name) or split_affiliation(clean_name(mention))[1]
        return Speaker(name, mention, span.start_char, span.end_char, "person", role)
    if head.pos_ == "PROPN" or head.ent_type_ in _ORG_LABELS:
        return Speaker(
            _strip_det(mention), mention, span.start_char, span.end_char, "organization", None
        )
    determiner = span[0].lower_ if len(span) else ""
    if determiner == "the" and lower in descriptors() and head.tag_ == "NN":
        name = memory.last_person(head.idx, role_word=lower)
        if name:
            return Speaker(
                name, mention, span.start_char, span.end_char, "person", memory.roles.get(name)
            )
    if head.tag_ in ("NNS", "NNPS") or determiner in ("a", "an", "one"):
        kind = "group"
    else:
        kind = "person" if lower in descriptors() else "organization"
    return Speaker(_strip_det(mention), mention, span.start_char, span.end_char, kind, None)


_QUANTIFIERS = frozenset(
    ["some", "many", "most", "all", "several", "few", "both", "half", "those", "others"]
)


def _quantified_group(doc: Doc, head: Token) -> Span | None:
    """'Some of the women', 'many in the crowd', 'those surveyed': a share of a
    group, named by the whole phrase."""
    if head.lower_ not in _QUANTIFIERS or head.pos_ not in ("PRON", "DET", "NOUN"):
        return None
    parts = [c for c in head.rights if c.dep_ in ("prep", "acl", "amod")]
    if not parts:
        return None
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
        name = memory.names.canonical(text)
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


def _strip_det(text: str) -> str:
    words = text.lstrip("-―—– ").split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)
