"""Draft verdicts: seen by the newsroom (list --drafts, history), nowhere on the served
site, in charts or exports until published; publishing refuses a stale draft."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest
from factcheck_data import BUDGET, CRIME, build, dump, run

from quotes.factcheck import Refused, add_factcheck, history
from quotes.factcheck.drafts import add_draft, list_drafts, publish_draft


@pytest.fixture
def db(db_path):
    database = build(db_path)
    yield database
    database.close()


def served(db_path, *paths: str) -> list:
    """Datasette's answers to ``paths``, through its own client, as ``quotes serve`` runs it."""
    from quotes.datasette.app import build_datasette

    async def fetch():
        client = build_datasette(db_path).client
        return [await client.get(path) for path in paths]

    return asyncio.run(fetch())


def current_in_list(db, quote_id):
    sql = "select current_verdict from quotes_current where id = ?"
    return db.execute(sql, [quote_id]).fetchone()[0]


def test_a_draft_is_in_history_and_list_but_not_current(db):
    add_factcheck(db, CRIME, "True", reviewer="ana")
    draft = add_draft(
        db,
        CRIME,
        "Pants on Fire",
        note="Police data say otherwise.",
        evidence=["https://police.example/2023"],
        reviewer="ben",
    )
    assert current_in_list(db, CRIME) == "True"
    rows = history(db, CRIME)
    assert [(r["verdict"], r["draft"], r["current"]) for r in rows] == [
        ("True", False, True),
        ("Pants on Fire", True, False),
    ]
    assert rows[1]["id"] == draft and rows[1]["evidence"][0]["url"] == "https://police.example/2023"
    assert [(r["draft"], r["id"], r["verdict"]) for r in list_drafts(db)] == [
        (draft, CRIME, "Pants on Fire")
    ]


def test_publishing_makes_the_draft_current_with_its_evidence(db):
    first = add_factcheck(db, CRIME, "True", reviewer="ana")
    draft = add_draft(db, CRIME, "False", evidence=["https://police.example/2023"], reviewer="ben")
    published = publish_draft(db, draft)
    assert current_in_list(db, CRIME) == "False"
    row = db["factchecks"].get(published)
    assert (row["supersedes"], row["reviewer"], row["verdict"]) == (first, "ben", "False")
    evidence = db.execute(
        "select url from factcheck_evidence where factcheck_id = ?", [published]
    ).fetchall()
    assert evidence == [("https://police.example/2023",)]
    assert list_drafts(db) == [] and not any(r["draft"] for r in history(db, CRIME))
    with pytest.raises(
        Refused, match=f"draft #{draft} was published already, as fact-check #{published}"
    ):
        publish_draft(db, draft)


def test_a_draft_overtaken_by_a_colleague_is_refused_on_publishing(db, db_path):
    first = add_factcheck(db, CRIME, "True", reviewer="ana")
    draft = add_draft(db, CRIME, "False", reviewer="ben")
    colleague = add_factcheck(db, CRIME, "Half True", supersedes=first, reviewer="cleo")
    before = dump(db_path)
    with pytest.raises(Refused) as refused:
        publish_draft(db, draft)
    assert str(refused.value) == (
        f"draft #{draft} corrects #{first}, but the current verdict of quote {CRIME} is now "
        f"#{colleague} ('Half True' by cleo): draft again on top of it"
    )
    assert dump(db_path) == before
    with pytest.raises(Refused, match="no draft #99"):
        publish_draft(db, 99)
    with pytest.raises(Refused, match=f"#{first} is not the current verdict"):
        add_draft(db, CRIME, "False", supersedes=first)


def test_drafts_are_invisible_on_the_site_in_charts_and_exports(db, db_path):
    add_factcheck(db, BUDGET, "True", reviewer="ana")
    add_draft(db, CRIME, "Pants on Fire", note="SECRET-DRAFT-NOTE", reviewer="ben")
    page, table, query, chart, csv_page = served(
        db_path,
        f"/quotes/quotes/{CRIME}",
        "/quotes/factcheck_drafts.json",
        "/quotes.json?sql=select+note+from+factcheck_drafts",
        "/quotes.json?sql=" + "select+verdict+from+factchecks",
        "/quotes/quotes_current.csv?_size=max",
    )
    assert page.status_code == 200 and "not fact-checked yet" in page.text
    assert "SECRET-DRAFT-NOTE" not in page.text and "Pants on Fire" not in page.text
    assert table.status_code >= 400 and "SECRET-DRAFT-NOTE" not in table.text
    assert "SECRET-DRAFT-NOTE" not in query.text and query.json()["rows"] == [[None]]
    assert [row[0] for row in chart.json()["rows"]] == ["True"]
    assert "Pants on Fire" not in csv_page.text

    exported = run("export", "--db", db_path)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(exported.stdout))}
    assert rows[CRIME]["current_verdict"] == "" and rows[BUDGET]["current_verdict"] == "True"
    assert "Pants on Fire" not in exported.stdout


def test_cli_draft_list_publish_and_history(db_path):
    build(db_path).close()
    drafted = run(
        "factcheck",
        "add",
        CRIME,
        "--verdict",
        "False",
        "--draft",
        "--reviewer",
        "ana",
        "--db",
        db_path,
    )
    assert drafted.exit_code == 0, drafted.output
    assert drafted.stdout.startswith("draft #1 (publish it with: quotes factcheck publish 1): ")
    listed = json.loads(run("factcheck", "list", "--drafts", "--json", "--db", db_path).stdout)
    assert [(r["draft"], r["id"], r["verdict"]) for r in listed] == [(1, CRIME, "False")]
    assert json.loads(run("factcheck", "list", "--json", "--db", db_path).stdout) == []
    shown = run("factcheck", "history", CRIME, "--db", db_path)
    assert "draft 1" in shown.stdout

    published = run("factcheck", "publish", "1", "--db", db_path)
    assert published.exit_code == 0, published.output
    assert published.stdout.startswith(f"draft #1 published as fact-check #1: {CRIME} is 'False'")
    again = run("factcheck", "publish", "1", "--db", db_path)
    assert again.exit_code == 2 and again.stderr.count("\n") == 1
    listed = json.loads(run("factcheck", "list", "--json", "--db", db_path).stdout)
    assert [(r["id"], r["current_verdict"]) for r in listed] == [(CRIME, "False")]
