"""Fixable article metadata: `quotes articles set`, `ingest --title`, a re-ingest that
brings other metadata says so (or updates with --update-metadata), and sources.yml or
front matter with an unknown key fails naming the file, the key and the known keys."""

from __future__ import annotations

import json

import pytest
from factcheck_data import CRIME, build, dump, lantern, run

from quotes.factcheck import Refused
from quotes.factcheck.article_metadata import set_article_metadata
from quotes.store import article_id, open_db

LANTERN_ID = article_id(lantern()[0].text)
STORY = 'Mayor Odile Varga said on Sunday: "The tram will run all night from June."\n'
OTHER = 'Councillor Piet Vos said on Monday: "The ferry will be free for pupils."\n'


def facet(db, facet, value):
    row = db.execute(
        "select n from facet_counts where facet = ? and value = ?", [facet, value]
    ).fetchone()
    return row and row[0]


def test_articles_set_changes_the_article_its_quotes_and_the_list(db_path):
    db = build(db_path)
    assert facet(db, "outlet", "Daily Lantern") == 3
    changes = set_article_metadata(
        db,
        LANTERN_ID[:8],
        outlet="Lantern Weekly",
        published="2024-05-02",
        title="Council meets late",
        url="https://weekly.example/council",
        reviewer="ana",
    )
    assert changes == {
        "outlet": ("Daily Lantern", "Lantern Weekly"),
        "published": ("2024-05-01", "2024-05-02"),
        "title": ("Council meets", "Council meets late"),
        "url": ("https://lantern.example/council", "https://weekly.example/council"),
    }
    listed = db.execute(
        "select outlet, published, article_title, article_url from quotes_current where id = ?",
        [CRIME],
    ).fetchone()
    assert listed == (
        "Lantern Weekly",
        "2024-05-02",
        "Council meets late",
        "https://weekly.example/council",
    )
    assert (facet(db, "outlet", "Lantern Weekly"), facet(db, "outlet", "Daily Lantern")) == (3, 0)
    correction = db.execute("select kind, target, before, reviewer from corrections").fetchone()
    assert correction[:2] == ("article.set", LANTERN_ID) and correction[3] == "ana"
    assert json.loads(correction[2])["outlet"] == "Daily Lantern"
    assert set_article_metadata(db, LANTERN_ID, outlet="lantern weekly") == {}
    db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "May 2"), "not a date like 2024-05-19"),
        (("--url", "lantern.example"), "not an http(s) URL"),
        (("--title", " "), "the title cannot be empty"),
        ((), "nothing to set"),
    ],
)
def test_bad_metadata_is_refused_and_nothing_is_written(db_path, args, message):
    build(db_path).close()
    before = dump(db_path)
    result = run("articles", "set", LANTERN_ID, *args, "--db", db_path)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1 and dump(db_path) == before


def test_an_unknown_article_names_how_to_find_one(db_path):
    db = build(db_path)
    with pytest.raises(Refused, match="no article with id 'zzzzzz'.*quotes articles list"):
        set_article_metadata(db, "zzzzzz", title="x")
    db.close()


def test_cli_articles_list_and_set(db_path):
    build(db_path).close()
    listed = json.loads(run("articles", "list", "--json", "--db", db_path).stdout)
    assert {row["id"]: row["quotes"] for row in listed}[LANTERN_ID] == 3
    result = run("articles", "set", LANTERN_ID[:6], "--date", "2024-05-03", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "date: '2024-05-01' -> '2024-05-03'\n"


def test_ingest_title_and_a_reingest_with_other_metadata(tmp_path, db_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "tram.txt").write_text(STORY, "utf-8")
    first = run(
        "ingest", folder, "--db", db_path, "--title", "Night trams", "--outlet", "Varga Post"
    )
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("1 article added")
    key = article_id(STORY)
    before = dump(db_path)

    again = run("ingest", folder, "--db", db_path, "--title", "All-night trams")
    assert again.exit_code == 0 and "1 skipped" in again.stdout
    assert again.stderr == (
        f"note: {folder / 'tram.txt'}: stored already with other metadata: title "
        "'Night trams' (stored) vs 'All-night trams' (this run); to change it: "
        f"quotes articles set {key[:8]} ... (or run again with --update-metadata)\n"
    )
    assert dump(db_path) == before
    assert run("ingest", folder, "--db", db_path, "--title", "Night trams").stderr == ""

    updated = run(
        "ingest", folder, "--db", db_path, "--title", "All-night trams", "--update-metadata"
    )
    assert updated.exit_code == 0 and updated.stderr.startswith("updated: ")
    db = open_db(db_path)
    assert db["articles"].get(key)["title"] == "All-night trams"
    db.close()


def test_a_misspelt_key_in_sources_yml_fails_that_article_only(tmp_path, db_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "tram.txt").write_text(STORY, "utf-8")
    (folder / "ferry.txt").write_text(OTHER, "utf-8")
    (folder / "sources.yml").write_text(
        "tram.txt:\n  outlett: Varga Post\nferry.txt:\n  outlet: Vos Herald\n", "utf-8"
    )
    result = run("ingest", folder, "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder / 'tram.txt'}: {folder / 'sources.yml'}: unknown key 'outlett' in "
        "the entry for tram.txt; known keys: title, outlet, url, published (or date), "
        "byline (or author)\n"
    )
    db = open_db(db_path)
    assert [row["outlet"] for row in db.query("select outlet from quotes")] == ["Vos Herald"]
    db.close()


def test_a_misspelt_key_in_front_matter_fails_the_file(tmp_path, db_path):
    story = tmp_path / "tram.md"
    story.write_text("---\npubdate: 2024-05-01\ntitle: Night trams\n---\n" + STORY, "utf-8")
    result = run("ingest", story, "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {story}: front matter: unknown key 'pubdate'; known keys: title, outlet, "
        "url, published (or date), byline (or author)\n"
    )
