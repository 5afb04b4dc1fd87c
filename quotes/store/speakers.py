"""Speaker rows for the names the extractor gives, every mention kept as an alias.

:func:`resolve_speaker` maps a name to one row of ``speakers``: the same name
(any case) or a known alias is that speaker, else a new row. Which people a
family name covers across the database ("Putin" and "Vladimir Putin") is
decided afterwards, from all its quotes at once, by :mod:`quotes.store.identity`.
"""

from __future__ import annotations

from sqlite_utils import Database

from quotes.names import NAME_PARTICLES, clean_name, name_key, without_possessive
from quotes.store.database import insert_row

ALIAS_MOST_WORDS = 8  # a longer "mention" is a misparse, not a name
PRONOUNS = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
    "she", "her", "hers", "it", "its", "they", "them", "their",
})


def resolve_speaker(
    db: Database,
    name: str | None,
    *,
    type: str | None = None,
    description: str | None = None,
    mention: str | None = None,
) -> int | None:
    """Return the id of the speaker called ``name``, inserting or updating as needed.

    ``type`` is ``person``, ``organization`` or ``group``; ``description`` (a
    role or affiliation) fills an empty ``speakers.description``; ``mention``
    (the words the article used) is kept as an alias. ``None`` for no name.
    Call inside the caller's transaction.
    """
    name = " ".join((name or "").split())
    if not name:
        return None
    speaker_id = _find(db, name, type)
    if speaker_id is None:
        speaker = {"name": name, "type": type, "description": description}
        speaker_id = insert_row(db, "speakers", speaker)
    else:
        _fill(db, speaker_id, type, description)
    add_alias(db, speaker_id, name)
    if is_name_form(mention, name, type):
        add_alias(db, speaker_id, without_possessive(mention))  # "Trump's": Trump
    return speaker_id


def is_name_form(mention: str | None, name: str, type: str | None) -> bool:
    """Whether a mention is another form of the speaker's name worth keeping as an alias
    ('Putin', 'Vladimir V. Putin', 'The Kremlin'), not a description ('the Russian
    leader', 'A memorable Clinton ad')."""
    words = (mention or "").split()
    if not words or len(words) > ALIAS_MOST_WORDS:
        return False
    if (type or "person") == "person":  # every word capitalised: not 'Trump and his aides'
        capitalised = all(
            w[:1].isupper() or w.lower() in NAME_PARTICLES or not w[:1].isalpha() for w in words
        )
        return capitalised and name_key(clean_name(mention)) == name_key(name)
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words[1:])


def add_alias(db: Database, speaker_id: int, alias: str | None) -> None:
    """Record ``alias`` as a form of the speaker's name (pronouns and blanks are skipped)."""
    alias = " ".join((alias or "").split())
    if alias and alias.casefold() not in PRONOUNS and len(alias.split()) <= ALIAS_MOST_WORDS:
        row = {"speaker_id": speaker_id, "alias": alias}
        insert_row(db, "speaker_aliases", row, or_ignore=True)


def _find(db: Database, name: str, type: str | None) -> int | None:
    """The one speaker called ``name`` or having it as an alias (any case); the
    people of a family are settled later (see :mod:`quotes.store.identity`)."""
    for sql in (
        "select id from speakers where name = ? collate nocase",
        "select distinct speaker_id from speaker_aliases where alias = ? collate nocase",
    ):
        ids = [row[0] for row in db.execute(sql, [name]).fetchall()]
        if len(ids) == 1:
            return ids[0]
    return None


def _fill(db: Database, speaker_id: int, type: str | None, description: str | None) -> None:
    """Give the speaker a type and a description where it has none yet."""
    db.execute(
        "update speakers set type = coalesce(nullif(type, ''), ?1),"
        " description = coalesce(nullif(description, ''), ?2)"
        " where id = ?3 and ((nullif(type, '') is null and ?1 is not null)"
        " or (nullif(description, '') is null and ?2 is not null))",
        [type or None, description or None, speaker_id],
    )
