"""Correcting what the extractor got wrong, without SQL, each correction recorded.

Every function writes one ``corrections`` row (kind, target, before and after
as JSON, reviewer, reason, UTC time) in the same transaction as its change.

- Speaker corrections (``speaker.merge``, ``speaker.alias``, ``speaker.rename``)
  change ``speakers``/``speaker_aliases`` and keep every old name as an alias,
  so the store's speaker resolution maps later mentions to the corrected row.
- ``quote.set-speaker`` changes ``quotes.speaker_id``; :func:`reapply_corrections`
  puts it back after re-extraction rewrote the quote.
- ``quote.reject`` changes nothing in ``quotes``: the ``rejected_quotes`` view
  reads it, keyed on the stable quote id, so it holds whatever re-extraction does.

Quotes whose speaker changes, or that are rejected, are synced with their
statements (:func:`quotes.statements.sync_quotes`) in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.annotate import find_quote, immediate, utc_now
from quotes.factcheck.config import load_settings
from quotes.statements import sync_quotes
from quotes.store.speakers import add_alias

SPEAKER_TYPES = ("person", "organization", "group")


def find_speaker(db: Database, ref: str) -> dict:
    """The ``speakers`` row named ``ref``: its id, its name or one of its aliases (any
    case); :class:`Refused` when none or several speakers match."""
    ref = " ".join(ref.split())
    if ref.isdigit() and (row := _speaker(db, int(ref))):
        return row
    for sql in (
        "select id from speakers where name = ? collate nocase",
        "select distinct speaker_id from speaker_aliases where alias = ? collate nocase",
    ):
        ids = [row[0] for row in db.execute(sql, [ref]).fetchall()]
        if len(ids) == 1:
            return _speaker(db, ids[0])
        if ids:
            names = ", ".join(_speaker(db, i)["name"] for i in ids)
            raise Refused(f"{ref!r} names several speakers ({names}); use the id or full name")
    raise Refused(f"no speaker called {ref!r}")


def _speaker(db: Database, speaker_id: int) -> dict | None:
    return next(iter(db.query("select * from speakers where id = ?", [speaker_id])), None)


def _aliases(db: Database, speaker_id: int) -> list[str]:
    sql = "select alias from speaker_aliases where speaker_id = ? order by alias"
    return [row[0] for row in db.execute(sql, [speaker_id]).fetchall()]


def record_correction(
    db: Database, kind: str, target: str, before, after, *, reviewer=None, reason=None
) -> int:
    """Insert one ``corrections`` row (call inside the change's transaction); return its id."""
    return db["corrections"].insert({
        "kind": kind,
        "target": str(target),
        "before": json.dumps(before, ensure_ascii=False),
        "after": json.dumps(after, ensure_ascii=False),
        "reviewer": (reviewer or "").strip() or load_settings().reviewer,
        "reason": (reason or "").strip() or None,
        "created_at": utc_now(),
    }).last_pk


def merge_speakers(
    db: Database, keep: str, duplicate: str, *, reviewer: str | None = None,
    reason: str | None = None,
) -> int:
    """Merge speaker ``duplicate`` into ``keep`` (one person under two names).

    ``duplicate``'s quotes and aliases move to ``keep``, its name becomes an
    alias of ``keep`` and its row goes. Returns the correction's id.
    """
    kept, gone = find_speaker(db, keep), find_speaker(db, duplicate)
    if kept["id"] == gone["id"]:
        raise Refused(f"{keep!r} and {duplicate!r} are the same speaker ({kept['name']})")
    sql = "select id from quotes where speaker_id = ? order by id"
    moved = [row[0] for row in db.execute(sql, [gone["id"]]).fetchall()]
    before = {**gone, "aliases": _aliases(db, gone["id"]), "quotes": moved}
    with immediate(db):
        for alias in [gone["name"], *before["aliases"]]:
            add_alias(db, kept["id"], alias)
        db.execute(
            "update quotes set speaker_id = ? where speaker_id = ?", [kept["id"], gone["id"]]
        )
        db.execute("delete from speaker_aliases where speaker_id = ?", [gone["id"]])
        db.execute("delete from speakers where id = ?", [gone["id"]])
        sync_quotes(db, moved)
        return record_correction(
            db, "speaker.merge", kept["id"], before, {**kept, "aliases": _aliases(db, kept["id"])},
            reviewer=reviewer, reason=reason,
        )


def alias_speaker(
    db: Database, name: str, alias: str, *, reviewer: str | None = None,
    reason: str | None = None,
) -> int | None:
    """Record ``alias`` as another name of speaker ``name``; ``None`` when it is one already.

    Refused when ``alias`` is another speaker's name or alias (merge them instead).
    """
    speaker = find_speaker(db, name)
    alias = " ".join(alias.split())
    if not alias:
        raise Refused("an alias cannot be empty")
    if alias.casefold() in {a.casefold() for a in _aliases(db, speaker["id"])}:
        return None
    _refuse_other(db, speaker["id"], alias)
    before = {"aliases": _aliases(db, speaker["id"])}
    with immediate(db):
        db["speaker_aliases"].insert({"speaker_id": speaker["id"], "alias": alias}, ignore=True)
        return record_correction(
            db, "speaker.alias", speaker["id"], before, {"aliases": _aliases(db, speaker["id"])},
            reviewer=reviewer, reason=reason,
        )


def rename_speaker(
    db: Database, name: str, new_name: str, *, reviewer: str | None = None,
    reason: str | None = None,
) -> int:
    """Give speaker ``name`` the canonical name ``new_name``, keeping the old one as an alias."""
    speaker = find_speaker(db, name)
    new_name = " ".join(new_name.split())
    if not new_name:
        raise Refused("a speaker's name cannot be empty")
    if new_name == speaker["name"]:
        raise Refused(f"speaker {speaker['id']} is called {new_name!r} already")
    _refuse_other(db, speaker["id"], new_name)
    with immediate(db):
        db["speakers"].update(speaker["id"], {"name": new_name})
        for alias in (speaker["name"], new_name):
            add_alias(db, speaker["id"], alias)
        return record_correction(
            db, "speaker.rename", speaker["id"], {"name": speaker["name"]}, {"name": new_name},
            reviewer=reviewer, reason=reason,
        )


def _refuse_other(db: Database, speaker_id: int, name: str) -> None:
    sql = (
        "select name from speakers where id != :id and (name = :name collate nocase or id in"
        " (select speaker_id from speaker_aliases where alias = :name collate nocase))"
    )
    other = db.execute(sql, {"id": speaker_id, "name": name}).fetchone()
    if other:
        raise Refused(f"{name!r} is a name of {other[0]!r}; merge the two speakers instead")


def set_speaker(
    db: Database, quote: str, name: str, *, type: str = "person", reviewer: str | None = None,
    reason: str | None = None,
) -> int:
    """Attribute the quote to speaker ``name`` (a known name or alias, else a new
    speaker of ``type``), correcting the extractor. Returns the correction's id."""
    quote_id = find_quote(db, quote)
    name = " ".join(name.split())
    if not name:
        raise Refused("a speaker's name cannot be empty")
    if type not in SPEAKER_TYPES:
        raise Refused(f"unknown speaker type {type!r}; one of: {', '.join(SPEAKER_TYPES)}")
    try:
        speaker = find_speaker(db, name)
    except Refused as error:
        if "several" in str(error):
            raise
        speaker = None
    before = _quote_speaker(db, quote_id)
    with immediate(db):
        if speaker is None:
            speaker_id = db["speakers"].insert({"name": name, "type": type}).last_pk
            add_alias(db, speaker_id, name)
            speaker = _speaker(db, speaker_id)
        db["quotes"].update(quote_id, {"speaker_id": speaker["id"]})
        sync_quotes(db, [quote_id])
        return record_correction(
            db, "quote.set-speaker", quote_id, before,
            {"speaker_id": speaker["id"], "speaker": speaker["name"]},
            reviewer=reviewer, reason=reason,
        )


def _quote_speaker(db: Database, quote_id: str) -> dict:
    sql = (
        "select quotes.speaker_id, speakers.name from quotes"
        " left join speakers on speakers.id = quotes.speaker_id where quotes.id = ?"
    )
    speaker_id, name = db.execute(sql, [quote_id]).fetchone()
    return {"speaker_id": speaker_id, "speaker": name}


def reject_quote(
    db: Database, quote: str, *, reason: str, reviewer: str | None = None
) -> int:
    """Mark the quote as not a quote (``reason`` required); it leaves ``quotes_current``,
    search, lists and exports, and stays rejected through re-extraction."""
    quote_id = find_quote(db, quote)
    if not (reason or "").strip():
        raise Refused("say why the quote is rejected (--reason)")
    if db.execute("select 1 from rejected_quotes where quote_id = ?", [quote_id]).fetchone():
        raise Refused(f"quote {quote_id} is rejected already")
    row = db["quotes"].get(quote_id)
    before = {"text": row["text"], "speaker_id": row["speaker_id"], "kind": row["kind"]}
    with immediate(db):
        correction = record_correction(
            db, "quote.reject", quote_id, before, {"rejected": True},
            reviewer=reviewer, reason=reason,
        )
        sync_quotes(db, [quote_id])
        return correction


def corrections_for(db: Database, target: str) -> list[dict]:
    """Every correction of ``target`` (a quote id or speaker id), oldest first, JSON decoded."""
    rows = db.query("select * from corrections where target = ? order by id", [str(target)])
    return [{**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])}
            for row in rows]


