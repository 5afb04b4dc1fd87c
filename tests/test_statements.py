"""Statements: the same words across articles and outlets, grouped, diffed, fact-checked once.

Every article here is written for the test (fictional people and outlets) and stored
through ``save_article`` with hand-made quotes: no spaCy.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3

import pytest
from factcheck_data import quote_in

from quotes.cli import app
from quotes.records import Article
from quotes.statements import (
    assign_article,
    list_statements,
    rebuild,
    statement_details,
    statement_words,
    sync_quotes,
    word_diff,
)
from quotes.statements.fingerprints import GUARANTEED, fingerprints
from quotes.statements.normalise import surname
from quotes.store import article_id, open_db, quote_id, save_article

ROADS = "We will fix every road in the valley before the first snow falls this winter."
TRAINS = "The night trains will run again from the harbour to the hills by spring."
FIRST, SECOND = "We will fix every road in the valley,", "before the first snow falls this winter."


def story(outlet: str, date: str, *said: tuple[str, str]) -> tuple[Article, list]:
    """An article of ``outlet`` on ``date`` where each (speaker, words) pair is quoted."""
    text = " ".join(f'{speaker} said: "{words}"' for speaker, words in said)
    article = Article(
        text=text,
        name=f"{outlet}-{date}",
        source=f"{outlet}.txt",
        outlet=outlet,
        published=date,
        title=f"{outlet} on {date}",
    )
    return article, [quote_in(text, words, speaker) for speaker, words in said]


def qid(article: Article, words: str) -> str:
    return quote_id(article_id(article.text), f'"{words}"')


def ingest(db, *stories) -> None:
    """Store each story and place its quotes, as ``quotes ingest`` does."""
    for article, quotes in stories:
        assign_article(db, save_article(db, article, quotes).article_id)


def statement_of(db, quote: str) -> str | None:
    row = db.execute("select statement_id from statement_quotes where quote_id = ?", [quote])
    found = row.fetchone()
    return found and found[0]


def tables(db) -> dict[str, list[tuple]]:
    """The statement tables, each as sorted rows."""
    return {
        name: sorted(db.execute(f"select * from {name}").fetchall(), key=repr)
        for name in ("statements", "statement_quotes", "statement_fingerprints")
    }


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.close()


def test_normalised_words_ignore_case_marks_punctuation_and_contractions():
    assert statement_words("“We’ll fix it — don't worry…”") == [
        "we",
        "will",
        "fix",
        "it",
        "do",
        "not",
        "worry",
    ]
    assert statement_words('"WE WILL fix it, do not worry."') == statement_words(
        "“We’ll fix it — don't worry…”"
    )


def test_a_speaker_s_surname_is_the_family_name_of_the_names_module():
    assert surname("Sen. Ada Brún") == surname("Ada Brun") == "brun"
    assert surname("Donald Trump Jr.") == "trump jr." != surname("Donald Trump")
    assert surname("Xi Jinping") == surname("President Xi") == "xi"
    assert surname("") is None and surname(None) is None


def test_texts_sharing_a_run_of_guaranteed_words_share_a_fingerprint():
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(300)]
    for _ in range(200):
        shared = rng.choices(vocabulary, k=GUARANTEED + rng.randrange(4))
        a = rng.choices(vocabulary, k=rng.randrange(8)) + shared + rng.choices(vocabulary, k=3)
        b = rng.choices(vocabulary, k=rng.randrange(8)) + shared
        owner, hashes = fingerprints([a, b])
        assert set(hashes[owner == 0]) & set(hashes[owner == 1])


def test_the_same_words_in_two_outlets_are_one_statement(db):
    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS), ("Ben Ortiz", TRAINS))
    gazette = story("Valley Gazette", "2024-03-02", ("Ada Brun", ROADS))
    ingest(db, lantern, gazette)
    key = statement_of(db, qid(lantern[0], ROADS))
    assert key == statement_of(db, qid(gazette[0], ROADS))
    assert statement_of(db, qid(lantern[0], TRAINS)) != key
    row = db["statements"].get(key)
    assert row["n_appearances"] == 2 and row["n_outlets"] == 2
    assert row["first_quote_id"] == qid(lantern[0], ROADS)
    assert row["first_published"] == "2024-03-01"
    assert (row["has_differences"], row["different_speakers"], row["n_wordings"]) == (0, 0, 1)
    listed = list_statements(db, multi_outlet=True)
    assert [r["id"] for r in listed] == [key]
    assert listed[0]["first_outlet"] == "Daily Lantern"


def test_a_trimmed_excerpt_joins_the_longer_quote(db):
    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS))
    herald = story("Hill Herald", "2024-03-03", ("Ada Brun", "fix every road in the valley"))
    ingest(db, lantern, herald)
    excerpt = qid(herald[0], "fix every road in the valley")
    assert statement_of(db, excerpt) == statement_of(db, qid(lantern[0], ROADS))
    assert db["statement_quotes"].get(excerpt)["relation"] == "excerpt"
    row = db["statements"].get(statement_of(db, excerpt))
    assert row["has_differences"] == 0 and row["n_wordings"] == 2


def test_curly_marks_case_and_punctuation_are_the_same_words(db):
    curly = "We’ll fix every road in the valley — before the first snow falls this winter!"
    plain = "we will fix every road in the valley before the first snow falls this winter"
    ingest(
        db,
        story("Daily Lantern", "2024-03-01", ("Ada Brun", curly)),
        story("Valley Gazette", "2024-03-02", ("Ada Brun", plain)),
    )
    (row,) = db["statements"].rows_where("n_appearances > 1")
    assert row["n_appearances"] == 2 and row["n_wordings"] == 1 and row["has_differences"] == 0


def test_a_light_edit_joins_and_shows_as_a_difference(db):
    edited = ROADS.replace("every road", "every single road")
    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS))
    gazette = story("Valley Gazette", "2024-03-02", ("Ada Brun", edited))
    ingest(db, lantern, gazette)
    key = statement_of(db, qid(lantern[0], ROADS))
    assert statement_of(db, qid(gazette[0], edited)) == key
    assert db["statements"].get(key)["has_differences"] == 1
    assert db["statement_quotes"].get(qid(gazette[0], edited))["relation"] == "edited"


@pytest.mark.parametrize("split_first", [True, False])
def test_a_quote_split_in_two_joins_the_whole(db, split_first):
    split = story("Daily Lantern", "2024-03-01", ("Ada Brun", FIRST), ("Ada Brun", SECOND))
    whole = story("Valley Gazette", "2024-03-02", ("Ada Brun", ROADS))
    if not split_first:
        split, whole = (split[0], split[1]), (whole[0], whole[1])
        split[0].published, whole[0].published = "2024-03-02", "2024-03-01"
    ingest(db, *((split, whole) if split_first else (whole, split)))
    keys = {
        statement_of(db, qid(split[0], FIRST)),
        statement_of(db, qid(split[0], SECOND)),
        statement_of(db, qid(whole[0], ROADS)),
    }
    assert len(keys) == 1
    row = db["statements"].get(keys.pop())
    assert row["n_appearances"] == 3 and row["has_differences"] == 0
    assert db.execute("select count(*) from statements").fetchone()[0] == 1


def test_the_same_words_from_another_speaker_are_flagged(db):
    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS))
    gazette = story("Valley Gazette", "2024-03-02", ("Ben Ortiz", ROADS))
    ingest(db, lantern, gazette)
    key = statement_of(db, qid(lantern[0], ROADS))
    assert statement_of(db, qid(gazette[0], ROADS)) == key
    row = db["statements"].get(key)
    assert row["different_speakers"] == 1 and row["n_speakers"] == 2
    assert [r["id"] for r in list_statements(db, different_speakers=True)] == [key]
    canned = db.execute(
        "select id, speakers from statements_view where different_speakers = 1"
    ).fetchall()
    assert canned == [(key, "Ada Brun; Ben Ortiz")]


def test_short_common_words_from_different_speakers_stay_apart(db):
    ingest(
        db,
        story("Daily Lantern", "2024-03-01", ("Ada Brun", "Thank you all very much.")),
        story("Valley Gazette", "2024-03-02", ("Ben Ortiz", "Thank you all very much.")),
        story("Hill Herald", "2024-03-03", ("Cleo Vance", "We will fix every road, she said")),
    )
    assert db.execute("select count(*) from statements where n_appearances > 1").fetchone() == (0,)


def test_one_word_changed_in_a_short_excerpt_is_another_statement(db):
    ingest(
        db,
        story(
            "Daily Lantern",
            "2024-03-01",
            ("Ada Brun", "The harbour tax does more to hurt the town than help it"),
        ),
        story(
            "Valley Gazette",
            "2024-03-02",
            ("Ada Brun", "The harbour tax does more to help the town"),
        ),
    )
    assert db.execute("select count(*) from statements where n_appearances > 1").fetchone() == (0,)


def test_incremental_ingest_joins_existing_statements_and_matches_a_rebuild(db, db_path):
    stories = [
        story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS), ("Ben Ortiz", TRAINS)),
        story("Valley Gazette", "2024-03-02", ("Ada Brun", FIRST), ("Ada Brun", SECOND)),
        story("Hill Herald", "2024-03-03", ("A. Brun", ROADS.upper()), ("Cleo Vance", TRAINS)),
    ]
    ingest(db, *stories[:2])
    key = statement_of(db, qid(stories[0][0], ROADS))
    ingest(db, stories[2])
    assert statement_of(db, qid(stories[2][0], ROADS.upper())) == key
    assert db["statements"].get(key)["n_appearances"] == 4
    incremental = tables(db)
    result = rebuild(db)
    assert tables(db) == incremental
    assert (result.quotes, result.statements, result.repeated, result.multi_outlet) == (6, 2, 2, 2)


def test_rebuild_twice_changes_nothing(db):
    for article, quotes in (
        story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS)),
        story("Valley Gazette", "2024-03-02", ("Ben Ortiz", ROADS)),
    ):
        save_article(db, article, quotes)
    assert db.execute("select count(*) from statement_quotes").fetchone() == (0,)
    rebuild(db)
    once = tables(db)
    rebuild(db)
    assert tables(db) == once and len(once["statement_quotes"]) == 2


def test_a_verdict_on_one_appearance_shows_on_all(db, runner, db_path):
    from quotes.factcheck import add_factcheck
    from quotes.factcheck.browse import list_factchecks

    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS))
    gazette = story("Valley Gazette", "2024-03-02", ("Ben Ortiz", ROADS))
    ingest(db, lantern, gazette)
    checked, other = qid(gazette[0], ROADS), qid(lantern[0], ROADS)
    add_factcheck(db, checked, "Mostly False", reviewer="tester")
    assert db.execute("select count(*) from factchecks").fetchone() == (1,)
    key = statement_of(db, checked)
    rows = list_factchecks(db, statement=key)
    assert [(r["id"], r["current_verdict"], r["verdict_quote_id"]) for r in rows] == [
        (other, "Mostly False", checked),
        (checked, "Mostly False", checked),
    ]
    assert list_factchecks(db, statement=other[:8], verdict="true") == []
    view = db.execute("select has_verdict, current_verdict from statements_view").fetchall()
    assert view == [(1, "Mostly False")]
    result = runner.invoke(
        app, ["factcheck", "list", "--statement", key, "--json", "--db", str(db_path)]
    )
    assert result.exit_code == 0, result.output
    assert {r["current_verdict"] for r in json.loads(result.output)} == {"Mostly False"}


def test_reextract_and_rejection_keep_statements_consistent(db):
    from quotes.factcheck.curation import reject_quote
    from quotes.ingest import rewrite_article

    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS), ("Ben Ortiz", TRAINS))
    gazette = story("Valley Gazette", "2024-03-02", ("Cleo Vance", TRAINS))
    ingest(db, lantern, gazette)
    trains = statement_of(db, qid(lantern[0], TRAINS))
    assert db["statements"].get(trains)["n_appearances"] == 2
    article, quotes = lantern
    rewrite_article(db, article, quotes[:1])
    assert statement_of(db, qid(lantern[0], TRAINS)) is None
    assert db.execute("select count(*) from statements where n_appearances > 1").fetchone() == (0,)
    rewrite_article(db, article, quotes)
    assert statement_of(db, qid(lantern[0], TRAINS)) == statement_of(db, qid(gazette[0], TRAINS))
    reject_quote(db, qid(gazette[0], TRAINS), reason="not speech", reviewer="tester")
    assert statement_of(db, qid(gazette[0], TRAINS)) is None
    assert sync_quotes(db, [qid(lantern[0], ROADS)]) == 0


def test_word_diff_marks_changes_and_trimmed_words():
    changes = word_diff(ROADS, "“We will fix every single road in the valley”")
    assert [(c.kind, c.text) for c in changes] == [
        ("equal", "“We will fix every"),
        ("insert", "single"),
        ("equal", "road in the valley”"),
        ("trimmed", "before the first snow falls this winter."),
    ]


def test_statement_details_compare_an_excerpt_with_the_quote_it_was_cut_from(db):
    split = story("Daily Lantern", "2024-03-01", ("Ada Brun", FIRST), ("Ada Brun", SECOND))
    whole = story("Valley Gazette", "2024-03-02", ("Ada Brun", ROADS))
    ingest(db, split, whole)
    details = statement_details(db, qid(whole[0], ROADS))
    by_id = {a["id"]: a for a in details["appearances"]}
    assert by_id[qid(split[0], SECOND)]["compared_to"] == qid(whole[0], ROADS)
    assert [c.kind for c in by_id[qid(split[0], SECOND)]["changes"]] == ["trimmed", "equal"]


def test_statements_commands(runner, db, db_path):
    ingest(
        db,
        story("Daily Lantern", "2024-03-01", ("Ada Brun", ROADS)),
        story("Valley Gazette", "2024-03-02", ("Ben Ortiz", ROADS + " Believe me.")),
    )
    db.close()
    for command in ("rebuild", "list", "show"):
        help_text = runner.invoke(app, ["statements", command, "--help"]).output
        assert "Example:" in help_text
    result = runner.invoke(app, ["statements", "rebuild", "--db", str(db_path)])
    assert result.exit_code == 0 and "2 quotes in 1 statements" in result.output
    result = runner.invoke(
        app, ["statements", "list", "--different-speakers", "--json", "--db", str(db_path)]
    )
    (row,) = json.loads(result.output)
    result = runner.invoke(app, ["statements", "show", row["id"], "--db", str(db_path)])
    assert result.exit_code == 0 and "DIFFERENT SPEAKERS" in result.output
    result = runner.invoke(app, ["statements", "show", row["id"], "--json", "--db", str(db_path)])
    shown = json.loads(result.output)
    assert [a["outlet"] for a in shown["appearances"]] == ["Daily Lantern", "Valley Gazette"]
    assert shown["appearances"][1]["changes"][-1] == {"kind": "insert", "text": 'Believe me."'}
    result = runner.invoke(app, ["statements", "show", "nope", "--db", str(db_path)])
    assert result.exit_code == 2 and "no statement" in result.output


def test_datasette_statement_page_shows_the_diff_escaped(db, db_path):
    from quotes.datasette.app import build_datasette

    hostile = "We will fix every road in the <script>alert(1)</script> valley before the snow."
    lantern = story("Daily Lantern", "2024-03-01", ("Ada Brun", hostile))
    gazette = story(
        "Valley Gazette",
        "2024-03-02",
        ("Ben Ortiz", hostile.replace("every road", "every single road")),
    )
    ingest(db, lantern, gazette)
    key = statement_of(db, qid(lantern[0], hostile))
    db.close()
    ds = build_datasette(db_path)

    async def pages():
        await ds.invoke_startup()
        quote = qid(lantern[0], hostile)
        paths = (
            f"/quotes/statements/{key}",
            f"/quotes/quotes/{quote}",
            "/quotes/statements_view",
            "/quotes/same_words_different_speakers",
        )
        return [await ds.client.get(path) for path in paths]

    statement, quote, listing, canned = asyncio.run(pages())
    assert statement.status_code == 200
    assert "<ins>single</ins>" in statement.text
    assert "<script>alert(1)</script>" not in statement.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in statement.text
    assert "Possible misattribution" in statement.text
    assert "<ins>single</ins>" in quote.text and f"/quotes/statements/{key}" in quote.text
    assert listing.status_code == 200 and f"/quotes/statements/{key}" in listing.text
    assert canned.status_code == 200 and key in canned.text


def test_statements_tables_are_declared(db):
    assert {"statements", "statement_quotes", "statement_fingerprints"} <= set(db.table_names())
    assert {"statements_view", "statement_verdicts"} <= set(db.view_names())
    applied = (
        sqlite3.connect(db.conn.execute("pragma database_list").fetchone()[2])
        .execute("select name from _sqlite_migrations where migration_set = 'quotes-statements'")
        .fetchall()
    )
    assert applied == [("m001_statements",)]


def test_rebuild_when_no_two_quotes_share_words(db_path):
    from factcheck_data import build

    from quotes.statements import rebuild

    db = build(db_path)
    result = rebuild(db)
    assert (result.quotes, result.statements, result.repeated) == (4, 4, 0)
    db.close()
