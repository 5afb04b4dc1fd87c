"""A consistent copy of the database while others read and write it (SQLite's backup API)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from quotes.store.database import BUSY_TIMEOUT_MS


def backup_db(source: str | Path, dest: str | Path, *, overwrite: bool = False) -> Path:
    """Copy the database at ``source`` to ``dest`` as it was at one moment; return ``dest``.

    Uses SQLite's online backup API in one step, inside one read transaction:
    writers in other processes go on (WAL), and the copy holds every
    transaction committed before it started and none after. The copy is a
    single file (rollback journal, no ``-wal``), written beside ``dest`` and
    renamed into place only when complete, so a failed backup leaves nothing.

    ``overwrite``: replace an existing ``dest`` (refused otherwise).
    Raises ``FileNotFoundError`` when ``source`` does not exist,
    ``FileExistsError`` when ``dest`` exists, ``ValueError`` when ``dest`` is ``source``.
    """
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no such database")
    if dest.exists():
        if dest.resolve() == source.resolve():
            raise ValueError(f"{dest}: the backup cannot be the database itself")
        if not overwrite:
            raise FileExistsError(f"{dest}: exists already")
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
        os.replace(partial, dest)
    finally:
        reader.close()
        partial.unlink(missing_ok=True)
    return dest
