"""The database's shape, declared once as data: every table, index, full-text index, view
and trigger, in the order they are made.

:func:`create` makes a new database in this shape. A database made by an older quotes
is brought to it by the migrations of :mod:`quotes.store.migrations`, which apply
only what changed since; :func:`ensure_derived` then makes its views and triggers anew
from here. Each area of the database declares its own part, and this module puts them
together in order: the core tables here, then :mod:`~quotes.store.factchecks`,
:mod:`~quotes.store.listing` (the quotes list) and :mod:`~quotes.store.statements`.

A change of shape is made here and, for the databases already made, by a new migration
at the end of ``migrations.MIGRATIONS`` (``tests/test_schema.py`` holds the two to
each other).
"""

from __future__ import annotations

from sqlite_utils import Database

from quotes.store import factchecks, listing, statements

CORE_TABLES: dict[str, dict] = {
    "outlets": {
        "columns": {"id": int, "name": str},
        "pk": "id",
        "not_null": {"name"},
    },
    "speakers": {
        "columns": {"id": int, "name": str, "type": str, "description": str},
        "pk": "id",
        "not_null": {"name"},
    },
    "speaker_aliases": {
        "columns": {"speaker_id": int, "alias": str},
        "pk": ("speaker_id", "alias"),
        "not_null": {"alias"},
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    "articles": {
        "columns": {
            "id": str, "name": str, "title": str, "outlet_id": int, "url": str,
            "published": str, "byline": str, "source": str, "text": str,
            "content_hash": str, "word_count": int, "ingested_at": str,
        },
        "pk": "id",
        "not_null": {"text", "content_hash"},
        "foreign_keys": [("outlet_id", "outlets", "id")],
    },
    "quotes": {
        "columns": {
            # where the extractor found it and what it found
            "id": str, "text": str, "speaker_id": int, "speaker_mention": str,
            "kind": str, "cue": str, "outlet_id": int, "published": str,
            "article_id": str, "start": int, "end": int, "cue_start": int,
            "cue_end": int, "speaker_start": int, "speaker_end": int,
            "context": str, "context_start": int, "context_end": int,
            "segments": str, "extracted_speaker": str, "speaker_key": str,
            "speaker_role": str,
            # the quotes list's own columns, kept by triggers (quotes.store.listing)
            **listing.QUOTE_COLUMNS,
            # the extraction rules that found the quote and chose its speaker
            "rule": str, "speaker_rule": str,
        },
        "pk": "id",
        "not_null": {"text", "kind", "article_id", "start", "end", "rejected"},
        "defaults": {"rejected": 0},
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("outlet_id", "outlets", "id"),
        ],
    },
    # the family keys whose people are to be settled (quotes.store.identity)
    "identity_pending": {"columns": {"key": str}, "pk": "key"},
}

TABLES: dict[str, dict] = {
    **CORE_TABLES,
    **factchecks.TABLES,
    **listing.TABLES,
    **statements.TABLES,
}
# Tables sqlite-utils cannot declare (WITHOUT ROWID), as SQL.
SQL_TABLES: dict[str, str] = statements.SQL_TABLES

CORE_UNIQUE: dict[str, list[list[str]]] = {"outlets": [["name"]], "speakers": [["name"]]}
UNIQUE = {**CORE_UNIQUE, **factchecks.UNIQUE}
CORE_INDEXES: dict[str, list[list[str]]] = {
    "speakers": [["type"]],
    "speaker_aliases": [["alias"]],
    "articles": [["outlet_id"], ["content_hash"]],
    "quotes": [["article_id"], ["kind"], ["cue"], ["rule"]],
}
INDEXES: dict[str, list[list[str]]] = {}
for _part in (CORE_INDEXES, factchecks.INDEXES, listing.INDEXES, statements.INDEXES):
    for _table, _columns in _part.items():
        INDEXES[_table] = INDEXES.get(_table, []) + _columns
# Indexes plain column lists cannot say (collations, order, several per name): name -> SQL.
CASE_BLIND = {
    "idx_speakers_name_nocase": "[speakers] ([name] COLLATE NOCASE)",
    "idx_speaker_aliases_alias_nocase": "[speaker_aliases] ([alias] COLLATE NOCASE)",
    "idx_outlets_name_nocase": "[outlets] ([name] COLLATE NOCASE)",
}
NAMED_INDEXES: dict[str, str] = {
    **CASE_BLIND,
    "idx_quotes_speaker_key": "quotes (speaker_key, extracted_speaker COLLATE NOCASE, article_id)",
    **listing.NAMED_INDEXES,
}

FTS: dict[str, list[str]] = {"quotes": ["text", "context"]}

QUOTES_VIEW = """
SELECT
  quotes.rowid AS rowid,
  quotes.id AS id,
  quotes.text AS text,
  speakers.name AS speaker,
  speakers.description AS speaker_role,
  speakers.type AS speaker_type,
  quotes.speaker_mention AS speaker_mention,
  quotes.kind AS kind,
  quotes.cue AS cue,
  outlets.name AS outlet,
  quotes.published AS published,
  articles.title AS article_title,
  articles.url AS article_url,
  quotes.article_id AS article_id,
  quotes.speaker_id AS speaker_id,
  quotes.context AS context
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN outlets ON outlets.id = quotes.outlet_id
""".strip()

# Every quote with its speaker, outlet and article, rejected ones included (the stored
# rows as a reader sees them); quotes_current is the list, rejected ones left out.
VIEWS: dict[str, str] = {
    "quotes_view": QUOTES_VIEW,
    **factchecks.VIEWS,
    **listing.VIEWS,
    **statements.VIEWS,
}


def create(db: Database) -> None:
    """Make every table, index, full-text index, view and trigger of an empty database,
    and the verdict scales' rows (call inside a write transaction)."""
    create_tables(db, TABLES)
    for sql in SQL_TABLES.values():
        db.execute(sql)
    create_fts(db, FTS)
    factchecks.seed_scales(db)
    ensure_derived(db)


def ensure_derived(db: Database) -> None:
    """Make every declared index a database lacks, and every view and trigger anew (after
    migrations)."""
    create_indexes(db, UNIQUE, INDEXES)
    create_named_indexes(db, NAMED_INDEXES)
    create_views(db, VIEWS)
    listing.create_triggers(db)


def create_tables(db: Database, tables: dict[str, dict]) -> None:
    """Create each table in ``tables`` (name -> ``Table.create`` arguments), in order,
    unless it exists."""
    for name, spec in tables.items():
        db[name].create(**spec, if_not_exists=True)


def create_indexes(db: Database, unique: dict, indexes: dict) -> None:
    """Create the unique indexes, then the plain ones (facets, joins, look-ups), each
    named by sqlite-utils after its table and columns."""
    for table, column_lists in unique.items():
        for columns in column_lists:
            db[table].create_index(columns, unique=True, if_not_exists=True)
    for table, column_lists in indexes.items():
        for columns in column_lists:
            db[table].create_index(columns, if_not_exists=True)


def create_named_indexes(db: Database, indexes: dict[str, str]) -> None:
    """Create each index ``name -> "table (expressions)"`` unless it exists."""
    for name, target in indexes.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS [{name}] ON {target}")


def create_fts(db: Database, fts: dict[str, list[str]]) -> None:
    """Enable FTS5 with triggers on each table's columns."""
    for table, columns in fts.items():
        db[table].enable_fts(columns, create_triggers=True)


def create_views(db: Database, views: dict[str, str]) -> None:
    """Create or replace each view from its SQL."""
    for name, sql in views.items():
        db.create_view(name, sql, replace=True)
