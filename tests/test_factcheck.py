"""Verdicts through the library and the CLI: add, correct, history, list, search, show,
scales, refusals that write nothing, concurrency, and Datasette facets."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time

import pytest
from factcheck_data import BUDGET, CRIME, FARES, PORT, build, dump, run

from quotes.factcheck import (
    Evidence,
    Refused,
    add_factcheck,
    current,
    history,
    load_scales,
    load_settings,
    resolve_verdict,
)
from quotes.store import open_db


@pytest.fixture
def db(db_path):
    database = build(db_path)
    yield database
    database.close()




# Scales


def test_scales_ship_politifact_snopes_and_free_text():
    scales = load_scales()
    assert [r.label for r in scales["politifact"].ratings] == [
        "True", "Mostly True", "Half True", "Mostly False", "False", "Pants on Fire",
        "Misattributed",
    ]
    assert (scales["politifact"].best, scales["politifact"].worst) == (6, 1)
    snopes = {r.label: r.ordinal for r in scales["snopes"].ratings}
    assert snopes["Mixture"] == 3 and snopes["Unproven"] is None
    assert {"Miscaptioned", "Misattributed", "Outdated"} <= snopes.keys()
    assert scales["freetext"].free_text and scales["freetext"].best is None


def test_misattributed_is_a_verdict_on_every_scale():
    for name in load_scales():
        assert resolve_verdict("misattributed", name).label == "Misattributed"


def test_verdicts_match_any_case_and_free_text_takes_any_conclusion():
    assert resolve_verdict("pants ON fire", "politifact").ordinal == 1
    conclusion = "Incorrect: the figure is for 2019."
    assert resolve_verdict(conclusion, "freetext").label == conclusion


def test_unknown_verdict_lists_the_valid_ones():
    with pytest.raises(Refused, match="valid verdicts: True, Mostly True, Half True"):
        resolve_verdict("Sort of", "politifact")
    with pytest.raises(Refused, match="known scales: politifact, snopes, freetext"):
        resolve_verdict("True", "nope")


def test_scale_tables_hold_the_data_file(db):
    rows = db.execute("select scale, label, ordinal from ratings order by scale, position")
    expected = [
        (name, r.label, r.ordinal)
        for name, scale in sorted(load_scales().items()) for r in scale.ratings
    ]
    assert rows.fetchall() == expected
    assert db["scales"].get("freetext")["free_text"] == 1


def test_default_scale_is_configurable(db, monkeypatch):
    monkeypatch.setenv("QUOTES_DEFAULT_SCALE", "snopes")
    factcheck_id = add_factcheck(db, CRIME, "Mixture")
    assert db["factchecks"].get(factcheck_id)["scale"] == "snopes"
    result = run("factcheck", "scales", "--json", env={"QUOTES_DEFAULT_SCALE": "snopes"})
    assert json.loads(result.stdout)["snopes"]["default"] is True


def test_settings_from_environment():
    settings = load_settings({"QUOTES_REVIEWER_ORG": "Fact Desk", "QUOTES_REVIEWER": "ana"})
    assert settings.reviewer_org == "Fact Desk" and settings.reviewer == "ana"
    assert settings.default_scale is None


# Library: add, correct, history


def test_add_records_verdict_ordinal_reviewer_and_evidence(db):
    factcheck_id = add_factcheck(
        db, CRIME, "mostly false", note="Figures are for 2019.", reviewer="ana",
        evidence=["https://stats.example.org/crime https://archive.example/crime",
                  Evidence("https://police.example/report", accessed_on="2024-05-03")],
    )
    row = db["factchecks"].get(factcheck_id)
    assert {k: row[k] for k in ("quote_id", "verdict", "scale", "ordinal", "note", "reviewer",
                                "supersedes")} == {
        "quote_id": CRIME, "verdict": "Mostly False", "scale": "politifact", "ordinal": 3,
        "note": "Figures are for 2019.", "reviewer": "ana", "supersedes": None,
    }
    assert row["created_at"].endswith("+00:00")
    evidence = list(db.query(
        "select url, archived_url, accessed_on from factcheck_evidence order by id"
    ))
    assert evidence[0]["url"] == "https://stats.example.org/crime"
    assert evidence[0]["archived_url"] == "https://archive.example/crime"
    assert evidence[0]["accessed_on"] == row["created_at"][:10]
    assert evidence[1] == {"url": "https://police.example/report", "archived_url": None,
                           "accessed_on": "2024-05-03"}


def test_a_later_verdict_supersedes_and_history_keeps_everything(db):
    first = add_factcheck(db, CRIME, "False", reviewer="ana")
    second = add_factcheck(db, CRIME[:8], "Half True", reviewer="ben")
    third = add_factcheck(db, CRIME, "Mostly True", supersedes=second)
    rows = history(db, CRIME)
    assert [(r["id"], r["verdict"], r["supersedes"], r["current"]) for r in rows] == [
        (first, "False", None, False),
        (second, "Half True", first, False),
        (third, "Mostly True", second, True),
    ]
    assert [r["superseded_by"] for r in rows] == [second, third, None]
    assert current(db, CRIME)["verdict"] == "Mostly True"
    assert db["factchecks"].count == 3
    current_view = db.execute("select current_verdict, factcheck_count from quotes_current"
                              " where id = ?", [CRIME]).fetchone()
    assert current_view == ("Mostly True", 3)


def test_superseding_anything_but_the_current_verdict_is_refused(db, db_path):
    first = add_factcheck(db, CRIME, "True", reviewer="ana")
    second = add_factcheck(db, CRIME, "Correct Attribution", scale="snopes", reviewer="ana")
    third = add_factcheck(db, CRIME, "Mostly True", supersedes=second, reviewer="ana")
    before = dump(db_path)
    with pytest.raises(Refused) as refused:
        add_factcheck(db, CRIME, "False", supersedes=first, reviewer="x")
    assert str(refused.value) == (
        f"fact-check #{first} is not the current verdict of quote {CRIME}; the current one is "
        f"#{third} ('Mostly True' by ana, {current(db, CRIME)['created_at'][:10]}): "
        "supersede that one"
    )
    assert dump(db_path) == before
    assert [r["supersedes"] for r in history(db, CRIME)] == [None, first, second]


@pytest.mark.parametrize(("args", "message"), [
    (("0000000000000000", "False"), "no quote with id"),
    ((CRIME, "Sorta"), "valid verdicts"),
    ((CRIME, "False"), r"not an http\(s\) URL"),
])
def test_refused_input_raises_and_writes_nothing(db, db_path, args, message):
    before = dump(db_path)
    evidence = ["ftp://files.example/x"] if message.startswith("not") else []
    with pytest.raises(Refused, match=message):
        add_factcheck(db, *args, evidence=evidence)
    assert dump(db_path) == before


def test_supersedes_must_be_a_verdict_on_the_same_quote(db):
    other = add_factcheck(db, BUDGET, "False")
    with pytest.raises(Refused, match=f"#{other} is not on quote {CRIME}, which has no verdict"):
        add_factcheck(db, CRIME, "True", supersedes=other)
    add_factcheck(db, CRIME, "True")
    with pytest.raises(Refused, match=f"#{other} is not the current verdict of quote {CRIME}"):
        add_factcheck(db, CRIME, "False", supersedes=other)
    with pytest.raises(Refused, match="no fact-check #99"):
        add_factcheck(db, CRIME, "True", supersedes=99)


# CLI


def test_cli_find_add_correct_history_and_list(db_path):
    build(db_path).close()
    found = run("search", "crime", "--json", "--db", db_path)
    assert found.exit_code == 0, found.output
    assert [row["id"] for row in json.loads(found.stdout)] == [CRIME]

    added = run("factcheck", "add", CRIME, "--verdict", "False", "--note", "2019 figures",
                "--evidence", "https://stats.example.org/crime", "--reviewer", "ana",
                "--db", db_path)
    assert added.exit_code == 0, added.output
    assert f"{CRIME} is 'False'" in added.stdout
    corrected = run("factcheck", "add", CRIME, "--verdict", "Half True", "--reviewer", "ben",
                    "--db", db_path)
    assert "superseding #1 ('False' by ana)" in corrected.stdout

    rows = json.loads(run("factcheck", "history", CRIME, "--json", "--db", db_path).stdout)
    assert [(r["verdict"], r["reviewer"], r["current"]) for r in rows] == [
        ("False", "ana", False), ("Half True", "ben", True),
    ]
    assert rows[0]["evidence"][0]["url"] == "https://stats.example.org/crime"
    table = run("factcheck", "history", CRIME, "--db", db_path)
    assert table.exit_code == 0 and "Half True" in table.stdout

    listed = json.loads(run("factcheck", "list", "--json", "--db", db_path).stdout)
    assert [(r["id"], r["current_verdict"]) for r in listed] == [(CRIME, "Half True")]
    assert json.loads(run("factcheck", "list", "--verdict", "false", "--json",
                          "--db", db_path).stdout) == []
    assert json.loads(run("factcheck", "list", "--reviewer", "BEN", "--speaker", "Ada Brun",
                          "--outlet", "daily lantern", "--json", "--db", db_path).stdout)
    unchecked = json.loads(run("factcheck", "list", "--unchecked", "--json",
                               "--db", db_path).stdout)
    assert {r["id"] for r in unchecked} == {BUDGET, PORT, FARES}


def test_cli_search_filters_by_speaker_alias_and_outlet(db_path):
    build(db_path).close()
    by_alias = json.loads(run("search", "Brun", "--speaker", "Mayor Ada Brun",
                              "--json", "--db", db_path).stdout)
    assert {r["id"] for r in by_alias} == {CRIME, FARES}
    by_outlet = json.loads(run("search", "Brun", "--outlet", "valley gazette",
                               "--json", "--db", db_path).stdout)
    assert [r["id"] for r in by_outlet] == [FARES]
    odd = run("search", 'budget" OR', "--db", db_path)
    assert odd.exit_code == 0, odd.output


def test_cli_show_has_quote_speaker_article_context_and_history(db_path):
    db = build(db_path)
    add_factcheck(db, PORT, "Misattributed", scale="snopes", evidence=["https://port.example/"])
    db.close()
    shown = run("show", PORT, "--db", db_path)
    assert shown.exit_code == 0, shown.output
    for words in ("The port will reopen in June.", "Harbour Trust", "Council meets",
                  "Daily Lantern", "https://lantern.example/council", "Misattributed"):
        assert words in shown.stdout
    details = json.loads(run("show", PORT, "--json", "--db", db_path).stdout)
    assert details["history"][0]["evidence"][0]["url"] == "https://port.example/"
    assert details["context"] and details["rejected"] is None


def test_cli_scales_lists_labels():
    result = run("factcheck", "scales")
    assert result.exit_code == 0
    assert "Pants on Fire" in result.stdout and "Miscaptioned" in result.stdout


@pytest.mark.parametrize("args", [
    ("factcheck", "add", "0000000000000000", "--verdict", "False"),
    ("factcheck", "add", CRIME, "--verdict", "Sorta"),
    ("factcheck", "add", CRIME, "--verdict", "False", "--scale", "nope"),
    ("factcheck", "add", CRIME, "--verdict", "False", "--evidence", "not a url"),
    ("factcheck", "add", CRIME, "--verdict", "False", "--evidence", "https://"),
    ("factcheck", "add", CRIME, "--verdict", "False", "--evidence", "javascript:alert(1)"),
    ("factcheck", "add", CRIME, "--verdict", "False", "--supersedes", "7"),
    ("factcheck", "history", "ffffffffffff"),
    ("show", "0000000000000000"),
])
def test_cli_refusals_exit_2_with_one_line_and_leave_the_file_unchanged(db_path, args):
    build(db_path).close()
    before_dump, before_bytes = dump(db_path), db_path.read_bytes()
    result = run(*args, "--db", db_path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert dump(db_path) == before_dump
    assert db_path.read_bytes() == before_bytes


def test_unknown_verdict_message_lists_valid_verdicts(db_path):
    build(db_path).close()
    result = run("factcheck", "add", CRIME, "--verdict", "Sorta", "--db", db_path)
    assert "valid verdicts: True, Mostly True, Half True, Mostly False, False, Pants on Fire, " \
           "Misattributed" in result.stderr


def test_missing_database_exits_1(tmp_path):
    result = run("factcheck", "list", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "no such database" in result.stderr


# Concurrency


def test_add_while_a_reader_holds_a_read_transaction(db, db_path):
    reader = sqlite3.connect(db_path)
    reader.execute("begin")
    assert reader.execute("select count(*) from quotes").fetchone() == (4,)
    add_factcheck(db, CRIME, "False")
    assert reader.execute("select count(*) from factchecks").fetchone() == (0,)
    reader.rollback()
    assert reader.execute("select count(*) from factchecks").fetchone() == (1,)
    reader.close()


def test_add_waits_for_another_writer_instead_of_failing(db, db_path):
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    writer = sqlite3.connect(db_path, check_same_thread=False)
    writer.execute("begin immediate")
    release = threading.Timer(0.5, writer.commit)
    release.start()
    started = time.monotonic()
    result = run("factcheck", "add", CRIME, "--verdict", "True", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 0.4
    release.join()
    writer.close()


# Datasette


def _get(db_path, path: str):
    from quotes.datasette.app import build_datasette

    async def fetch():
        return await build_datasette(db_path).client.get(path)

    return asyncio.run(fetch())


def test_datasette_facets_verdicts_and_serves_the_unchecked_query(db_path):
    db = build(db_path)
    add_factcheck(db, CRIME, "False", reviewer="ana")
    add_factcheck(db, CRIME, "Half True", reviewer="ana")
    add_factcheck(db, BUDGET, "False", reviewer="ben", scale="snopes")
    db.close()
    data = _get(db_path, "/quotes/factchecks.json?_extra=facet_results").json()
    facets = data["facet_results"]
    assert {f["value"]: f["count"] for f in facets["verdict"]["results"]} == {
        "False": 2, "Half True": 1,
    }
    assert {f["value"] for f in facets["reviewer"]["results"]} == {"ana", "ben"}
    assert {f["value"] for f in facets["scale"]["results"]} == {"politifact", "snopes"}

    current_view = _get(
        db_path, "/quotes/quotes_current.json?_facet=current_verdict&_extra=facet_results"
    ).json()
    values = current_view["facet_results"]["current_verdict"]["results"]
    assert {f["value"]: f["count"] for f in values} == {"Half True": 1, "False": 1}

    unchecked = _get(db_path, "/quotes/unchecked_quotes.json?_shape=array").json()
    assert {row["id"] for row in unchecked} == {PORT, FARES}

    csv = _get(db_path, "/quotes/quotes_current.csv?_size=max").text
    assert csv.splitlines()[0].count("current_verdict") == 1 and "Half True" in csv


def test_datasette_quote_row_shows_its_history_and_stays_read_only(db_path):
    db = build(db_path)
    add_factcheck(db, CRIME, "False", note="first look")
    add_factcheck(db, CRIME, "Pants on Fire", evidence=["https://evidence.example/report"])
    db.close()
    row = _get(db_path, f"/quotes/quotes/{CRIME}")
    assert row.status_code == 200
    for words in ("Pants on Fire", "first look", "https://evidence.example/report"):
        assert words in row.text
    referencing = _get(db_path, f"/quotes/factchecks.json?quote_id={CRIME}&_shape=array").json()
    assert [r["verdict"] for r in sorted(referencing, key=lambda r: r["id"])] == [
        "False", "Pants on Fire"
    ]
    before = dump(db_path)
    write = _get(db_path, "/quotes.json?sql=delete+from+factchecks")
    assert write.status_code >= 400
    assert dump(db_path) == before


# Migration from the core schema's placeholder


def test_the_placeholder_factchecks_table_becomes_the_new_shape_keeping_rows(db_path):
    from factcheck_data import lantern
    from older_databases import load_older
    from sqlite_utils import Database

    from quotes.store import article_id, content_hash
    from quotes.store.factchecks import TABLES

    core = Database(load_older("first-release", db_path))  # the core tables alone
    article, quotes = lantern()
    aid = article_id(article.text)
    core["articles"].insert(
        {"id": aid, "text": article.text, "content_hash": content_hash(article.text)}
    )
    crime = quotes[0]
    core["quotes"].insert({"id": CRIME, "text": crime.text, "kind": crime.kind, "article_id": aid,
                           "start": crime.start, "end": crime.end})
    core["factchecks"].insert({"quote_id": CRIME, "verdict": "False", "checked_at": "2024-01-02",
                               "source_url": "https://old.example/", "note": "legacy"})
    core.close()

    db = open_db(db_path)
    assert db["factchecks"].columns_dict == TABLES["factchecks"]["columns"]
    row = db["factchecks"].get(1)
    assert (row["verdict"], row["created_at"], row["note"], row["scale"]) == (
        "False", "2024-01-02", "legacy", "freetext",
    )
    assert [e["url"] for e in history(db, CRIME)[0]["evidence"]] == ["https://old.example/"]
    assert {fk.other_table for fk in db["factchecks"].foreign_keys} == {
        "quotes", "scales", "factchecks",
    }
    add_factcheck(db, CRIME, "True")
    assert current(db, CRIME)["supersedes"] == 1
