"""Bringing a database made by an older quotes to today's shape: every change of shape
since the first release, in the order it came, each applied once.

``MIGRATIONS`` is the whole list, in order; each entry is recorded in
``_sqlite_migrations`` (the table sqlite-utils' migrations keep) under its set and
name once applied, so a database is only ever changed by what it has not had yet.
A new database is made in today's shape at once (:func:`quotes.store.schema.create`)
with every migration recorded as applied. A migration makes what it adds as
:mod:`quotes.store.schema` declares it today and leaves alone what is there already;
after the migrations, views and triggers are made anew from the declaration.

Never edit or remove an applied migration: add a new one at the end.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from sqlite_utils import Database

from quotes.names import name_key
from quotes.store import factchecks, listing, schema, statements

MIGRATIONS_TABLE = "_sqlite_migrations"


class Migration(NamedTuple):
    """One change of shape: the set it was first released in, and the function."""

    set: str
    run: Callable[[Database], None]

    @property
    def name(self) -> str:
        return self.run.__name__


# quotes: the core tables -----------------------------------------------------------------


def m001_initial(db: Database) -> None:
    """The core tables, their indexes and full-text search on quotes."""
    schema.create_tables(db, schema.CORE_TABLES)
    schema.create_indexes(db, schema.CORE_UNIQUE, schema.CORE_INDEXES)
    schema.create_fts(db, schema.FTS)


def m002_factchecks_placeholder(db: Database) -> None:
    """Once an empty ``factchecks`` table; now the fact-check tables come whole with
    ``quotes-factchecks`` m001, which also takes over a placeholder an old database has."""


def m003_case_blind_name_indexes(db: Database) -> None:
    """Indexes for the case-blind look-ups of every stored quote (speaker names and
    aliases, outlet names), which otherwise scan their table once per quote."""
    schema.create_named_indexes(db, schema.CASE_BLIND)


def m004_quote_parts(db: Database) -> None:
    """``quotes.segments``: the parts of a quote interrupted by its attribution, as a
    JSON list of ``[start, end]`` (see :class:`quotes.records.Quote`)."""
    add_columns(db, "quotes", {"segments": str})


def m005_speaker_as_extracted(db: Database) -> None:
    """What the extractor said of each quote's speaker, kept beside the row it points
    at: the name its article gives (``extracted_speaker``), its family-name key
    (``speaker_key``, see :mod:`quotes.store.identity`) and the role given there
    (``speaker_role``); and ``identity_pending``, the keys to reconcile. Quotes stored
    before get their current speaker's name, and every key is marked pending."""
    add_columns(db, "quotes", {"extracted_speaker": str, "speaker_key": str, "speaker_role": str})
    schema.create_tables(db, {"identity_pending": schema.CORE_TABLES["identity_pending"]})
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
    schema.create_named_indexes(
        db, {"idx_quotes_speaker_key": schema.NAMED_INDEXES["idx_quotes_speaker_key"]}
    )


def m006_quote_rules(db: Database) -> None:
    """``quotes.rule`` and ``quotes.speaker_rule``: the ids of the extraction rules that
    found each quote and chose its speaker (see :mod:`quotes.extract.rules`), so that
    curators' rejections can be counted by rule. Quotes stored before have none."""
    add_columns(db, "quotes", {"rule": str, "speaker_rule": str})
    db["quotes"].create_index(["rule"], if_not_exists=True)


# quotes-factchecks: verdicts, evidence, corrections ---------------------------------------


def m001_factchecks(db: Database) -> None:
    """Scales and ratings (from scales.yml), fact-checks (taking over the rows of the
    first release's placeholder), evidence, corrections and their indexes."""
    _tables(db, factchecks.TABLES, ("scales", "ratings"))
    factchecks.seed_scales(db)
    evidence = _replace_placeholder(db) if db["factchecks"].exists() else []
    _tables(db, factchecks.TABLES, ("factchecks", "factcheck_evidence", "corrections"))
    db["factcheck_evidence"].insert_all(evidence)
    schema.create_indexes(db, {}, _only(factchecks.INDEXES, ("factchecks",
                                          "factcheck_evidence", "corrections")))


