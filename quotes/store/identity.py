"""One person, one speaker, across the whole database, whatever order articles came in.

The extractor names each quote's speaker as fully as its article allows
("Vladimir Putin" in one story, "Putin" in another that never gives his first
name). Each quote keeps that name (``extracted_speaker``) and its family-name
key (``speaker_key``, see :mod:`quotes.names`); :func:`save_article` gives it a
provisional speaker row by exact name or alias and marks its key pending.
:func:`reconcile` then decides, for every pending key, which people the
database holds and which row each quote belongs to, from all the quotes of
that key at once:

- full names that can be one person ("Hillary Clinton", "Hillary Rodham
  Clinton") are one, named by the form most articles use; names that cannot
  ("Bill Clinton") stay apart, and so does a suffix ("Donald Trump Jr.");
- a family name alone ("Clinton") is the person of that family the database
  means: the only one; the one its title names ("President Obama": the Obama
  nine in ten of that family's mentions with "President" are); the one its
  title's gender allows ("Mrs. Clinton"); or the one named in at least 19 of
  every 20 articles of that family. Otherwise it stays apart rather than guess;
- the curators' word wins: a speaker renamed, merged or given an alias keeps its
  name and every form it was given, and a quote whose speaker was set by hand
  keeps it.

Every decision is a function of the stored quotes and corrections, never of the
order they were written in, so the same articles give the same speakers however
they are ingested (alone, in another order, or by concurrent processes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlite_utils import Database

from quotes.gender import gender_of_first_name, gender_of_words
from quotes.names import is_short_form, name_key, parse_name, same_person, titles
from quotes.store.database import immediate, insert_row
from quotes.store.speakers import add_alias

DOMINANT_SHARE = 0.95  # of the family's articles, for a family name alone
TITLE_SHARE = 0.9  # of the mentions with its title, for a family name with a title
_PINNED_QUOTES = "select target from corrections where kind = 'quote.set-speaker'"
_CURATED = "select distinct cast(target as integer) from corrections where kind like 'speaker.%'"


@dataclass(eq=False)
class Person:
    """One person of a family key: their name, the forms that name them, their row."""

    name: str
    forms: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    speaker_id: int | None = None
    curated: bool = False
    titles: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)

    def gender(self) -> str | None:
        """The gender the titles of this person's mentions give, else their first name's."""
        if self.genders:
            return self.genders.most_common(1)[0][0]
        return gender_of_first_name(self.name)


class Said(NamedTuple):
    """One quote of a family key, as the identity decision reads it."""

    id: str
    article_id: str
    form: str
    speaker_id: int | None
    gender: str | None
    titles: frozenset[str]


def mark_pending(db: Database, key: str | None) -> None:
    """Note that the people of family key ``key`` must be reconciled (in the caller's
    transaction, so a crash leaves the mark with the quotes that need it)."""
    if key:
        db.execute("insert or ignore into identity_pending (key) values (?)", [key])


def reconcile_pending(db: Database) -> list[str]:
    """Reconcile every pending family key (see :func:`reconcile`), one transaction each;
    return the ids of the quotes whose speaker changed."""
    changed: list[str] = []
    while True:
        row = db.execute("select key from identity_pending order by key limit 1").fetchone()
        if row is None:
            return changed
        with immediate(db):
            changed += reconcile(db, row[0])
            db.execute("delete from identity_pending where key = ?", [row[0]])


def reconcile_all(db: Database) -> list[str]:
    """Mark every family key of the database pending and reconcile them all."""
    with immediate(db):
        db.execute(
            "insert or ignore into identity_pending (key) select distinct speaker_key"
            " from quotes where speaker_key is not null"
        )
    return reconcile_pending(db)


def reconcile(db: Database, key: str) -> list[str]:
    """Decide the people of family key ``key`` and move each of its quotes to its
    person's row (call inside a write transaction); the quote ids that moved."""
    said = _said(db, key)
    people = _curated_people(db, key)
    owner: dict[str, Person] = {f.casefold(): p for p in people for f in p.forms}
    by_form: dict[str, set[str]] = defaultdict(set)
    for quote in said:
        by_form[quote.form].add(quote.article_id)
    full = [f for f in by_form if f.casefold() not in owner and parse_name(f).given]
    full.sort(key=lambda f: _fullness(f, len(by_form[f])))
    for form in full:
        fitting = [p for p in people if same_person(form, p.name)]
        person = fitting[0] if len(fitting) == 1 else Person(form)
        if not any(p is person for p in people):
            people.append(person)
        person.forms.add(form)
        owner[form.casefold()] = person
    for person in people:  # named by its fullest form: no initials, most articles
        if not person.curated:
            person.name = min(person.forms, key=lambda f: _fullness(f, len(by_form[f])))
    for quote in said:
        person = owner.get(quote.form.casefold())
        if person is not None:
            person.articles.add(quote.article_id)
            person.titles.update(quote.titles)
            if quote.gender:
                person.genders[quote.gender] += 1
    apart: dict[str, Person] = {}
    theirs: dict[int, list[Said]] = defaultdict(list)
    for quote in sorted(said):
        person = owner.get(quote.form.casefold())
        if person is None:  # a family name alone: decide by what its mention says
            person = _owner_of_short_form(people, quote) or apart.setdefault(
                quote.form.casefold(), Person(quote.form, {quote.form})
            )
        theirs[id(person)].append(quote)
    changed: list[str] = []
    for person in [*people, *apart.values()]:
        if theirs[id(person)] or person.curated:
            changed += _store(db, person, theirs[id(person)])
    _drop_unused(db, {q.speaker_id for q in said if q.speaker_id is not None})
    return changed


