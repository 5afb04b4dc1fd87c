"""Filling the statement tables: all at once (:func:`rebuild`) or quote by quote
(:func:`sync_quotes`, :func:`assign_article`) as articles are stored or re-extracted.

Both place quotes oldest first through :class:`~quotes.statements.grouping.Grouping`,
each against the earlier quotes that share its fingerprints: the rebuild finds
those pairs for every quote at once with numpy, the incremental path in the
``statement_fingerprints`` table. A fingerprint more than ``MAX_POSTINGS``
earlier quotes share is too common to tell anything and is skipped; of the
candidates, the ``MAX_CANDIDATES`` sharing most fingerprints are compared.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

import numpy as np
from sqlite_utils import Database

from quotes.statements.diff import relation
from quotes.statements.fingerprints import fingerprints
from quotes.statements.grouping import Appearance, Grouping, appearance_order
from quotes.statements.normalise import statement_words, surname, word_code
from quotes.store.database import immediate

MAX_POSTINGS = 200
MAX_CANDIDATES = 20
CHUNK = 50_000

QUOTES_SQL = """
select quotes.rowid as rowid, quotes.id as id, quotes.text as text,
  quotes.speaker_id as speaker_id, speakers.name as speaker, quotes.outlet_id as outlet_id,
  quotes.published as published{extra}
from quotes left join speakers on speakers.id = quotes.speaker_id{join}
where quotes.id not in (select quote_id from rejected_quotes){where}
order by quotes.published is null, quotes.published, quotes.rowid
"""
STATEMENT_COLUMNS = (
    "id",
    "first_quote_id",
    "first_published",
    "first_outlet_id",
    "n_appearances",
    "n_outlets",
    "n_speakers",
    "n_wordings",
    "has_differences",
    "different_speakers",
)
UPSERT_STATEMENT = (
    f"insert into statements ({', '.join(STATEMENT_COLUMNS)}) values "
    f"({', '.join('?' * len(STATEMENT_COLUMNS))}) on conflict(id) do update set "
    + ", ".join(f"{c} = excluded.{c}" for c in STATEMENT_COLUMNS[1:])
)
INSERT_APPEARANCE = (
    "insert or replace into statement_quotes"
    " (quote_id, statement_id, matched_quote_id, similarity, relation) values (?, ?, ?, ?, ?)"
)
INSERT_FINGERPRINT = "insert or ignore into statement_fingerprints (hash, quote_id) values (?, ?)"


class Quote(NamedTuple):
    """A stored quote as the statements see it: for grouping, and for the summary."""

    appearance: Appearance
    outlet_id: int | None
    published: str | None


class RebuildResult(NamedTuple):
    """What :func:`rebuild` made: quotes placed, statements, statements with two or more
    appearances and those in two or more outlets, and the seconds it took."""

    quotes: int
    statements: int
    repeated: int
    multi_outlet: int
    seconds: float


def _quote(row: dict) -> tuple[Quote, list[str]]:
    words = statement_words(row["text"])
    appearance = Appearance(
        row["id"],
        " ".join(words),
        word_code(words),
        len(words),
        row["speaker_id"],
        row["speaker"],
        appearance_order(row["published"], row["rowid"]),
    )
    return Quote(appearance, row["outlet_id"], row["published"]), words


def _load(
    db: Database, where: str = "", params=(), extra: str = "", join: str = ""
) -> Iterator[dict]:
    sql = QUOTES_SQL.format(where=where, extra=extra, join=join)
    return db.query(sql, params)


# Summaries ------------------------------------------------------------------------------


def summarise(statement: str, members: Sequence[Quote]) -> tuple[tuple, dict[str, str]]:
    """The ``statements`` row (values in ``STATEMENT_COLUMNS`` order) of a statement with
    these appearances, and each appearance's relation to the first (see
    :func:`quotes.statements.diff.relation`)."""
    members = sorted(members, key=lambda m: m.appearance.order)
    first = members[0]
    if len(members) == 1:
        relations = {first.appearance.id: "same"}
        speakers = {surname(first.appearance.speaker)} - {None}
        wordings = 1
    else:
        relations = _relations([m.appearance for m in members])
        speakers = {
            surname(m.appearance.speaker) for m in members if m.appearance.speaker_id is not None
        } - {None}
        wordings = len({m.appearance.words for m in members})
    row = (
        statement,
        first.appearance.id,
        first.published,
        first.outlet_id,
        len(members),
        len({m.outlet_id for m in members if m.outlet_id is not None}),
        len(speakers),
        wordings,
        int("edited" in relations.values()),
        int(len(speakers) > 1),
    )
    return row, relations


def _relations(members: Sequence[Appearance]) -> dict[str, str]:
    wordings = {m.words: m.words.split() for m in members}
    reference = wordings[members[0].words]
    found = {}
    for words, split in wordings.items():
        longer = [other for text, other in wordings.items() if len(text) > len(words)]
        found[words] = relation(split, longer, reference)
    return {m.id: found[m.words] for m in members}


def refresh(db: Database, statements: Iterable[str]) -> None:
    """Summarise these statements again from their appearances (deleting those left with
    none) and store each appearance's relation to the first."""
    ids = sorted(set(statements))
    if not ids:
        return
    members: dict[str, list[Quote]] = defaultdict(list)
    rows = _load(
        db,
        " and statement_quotes.statement_id in (select value from json_each(?))",
        [json.dumps(ids)],
        ", statement_quotes.statement_id as statement_id",
        " join statement_quotes on statement_quotes.quote_id = quotes.id",
    )
    for row in rows:
        members[row["statement_id"]].append(_quote(row)[0])
    empty = [key for key in ids if key not in members]
    db.conn.executemany(
        "delete from statement_quotes where statement_id = ?", [(key,) for key in empty]
    )
    db.conn.executemany("delete from statements where id = ?", [(key,) for key in empty])
    _write_summaries(db, members.items())


