"""Several real processes on one database: writers wait for each other instead of failing
("database is locked"), no write is lost, Datasette keeps answering, and `quotes backup`
copies a consistent snapshot while others write.

Every article here is fiction written for these tests.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from test_reliability import python_m_quotes, wait_for_articles, write_articles

import quotes.factcheck  # noqa: F401  (its tables are made with the database, before any race)
from quotes.cli import app
from quotes.records import Article, Quote
from quotes.store import open_db, save_article

WRITERS, ANNOTATIONS = 8, 25
VERDICTS = ("True", "Mostly True", "Half True", "Mostly False", "False", "Pants on Fire")

# Writes ``count`` articles of three quotes each, one transaction per article, once
# ``go`` exists (so every process starts writing at the same moment).
SAVE_LOOP = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quotes.records import Article, Quote
    from quotes.store import open_db, save_article

    db_path, prefix, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    db = open_db(db_path)
    while not go.exists():
        time.sleep(0.01)
    for number in range(count):
        parts = [f"“{prefix} line {number} part {part}.”" for part in range(3)]
        text = " said Ada Quill. ".join(parts) + " said Ada Quill.\\n"
        quotes = []
        for part in parts:
            start = text.index(part) + 1
            words = part[1:-1]
            quotes.append(Quote(words, start, start + len(words), "direct", "said", None, None,
                                "Ada Quill", None, None, None, "person", None, 0, len(text)))
        save_article(db, Article(text=text, name=f"{prefix}-{number}", source=prefix), quotes)
    db.close()
    """
)

