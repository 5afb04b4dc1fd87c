"""The quotes list's stored columns and facet counts stay exact through every kind of write."""

from __future__ import annotations

import asyncio

import pytest
from older_databases import load_older
from records import extracted, extracted_database
from sqlite_utils import Database

from quotes.datasette.app import build_datasette
from quotes.factcheck.annotate import add_factcheck
from quotes.factcheck.curation import merge_speakers, reject_quote, rename_speaker, set_speaker
from quotes.ingest import rewrite_article
from quotes.store import open_db
from quotes.store.articles import stored_articles
from quotes.store.listing import FACET_COLUMNS


def stored_counts(db) -> dict[str, dict]:
    counts: dict[str, dict] = {column: {} for column in FACET_COLUMNS}
    for facet, value, n in db.execute("select facet, value, n from facet_counts where n != 0"):
        counts[facet][value] = n
    return counts


def true_counts(db) -> dict[str, dict]:
    """The counts computed from scratch over the joined tables (not the stored columns)."""
    sql = """
        select speakers.name as speaker,
          case when quotes.speaker_id is null then quotes.speaker_type else speakers.type end
            as speaker_type,
          outlets.name as outlet, quotes.kind, quotes.cue,
          (select verdict from factchecks where quote_id = quotes.id
           order by id desc limit 1) as current_verdict, quotes.published
        from quotes left join speakers on speakers.id = quotes.speaker_id
        left join outlets on outlets.id = quotes.outlet_id
        where quotes.id not in (select quote_id from rejected_quotes)"""
    counts: dict[str, dict] = {column: {} for column in FACET_COLUMNS}
    for row in db.query(sql):
        for column in FACET_COLUMNS:
            if row[column] is not None:
                counts[column][row[column]] = counts[column].get(row[column], 0) + 1
    return counts


def assert_exact(db) -> None:
    assert stored_counts(db) == true_counts(db)
    # the full-text index still matches the quotes (its update trigger reads only text/context)
    db.execute("insert into quotes_fts (quotes_fts, rank) values ('integrity-check', 1)")
    listed = db.execute("select count(*) from quotes_current").fetchone()[0]
    assert listed == sum(true_counts(db)["kind"].values())


@pytest.fixture
def stored(tmp_path):
    """The saved extraction of the fixture articles, stored."""
    return open_db(extracted_database(tmp_path / "quotes.db"))


def some_quotes(db, n: int) -> list[dict]:
    return list(db.query("select id, speaker_id from quotes order by id limit ?", [n]))


def test_counts_after_ingest(stored):
    assert stored.execute("select count(*) from quotes").fetchone()[0] > 5
    assert_exact(stored)
    names = stored.execute(
        "select count(*) from quotes join speakers on speakers.id = quotes.speaker_id"
        " where quotes.speaker is not speakers.name"
    ).fetchone()[0]
    assert names == 0


def test_counts_through_fact_checks_and_corrections(stored):
    first, second, third = some_quotes(stored, 3)
    add_factcheck(stored, first["id"], "False", scale="politifact")
    add_factcheck(stored, first["id"], "Mostly True", scale="politifact")  # a correction
    add_factcheck(stored, second["id"], "True", scale="politifact")
    assert_exact(stored)
    verdict = stored.execute("select current_verdict from quotes where id = ?", [first["id"]])
    assert verdict.fetchone()[0] == "Mostly True"

    reject_quote(stored, third["id"], reason="a headline, not a quote")
    assert_exact(stored)
    assert not list(stored.query("select 1 from quotes_current where id = ?", [third["id"]]))

    speaker = stored.execute("select name from speakers order by id limit 1").fetchone()[0]
    rename_speaker(stored, speaker, "Someone Renamed")
    set_speaker(stored, second["id"], "A New Speaker")
    assert_exact(stored)
    others = stored.execute("select name from speakers order by id").fetchall()
    merge_speakers(stored, others[0][0], others[-1][0])
    assert_exact(stored)


def test_counts_through_reextraction(stored):
    victim = some_quotes(stored, 1)[0]
    reject_quote(stored, victim["id"], reason="not a quote")
    found = {article.text: quotes for article, quotes in extracted()}
    for article in stored_articles(stored):
        rewrite_article(stored, article, [])  # every unannotated quote goes
    assert_exact(stored)
    for article in stored_articles(stored):
        rewrite_article(stored, article, found[article.text])  # and comes back
    assert_exact(stored)
    rejected = stored.execute("select rejected from quotes where id = ?", [victim["id"]])
    assert rejected.fetchone() in (None, (1,))


def test_raw_sql_writes_are_counted(stored):
    stored.execute("delete from quotes where id = ?", [some_quotes(stored, 1)[0]["id"]])
    named = "select * from quotes where speaker_id is not null limit 1"
    row = dict(next(iter(stored.query(named))))
    row.update(id="0" * 16, speaker=None, outlet=None, kind="direct", text="Hand-written.")
    stored["quotes"].insert(row)
    assert_exact(stored)
    assert stored.execute("select speaker from quotes where id = ?", [row["id"]]).fetchone()[0]


def test_migration_fills_an_older_database(tmp_path):
    """A database made before the list columns existed gets them, filled and counted."""
    path = load_older("before-the-list", tmp_path / "old.db")
    db = Database(path)
    article, quotes = extracted()[0]
    columns = set(db["quotes"].columns_dict)
    aid = "a" * 16
    db["articles"].insert({"id": aid, "text": article.text, "content_hash": "x"})
    db["speakers"].insert({"id": 1, "name": "Old Speaker"})
    for n, quote in enumerate(quotes):
        db["quotes"].insert(
            {
                "id": f"{n:016d}",
                "text": quote.text,
                "kind": quote.kind,
                "article_id": aid,
                "start": quote.start,
                "end": quote.end,
                "speaker_id": 1,
                "cue": quote.cue,
            }
        )
    assert "speaker" not in columns
    db.close()
    db = open_db(path)
    assert_exact(db)
    assert stored_counts(db)["speaker"] == {"Old Speaker": len(quotes)}


def test_list_facets_stored_and_counted_agree(stored, tmp_path):
    """The unfiltered list's facets (from facet_counts) equal the counted ones (a filter
    that keeps every row forces counting)."""
    add_factcheck(stored, some_quotes(stored, 1)[0]["id"], "False", scale="politifact")
    path = stored.conn.execute("pragma database_list").fetchone()[2]
    stored.close()
    ds = build_datasette(path)

    async def facets(query: str) -> dict:
        await ds.invoke_startup()
        response = await ds.client.get(f"/quotes/quotes_current.json?_size=0{query}")
        assert response.status_code == 200, response.text[:300]
        data = response.json()  # a facet that timed out would be missing from its results
        return {
            name: {(r["value"], r["count"]) for r in facet["results"]}
            for name, facet in data["facet_results"].items()
        }

    whole = asyncio.run(facets(""))
    counted = asyncio.run(facets("&rowid__gte=0"))
    assert set(whole) == set(FACET_COLUMNS)
    assert whole == counted
    assert whole["current_verdict"] == {("False", 1)}