def _replace_placeholder(db: Database) -> list[dict]:
    """Bring the first release's placeholder ``factchecks`` to this shape, keeping its
    rows: ``checked_at`` becomes ``created_at``; returns its ``source_url`` values as
    evidence rows."""
    table = db["factchecks"]
    spec = factchecks.TABLES["factchecks"]
    if not table.count:
        table.drop()
        return []
    evidence = [
        {"factcheck_id": row["id"], "url": row["source_url"]}
        for row in db.query("select id, source_url from factchecks where source_url is not null")
    ]
    for column, kind in {"scale": str, "reviewer": str, "ordinal": int, "supersedes": int}.items():
        table.add_column(column, kind)
    db.execute(
        "update factchecks set scale = 'freetext', verdict = coalesce(verdict, ''),"
        " checked_at = coalesce(checked_at, '')"
    )
    table.transform(
        rename={"checked_at": "created_at"},
        drop={"source_url"},
        not_null=spec["not_null"],
        defaults=spec["defaults"],
        column_order=list(spec["columns"]),
        add_foreign_keys=[("scale", "scales", "name"), ("supersedes", "factchecks", "id")],
    )
    return evidence


def m002_drafts(db: Database) -> None:
    """Draft verdicts (JSON evidence), waiting for ``quotes factcheck publish``."""
    _tables(db, factchecks.TABLES, ("factcheck_drafts",))
    schema.create_indexes(db, {}, _only(factchecks.INDEXES, ("factcheck_drafts",)))


def m003_publisher(db: Database) -> None:
    """Who publishes this database's reviews (``quotes factcheck config``): key, value."""
    _tables(db, factchecks.TABLES, ("factcheck_settings",))


def m004_external_factchecks(db: Database) -> None:
    """Other organisations' verdicts (imported ClaimReview), each on a stored quote its
    claim matched; one row per review and quote."""
    _tables(db, factchecks.TABLES, ("external_factchecks",))
    schema.create_indexes(
        db, factchecks.UNIQUE, _only(factchecks.INDEXES, ("external_factchecks",))
    )


# quotes-listing: the quotes list's columns and facet counts -------------------------------

# The facets of the first version of the list, before speaker_type (m003).
M001_FACETS = ("speaker", "outlet", "kind", "cue", "current_verdict", "published")


def m001_listing(db: Database) -> None:
    """The list columns on ``quotes``, filled; ``facet_counts``; the triggers."""
    add_columns(
        db, "quotes", {c: t for c, t in listing.QUOTE_COLUMNS.items() if c != "speaker_type"}
    )
    schema.create_tables(db, listing.TABLES)
    listing.create_triggers(db, ("quotes_au",))  # first, so filling skips the FTS index
    listing.fill_columns(db)
    listing.recount(db, M001_FACETS)
    typed = [columns for columns in listing.INDEXES["quotes"] if "speaker_type" not in columns]
    schema.create_indexes(db, {}, {"quotes": typed})  # speaker_type's comes with m003
    listed = "idx_quotes_listed_published"
    schema.create_named_indexes(db, {listed: listing.NAMED_INDEXES[listed]})
    db.execute("DROP INDEX IF EXISTS idx_quotes_speaker_id")  # (speaker_id, published) serves
    listing.create_triggers(db, facets=M001_FACETS)


def m002_newest_first(db: Database) -> None:
    """Indexes in the stored tables' default order (see ``listing.NEWEST_FIRST``), in
    place of the plain ones they serve as well."""
    schema.create_named_indexes(db, listing.NEWEST_FIRST)
    for replaced in (
        "idx_quotes_published", "idx_quotes_outlet_id", "idx_quotes_speaker_id_published",
        "idx_articles_published",
    ):
        db.execute(f"DROP INDEX IF EXISTS [{replaced}]")


def m003_speaker_type(db: Database) -> None:
    """``speaker_type`` on the list, faceted and counted: the speaker's type, or
    'unnamed' for a source the article describes without naming."""
    add_columns(db, "quotes", {"speaker_type": str})
    db.execute(
        "UPDATE quotes SET speaker_type = (SELECT type FROM speakers WHERE id = quotes.speaker_id)"
        " WHERE speaker_id IS NOT NULL"
    )
    schema.create_indexes(db, {}, {"quotes": [["speaker_type"]]})
    listing.recount(db)
    listing.create_triggers(db)


