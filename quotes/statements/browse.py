"""Reading statements back: find one, list them, everything about one."""

from __future__ import annotations

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.statements.diff import word_diff
from quotes.statements.normalise import statement_words

MIN_PREFIX = 6
LIST_COLUMNS = (
    "id",
    "text",
    "speaker",
    "speakers",
    "n_appearances",
    "n_outlets",
    "first_published",
    "first_outlet",
    "has_differences",
    "different_speakers",
    "current_verdict",
)
APPEARANCES_SQL = """
select quotes.id as id, quotes.text as text, speakers.name as speaker,
  quotes.speaker_id as speaker_id, quotes.speaker_mention as speaker_mention,
  outlets.name as outlet, quotes.published as published, articles.title as article_title,
  articles.url as article_url, quotes.article_id as article_id, quotes.kind as kind,
  statement_quotes.relation as relation, statement_quotes.similarity as similarity,
  statement_quotes.matched_quote_id as matched_quote_id,
  quotes.current_verdict as own_verdict
from statement_quotes
join quotes on quotes.id = statement_quotes.quote_id
join articles on articles.id = quotes.article_id
left join speakers on speakers.id = quotes.speaker_id
left join outlets on outlets.id = quotes.outlet_id
where statement_quotes.statement_id = ?
order by quotes.published is null, quotes.published, quotes.rowid
"""


def find_statement(db: Database, ref: str) -> str:
    """The id of the statement ``ref`` names: a statement id or an unambiguous prefix of
    6+ characters, or else the id (or prefix) of a quote in it; :class:`Refused` when none."""
    ref = ref.strip().lower()
    if db.execute("select 1 from statements where id = ?", [ref]).fetchone():
        return ref
    if len(ref) >= MIN_PREFIX and ref.isalnum():
        for sql in (
            "select id from statements where id like ? limit 3",
            "select distinct statement_id from statement_quotes where quote_id like ? limit 3",
        ):
            ids = [row[0] for row in db.execute(sql, [ref + "%"]).fetchall()]
            if len(ids) == 1:
                return ids[0]
            if ids:
                raise Refused(f"{ref!r} matches several statements: {', '.join(ids)}, ...")
    raise Refused(
        f"no statement with id {ref!r} (find one with: quotes statements list; "
        "if it is new, run quotes statements rebuild)"
    )


def list_statements(
    db: Database,
    *,
    multi_outlet: bool = False,
    different_speakers: bool = False,
    speaker: str | None = None,
    limit: int | None = 50,
) -> list[dict]:
    """Statements reported more than once (``statements_view``), most outlets first: only
    those in two or more outlets with ``multi_outlet``, only those whose appearances name
    different speakers with ``different_speakers``, only those naming ``speaker``."""
    where = ["1 = 1"]
    if multi_outlet:
        where.append("n_outlets > 1")
    if different_speakers:
        where.append("different_speakers = 1")
    if speaker:
        where.append("(speaker = :speaker collate nocase or speakers like :like)")
    sql = (
        f"select {', '.join(LIST_COLUMNS)} from statements_view where {' and '.join(where)}"
        " order by n_outlets desc, n_appearances desc, first_published, id"
        + (" limit :limit" if limit else "")
    )
    return list(db.query(sql, {"speaker": speaker, "like": f"%{speaker}%", "limit": limit}))


def statement_verdict(db: Database, statement: str) -> dict | None:
    """The statement's current verdict: the latest recorded on any of its appearances
    (with ``quote_id``, the appearance it is stored on), ``None`` when none has one."""
    rows = db.query("select * from statement_verdicts where statement_id = ?", [statement])
    return next(iter(rows), None)


def appearances(db: Database, statement: str) -> list[dict]:
    """The appearances of a statement (its id), oldest first: each quote with its speaker,
    outlet, date, article, kind, relation to the first, and ``own_verdict``."""
    return list(db.query(APPEARANCES_SQL, [statement]))


def statement_details(db: Database, ref: str) -> dict:
    """Everything about one statement: its ``statements`` row, ``verdict`` (see
    :func:`statement_verdict`) and ``appearances``, oldest first, each with its outlet,
    speaker, article, ``relation``, ``own_verdict``, ``compared_to`` (the appearance its
    words are compared with: the first, or for an excerpt the one it was cut from) and
    ``changes`` (:func:`~quotes.statements.diff.word_diff` from that one to it)."""
    key = find_statement(db, ref)
    row = next(iter(db.query("select * from statements where id = ?", [key])))
    found = appearances(db, key)
    row["verdict"] = statement_verdict(db, key)
    outlets = {a["outlet"] for a in found}
    row["speaker_names"] = sorted({a["speaker"] for a in found if a["speaker"]})
    row["outlet_names"] = sorted(o for o in outlets if o)
    for appearance in found:
        reference = compared_to(appearance, found)
        appearance["compared_to"] = reference["id"]
        appearance["changes"] = word_diff(reference["text"], appearance["text"])
        appearance["first"] = appearance is found[0]
    row["appearances"] = found
    return row


def compared_to(appearance: dict, appearances: list[dict]) -> dict:
    """The first appearance, unless ``appearance`` is an excerpt of a later one only (one
    half of a quote another outlet printed whole): then the oldest that contains it."""
    first = appearances[0]
    if appearance["relation"] != "excerpt" or appearance is first:
        return first
    mine = f" {' '.join(statement_words(appearance['text']))} "
    for other in appearances:
        theirs = f" {' '.join(statement_words(other['text']))} "
        if other is not appearance and mine in theirs and len(theirs) > len(mine):
            return other
    return first
