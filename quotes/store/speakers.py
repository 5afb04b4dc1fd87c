"""Canonical speakers across articles: one row per person or body, every mention kept as an alias.

The extractor names speakers per article ("Vladimir Putin" in one story,
"Putin" in another). :func:`resolve_speaker` maps each name to one row of
``speakers``: the same name (any case) or a known alias is that speaker; a
shorter form of a person's name ("Putin", "V. Putin") that fits exactly one
person is that person; and a person first seen only by surname takes the
fuller name when it arrives, keeping the short one as an alias.
"""

from __future__ import annotations

from sqlite_utils import Database

from quotes.store.database import insert_row

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
    for alias in (name, mention):
        add_alias(db, speaker_id, alias)
    return speaker_id


def add_alias(db: Database, speaker_id: int, alias: str | None) -> None:
    """Record ``alias`` as a form of the speaker's name (pronouns and blanks are skipped)."""
    alias = " ".join((alias or "").split())
    if alias and alias.casefold() not in PRONOUNS:
        row = {"speaker_id": speaker_id, "alias": alias}
        insert_row(db, "speaker_aliases", row, or_ignore=True)


def _find(db: Database, name: str, type: str | None) -> int | None:
    for sql in (
        "select id from speakers where name = ? collate nocase",
        "select distinct speaker_id from speaker_aliases where alias = ? collate nocase",
    ):
        ids = [row[0] for row in db.execute(sql, [name]).fetchall()]
        if len(ids) == 1:
            return ids[0]
    if type not in (None, "person"):
        return None
    return _person_by_surname(db, name)


def _person_by_surname(db: Database, name: str) -> int | None:
    surname = name.split()[-1]
    rows = db.execute(
        "select id, name from speakers where coalesce(type, 'person') = 'person'"
        " and (name = ? collate nocase or name like ?)",
        [surname, f"% {surname}"],
    ).fetchall()
    shorter = [row for row in rows if _is_short_form(name, row[1])]
    if len(shorter) == 1:
        return shorter[0][0]
    longer = [row for row in rows if _is_short_form(row[1], name)]
    if len(longer) == 1:
        speaker_id, old_name = longer[0]
        db["speakers"].update(speaker_id, {"name": name})
        add_alias(db, speaker_id, old_name)
        return speaker_id
    return None


def _is_short_form(short: str, full: str) -> bool:
    """``"Putin"``, ``"V. Putin"`` and ``"Vladimir Putin"`` are short forms of
    ``"Vladimir Vladimirovich Putin"``: same surname, no more words, each
    other word a word or an initial of the full name."""
    short_words = short.casefold().replace(".", " ").split()
    full_words = full.casefold().replace(".", " ").split()
    if short_words == full_words or len(short_words) > len(full_words):
        return False
    if short_words[-1] != full_words[-1]:
        return False
    firsts = full_words[:-1]
    return all(
        word in firsts or (len(word) == 1 and any(f.startswith(word) for f in firsts))
        for word in short_words[:-1]
    )


def _fill(db: Database, speaker_id: int, type: str | None, description: str | None) -> None:
    """Give the speaker a type and a description where it has none yet."""
    db.execute(
        "update speakers set type = coalesce(nullif(type, ''), ?1),"
        " description = coalesce(nullif(description, ''), ?2)"
        " where id = ?3 and ((nullif(type, '') is null and ?1 is not null)"
        " or (nullif(description, '') is null and ?2 is not null))",
        [type or None, description or None, speaker_id],
    )