# quotes-statements: quotes grouped by the statement they report ---------------------------


def m001_statements(db: Database) -> None:
    """Statements, their appearances, the fingerprint index and their indexes."""
    schema.create_tables(db, statements.TABLES)
    for sql in statements.SQL_TABLES.values():
        db.execute(sql)
    schema.create_indexes(db, {}, statements.INDEXES)


# quotes-factchecks, later: ---------------------------------------------------------------


def m005_current_verdict_once(db: Database) -> None:
    """The current verdict defined once: every view reads it from the quote's
    ``current_factcheck_id`` (kept by a trigger), through ``current_factchecks``; the
    views are made anew after the migrations, so there is nothing else to do."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration("quotes", m001_initial),
    Migration("quotes", m002_factchecks_placeholder),
    Migration("quotes", m003_case_blind_name_indexes),
    Migration("quotes", m004_quote_parts),
    Migration("quotes", m005_speaker_as_extracted),
    Migration("quotes-factchecks", m001_factchecks),
    Migration("quotes-factchecks", m002_drafts),
    Migration("quotes-factchecks", m003_publisher),
    Migration("quotes-factchecks", m004_external_factchecks),
    Migration("quotes-listing", m001_listing),
    Migration("quotes-listing", m002_newest_first),
    Migration("quotes-listing", m003_speaker_type),
    Migration("quotes-statements", m001_statements),
    Migration("quotes-factchecks", m005_current_verdict_once),
    Migration("quotes", m006_quote_rules),
)


def pending(db: Database, migrations: tuple[Migration, ...] | None = None) -> list[Migration]:
    """The migrations (default: ``MIGRATIONS``) not applied to ``db`` yet, in order;
    reads only."""
    migrations = MIGRATIONS if migrations is None else migrations
    if not db[MIGRATIONS_TABLE].exists():
        return list(migrations)
    applied = set(db.execute(f"select migration_set, name from [{MIGRATIONS_TABLE}]").fetchall())
    return [m for m in migrations if (m.set, m.name) not in applied]


def apply(db: Database, migrations: tuple[Migration, ...] | None = None) -> list[Migration]:
    """Apply the pending ``migrations`` (default: ``MIGRATIONS``) in order, each recorded
    once done, then make the indexes, views and triggers the schema declares; the
    migrations applied (call inside a write transaction)."""
    todo = pending(db, migrations)
    for migration in todo:
        migration.run(db)
        record(db, migration)
    if todo:
        schema.ensure_derived(db)
    return todo


def record(db: Database, migration: Migration) -> None:
    """Record ``migration`` as applied."""
    now = str(datetime.datetime.now(datetime.UTC))
    row = {"migration_set": migration.set, "name": migration.name, "applied_at": now}
    _migrations_table(db).insert(row)


def _migrations_table(db: Database):
    """The table of applied migrations, made as sqlite-utils' migrations make it."""
    table = db[MIGRATIONS_TABLE]
    if not table.exists():
        table.create(
            {"id": int, "migration_set": str, "name": str, "applied_at": str}, pk="id"
        )
        table.create_index(["migration_set", "name"], unique=True)
    return table


def add_columns(db: Database, table: str, columns: dict[str, type]) -> None:
    """Add each of ``columns`` the table lacks, at its end; the list's ``rejected`` is
    0 unless said otherwise."""
    existing = db[table].columns_dict
    for column, kind in columns.items():
        if column not in existing:
            default = 0 if (table, column) == ("quotes", "rejected") else None
            db[table].add_column(column, kind, not_null_default=default)


def create_current(db: Database) -> None:
    """Make an empty database in today's shape, every migration recorded as applied (call
    inside a write transaction)."""
    _migrations_table(db)
    schema.create(db)
    for migration in MIGRATIONS:
        record(db, migration)


def _tables(db: Database, tables: dict[str, dict], names: tuple[str, ...]) -> None:
    schema.create_tables(db, {name: tables[name] for name in names})


def _only(indexes: dict, tables: tuple[str, ...]) -> dict:
    return {table: indexes[table] for table in tables if table in indexes}