def _fullness(form: str, articles: int) -> tuple:
    """Sorting key of a person's name forms, best first: no initials ('Ada Brun' before
    'A. Brun'), then the form most articles use, then the longest."""
    given = parse_name(form).given
    initials = sum(len(g.rstrip(".")) == 1 for g in given)
    return (initials, -articles, -len(given), -len(form), form)


def _said(db: Database, key: str) -> list[Said]:
    rows = db.execute(
        "select id, article_id, extracted_speaker, speaker_id, speaker_mention, speaker_role,"
        " substr(context, max(1, speaker_start - context_start - 20),"
        " min(20, max(0, speaker_start - context_start)))"
        " from quotes where speaker_key = ? and extracted_speaker is not null",
        [key],
    ).fetchall()
    said = []
    for quote_id, article_id, form, speaker_id, mention, role, before in rows:
        # the words just before the mention hold its title: 'Mr. Obama', 'President Obama'
        words = f"{' '.join((before or '').split()[-2:])} {mention or ''} {role or ''}".split()
        said.append(
            Said(quote_id, article_id, form, speaker_id, gender_of_words(words), _titles(words))
        )
    return said


def _titles(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower().strip(".,") for w in words if w.lower().strip(".,") in titles())


def _curated_people(db: Database, key: str) -> list[Person]:
    """The person rows of ``key`` a curator renamed, merged or aliased, with every form
    they answer to."""
    rows = db.execute(
        f"select id, name from speakers where id in ({_CURATED})"
        " and coalesce(type, 'person') = 'person' order by name, id"
    ).fetchall()
    people = []
    for speaker_id, name in rows:
        aliases = [
            alias
            for (alias,) in db.execute(
                "select alias from speaker_aliases where speaker_id = ?", [speaker_id]
            )
        ]
        forms = {f for f in [name, *aliases] if name_key(f) == key}
        if forms:
            people.append(Person(name, forms, speaker_id=speaker_id, curated=True))
    return people


