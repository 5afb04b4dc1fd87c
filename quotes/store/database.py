"""Opening the quotes database: connection settings, then every migration set."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from quotes.store.schema import MIGRATION_SETS

BUSY_TIMEOUT_MS = 30_000


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the SQLite database at ``path`` and bring it up to date.

    The connection waits up to 30 s for another writer (``busy_timeout``),
    enforces foreign keys, uses WAL so Datasette can read while ``ingest``
    writes, and applies every set in ``schema.MIGRATION_SETS``.
    """
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.enable_wal()
    for migrations in MIGRATION_SETS:
        migrations.apply(db)
    return db
