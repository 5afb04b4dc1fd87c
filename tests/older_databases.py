"""Databases in the shapes older quotes made, from the SQL in tests/fixtures/databases:
``first-release`` (the core tables and a placeholder factchecks table), ``before-the-list``
(before the quotes list kept its columns and facet counts) and ``2026-11`` (a new database
as the code of November 2026 made it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "databases"


def load_older(fixture: str, path: Path) -> Path:
    """A database file at ``path`` made from the SQL of an older shape; returns ``path``."""
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / f"{fixture}.sql").read_text("utf-8"))
    connection.close()
    return path
