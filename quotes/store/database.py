"""Opening the quotes database: connection settings, then its shape (made new, or brought
up to date by the migrations)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from quotes.errors import NotAQuotesDatabase
from quotes.store import migrations

BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_TABLE = migrations.MIGRATIONS_TABLE


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) the SQLite database at ``path`` and bring it up to date.

    The connection waits up to 30 s for another writer (``busy_timeout``),
    enforces foreign keys, uses WAL so Datasette can read while ``ingest``
    writes, and makes a new database in the shape :mod:`quotes.store.schema` declares
    or applies the pending :mod:`~quotes.store.migrations` to an older one. Raises
    :class:`NotAQuotesDatabase`, writing nothing, when the file is not SQLite
    or holds another application's tables.
    """
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    names = _table_names(db)
    if names and MIGRATIONS_TABLE not in names:
        db.close()
        raise NotAQuotesDatabase(_foreign(names))
    db.execute("PRAGMA foreign_keys = ON")
    _bring_up_to_date(db)
    return db


def open_readonly(path: str | Path) -> Database:
    """Open the existing quotes database at ``path`` for reading only.

    The file is opened with SQLite's ``mode=ro``: nothing is created, migrated
    or switched to WAL. Raises :class:`NotAQuotesDatabase` when there is no
    file, it is not SQLite, it is not a quotes database, or an older quotes
    made it (its pending migrations are for a write command to apply).
    """
    path = Path(path)
    if not path.is_file():
        raise NotAQuotesDatabase("no such database (create it with quotes ingest)")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    db = Database(connection)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        names = _table_names(db)
        if MIGRATIONS_TABLE not in names or "quotes" not in names:
            raise NotAQuotesDatabase(_foreign(names))
        if migrations.pending(db):
            raise NotAQuotesDatabase(
                f"made by an older quotes; bring it up to date with: quotes upgrade --db {path}"
            )
    except BaseException:
        db.close()
        raise
    return db


def _table_names(db: Database) -> list[str]:
    try:
        return db.table_names()
    except sqlite3.DatabaseError:  # "file is not a database"
        db.close()
        raise NotAQuotesDatabase("not a quotes database (not an SQLite file)") from None


def _foreign(names: list[str]) -> str:
    if not names:
        return "not a quotes database (it holds no tables)"
    shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
    return f"not a quotes database (it holds: {shown})"


def _bring_up_to_date(db: Database) -> None:
    """WAL on and the database in today's shape, safely while other processes do the same.

    A new database is made, or the pending migrations applied, in one write
    transaction taken up front, so of several processes opening a new database at
    once one makes it and the others wait, then find nothing pending (looked up
    outside it, a migration another process applied meanwhile would run twice).
    Switching to WAL cannot wait for a lock: a process refused backs off and tries
    again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.enable_wal()
            if migrations.pending(db):
                with immediate(db):
                    if MIGRATIONS_TABLE in db.table_names():
                        migrations.apply(db)
                    else:
                        migrations.create_current(db)
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
