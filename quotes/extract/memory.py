"""What an article says about its people before any quote is resolved: who is named,
where, with which role and gender, and which organisations it names.

Names on headings and page furniture (see :mod:`quotes.extract.layout`) and
inside quoted passages are left out: "Rip Donald Trump" in a headline is no
one's name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from spacy.symbols import PROPN, nsubj, nsubjpass
from spacy.tokens import Doc, Span, Token

from quotes.extract.layout import Intervals, Layout
from quotes.extract.lexicon import Lexicon
from quotes.extract.mentions import (
    clean_role,
    mention_span,
    role_of,
    strip_det,
    title_words,
    whole_name,
)
from quotes.extract.names import Context, NameBook
from quotes.gender import gender_of_first_name, gender_of_words, gendered_words
from quotes.names import clean_name, family_name, fold, split_affiliation

_MISTAKEN_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})


@dataclass
class Memory:
    """What the article names: people (by offset, in text order) with their roles,
    genders and sentences; organisations and groups that were subjects."""

    names: NameBook
    layout: Layout | None = None
    lexicon: Lexicon = field(default_factory=Lexicon.default)
    people: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    sentences: dict[int, int] = field(default_factory=dict)
    subjects: set[int] = field(default_factory=set)
    main_subjects: set[int] = field(default_factory=set)
    family_names: set[str] = field(default_factory=set)

    def is_family_name(self, word: str) -> bool:
        """Whether the article writes ``word`` as a person's family name somewhere
        ('Sanders said' tagged an organisation, where 'Bernie Sanders' is a person)."""
        return fold(word) in self.family_names

    def remember(self, start: int, name: str, head: Token | None = None) -> None:
        """Record a person mentioned at offset ``start``, with the sentence and
        role of its head token when known."""
        insort(self.people, (start, name))
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

    def canonical(
        self, name: str, gender: str | None = None, titles: frozenset[str] = frozenset()
    ) -> str:
        """The fullest name in the article for the person written as ``name``, told
        apart from others of the family by the mention's ``gender`` and ``titles``."""
        context = Context(titles, gender, self.roles.get, self.gender)
        return self.names.canonical(name, context)

    def person_with_role(self, before: int, word: str) -> str | None:
        """The person named last before offset ``before`` whose role is a ``word``
        ('the retired neurosurgeon': the person introduced as one; not 'the campaign'
        for a 'campaign manager')."""
        for index in range(bisect_left(self.people, (before, "")) - 1, -1, -1):
            name = self.people[index][1]
            if word == role_head(self.roles.get(name, "")):
                return name
        return None

    def last_person(self, before: int, gender: str | None = None) -> str | None:
        """The person a pronoun at offset ``before`` most likely means (of ``gender``):
        from the last sentence naming anyone, its main subject, else another subject,
        else its first person."""
        earlier = (
            self.people[index]
            for index in range(bisect_left(self.people, (before, "")) - 1, -1, -1)
        )
        fitting = ((s, n) for s, n in earlier if not gender or self.gender(n) in (None, gender))
        last = next(fitting, None)
        if last is None:
            return None
        sentence = self.sentences.get(last[0])
        if sentence is None:
            return last[1]
        same = [last]
        for start, name in fitting:  # the rest of the last sentence naming anyone, backwards
            if self.sentences.get(start) != sentence:
                break
            same.append((start, name))
        same.reverse()
        for preferred in (self.main_subjects, self.subjects):
            chosen = [n for s, n in same if s in preferred]
            if chosen:
                return chosen[0]
        return same[0][1]

    def last_group(self, before: int) -> str | None:
        """The organisation or group last named as a subject before offset ``before``."""
        index = bisect_left(self.groups, (before, ""))
        return self.groups[index - 1][1] if index else None