def _owner_of_short_form(people: list[Person], quote: Said) -> Person | None:
    """The person a family name alone means: the only one; else the only one its
    mention's title or gender allows ('President Obama', 'Mrs. Clinton'); else the one
    named in nearly every article of the family; else nobody."""
    candidates = [p for p in people if parse_name(p.name).given or p.curated]
    if quote.titles:  # the one the title names, or names almost always
        weight = {id(p): sum(p.titles[t] for t in quote.titles) for p in candidates}
        titled = [p for p in candidates if weight[id(p)]]
        leader = max(titled, key=lambda p: (weight[id(p)], p.name), default=None)
        if leader is not None and weight[id(leader)] >= TITLE_SHARE * sum(weight.values()):
            titled = [leader]
        candidates = titled or candidates
    if quote.gender:
        gendered = [p for p in candidates if p.gender() in (None, quote.gender)]
        candidates = gendered or candidates
    if len(candidates) == 1:
        return candidates[0]
    total = sum(len(p.articles) for p in candidates)
    leader = max(candidates, key=lambda p: (len(p.articles), p.name), default=None)
    if leader is not None and total and len(leader.articles) >= DOMINANT_SHARE * total:
        return leader
    return None


def _store(db: Database, person: Person, quotes: list[Said]) -> list[str]:
    """Give ``person`` one speaker row and move ``quotes`` (theirs) to it."""
    speaker_id = person.speaker_id or _row_for(db, person, quotes)
    if not person.curated:
        db.execute(
            "update speakers set name = ?, type = 'person' where id = ?"
            " and (name is not ? or type is not 'person')",
            [person.name, speaker_id, person.name],
        )
    pinned = {qid for (qid,) in db.execute(_PINNED_QUOTES)}
    moved = [q.id for q in quotes if q.speaker_id != speaker_id and q.id not in pinned]
    for start in range(0, len(moved), 500):
        chunk = moved[start : start + 500]
        db.execute(
            f"update quotes set speaker_id = ? where id in ({','.join('?' * len(chunk))})",
            [speaker_id, *chunk],
        )
    for form in sorted({person.name, *person.forms, *(q.form for q in quotes)}):
        add_alias(db, speaker_id, form)
    _describe(db, speaker_id)
    return moved


def _row_for(db: Database, person: Person, quotes: list[Said]) -> int:
    """The row a person's quotes go to: the row of that name, else the person row
    holding most of them under a shorter form of the name, else a new one."""
    row = db.execute(
        "select id from speakers where name = ? collate nocase", [person.name]
    ).fetchone()
    if row:  # names are unique: a body of that name becomes the person
        return row[0]
    held = Counter(q.speaker_id for q in quotes if q.speaker_id is not None)
    for speaker_id, _count in sorted(held.items(), key=lambda item: (-item[1], item[0])):
        holder = db.execute(
            "select name from speakers where id = ? and coalesce(type, 'person') = 'person'",
            [speaker_id],
        ).fetchone()
        if holder and (is_short_form(holder[0], person.name) or holder[0] == person.name):
            return speaker_id
    return insert_row(db, "speakers", {"name": person.name, "type": "person"})


def _describe(db: Database, speaker_id: int) -> None:
    """The speaker's description: the role most articles give it (ties: the latest,
    then the first in order), clean one-line text."""
    rows = db.execute(
        "select speaker_role, count(distinct article_id) n, max(published) latest from quotes"
        " where speaker_id = ? and speaker_role is not null and speaker_role != ''"
        " group by speaker_role order by n desc, latest desc, speaker_role limit 1",
        [speaker_id],
    ).fetchone()
    if rows:
        db.execute(
            "update speakers set description = ? where id = ? and description is not ?",
            [rows[0], speaker_id, rows[0]],
        )


def _drop_unused(db: Database, speaker_ids: set[int]) -> None:
    """Remove the uncurated rows among ``speaker_ids`` no quote points at any more."""
    for speaker_id in sorted(speaker_ids):
        used = db.execute("select 1 from quotes where speaker_id = ? limit 1", [speaker_id])
        curated = db.execute(
            "select 1 from corrections where kind like 'speaker.%' and target = ? limit 1",
            [str(speaker_id)],
        )
        if used.fetchone() is None and curated.fetchone() is None:
            db.execute("delete from speaker_aliases where speaker_id = ?", [speaker_id])
            db.execute("delete from speakers where id = ?", [speaker_id])
