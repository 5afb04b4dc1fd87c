"""The database through Datasette with metadata.yml: facets, search, labels, CSV, canned queries."""

from __future__ import annotations

import asyncio
import filecmp

import pytest
import yaml
from conftest import REPO
from datasette.app import Datasette
from records import extracted_database

from quotes.datasette.app import SETTINGS, build_datasette
from quotes.datasette.metadata import load_metadata, metadata_path
from quotes.store import open_db

METADATA = REPO / "metadata.yml"


@pytest.fixture(scope="module")
def quotes_db(tmp_path_factory):
    """The saved extraction of the fictional fixture articles, stored once for the module."""
    return extracted_database(tmp_path_factory.mktemp("datasette") / "quotes.db", "tests/")


def fetch(ds: Datasette, *paths: str):
    """GET each path through Datasette's own client (after its startup hooks)."""

    async def run():
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    responses = asyncio.run(run())
    for path, response in zip(paths, responses, strict=True):
        assert response.status_code == 200, (path, response.text[:500])
    return responses if len(paths) > 1 else responses[0]


@pytest.fixture(scope="module")
def ds(quotes_db):
    """Datasette configured the plain way, from the repository's metadata.yml."""
    return Datasette(
        [str(quotes_db)], metadata=yaml.safe_load(METADATA.read_text()), settings=SETTINGS
    )


def test_metadata_is_the_root_file():
    assert filecmp.cmp(metadata_path(), METADATA, shallow=False)
    assert load_metadata() == yaml.safe_load(METADATA.read_text())


def test_metadata_follows_the_database_file_name(tmp_path):
    metadata = load_metadata("news")
    assert set(metadata["databases"]) == {"news"}
    root = yaml.safe_load(METADATA.read_text())
    assert metadata["databases"]["news"] == root["databases"]["quotes"]
    charts = metadata["plugins"]["datasette-dashboards"]["quotes-overview"]["charts"]
    assert {chart["db"] for chart in charts.values()} == {"news"}
    db = tmp_path / "news.db"
    open_db(db).close()
    data = fetch(build_datasette(db), "/news.json").json()
    assert data["database"] == "news"


def test_no_writable_canned_queries():
    queries = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["queries"]
    assert set(queries) == {
        "quotes_by_speaker", "most_quoted_speakers", "unchecked_quotes",
        "same_words_different_speakers",
    }
    assert not any(query.get("write") for query in queries.values())


def test_list_facets_from_metadata(ds):
    data = fetch(ds, "/quotes/quotes_current.json?_size=0").json()
    facets = data["facet_results"]
    assert set(facets) == {
        "speaker", "speaker_type", "outlet", "kind", "cue", "current_verdict", "published",
    }
    assert {facet["type"] for facet in facets.values()} == {"column"}
    outlets = {r["label"]: r["count"] for r in facets["outlet"]["results"]}
    assert set(outlets) == {"The Millbrook Courier", "Greyvale Gazette"}
    assert sum(outlets.values()) == data["filtered_table_rows_count"]
    assert {r["value"] for r in facets["kind"]["results"]} <= {"direct", "mixed", "indirect"}
    assert data["suggested_facets"] == []


def test_stored_table_facets_on_demand_with_labels(ds):
    data = fetch(ds, "/quotes/quotes.json?_facet=speaker_id&_facet=outlet_id&_size=0").json()
    facets = data["facet_results"]
    outlets = {r["label"]: r["count"] for r in facets["outlet_id"]["results"]}
    assert set(outlets) == {"The Millbrook Courier", "Greyvale Gazette"}
    speakers = facets["speaker_id"]["results"]
    assert speakers and all(isinstance(r["label"], str) for r in speakers)


def test_view_facets(ds):
    facets = fetch(ds, "/quotes/quotes_view.json?_size=0").json()["facet_results"]
    assert set(facets) == {"speaker", "outlet", "kind", "published"}


def test_foreign_keys_show_labels(ds):
    row = fetch(ds, "/quotes/quotes.json?_labels=on&_shape=array&_size=1").json()[0]
    assert isinstance(row["outlet_id"]["label"], str)
    assert isinstance(row["article_id"]["label"], str)
    quote = fetch(ds, "/quotes/quotes.json?_shape=array&_labels=on&speaker_id__notblank=1&_size=1")
    assert isinstance(quote.json()[0]["speaker_id"]["label"], str)


def test_full_text_search(ds):
    hits = fetch(ds, "/quotes/quotes.json?_search=bridge&_shape=array").json()
    assert hits
    assert all("bridge" in (r["text"] + r["context"]).lower() for r in hits)
    view_hits = fetch(ds, "/quotes/quotes_view.json?_search=bridge&_shape=array").json()
    assert {r["id"] for r in view_hits} == {r["id"] for r in hits}
    assert fetch(ds, "/quotes/quotes.json?_search=zeppelin&_shape=array").json() == []


def test_csv_for_every_table_and_view(ds):
    data = fetch(ds, "/quotes.json").json()
    names = [t["name"] for t in data["tables"] if not t["hidden"]]
    names += [v["name"] for v in data["views"]]
    assert {"quotes", "articles", "speakers", "outlets", "quotes_view"} <= set(names)
    for name, response in zip(names, fetch(ds, *(f"/quotes/{n}.csv" for n in names)), strict=True):
        header = response.text.splitlines()[0]
        assert header, name
    quotes_csv = fetch(ds, "/quotes/quotes_view.csv").text
    assert quotes_csv.startswith("rowid,id,text,speaker,")


def test_migrations_table_is_hidden(ds):
    tables = {t["name"]: t for t in fetch(ds, "/quotes.json").json()["tables"]}
    assert tables["_sqlite_migrations"]["hidden"]


def test_canned_queries(ds, quotes_db):
    db = open_db(quotes_db)
    counts = dict(
        db.execute(
            "select speakers.name, count(*) from quotes join speakers on speakers.id = speaker_id"
            " group by speakers.id"
        ).fetchall()
    )
    most = fetch(ds, "/quotes/most_quoted_speakers.json?_shape=array").json()
    assert {r["name"]: r["quotes"] for r in most} == counts
    assert [r["quotes"] for r in most] == sorted(counts.values(), reverse=True)
    speaker = most[0]["name"]
    by_speaker = fetch(ds, f"/quotes/quotes_by_speaker.json?_shape=array&speaker={speaker}").json()
    assert by_speaker and {r["speaker"] for r in by_speaker} == {speaker}
    unchecked = fetch(ds, "/quotes/unchecked_quotes.json?_shape=array&_size=max").json()
    attributed = db.execute("select count(*) from quotes where speaker_id is not null").fetchone()
    assert len(unchecked) == attributed[0]


def test_checked_quote_leaves_the_unchecked_list(quotes_db, tmp_path):
    import shutil

    copy = tmp_path / "quotes.db"
    shutil.copy(quotes_db, copy)
    db = open_db(copy)
    quote = db.execute("select id from quotes where speaker_id is not null limit 1").fetchone()[0]
    db["factchecks"].insert({"quote_id": quote, "verdict": "accurate"})
    db.close()
    unchecked = fetch(build_datasette(copy), "/quotes/unchecked_quotes.json?_shape=array").json()
    assert quote not in {r["id"] for r in unchecked}
