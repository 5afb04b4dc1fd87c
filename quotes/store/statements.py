"""The statement tables: quotes grouped by the statement they report, and their views
(declared here, put together by :mod:`quotes.store.schema`; :mod:`quotes.statements`
fills them).

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
A statement's verdict is the latest current verdict of any of its appearances
(``statement_verdicts``); it stays stored once, on the quote it was made on.
"""

from __future__ import annotations

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

SQL_TABLES: dict[str, str] = {
    "statement_fingerprints": """
CREATE TABLE IF NOT EXISTS statement_fingerprints (
  hash INTEGER NOT NULL,
  quote_id TEXT NOT NULL,
  PRIMARY KEY (hash, quote_id)
) WITHOUT ROWID
""".strip(),
}

INDEXES: dict[str, list[list[str]]] = {
    "statements": [["n_appearances"], ["n_outlets"]],
    "statement_quotes": [["statement_id"]],
}

VIEWS: dict[str, str] = {
    "statements_view": """
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
  EXISTS (SELECT 1 FROM statement_verdicts AS verdict
    WHERE verdict.statement_id = statements.id) AS has_verdict,
  (SELECT verdict.verdict FROM statement_verdicts AS verdict
    WHERE verdict.statement_id = statements.id) AS current_verdict,
  statements.first_quote_id AS first_quote_id,
  first.speaker_id AS speaker_id
FROM statements
JOIN quotes AS first ON first.id = statements.first_quote_id
LEFT JOIN speakers ON speakers.id = first.speaker_id
LEFT JOIN outlets ON outlets.id = statements.first_outlet_id
WHERE statements.n_appearances > 1
""".strip(),
    "statement_verdicts": """
SELECT appearance.statement_id AS statement_id, current.quote_id AS quote_id,
  current.id AS factcheck_id, current.verdict AS verdict, current.scale AS scale,
  current.ordinal AS ordinal, current.reviewer AS reviewer,
  current.created_at AS created_at
FROM current_factchecks AS current
JOIN statement_quotes AS appearance ON appearance.quote_id = current.quote_id
WHERE current.id = (SELECT max(q.current_factcheck_id) FROM statement_quotes AS sq
  JOIN quotes AS q ON q.id = sq.quote_id WHERE sq.statement_id = appearance.statement_id)
""".strip(),
}