def _write_summaries(db: Database, statements: Iterable[tuple[str, Sequence[Quote]]]) -> int:
    rows, relations = _summaries(statements)
    db.conn.executemany(UPSERT_STATEMENT, rows)
    db.conn.executemany(
        "update statement_quotes set relation = ? where quote_id = ?",
        [(value, quote) for quote, value in relations.items()],
    )
    return len(rows)


def _summaries(statements: Iterable[tuple[str, Sequence[Quote]]]) -> tuple[list, dict]:
    rows, relations = [], {}
    for key, members in statements:
        row, found = summarise(key, members)
        rows.append(row)
        relations.update(found)
    return rows, relations


# Rebuild --------------------------------------------------------------------------------


def rebuild(db: Database, *, report: Callable[[str], None] | None = None) -> RebuildResult:
    """Group every stored quote (rejected ones left out) into statements from scratch,
    replacing what the statement tables held. Running it twice gives the same tables."""
    started = time.monotonic()
    say = report or (lambda message: None)
    quotes: list[Quote] = []
    owners, hashes = [], []
    chunk: list[list[str]] = []
    for row in _load(db):
        quote, words = _quote(row)
        quotes.append(quote)
        chunk.append(words)
        if len(chunk) == CHUNK:
            _add_fingerprints(chunk, len(quotes) - len(chunk), owners, hashes)
            chunk = []
    _add_fingerprints(chunk, len(quotes) - len(chunk), owners, hashes)
    owner = np.concatenate(owners) if owners else np.empty(0, np.int64)
    fingerprint = np.concatenate(hashes) if hashes else np.empty(0, np.int64)
    say(f"{len(quotes)} quotes read, {len(owner)} fingerprints ({time.monotonic() - started:.1f}s)")
    ids = [quote.appearance.id for quote in quotes]
    candidates = candidate_lists(owner, fingerprint, ids)
    grouping = Grouping()
    for number, quote in enumerate(quotes):
        grouping.place(quote.appearance, [quotes[i].appearance for i in candidates.get(number, ())])
    say(f"{len(candidates)} quotes had candidates, placed ({time.monotonic() - started:.1f}s)")
    members: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        members[grouping.statement(quote.appearance.id)].append(quote)
    rows, relations = _summaries(members.items())
    statement_of = {quote.appearance.id: key for key, group in members.items() for quote in group}
    with _foreign_keys_off(db), immediate(db):
        for table in ("statement_quotes", "statements", "statement_fingerprints"):
            db.execute(f"delete from {table}")
        db.conn.executemany(UPSERT_STATEMENT, sorted(rows))
        db.conn.executemany(
            INSERT_APPEARANCE,
            (
                (quote, statement_of[quote], *grouping.links[quote], relations[quote])
                for quote in sorted(statement_of)
            ),
        )
        order = np.lexsort((owner, fingerprint))
        db.conn.executemany(
            INSERT_FINGERPRINT,
            zip(fingerprint[order].tolist(), [ids[i] for i in owner[order].tolist()], strict=True),
        )
    repeated = [group for group in members.values() if len(group) > 1]
    result = RebuildResult(
        len(quotes),
        len(members),
        len(repeated),
        sum(len({q.outlet_id for q in group} - {None}) > 1 for group in repeated),
        round(time.monotonic() - started, 2),
    )
    say(f"written ({result.seconds:.1f}s)")
    return result


