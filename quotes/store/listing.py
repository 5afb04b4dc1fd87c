"""The quotes list at scale: its columns kept on ``quotes``, and its facet counts kept ready.

Browsing a million quotes in Datasette must not join five tables and group a
million rows on every page. So the columns people read and facet on live on
the ``quotes`` row itself, and the database keeps them current with triggers,
whatever path writes (ingest, re-extraction, curation, fact-checks, raw SQL):

- ``speaker`` and ``outlet``: the canonical names (a rename or merge follows);
- ``current_verdict`` and ``current_factcheck_id``: the latest fact-check;
- ``rejected``: 1 once a ``quote.reject`` correction names the quote.

``quotes_current`` (the quotes list) reads them from ``quotes`` alone, so a
filter on any of them is one index look-up. ``facet_counts`` holds, for each
facet column of the list, how many listed (not rejected) quotes have each
value; triggers keep it exact in the writer's own transaction, and the
Datasette plugin serves the unfiltered list's facets from it.

Declared here, put together by :mod:`quotes.store.schema`.
"""

from __future__ import annotations

from sqlite_utils import Database

FACET_COLUMNS = (
    "speaker", "speaker_type", "outlet", "kind", "cue", "current_verdict", "published"
)
# The columns of ``quotes`` that the list reads (the quotes table holds them last).
QUOTE_COLUMNS = {
    "speaker": str,
    "outlet": str,
    "current_verdict": str,
    "current_factcheck_id": int,
    "rejected": int,
    "speaker_type": str,
}
TABLES: dict[str, dict] = {
    "facet_counts": {"columns": {"facet": str, "value": str, "n": int}, "pk": ("facet", "value")},
}
INDEXES: dict[str, list[list[str]]] = {
    "quotes": [
        ["speaker"],
        ["outlet"],
        ["current_verdict"],
        # a speaker's page: their counts by outlet and verdict
        ["speaker_id", "rejected", "outlet", "current_verdict"],
        ["speaker_type"],
    ],
}
# The stored tables' default order, newest first, then by id, for the whole
# table, an outlet's quotes and a speaker's: an export reads rows in order
# instead of sorting every page, and ties on the date come out by id, as
# Datasette's next pages expect (Datasette 0.65 adds the id tie-breaker to the
# ORDER BY of later pages only, so a first page sorted otherwise repeats or
# skips rows at the page break).
NEWEST_FIRST = {
    "idx_quotes_published_id": "[quotes] (published DESC, id)",
    "idx_quotes_outlet_id_published_id": "[quotes] (outlet_id, published DESC, id)",
    "idx_quotes_speaker_id_published_id": "[quotes] (speaker_id, published DESC, id)",
    "idx_articles_published_id": "[articles] (published DESC, id)",
}
NAMED_INDEXES: dict[str, str] = {
    # The list, newest first, and its count (a covering scan). "likely()" in the view
    # tells SQLite that "rejected = 0" holds for nearly every row, so with or without
    # ANALYZE statistics it uses this index only when nothing narrower applies.
    "idx_quotes_listed_published": "quotes (rejected, published)",
    **NEWEST_FIRST,
}

LIST_VIEW = "quotes_current"
# Columns from other tables are scalar subqueries, not joins: SQLite evaluates
# them only for the rows shown, never while counting or faceting the list.
LIST_SQL = """
SELECT
  quotes.rowid AS rowid,
  quotes.id AS id,
  quotes.text AS text,
  quotes.speaker AS speaker,
  (SELECT description FROM speakers WHERE id = quotes.speaker_id) AS speaker_role,
  quotes.speaker_type AS speaker_type,
  quotes.speaker_mention AS speaker_mention,
  quotes.kind AS kind,
  quotes.cue AS cue,
  quotes.outlet AS outlet,
  quotes.published AS published,
  quotes.current_verdict AS current_verdict,
  (SELECT scale FROM factchecks WHERE id = quotes.current_factcheck_id) AS verdict_scale,
  (SELECT ordinal FROM factchecks WHERE id = quotes.current_factcheck_id) AS verdict_ordinal,
  (SELECT reviewer FROM factchecks WHERE id = quotes.current_factcheck_id) AS verdict_reviewer,
  (SELECT created_at FROM factchecks WHERE id = quotes.current_factcheck_id) AS verdict_at,
  quotes.current_factcheck_id AS factcheck_id,
  (SELECT count(*) FROM factchecks WHERE quote_id = quotes.id) AS factcheck_count,
  (SELECT title FROM articles WHERE id = quotes.article_id) AS article_title,
  (SELECT url FROM articles WHERE id = quotes.article_id) AS article_url,
  quotes.article_id AS article_id,
  quotes.speaker_id AS speaker_id,
  quotes.context AS context
FROM quotes
WHERE likely(quotes.rejected = 0)
""".strip()

VIEWS: dict[str, str] = {LIST_VIEW: LIST_SQL}

REJECTED = "SELECT target FROM corrections WHERE kind = 'quote.reject'"


def _count(sign: str, row: str, columns: tuple[str, ...]) -> str:
    """Statements adding ``sign`` 1 to the count of each facet value of ``row`` (new/old).

    Both directions upsert, so the order in which SQLite fires the triggers of
    one statement never matters (a count may pass through -1 on its way).
    """
    return "".join(
        f"  INSERT INTO facet_counts (facet, value, n) SELECT '{c}', {row}.{c}, {sign}1"
        f" WHERE {row}.{c} IS NOT NULL AND {row}.rejected = 0\n"
        f"    ON CONFLICT (facet, value) DO UPDATE SET n = n {sign} 1;\n"
        for c in columns
    )


