"""Opening the quotes database: connection settings, then every migration set."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
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
    _bring_up_to_date(db)
    return db


def _bring_up_to_date(db: Database) -> None:
    """WAL on and every migration applied, safely while other processes do the same.

    Pending migrations are looked up and applied in one write transaction taken
    up front, so of several processes opening a new database at once one applies
    them and the others wait, then find nothing pending (looked up outside it, a
    migration another process applied meanwhile would run twice). Switching to
    WAL cannot wait for a lock: a process refused backs off and tries again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.enable_wal()
            if any(migrations.pending(db) for migrations in MIGRATION_SETS):
                with immediate(db):
                    for migrations in MIGRATION_SETS:
                        migrations.apply(db)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            if db.conn.in_transaction:
                db.conn.rollback()
            time.sleep(0.05 + random.random() * 0.1)


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[None]:
    """A write transaction taken up front (``BEGIN IMMEDIATE``): a concurrent writer
    waits on ``busy_timeout`` instead of failing half-way, and an error rolls
    everything back. Inside a transaction already open, it joins that one."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.commit()


def insert_row(db: Database, table: str, row: dict, *, or_ignore: bool = False) -> int:
    """Insert ``row`` (column -> value) into ``table`` with one statement; the new rowid.

    The write path's hot loop: sqlite-utils' ``insert`` looks the table up again
    on every call, which costs more than the insert itself.
    """
    columns = ", ".join(f"[{column}]" for column in row)
    places = ", ".join("?" * len(row))
    verb = "insert or ignore" if or_ignore else "insert"
    cursor = db.execute(f"{verb} into [{table}] ({columns}) values ({places})", list(row.values()))
    return cursor.lastrowid
