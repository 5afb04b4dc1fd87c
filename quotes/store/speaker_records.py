"""The speakers a curator reviews: records with counts and aliases, pruning, and the
corpus-level checks of speaker identity (fragments and nameless rows).

Two measures need no identity gold, only the database:

- **fragment share**: the share of quotes whose speaker's name, leaving out titles,
  initials and suffixes, is a strict subset of the words of another *person*
  speaker's name ("Trump" beside "Donald Trump", "Xi" beside "Xi Jinping");
- **nameless share**: the share of quotes whose speaker row has no proper name
  ("experts", "the campaign"): a capitalised word of the name that the articles
  quoting it write capitalised in mid-sentence more often than in lowercase.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from sqlite_utils import Database

from quotes.names import SUFFIXES, clean_name, fold
from quotes.store.database import immediate

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_INITIAL = re.compile(r"[A-Z]\.?")
_ARTICLES_SAMPLED = 20


class SpeakerAudit(NamedTuple):
    """The identity checks of a database: counts, shares and the offending speakers."""

    quotes: int
    fragment_quotes: int
    nameless_quotes: int
    unnamed_source_quotes: int
    fragments: list[dict]
    nameless: list[dict]

    @property
    def fragment_share(self) -> float:
        return self.fragment_quotes / self.quotes if self.quotes else 0.0

    @property
    def nameless_share(self) -> float:
        return self.nameless_quotes / self.quotes if self.quotes else 0.0


def speaker_records(db: Database, type: str | None = None, min_quotes: int = 1) -> list[dict]:
    """The speakers with at least ``min_quotes`` listed (not rejected) quotes, most
    quoted first: id, name, type, description, quotes, first and last seen, aliases."""
    where = "where speakers.type = :type" if type else ""
    rows = db.query(
        f"""
        select speakers.id, speakers.name, speakers.type, speakers.description,
          count(quotes.id) as quotes, min(quotes.published) as first_seen,
          max(quotes.published) as last_seen
        from speakers left join quotes
          on quotes.speaker_id = speakers.id and quotes.rejected = 0
        {where}
        group by speakers.id having count(quotes.id) >= :min
        order by quotes desc, speakers.name""",
        {"type": type, "min": min_quotes},
    )
    records = [dict(row) for row in rows]
    aliases = defaultdict(list)
    for speaker_id, alias in db.execute(
        "select speaker_id, alias from speaker_aliases order by alias collate nocase"
    ):
        aliases[speaker_id].append(alias)
    for record in records:
        record["aliases"] = [a for a in aliases[record["id"]] if a != record["name"]]
    return records


def prune_speakers(db: Database) -> list[str]:
    """Remove the speakers no quote points at, unless a curator named, merged or
    aliased them; return the names removed."""
    with immediate(db):
        rows = db.execute(
            "select id, name from speakers where id not in"
            " (select speaker_id from quotes where speaker_id is not null)"
            " and cast(id as text) not in"
            " (select target from corrections where kind like 'speaker.%')"
        ).fetchall()
        for speaker_id, _name in rows:
            db.execute("delete from speaker_aliases where speaker_id = ?", [speaker_id])
            db.execute("delete from speakers where id = ?", [speaker_id])
    return [name for _id, name in rows]


def audit_speakers(db: Database) -> SpeakerAudit:
    """Measure how far the speakers table is from one person, one speaker (see the
    module's docstring)."""
    records = speaker_records(db)
    total = db.execute("select count(*) from quotes where rejected = 0").fetchone()[0]
    unnamed = db.execute(
        "select count(*) from quotes where rejected = 0 and speaker_type = 'unnamed'"
    ).fetchone()[0]
    people = [r for r in records if r["type"] == "person"]
    by_word = defaultdict(set)
    for person in people:
        for word in name_words(person["name"]):
            by_word[word].add(person["name"])
    fragments = []
    for record in records:
        words = name_words(record["name"], record["type"] in (None, "person"))
        if not words:
            continue
        holders = set.intersection(*(by_word.get(w, set()) for w in words))
        fuller = sorted(n for n in holders if len(name_words(n)) > len(words))
        if fuller:
            fragments.append({**_brief(record), "of": fuller})
    nameless = [_brief(r) for r in records if not has_proper_name(db, r)]
    return SpeakerAudit(
        total,
        sum(f["quotes"] for f in fragments),
        sum(r["quotes"] for r in nameless),
        unnamed,
        fragments,
        nameless,
    )


def name_words(name: str, person: bool = True) -> frozenset[str]:
    """The words of a name without titles, initials or suffixes (of a person's name;
    an organisation's name as it is), case- and accent-blind."""
    words = [w.strip(".,") for w in (clean_name(name) if person else name).split()]
    return frozenset(
        fold(w) for w in words if w and not _INITIAL.fullmatch(w) and fold(w) not in SUFFIXES
    )


def has_proper_name(db: Database, record: dict) -> bool:
    """Whether a speaker's name holds a proper name: a capitalised word that the
    articles quoting the speaker write capitalised in mid-sentence at least as often
    as in lowercase ('Republicans' yes, 'Police' opening a sentence no)."""
    capitalised = {w for w in _WORD.findall(record["name"]) if w[:1].isupper()}
    if not capitalised:
        return False
    texts = [
        text
        for (text,) in db.execute(
            "select articles.text from articles where id in (select article_id from quotes"
            f" where speaker_id = ? limit {_ARTICLES_SAMPLED})",
            [record["id"]],
        )
    ]
    for word in capitalised:
        upper = sum(len(re.findall(rf"[\w,;] +{re.escape(word)}\b", t)) for t in texts)
        lower = sum(len(re.findall(rf"\b{re.escape(word.lower())}\b", t)) for t in texts)
        if upper >= lower:
            return True
    return False


def _brief(record: dict) -> dict:
    return {key: record[key] for key in ("id", "name", "type", "quotes")}