TRIGGERS: dict[str, str] = {
    # The writers of quotes.store.save give the names; an insert by hand gets them here.
    "quotes_listing_names": """
AFTER INSERT ON quotes
WHEN (new.speaker IS NULL AND new.speaker_id IS NOT NULL)
  OR (new.outlet IS NULL AND new.outlet_id IS NOT NULL)
BEGIN
  UPDATE quotes SET
    speaker = coalesce(new.speaker, (SELECT name FROM speakers WHERE id = new.speaker_id)),
    outlet = coalesce(new.outlet, (SELECT name FROM outlets WHERE id = new.outlet_id))
  WHERE rowid = new.rowid;
END""",
    # A quote rejected once stays rejected when re-extraction inserts it again.
    "quotes_listing_rejected_again": f"""
AFTER INSERT ON quotes
WHEN new.rejected = 0 AND new.id IN ({REJECTED})
BEGIN
  UPDATE quotes SET rejected = 1 WHERE rowid = new.rowid;
END""",
    "quotes_listing_speaker": """
AFTER UPDATE OF speaker_id ON quotes
BEGIN
  UPDATE quotes SET speaker = (SELECT name FROM speakers WHERE id = new.speaker_id)
  WHERE rowid = new.rowid;
END""",
    "speakers_listing_rename": """
AFTER UPDATE OF name ON speakers
BEGIN
  UPDATE quotes SET speaker = new.name WHERE speaker_id = new.id;
END""",
    "outlets_listing_rename": """
AFTER UPDATE OF name ON outlets
BEGIN
  UPDATE quotes SET outlet = new.name WHERE outlet_id = new.id;
END""",
    "factchecks_listing_verdict": """
AFTER INSERT ON factchecks
BEGIN
  UPDATE quotes SET current_verdict = new.verdict, current_factcheck_id = new.id
  WHERE id = new.quote_id
    AND (current_factcheck_id IS NULL OR current_factcheck_id < new.id);
END""",
    "corrections_listing_reject": """
AFTER INSERT ON corrections
WHEN new.kind = 'quote.reject'
BEGIN
  UPDATE quotes SET rejected = 1 WHERE id = new.target AND rejected = 0;
END""",
    # The full-text index reads only text and context: other updates need not touch it.
    "quotes_au": """
AFTER UPDATE OF text, context ON quotes
BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, text, context)
    VALUES ('delete', old.rowid, old.text, old.context);
  INSERT INTO quotes_fts (rowid, text, context) VALUES (new.rowid, new.text, new.context);
END""",
}


def count_triggers(columns: tuple[str, ...]) -> dict[str, str]:
    """The triggers keeping ``facet_counts`` exact for the facet ``columns``."""
    return {
        "quotes_counts_insert": f"""
AFTER INSERT ON quotes
BEGIN
{_count("+", "new", columns)}END""",
        "quotes_counts_delete": f"""
AFTER DELETE ON quotes
BEGIN
{_count("-", "old", columns)}END""",
        "quotes_counts_update": f"""
AFTER UPDATE OF {", ".join(columns)}, rejected ON quotes
BEGIN
{_count("-", "old", columns)}{_count("+", "new", columns)}END""",
    }


SPEAKER_TYPE_TRIGGERS: dict[str, str] = {
    # The speaker's type; an unnamed source keeps the 'unnamed' its writer gave it.
    "quotes_listing_speaker_type": """
AFTER UPDATE OF speaker_id ON quotes
WHEN new.speaker_id IS NOT NULL
BEGIN
  UPDATE quotes SET speaker_type = (SELECT type FROM speakers WHERE id = new.speaker_id)
  WHERE rowid = new.rowid;
END""",
    "speakers_listing_type": """
AFTER UPDATE OF type ON speakers
WHEN new.type IS NOT old.type
BEGIN
  UPDATE quotes SET speaker_type = new.type WHERE speaker_id = new.id;
END""",
}


def create_triggers(
    db: Database, names: tuple[str, ...] | None = None, facets: tuple[str, ...] = FACET_COLUMNS
) -> None:
    """(Re)create the triggers that keep the list columns and ``facet_counts`` current
    for the facet columns ``facets`` (``names``: only these triggers)."""
    every = {**TRIGGERS, **count_triggers(facets)}
    if facets == FACET_COLUMNS:
        every.update(SPEAKER_TYPE_TRIGGERS)
    for name in names or tuple(every):
        body = every[name]
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
        db.execute(f"CREATE TRIGGER [{name}] {body.strip()}")


def fill_columns(db: Database) -> None:
    """Set the list columns of every quote from the tables they copy."""
    db.execute(f"""
        UPDATE quotes SET
          speaker = (SELECT name FROM speakers WHERE id = quotes.speaker_id),
          outlet = (SELECT name FROM outlets WHERE id = quotes.outlet_id),
          current_factcheck_id = (SELECT max(id) FROM factchecks WHERE quote_id = quotes.id),
          rejected = quotes.id IN ({REJECTED})""")
    db.execute("""
        UPDATE quotes SET current_verdict =
          (SELECT verdict FROM factchecks WHERE id = quotes.current_factcheck_id)
        WHERE current_factcheck_id IS NOT NULL""")


def recount(db: Database, facets: tuple[str, ...] = FACET_COLUMNS) -> None:
    """Rebuild ``facet_counts`` from the quotes (after bulk loads with the triggers off)."""
    db.execute("DELETE FROM facet_counts")
    for column in facets:
        db.execute(
            f"INSERT INTO facet_counts (facet, value, n) SELECT '{column}', [{column}], count(*)"
            f" FROM quotes WHERE rejected = 0 AND [{column}] IS NOT NULL GROUP BY [{column}]"
        )