@contextlib.contextmanager
def _foreign_keys_off(db: Database) -> Iterator[None]:
    """Foreign keys unchecked while the block writes rows that satisfy them anyway (SQLite
    then empties a table at once instead of row by row); as they were afterwards."""
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute(f"PRAGMA foreign_keys = {int(enforced)}")


def _add_fingerprints(chunk, offset: int, owners: list, hashes: list) -> None:
    if chunk:
        owner, hashed = fingerprints(chunk)
        owners.append(owner + offset)
        hashes.append(hashed)


def candidate_lists(owner: np.ndarray, hashes: np.ndarray, ids: Sequence[str]) -> dict[int, list]:
    """For each quote (by index, in placing order) the earlier quotes to compare it with:
    those sharing a fingerprint that at most ``MAX_POSTINGS`` earlier quotes have, most
    fingerprints shared first (then by quote id), at most ``MAX_CANDIDATES``."""
    count = len(ids)
    if not len(owner):
        return {}
    order = np.lexsort((owner, hashes))
    hashes, owner = hashes[order], owner[order]
    index = np.arange(len(hashes))
    group_start = np.maximum.accumulate(np.where(np.r_[True, hashes[1:] != hashes[:-1]], index, 0))
    earlier = index - group_start
    keep = (earlier >= 1) & (earlier <= MAX_POSTINGS)
    repeats = earlier[keep]
    later = np.repeat(owner[keep], repeats)
    offsets = np.arange(int(repeats.sum())) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    before = owner[np.repeat(group_start[keep], repeats) + offsets]
    pairs, shared = np.unique(later * count + before, return_counts=True)
    later, before = pairs // count, pairs % count
    rank = np.empty(count, np.int64)
    rank[np.argsort(np.array(ids))] = np.arange(count)
    order = np.lexsort((rank[before], -shared, later))
    later, before = later[order], before[order]
    index = np.arange(len(later))
    start = np.maximum.accumulate(np.where(np.r_[True, later[1:] != later[:-1]], index, 0))
    keep = index - start < MAX_CANDIDATES
    later, before = later[keep], before[keep]
    if not len(later):  # no quote shares a fingerprint with an earlier one
        return {}
    quotes, first = np.unique(later, return_index=True)
    return {
        quote: group.tolist()
        for quote, group in zip(quotes.tolist(), np.split(before, first[1:]), strict=True)
    }


# Incremental ----------------------------------------------------------------------------


def assign_article(db: Database, article_id: str) -> int:
    """Place the quotes of a stored article in statements (after ``save_article``);
    return how many were placed. A quote repeating an earlier one joins its statement."""
    ids = [row[0] for row in db.execute("select id from quotes where article_id = ?", [article_id])]
    return sync_quotes(db, ids)


def sync_quotes(db: Database, quote_ids: Iterable[str]) -> int:
    """Bring the statements of these quotes up to date, in one transaction: a quote no
    longer stored (or rejected) leaves its statement, one not placed yet is placed, and
    the statements they are in are summarised again. Returns how many were placed."""
    ids = sorted(set(quote_ids))
    if not ids:
        return 0
    wanted = json.dumps(ids)
    with immediate(db):
        present = {
            row["id"]: row
            for row in _load(
                db,
                " and quotes.id in (select value from json_each(?))",
                [wanted],
                ", statement_quotes.statement_id as statement_id",
                " left join statement_quotes on statement_quotes.quote_id = quotes.id",
            )
        }
        touched = {row["statement_id"] for row in present.values() if row["statement_id"]}
        sql = "select quote_id, statement_id from statement_quotes where quote_id = ?"
        for gone in (key for key in ids if key not in present):
            found = db.execute(sql, [gone]).fetchone()
            if found:
                db.execute("delete from statement_quotes where quote_id = ?", [gone])
                touched.add(found[1])
        new = [row for row in present.values() if not row["statement_id"]]
        new.sort(key=lambda row: appearance_order(row["published"], row["rowid"]))
        touched |= _place_new(db, [_quote(row) for row in new])
        refresh(db, touched)
    return len(new)


