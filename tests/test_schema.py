"""The database's shape: declared once, and every older database brought to it.

The fixtures in tests/fixtures/databases are the shapes older code made (as SQL):
the first release's core tables, a database from before the quotes list had its
columns, and a new database of November 2026. A new database is compared with
the last; each older one, upgraded, with a new one.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from older_databases import load_older

from quotes.errors import NotAQuotesDatabase
from quotes.store import migrations, open_db, open_readonly

# The views m005_current_verdict_once wrote anew (the same columns, read from one place).
REDEFINED = {"current_factchecks", "statement_verdicts", "statements_view"}


def shape(path: Path, *, ordered: bool = True) -> dict:
    """Every object of the database: tables' columns (in order, or as a set) and foreign
    keys, indexes' columns, collations, order and uniqueness, views' and triggers' SQL."""
    connection = sqlite3.connect(path)
    found = {}
    objects = "select type, name, tbl_name, sql from sqlite_master order by name"
    for kind, name, table, sql in connection.execute(objects).fetchall():
        if kind == "table":
            columns = [row[1:] for row in connection.execute(f"pragma table_xinfo([{name}])")]
            keys = sorted(
                row[2:5] for row in connection.execute(f"pragma foreign_key_list([{name}])")
            )
            found[kind, name] = (columns if ordered else sorted(columns), keys)
        elif kind == "index":
            columns = [row[1:] for row in connection.execute(f"pragma index_xinfo([{name}])")]
            unique = [
                row[2]
                for row in connection.execute(f"pragma index_list([{table}])")
                if row[1] == name
            ]
            found[kind, name] = (table, columns, unique)
        else:
            found[kind, name] = (table, re.sub(r"\s+", " ", sql).strip())
    connection.close()
    return found


def view_columns(path: Path, name: str) -> list:
    connection = sqlite3.connect(path)
    try:
        return [row[1:] for row in connection.execute(f"pragma table_xinfo([{name}])")]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def new(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("new") / "quotes.db"
    open_db(path).close()
    return path


def test_a_new_database_has_the_shape_the_migrations_made(new, tmp_path):
    """Made from the declaration, a new database is, column for column, a database of
    November 2026 brought up to date by the migrations."""
    made = load_older("2026-11", tmp_path / "made.db")
    open_db(made).close()
    assert shape(new) == shape(made)


def test_the_declaration_keeps_what_the_migrations_made_in_2026(new, tmp_path):
    """Every table, index and trigger a new database of November 2026 had is declared as it
    was (a table may have gained columns at its end since); the views written anew by
    m005_current_verdict_once give the columns they gave."""
    made = load_older("2026-11", tmp_path / "made.db")
    now, then = shape(new), shape(made)
    for key, (first, *rest) in then.items():
        if key[0] == "table":
            assert now[key][0][: len(first)] == first and now[key][1:] == tuple(rest), key
        elif key[1] in REDEFINED:
            assert view_columns(new, key[1])[: len(view_columns(made, key[1]))] == (
                view_columns(made, key[1])
            )
        else:
            assert now[key] == then[key], key


def test_the_scales_seeded_are_the_ones_the_migrations_seeded(new, tmp_path):
    made = load_older("2026-11", tmp_path / "made.db")
    for table in ("scales", "ratings"):
        rows = [
            sqlite3.connect(p).execute(f"select * from {table} order by 1, 2").fetchall()
            for p in (new, made)
        ]
        assert rows[0] == rows[1] and rows[0]


def test_a_new_database_has_every_migration_recorded(new):
    db = open_db(new)
    assert migrations.pending(db) == []
    recorded = db.execute("select migration_set, name from _sqlite_migrations order by id")
    assert recorded.fetchall() == [(m.set, m.name) for m in migrations.MIGRATIONS]
    assert len({(m.set, m.name) for m in migrations.MIGRATIONS}) == len(migrations.MIGRATIONS)


@pytest.mark.parametrize("fixture", ["first-release", "before-the-list", "2026-11"])
def test_an_older_database_is_brought_to_todays_shape(fixture, new, tmp_path):
    path = load_older(fixture, tmp_path / "older.db")
    with pytest.raises(NotAQuotesDatabase, match="quotes upgrade"):
        open_readonly(path)
    db = open_db(path)
    assert migrations.pending(db) == []
    db.close()
    assert shape(path, ordered=False) == shape(new, ordered=False)
    open_readonly(path).close()


def test_a_migration_added_at_the_end_is_applied_once(new, tmp_path, monkeypatch):
    path = tmp_path / "quotes.db"
    path.write_bytes(new.read_bytes())
    runs = []

    def m999_notes(db):
        runs.append(1)
        db["notes"].create({"id": int, "quote_id": str}, pk="id")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        (*migrations.MIGRATIONS, migrations.Migration("extra", m999_notes)),
    )
    open_db(path).close()
    db = open_db(path)
    assert "notes" in db.table_names() and runs == [1]
    assert ("extra", "m999_notes") in db.execute(
        "select migration_set, name from _sqlite_migrations"
    )
