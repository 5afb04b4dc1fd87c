"""Finding quotes to check and reading what is known about one: search, lists, details."""

from __future__ import annotations

from sqlite_utils import Database

from quotes.factcheck.annotate import find_quote, history
from quotes.factcheck.curation import corrections_for

LIST_COLUMNS = (
    "id", "text", "kind", "speaker", "outlet", "published", "current_verdict", "verdict_scale",
    "verdict_reviewer", "verdict_at", "factcheck_count",
)
_SPEAKER = (
    "(speaker = :speaker collate nocase or speaker_id in"
    " (select speaker_id from speaker_aliases where alias = :speaker collate nocase))"
)


def _filters(speaker=None, outlet=None, **equal) -> tuple[list[str], dict]:
    where, params = [], {}
    if speaker:
        where.append(_SPEAKER)
        params["speaker"] = speaker
    if outlet:
        where.append("outlet = :outlet collate nocase")
        params["outlet"] = outlet
    for column, value in equal.items():
        if value:
            where.append(f"{column} = :{column} collate nocase")
            params[column] = value
    return where, params


def search_quotes(
    db: Database, text: str, *, speaker: str | None = None, outlet: str | None = None,
    limit: int = 20,
) -> list[dict]:
    """Quotes (not rejected) whose text or context matches ``text`` in full-text search,
    best match first, with their current verdict. ``speaker`` matches a name or alias."""
    where, params = _filters(speaker, outlet)
    where.insert(0, "quotes_fts match :query")
    params.update(query=db.quote_fts(text), limit=limit)
    sql = (
        f"select {', '.join('quotes_current.' + c for c in LIST_COLUMNS)} from quotes_fts"
        " join quotes_current on quotes_current.rowid = quotes_fts.rowid"
        f" where {' and '.join(where)} order by quotes_fts.rank limit :limit"
    )
    return list(db.query(sql, params))


def list_factchecks(
    db: Database, *, verdict: str | None = None, speaker: str | None = None,
    outlet: str | None = None, reviewer: str | None = None, unchecked: bool = False,
    statement: str | None = None, limit: int | None = None,
) -> list[dict]:
    """Checked quotes with their current verdict, newest verdict first, filtered by
    current verdict, speaker (name or alias), outlet and reviewer (any case); with
    ``unchecked``, the quotes with no verdict yet instead, newest first. With
    ``statement`` (see :func:`statement_appearances`), the appearances of that statement."""
    if statement:
        return statement_appearances(
            db, statement, verdict=verdict, speaker=speaker, outlet=outlet, reviewer=reviewer,
            unchecked=unchecked, limit=limit,
        )
    where, params = _filters(
        speaker, outlet, current_verdict=verdict, verdict_reviewer=reviewer
    )
    where.append(f"current_verdict is {'' if unchecked else 'not '}null")
    order = "published desc, rowid" if unchecked else "verdict_at desc, factcheck_id desc"
    sql = (
        f"select {', '.join(LIST_COLUMNS)} from quotes_current where {' and '.join(where)}"
        f" order by {order}" + (" limit :limit" if limit else "")
    )
    return list(db.query(sql, {**params, "limit": limit}))


def statement_appearances(
    db: Database, statement: str, *, verdict: str | None = None, speaker: str | None = None,
    outlet: str | None = None, reviewer: str | None = None, unchecked: bool = False,
    limit: int | None = None,
) -> list[dict]:
    """Every appearance of a statement (id, prefix, or the id of a quote in it), oldest
    first, each with the statement's current verdict (the latest on any appearance; it
    stays stored once) and ``verdict_quote_id``, the appearance it was recorded on.
    ``verdict`` and ``reviewer`` filter on that verdict; ``unchecked`` gives the
    appearances only while the statement has no verdict."""
    from quotes.statements import find_statement, statement_verdict

    key = find_statement(db, statement)
    found = statement_verdict(db, key)
    if (unchecked and found) or ((verdict or reviewer) and not found):
        return []
    if found and any(
        wanted and wanted.casefold() != (found[column] or "").casefold()
        for wanted, column in ((verdict, "verdict"), (reviewer, "reviewer"))
    ):
        return []
    where, params = _filters(speaker, outlet)
    where.append("id in (select quote_id from statement_quotes where statement_id = :statement)")
    sql = (
        f"select {', '.join(LIST_COLUMNS)} from quotes_current where {' and '.join(where)}"
        " order by published is null, published, rowid" + (" limit :limit" if limit else "")
    )
    rows = list(db.query(sql, {**params, "statement": key, "limit": limit}))
    for row in rows:
        row["statement_id"] = key
        row["verdict_quote_id"] = found and found["quote_id"]
        if found and row["id"] != found["quote_id"]:
            row.update(
                current_verdict=found["verdict"], verdict_scale=found["scale"],
                verdict_reviewer=found["reviewer"], verdict_at=found["created_at"],
            )
    return rows


def quote_details(db: Database, quote: str) -> dict:
    """Everything about one quote: its row from ``quotes_view`` with the article's
    title, outlet, URL and date, ``rejected`` (the rejection or ``None``), ``history``
    (every verdict, with evidence), ``elsewhere`` (other organisations' verdicts, see
    :func:`quotes.factcheck.imports.external_verdicts`) and ``corrections`` (oldest first)."""
    from quotes.factcheck.imports import external_verdicts

    quote_id = find_quote(db, quote)
    row = next(iter(db.query("select * from quotes_view where id = ?", [quote_id])))
    rejected = db.query("select * from rejected_quotes where quote_id = ?", [quote_id])
    return {
        **row,
        "rejected": next(iter(rejected), None),
        "history": history(db, quote_id),
        "elsewhere": external_verdicts(db, quote_id),
        "corrections": corrections_for(db, quote_id),
    }
