"""The database shape, declared as data and applied through ``Migrations`` sets.

``MIGRATION_SETS`` lists every set :func:`quotes.store.open_db` applies, in
order. Another part of the project that needs tables of its own (the
fact-check module, for one) declares its own ``Migrations("name")`` set and
appends it here::

    from quotes.store.schema import MIGRATION_SETS
    MIGRATION_SETS.append(factcheck_migrations)

Never edit an applied migration: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

TABLES: dict[str, dict] = {
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
            "id": str, "text": str, "speaker_id": int, "speaker_mention": str,
            "kind": str, "cue": str, "outlet_id": int, "published": str,
            "article_id": str, "start": int, "end": int, "cue_start": int,
            "cue_end": int, "speaker_start": int, "speaker_end": int,
            "context": str, "context_start": int, "context_end": int,
        },
        "pk": "id",
        "not_null": {"text", "kind", "article_id", "start", "end"},
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("outlet_id", "outlets", "id"),
        ],
    },
}

# A placeholder until the fact-check module (quotes.store.factchecks) brings its own
# Migrations set, which owns this table from then on (adding columns, or replacing it
# while it is empty); enough for the canned query "quotes with no fact-check yet".
FACTCHECKS: dict[str, dict] = {
    "factchecks": {
        "columns": {
            "id": int, "quote_id": str, "verdict": str, "checked_at": str,
            "source_url": str, "note": str,
        },
        "pk": "id",
        "not_null": {"quote_id"},
        "foreign_keys": [("quote_id", "quotes", "id")],
    },
}

UNIQUE: dict[str, list[str]] = {"outlets": ["name"], "speakers": ["name"]}

INDEXES: dict[str, list[list[str]]] = {
    "speakers": [["type"]],
    "speaker_aliases": [["alias"]],
    "articles": [["outlet_id"], ["published"], ["content_hash"]],
    "quotes": [
        ["article_id"], ["speaker_id"], ["outlet_id"], ["kind"], ["cue"], ["published"],
    ],
}
FACTCHECK_INDEXES: dict[str, list[list[str]]] = {"factchecks": [["quote_id"], ["verdict"]]}

FTS: dict[str, list[str]] = {"quotes": ["text", "context"]}

VIEWS: dict[str, str] = {
    "quotes_view": """
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
""".strip(),
}

migrations = Migrations("quotes")
MIGRATION_SETS: list[Migrations] = [migrations]


def create_tables(db: Database, tables: dict[str, dict]) -> None:
    """Create each table in ``tables`` (name -> ``Table.create`` arguments), in order."""
    for name, spec in tables.items():
        db[name].create(**spec)


def create_indexes(db: Database, unique: dict, indexes: dict) -> None:
    """Create the unique indexes, then the plain ones (facets, joins, look-ups)."""
    for table, columns in unique.items():
        db[table].create_index(columns, unique=True, if_not_exists=True)
    for table, column_lists in indexes.items():
        for columns in column_lists:
            db[table].create_index(columns, if_not_exists=True)


def create_fts(db: Database, fts: dict[str, list[str]]) -> None:
    """Enable FTS5 with triggers on each table's columns."""
    for table, columns in fts.items():
        db[table].enable_fts(columns, create_triggers=True)


def create_views(db: Database, views: dict[str, str]) -> None:
    """Create or replace each view from its SQL."""
    for name, sql in views.items():
        db.create_view(name, sql, replace=True)


@migrations()
def m001_initial(db: Database) -> None:
    """Tables, indexes, full-text search on quotes and the reading views."""
    create_tables(db, TABLES)
    create_indexes(db, UNIQUE, INDEXES)
    create_fts(db, FTS)
    create_views(db, VIEWS)


@migrations()
def m002_factchecks_placeholder(db: Database) -> None:
    """An empty ``factchecks`` table, unless something made one already."""
    if not db["factchecks"].exists():
        create_tables(db, FACTCHECKS)
        create_indexes(db, {}, FACTCHECK_INDEXES)


@migrations()
def m003_case_blind_name_indexes(db: Database) -> None:
    """Indexes for the case-blind look-ups of every stored quote (speaker names and
    aliases, outlet names), which otherwise scan their table once per quote."""
    for table, column in (("speakers", "name"), ("speaker_aliases", "alias"), ("outlets", "name")):
        db.execute(
            f"CREATE INDEX IF NOT EXISTS idx_{table}_{column}_nocase"
            f" ON [{table}] ([{column}] COLLATE NOCASE)"
        )


@migrations()
def m004_quote_parts(db: Database) -> None:
    """``quotes.segments``: the parts of a quote interrupted by its attribution, as a
    JSON list of ``[start, end]`` (see :class:`quotes.records.Quote`)."""
    if "segments" not in db["quotes"].columns_dict:
        db["quotes"].add_column("segments", str)


SPEAKER_COLUMNS = {"extracted_speaker": str, "speaker_key": str, "speaker_role": str}


@migrations()
def m005_speaker_as_extracted(db: Database) -> None:
    """What the extractor said of each quote's speaker, kept beside the row it points
    at: the name its article gives (``extracted_speaker``), its family-name key
    (``speaker_key``, see :mod:`quotes.store.identity`) and the role given there
    (``speaker_role``); and ``identity_pending``, the keys to reconcile. Quotes stored
    before get their current speaker's name, and every key is marked pending."""
    from quotes.names import name_key

    quotes = db["quotes"]
    for column, kind in SPEAKER_COLUMNS.items():
        if column not in quotes.columns_dict:
            quotes.add_column(column, kind)
    db["identity_pending"].create({"key": str}, pk="key", if_not_exists=True)
    rows = db.execute(
        "select quotes.id, speakers.name, speakers.type, speakers.description from quotes"
        " join speakers on speakers.id = quotes.speaker_id where quotes.extracted_speaker is null"
    ).fetchall()
    for quote_id, name, kind, description in rows:
        key = name_key(name) if (kind or "person") == "person" else None
        db.execute(
            "update quotes set extracted_speaker = ?, speaker_key = ?, speaker_role = ?"
            " where id = ?",
            [name, key, description, quote_id],
        )
        if key:
            db.execute("insert or ignore into identity_pending (key) values (?)", [key])
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_quotes_speaker_key"
        " ON quotes (speaker_key, extracted_speaker COLLATE NOCASE, article_id)"
    )


RULE_COLUMNS = {"rule": str, "speaker_rule": str}


@migrations()
def m006_quote_rules(db: Database) -> None:
    """``quotes.rule`` and ``quotes.speaker_rule``: the ids of the extraction rules that
    found each quote and chose its speaker (see :mod:`quotes.extract.rules`), so that
    curators' rejections can be counted by rule. Quotes stored before have none."""
    quotes = db["quotes"]
    for column, kind in RULE_COLUMNS.items():
        if column not in quotes.columns_dict:
            quotes.add_column(column, kind)
    quotes.create_index(["rule"], if_not_exists=True)
