"""Reads that are reads: serve, export, search, show and the list commands open an existing
quotes database read-only and change nothing; a file that is not a quotes database is
refused in one line by every command, and only ingest creates one (issue 19)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from factcheck_data import CRIME, build

from quotes.cli import app
from quotes.store import open_db

STORY = "“The ferry will run again on Monday,” said Ilse Varga, the Ormsby harbour master.\n"


def read_commands(db: Path) -> dict[str, list[str]]:
    """Every command that only reads the database, with its arguments."""
    return {
        "export": ["export", "--db", str(db)],
        "export json": ["export", "-f", "json", "--db", str(db)],
        "search": ["search", "crime", "--db", str(db)],
        "show": ["show", CRIME, "--db", str(db)],
        "factcheck list": ["factcheck", "list", "--db", str(db)],
        "factcheck history": ["factcheck", "history", CRIME, "--db", str(db)],
        "statements list": ["statements", "list", "--db", str(db)],
        "serve": ["serve", "--db", str(db), "--port", "0"],
    }


def write_commands(db: Path) -> dict[str, list[str]]:
    return {
        "factcheck add": ["factcheck", "add", CRIME, "--verdict", "False", "--db", str(db)],
        "speakers alias": ["speakers", "alias", "Ada Brun", "A. Brun", "--db", str(db)],
        "statements rebuild": ["statements", "rebuild", "--db", str(db)],
    }


def files_of(db: Path) -> dict[str, str]:
    """The database file and any journal beside it, by name, as hashes of their bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(db.parent.glob(db.name + "*"))
    }


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """``serve`` checks and opens everything, then returns instead of serving."""
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: None)
    monkeypatch.setattr("uvicorn.Server.run", lambda *args, **kwargs: None)


@pytest.fixture
def rollback_db(db_path) -> Path:
    """A quotes database in rollback-journal mode (as copied with sqlite3 .dump, or by
    a tool that turned WAL off): writing the schema or turning WAL on shows in its bytes."""
    build(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("pragma journal_mode = delete")
    return db_path


@pytest.mark.parametrize("command", list(read_commands(Path("x"))))
def test_read_commands_leave_a_quotes_database_as_it_was(runner, rollback_db, command):
    before = files_of(rollback_db)
    result = runner.invoke(app, read_commands(rollback_db)[command])
    assert result.exit_code == 0, result.output
    assert files_of(rollback_db) == before


NOT_QUOTES = {
    "another app's database": "not a quotes database (it holds: notes)",
    "a text file": "not a quotes database (not an SQLite file)",
}


def not_quotes(folder: Path, kind: str) -> Path:
    """A file that is no quotes database: ``kind`` is a key of ``NOT_QUOTES``."""
    if kind == "a text file":
        path = folder / "notes.txt"
        path.write_text("Not a database at all, just some notes.\n" * 50, "utf-8")
        return path
    path = folder / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("insert into notes (body) values ('buy milk')")
    return path


def every_command(db: Path, story: Path) -> dict[str, list[str]]:
    ingest = {"ingest": ["ingest", str(story), "--db", str(db)]}
    return {**read_commands(db), **write_commands(db), **ingest}


@pytest.mark.parametrize("kind", list(NOT_QUOTES))
@pytest.mark.parametrize("command", list(every_command(Path("x"), Path("y"))))
def test_every_command_refuses_a_file_that_is_no_quotes_database_in_one_line(
    runner, tmp_path, kind, command
):
    path = not_quotes(tmp_path, kind)
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    before = files_of(path)
    result = runner.invoke(app, every_command(path, story)[command])
    assert result.exit_code == 1, result.output
    assert result.stderr == f"error: {path}: {NOT_QUOTES[kind]}\n"
    assert files_of(path) == before


def test_an_out_of_date_database_is_read_only_after_an_explicit_upgrade(runner, rollback_db):
    db_path = rollback_db
    with sqlite3.connect(db_path) as conn:  # as a database made before m003 existed
        conn.execute("delete from _sqlite_migrations where name = 'm003_case_blind_name_indexes'")
        for index in ("speakers_name", "speaker_aliases_alias", "outlets_name"):
            conn.execute(f"drop index idx_{index}_nocase")
    before = files_of(db_path)
    result = runner.invoke(app, ["search", "crime", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {db_path}: made by an older quotes; bring it up to date with: "
        f"quotes upgrade --db {db_path}\n"
    )
    assert files_of(db_path) == before
    assert runner.invoke(app, ["upgrade", "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(app, ["search", "crime", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.stdout)] == [CRIME]


def test_open_db_still_creates_a_new_database_and_accepts_an_empty_file(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (tmp_path / "new.db", empty):
        db = open_db(path)
        assert "quotes" in db.table_names()
        db.close()