def _place_new(db: Database, new: Sequence[tuple[Quote, list[str]]]) -> set[str]:
    """Place quotes not in any statement yet; return the statements they changed."""
    if not new:
        return set()
    owner, hashed = fingerprints([words for _, words in new])
    prints: list[list[int]] = [[] for _ in new]
    for number, value in zip(owner.tolist(), hashed.tolist(), strict=True):
        prints[number].append(value)
    batch = {quote.appearance.id for quote, _ in new}
    stored = _postings(db, set(hashed.tolist()), batch)
    ranked: list[list[str]] = []
    added: dict[int, list[str]] = defaultdict(list)
    for (quote, _), values in zip(new, prints, strict=True):
        shared: Counter[str] = Counter()
        for value in values:
            earlier = stored[value] + added[value]
            if len(earlier) <= MAX_POSTINGS:
                shared.update(earlier)
        ranked.append(sorted(shared, key=lambda key: (-shared[key], key))[:MAX_CANDIDATES])
        for value in values:
            added[value].append(quote.appearance.id)
    grouping = Grouping()
    known = _seed(db, grouping, {key for keys in ranked for key in keys} - batch)
    known.update({quote.appearance.id: quote.appearance for quote, _ in new})
    for (quote, _), keys in zip(new, ranked, strict=True):
        grouping.place(quote.appearance, [known[key] for key in keys if key in known])
    return _store_placed(db, grouping, new, prints)


def _postings(db: Database, values: set[int], batch: set[str]) -> dict[int, list[str]]:
    sql = "select quote_id from statement_fingerprints where hash = ? limit ?"
    found = {}
    for value in values:
        rows = db.execute(sql, [value, MAX_POSTINGS + 1 + len(batch)]).fetchall()
        found[value] = [row[0] for row in rows if row[0] not in batch][: MAX_POSTINGS + 1]
    return found


def _seed(db: Database, grouping: Grouping, keys: set[str]) -> dict[str, Appearance]:
    """Load the candidates already in statements into ``grouping``; return them by id."""
    rows = _load(
        db,
        " and quotes.id in (select value from json_each(?))",
        [json.dumps(sorted(keys))],
        ", statement_quotes.statement_id as statement_id, first.published as first_published,"
        " first.rowid as first_rowid",
        " join statement_quotes on statement_quotes.quote_id = quotes.id"
        " join statements on statements.id = statement_quotes.statement_id"
        " join quotes as first on first.id = statements.first_quote_id",
    )
    known = {}
    for row in rows:
        quote, _ = _quote(row)
        first = appearance_order(row["first_published"], row["first_rowid"])
        grouping.seed(row["id"], row["statement_id"], first)
        known[row["id"]] = quote.appearance
    return known


def _store_placed(db, grouping: Grouping, new, prints) -> set[str]:
    placed = {quote.appearance.id: grouping.statement(quote.appearance.id) for quote, _ in new}
    db.conn.executemany(
        "insert or ignore into statements (id, first_quote_id, n_appearances) values (?, ?, 1)",
        [(key, quote) for quote, key in placed.items()],
    )
    db.conn.executemany(
        INSERT_APPEARANCE,
        [(quote, key, *grouping.links[quote], "same") for quote, key in placed.items()],
    )
    for gone in grouping.merged:
        target = grouping.merged[gone]
        while target in grouping.merged:
            target = grouping.merged[target]
        db.execute(
            "update statement_quotes set statement_id = ? where statement_id = ?", [target, gone]
        )
        db.execute("delete from statements where id = ?", [gone])
    db.conn.executemany(
        INSERT_FINGERPRINT,
        [
            (value, quote.appearance.id)
            for (quote, _), values in zip(new, prints, strict=True)
            for value in values
        ],
    )
    return set(placed.values())
