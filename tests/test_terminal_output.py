"""What reaches the operator's terminal: escape sequences, carriage returns and bidi
overrides from article text and file names are written out as escapes, a file name with
a newline still gives one error line, and `quotes search` of text with no word in it is
one error line, not a traceback (issue 19)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.cli import app
from quotes.records import Article, Quote
from quotes.store import open_db, save_article

# Set the window title, clear the screen, overwrite the line, reverse what follows.
HOSTILE = "\x1b]0;owned\x07\x1b[2J\rfake\u202eevil"
RAW = ("\x1b", "\x07", "\r", "\u202e")


def assert_escaped(output: str) -> None:
    for char in RAW:
        assert char not in output, repr(char)
    assert "\\x1b]0;owned\\x07\\x1b[2J\\rfake\\u202eevil" in output


@pytest.fixture
def hostile_db(db_path):
    text = f'Ormsby council\n\n"The ferry {HOSTILE} runs," said Ilse {HOSTILE}Varga.\n'
    words = f"The ferry {HOSTILE} runs,"
    start, at = text.index(words), text.index("Ilse")
    mention = f"Ilse {HOSTILE}Varga"
    quote = Quote(
        words, start, start + len(words), "direct", "said", None, None, mention, mention,
        at, at + len(mention), "person", HOSTILE, 0, len(text),
    )  # fmt: skip
    db = open_db(db_path)
    article = Article(text=text, name="n", source="n.txt", title=HOSTILE, outlet=HOSTILE)
    save_article(db, article, [quote])
    quote_id = db.execute("select id from quotes").fetchone()[0]
    db.close()
    return db_path, quote_id


def test_show_and_search_print_control_characters_as_escapes(runner, hostile_db):
    db_path, quote_id = hostile_db
    shown = runner.invoke(app, ["show", quote_id, "--db", str(db_path)])
    assert shown.exit_code == 0, shown.output
    assert_escaped(shown.stdout)
    found = runner.invoke(app, ["search", "ferry", "--db", str(db_path)])
    assert found.exit_code == 0, found.output
    assert not any(char in found.stdout for char in RAW)
    as_json = runner.invoke(app, ["show", quote_id, "--json", "--db", str(db_path)])
    assert json.loads(as_json.stdout)["text"] == f"The ferry {HOSTILE} runs,"  # data as it is


def test_extract_table_prints_control_characters_as_escapes(runner, tmp_path, shared_extractor):
    story = tmp_path / "story.txt"
    story.write_text(f'"The ferry {HOSTILE} runs on Monday," said Ilse Varga.\n', "utf-8")
    result = runner.invoke(app, ["extract", str(story), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert not any(char in result.stdout for char in RAW)
    assert "\\x1b]0;" in result.stdout


def test_a_file_name_with_escapes_and_a_newline_gives_one_escaped_error_line(
    runner, tmp_path, shared_extractor
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2J\nname.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {folder}/bad\\x1b[2J\\nname.txt: empty file"]


@pytest.mark.parametrize("text", ["", "  ", '"', '""', "***", "\x00", "—?!"])
def test_searching_for_no_word_is_one_error_line(runner, hostile_db, text):
    db_path, _ = hostile_db
    result = runner.invoke(app, ["search", text, "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: nothing to search for in {text!r}: give at least one word\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12))
def test_any_search_text_gives_rows_or_one_error_line(runner, hostile_db, text):
    db_path, _ = hostile_db
    result = runner.invoke(app, ["search", "--json", "--db", str(db_path), "--", text])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 0:
        assert isinstance(json.loads(result.stdout), list)
    else:
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: ")
