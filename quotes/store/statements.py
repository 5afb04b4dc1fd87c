"""The statement tables: quotes grouped by the statement they report, and their views.

A ``Migrations("quotes-statements")`` set, declared as data like
:mod:`quotes.store.schema`, appended to ``MIGRATION_SETS`` when this module is
imported (by :mod:`quotes.store`), after the fact-check set whose tables its
views read. :mod:`quotes.statements` fills the tables.

- ``statements``: one row per statement (a quote reported once is a statement
  of one appearance), with a summary kept up to date whenever its appearances
  change: counts, the first appearance, whether the wording differs, whether
  different speakers are named.
- ``statement_quotes``: each quote's statement, the appearance it matched and
  how well, and how its words stand to the first appearance.
- ``statement_fingerprints``: winnowed shingle hashes of each quote's words,
  the index a new quote is matched through (see
  :mod:`quotes.statements.fingerprints`).

Quote ids are not foreign keys here: quotes may be deleted (re-extraction),
and :func:`quotes.statements.sync_quotes` then drops them from their statement.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from quotes.store.schema import MIGRATION_SETS, create_indexes, create_tables, create_views

TABLES: dict[str, dict] = {
    "statements": {
        "columns": {
            "id": str,
            "first_quote_id": str,
            "first_published": str,
            "first_outlet_id": int,
            "n_appearances": int,
            "n_outlets": int,
            "n_speakers": int,
            "n_wordings": int,
            "has_differences": int,
            "different_speakers": int,
        },
        "pk": "id",
        "not_null": {"first_quote_id", "n_appearances"},
        "foreign_keys": [("first_outlet_id", "outlets", "id")],
    },
    "statement_quotes": {
        "columns": {
            "quote_id": str,
            "statement_id": str,
            "matched_quote_id": str,
            "similarity": float,
            "relation": str,
        },
        "pk": "quote_id",
        "not_null": {"statement_id"},
        "foreign_keys": [("statement_id", "statements", "id")],
    },
}

FINGERPRINTS_SQL = """
CREATE TABLE statement_fingerprints (
  hash INTEGER NOT NULL,
  quote_id TEXT NOT NULL,
  PRIMARY KEY (hash, quote_id)
) WITHOUT ROWID
""".strip()

INDEXES: dict[str, list[list[str]]] = {
    "statements": [["n_appearances"], ["n_outlets"]],
    "statement_quotes": [["statement_id"]],
}

_VERDICTS = """
  FROM statement_quotes AS appearance
  JOIN factchecks ON factchecks.quote_id = appearance.quote_id
  WHERE appearance.statement_id = statements.id"""

VIEWS: dict[str, str] = {
    "statements_view": f"""
SELECT
  statements.rowid AS rowid,
  statements.id AS id,
  first.text AS text,
  speakers.name AS speaker,
  (SELECT group_concat(name, '; ') FROM (
    SELECT DISTINCT s.name AS name FROM statement_quotes AS sq
    JOIN quotes AS q ON q.id = sq.quote_id JOIN speakers AS s ON s.id = q.speaker_id
    WHERE sq.statement_id = statements.id ORDER BY s.name)) AS speakers,
  statements.n_appearances AS n_appearances,
  statements.n_outlets AS n_outlets,
  statements.n_speakers AS n_speakers,
  statements.n_wordings AS n_wordings,
  statements.first_published AS first_published,
  outlets.name AS first_outlet,
  statements.has_differences AS has_differences,
  statements.different_speakers AS different_speakers,
  EXISTS (SELECT 1 {_VERDICTS}) AS has_verdict,
  (SELECT factchecks.verdict {_VERDICTS} ORDER BY factchecks.id DESC LIMIT 1) AS current_verdict,
  statements.first_quote_id AS first_quote_id,
  first.speaker_id AS speaker_id
FROM statements
JOIN quotes AS first ON first.id = statements.first_quote_id
LEFT JOIN speakers ON speakers.id = first.speaker_id
LEFT JOIN outlets ON outlets.id = statements.first_outlet_id
WHERE statements.n_appearances > 1
""".strip(),
    "statement_verdicts": """
SELECT appearance.statement_id AS statement_id, factchecks.quote_id AS quote_id,
  factchecks.id AS factcheck_id, factchecks.verdict AS verdict, factchecks.scale AS scale,
  factchecks.ordinal AS ordinal, factchecks.reviewer AS reviewer,
  factchecks.created_at AS created_at
FROM factchecks
JOIN statement_quotes AS appearance ON appearance.quote_id = factchecks.quote_id
WHERE factchecks.id = (SELECT max(f.id) FROM statement_quotes AS sq
  JOIN factchecks AS f ON f.quote_id = sq.quote_id WHERE sq.statement_id = appearance.statement_id)
""".strip(),
}

migrations = Migrations("quotes-statements")


@migrations()
def m001_statements(db: Database) -> None:
    """Statements, their appearances, the fingerprint index, indexes and views."""
    create_tables(db, TABLES)
    db.execute(FINGERPRINTS_SQL)
    create_indexes(db, {}, INDEXES)
    create_views(db, VIEWS)


if migrations not in MIGRATION_SETS:
    MIGRATION_SETS.append(migrations)