def build_memory(
    doc: Doc,
    quoted: list | None = None,
    layout: Layout | None = None,
    lexicon: Lexicon | None = None,
) -> Memory:
    """Collect the people (with roles) and organisations named in ``doc``'s prose,
    leaving out those named only inside the quoted passages ``quoted``; titles and
    roles are told by ``lexicon`` (by default the package's)."""
    lexicon = lexicon or Lexicon.default()
    book = NameBook()
    inside = Intervals((s.mark_start, s.mark_end) for s in quoted or ())

    def counts(ent: Span) -> bool:
        prose = layout is None or layout.is_prose(ent.start_char)
        return prose and not inside.holds(ent.start_char)

    persons = [
        whole_name(e, lexicon)
        for e in [*doc.ents, *_titled_names(doc, lexicon), *_first_named(doc)]
        if e.label_ == "PERSON" and counts(e)
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
        and counts(e)
    ]
    persons.sort(key=lambda e: e.start)
    memory = Memory(book, layout, lexicon)
    # Any person's family name, headlines included: 'Sanders' is a person in the story
    # 'Bernie Sanders Endorses …' even where the model tags it an organisation.
    everyone = [e for e in [*doc.ents, *_first_named(doc)] if e.label_ == "PERSON"]
    memory.family_names = {fold(family_name(clean_name(e.text))) for e in [*persons, *everyone]}
    for ent in persons:
        words = [t.text for t in _title_words(doc, ent, lexicon)]
        gender = gender_of_words(words)
        name = memory.canonical(ent.text, gender, title_words(words, lexicon))
        if not name:
            continue
        memory.remember(ent.start_char, name, ent.root)
        if gender and name not in memory.genders:
            memory.genders[name] = gender
        role = role_of(doc, ent.root, lexicon)
        affiliation = split_affiliation(clean_name(ent.text))[1]
        if (role or affiliation) and name not in memory.roles:
            memory.roles[name] = clean_role(role or affiliation)
    for ent in doc.ents:
        if (
            ent.label_ in _GROUP_LABELS
            and ent.root.dep_ in ("nsubj", "nsubjpass")
            and counts(ent)
            and not memory.is_family_name(ent.text)  # 'Trump' tagged ORG is no 'they'
        ):
            memory.groups.append((ent.start_char, strip_det(ent.text)))
    return memory


def _title_words(doc: Doc, ent: Span, lexicon: Lexicon) -> list[Token]:
    """The name's own words and the title words right before it ('Rep.',
    'spokeswoman'), never those of another name ('Mr. Lee and Anna Berg')."""
    start = ent.start
    while start > max(0, ent.start - 3) and _is_title_word(doc[start - 1], lexicon):
        start -= 1
    return list(doc[start : ent.end])


def _is_title_word(token: Token, lexicon: Lexicon) -> bool:
    word = token.lower_.rstrip(".")
    return word in lexicon.titles or word in gendered_words()


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


_ROLE_HEAD_END = re.compile(r",|\s(?:of|at|for|in|on|with|who|and|to|from)\s", re.IGNORECASE)


def role_head(role: str) -> str:
    """The noun a role is headed by, lowercase: 'director of the Carnegie Center' →
    'director', 'Donald Trump campaign manager' → 'manager'."""
    words = _ROLE_HEAD_END.split(role, maxsplit=1)[0].split()
    return words[-1].strip(".,;:'’\"“”()").lower() if words else ""


def _titled_names(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Names the model missed but a title gives away: 'Secretary General Ban
    Ki-moon said …' (a subject whose words start with a title, then a name)."""
    found = []
    for token in doc:
        if token.pos != PROPN or token.dep not in (nsubj, nsubjpass):  # ids: every word is read
            continue
        if token.ent_type_ == "PERSON":
            continue
        span = mention_span(doc, token, lexicon)
        words = [t for t in span if t.pos_ != "DET"]
        titled = [t for t in words if t.lower_.rstrip(".") in lexicon.titles]
        names = [t for t in words[len(titled) :] if t.pos_ == "PROPN"]
        if titled and words[: len(titled)] == titled and names:
            found.append(Span(doc, names[0].i, span.end, label="PERSON"))
    return found