def reapply_corrections(db: Database, quote_ids: Iterable[str] | None = None) -> int:
    """Put manual corrections back over re-extracted rows; return how many rows changed.

    The latest ``quote.set-speaker`` of each quote (all, or those in
    ``quote_ids``) is applied again, its speaker found by name or alias (so a
    later merge is followed); the latest ``speaker.rename`` of each remaining
    speaker is applied again. Call inside the caller's transaction.
    """
    wanted = None if quote_ids is None else set(quote_ids)
    changed = 0
    for row in _latest(db, "quote.set-speaker"):
        if wanted is not None and row["target"] not in wanted:
            continue
        after = json.loads(row["after"])
        speaker_id = _speaker_id_by_name(db, after["speaker"])
        if speaker_id is None:
            continue
        changed += db.execute(
            "update quotes set speaker_id = ? where id = ? and speaker_id is not ?",
            [speaker_id, row["target"], speaker_id],
        ).rowcount
    for row in _latest(db, "speaker.rename"):
        name = json.loads(row["after"])["name"]
        changed += db.execute(
            "update speakers set name = ? where id = ? and name != ?",
            [name, int(row["target"]), name],
        ).rowcount
    return changed


def _latest(db: Database, kind: str) -> list[dict]:
    sql = (
        "select * from corrections where id in"
        " (select max(id) from corrections where kind = ? group by target)"
    )
    return list(db.query(sql, [kind]))


def _speaker_id_by_name(db: Database, name: str) -> int | None:
    try:
        return find_speaker(db, name)["id"]
    except Refused:
        return None