# Adds one verdict per quote id given, as `quotes factcheck add` does: open the database,
# write the verdict and its evidence in one transaction, close.
FACTCHECK_LOOP = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quotes.factcheck import add_factcheck
    from quotes.store import open_db

    db_path, reviewer, go, verdicts = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    quote_ids = sys.argv[5:]
    while not go.exists():
        time.sleep(0.01)
    for number, quote_id in enumerate(quote_ids):
        db = open_db(db_path)
        add_factcheck(db, quote_id, verdicts.split(",")[number % 6], reviewer=reviewer,
                      evidence=[f"https://check.example/{reviewer}/{number}"])
        db.close()
    """
)


def start(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, timeout: float = 120) -> str:
    """Wait for ``process``; fail with its stderr unless it exits 0 and never saw a lock."""
    try:
        _, stderr = process.communicate(timeout=timeout)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert "locked" not in stderr, stderr
    return stderr


def seed(db_path: Path, count: int) -> list[str]:
    """A database with ``count`` quotes to fact-check; their ids."""
    text = " ".join(f"“Seed quote number {n}.” said Rosa Voss." for n in range(count)) + "\n"
    quotes = []
    for number in range(count):
        words = f"Seed quote number {number}."
        start = text.index(words)
        quotes.append(
            Quote(words, start, start + len(words), "direct", "said", None, None, "Rosa Voss",
                  None, None, None, "person", None, 0, len(text))
        )
    db = open_db(db_path)
    save_article(db, Article(text=text, name="seed", source="seed.txt"), quotes)
    ids = [row[0] for row in db.execute("select id from quotes order by start")]
    db.close()
    return ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status


def wait_for_server(url: str, process: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer in {limit}s")


def count(db_path: Path, sql: str, params=()) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.slow
def test_factcheck_writers_ingest_and_serve_at_once_lose_nothing(tmp_path):
    """8 processes adding 25 verdicts each, an `ingest` of 40 stories and a process saving
    15 articles, all writing at once while `quotes serve` is queried."""
    db_path, go = tmp_path / "quotes.db", tmp_path / "go"
    quote_ids = seed(db_path, 20)
    port = free_port()
    base = f"http://127.0.0.1:{port}/quotes"
    serve_log = tmp_path / "serve.log"
    serve = subprocess.Popen(
        python_m_quotes("serve", "--db", db_path, "--port", port),
        stdout=subprocess.DEVNULL,
        stderr=serve_log.open("w"),
    )
    processes = []
    try:
        stories = write_articles(tmp_path / "stories", 40)
        ingest = subprocess.Popen(
            python_m_quotes("ingest", stories, "--db", db_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(ingest)
        for writer in range(WRITERS):
            mine = [quote_ids[(writer * 3 + n) % len(quote_ids)] for n in range(ANNOTATIONS)]
            processes.append(
                start(FACTCHECK_LOOP, db_path, f"w{writer}", go, ",".join(VERDICTS), *mine)
            )
        processes.append(start(SAVE_LOOP, db_path, "loop", 15, go))
        wait_for_server(f"{base}.json", serve)
        wait_for_articles(db_path, 2, ingest)  # the seed, and ingest's first batch
        go.touch()
        answers = []
        while any(process.poll() is None for process in processes):
            for path in (
                "/quotes.json?_size=5",
                "/factchecks.json?_size=5",
                "/quotes_current.json?_size=5",
                ".json?sql=select+count(*)+from+factchecks",
            ):
                answers.append(get(base + path))
            time.sleep(0.1)
        for process in processes:
            finish(process)
    finally:
        for process in [serve, *processes]:
            process.kill()
        serve.wait()
    assert answers and set(answers) == {200}
    assert count(db_path, "select count(*) from factchecks") == WRITERS * ANNOTATIONS
    for writer in range(WRITERS):
        sql = "select count(*) from factchecks where reviewer = ?"
        assert count(db_path, sql, [f"w{writer}"]) == ANNOTATIONS
    assert count(db_path, "select count(*) from factcheck_evidence") == WRITERS * ANNOTATIONS
    chains = "select count(*) from factchecks where supersedes is null"
    assert count(db_path, chains) == len(quote_ids)  # one history per quote, none forked
    assert count(db_path, "select count(*) from articles") == 1 + 40 + 15
    assert count(db_path, "select count(*) from articles where name like 'loop-%'") == 15
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert "locked" not in serve_log.read_text()


def test_processes_opening_a_new_database_at_once(tmp_path):
    db_path, go = tmp_path / "quotes.db", tmp_path / "go"
    script = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from quotes.store import open_db
        Path(sys.argv[3]).touch()
        while not Path(sys.argv[2]).exists():
            time.sleep(0.005)
        open_db(sys.argv[1]).close()
        """
    )
    processes = [start(script, db_path, go, tmp_path / f"ready-{n}") for n in range(4)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < len(processes) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    for process in processes:
        finish(process)


# --- quotes backup ---------------------------------------------------------------------------


BUSY_ARTICLES = 2000  # enough to outlast four backups


def test_backup_is_consistent_while_another_process_writes(tmp_path, runner):
    db_path, go = tmp_path / "quotes.db", tmp_path / "go"
    seed(db_path, 3)
    go.touch()
    writer = start(SAVE_LOOP, db_path, "busy", BUSY_ARTICLES, go)
    copies = []
    try:
        wait_for_articles(db_path, 20, writer)
        for number in range(4):
            dest = tmp_path / "backups" / f"copy-{number}.db"
            dest.parent.mkdir(exist_ok=True)
            result = runner.invoke(app, ["backup", str(dest), "--db", str(db_path)])
            assert result.exit_code == 0, result.output
            copies.append(dest)
            time.sleep(0.1)
        assert writer.poll() is None, "the writer finished before the backups: no contention"
        finish(writer)
    finally:
        writer.kill()
    sizes = []
    for copy in copies:
        assert sorted(p.name for p in copy.parent.glob(f"{copy.name}*")) == [copy.name]
        with sqlite3.connect(copy) as conn:
            assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
            assert conn.execute("pragma journal_mode").fetchone() == ("delete",)
            per_article = conn.execute(
                "select articles.name, count(quotes.id) from articles"
                " left join quotes on quotes.article_id = articles.id"
                " where articles.name like 'busy-%' group by articles.id"
            ).fetchall()
            assert {quotes for _, quotes in per_article} == {3}, "an article without its quotes"
            fts = conn.execute("select count(*) from quotes_fts").fetchone()[0]
            assert fts == conn.execute("select count(*) from quotes").fetchone()[0]
            sizes.append(len(per_article))
    assert sizes == sorted(sizes) and sizes[0] >= 20 and sizes[-1] < BUSY_ARTICLES
    assert count(db_path, "select count(*) from articles where name like 'busy-%'") == BUSY_ARTICLES


def test_backup_refuses_what_it_cannot_do_safely(tmp_path, runner):
    db_path = tmp_path / "quotes.db"
    seed(db_path, 2)
    dest = tmp_path / "copy.db"

    def backup(*args):
        return runner.invoke(app, ["backup", *map(str, args)])

    missing = backup(dest, "--db", tmp_path / "none.db")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"error: {tmp_path / 'none.db'}: no such database"
    assert not dest.exists()
    assert backup(dest, "--db", db_path).exit_code == 0
    again = backup(dest, "--db", db_path)
    assert (again.exit_code, again.stderr.strip()) == (1, f"error: {dest}: exists already")
    assert backup(dest, "--db", db_path, "--force").exit_code == 0
    itself = backup(db_path, "--db", db_path, "--force")
    assert itself.exit_code == 1 and "cannot be the database itself" in itself.stderr
    assert count(dest, "select count(*) from quotes") == 2
    assert count(db_path, "select count(*) from quotes") == 2
    assert not list(tmp_path.glob(".*partial*"))
