"""Importing other organisations' ClaimReview (fixtures of invented organisations): each
claim matched to stored quotes, malformed items reported one line each while the rest
is imported, nothing twice, and the verdicts shown beside the newsroom's own."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from factcheck_data import BUDGET, CRIME, FARES, PORT, build, dump, run

from quotes.factcheck import Refused
from quotes.factcheck.imports import import_reviews, matching_quotes, read_reviews

FIXTURES = Path(__file__).parent / "fixtures" / "claimreview"


@pytest.fixture
def db(db_path):
    database = build(db_path)
    yield database
    database.close()


def external(db) -> list[tuple]:
    sql = "select quote_id, organisation, rating, review_date from external_factchecks order by id"
    return db.execute(sql).fetchall()


def test_claimreview_list_matched_with_a_clear_error_per_bad_item(db):
    result = import_reviews(db, FIXTURES / "harbour-truth.jsonld")
    assert result.problems == [
        "item 3: no claimReviewed",
        "item 4: not an http(s) URL with a host: 'ftp://harbourtruth.example/checks/budget'",
        'item 5: not an object: "not a review"',
    ]
    assert (result.matched, result.added) == (1, 1)
    assert result.unmatched == [
        "Harbour Truth Project: 'The lighthouse has been painted blue every spring since 1890'"
    ]
    assert external(db) == [(CRIME, "Harbour Truth Project", "Misleading", "2024-05-04")]
    row = db["external_factchecks"].get(1)
    assert (row["rating_value"], row["best_rating"], row["organisation_url"]) == (
        2,
        5,
        "https://harbourtruth.example",
    )
    assert import_reviews(db, FIXTURES / "harbour-truth.jsonld").added == 0  # nothing twice


def test_a_feed_of_claims_and_a_graph(db):
    feed = import_reviews(db, FIXTURES / "quay-checkers-feed.json")
    assert feed.problems == ["item 2: no url"] and feed.added == 1
    graph = import_reviews(db, FIXTURES / "valley-graph.jsonld")
    assert graph.problems == [] and graph.added == 1
    assert external(db) == [
        (PORT, "Quay Checkers", "Unproven", "2024-05-09"),
        (FARES, "Valley Facts", "Mostly True", "2024-06-10"),
    ]
    assert db["external_factchecks"].get(1)["organisation_url"] == "https://quaycheckers.example"


def test_matching_needs_the_words_and_is_stricter_for_another_speaker(db):
    assert [q["id"] for q in matching_quotes(db, "the budget doubled", "Ben Ortiz")] == [BUDGET]
    assert matching_quotes(db, "the budget doubled", "Someone Else") == []  # 3 words: too few
    assert matching_quotes(db, "the budget tripled", "Ben Ortiz") == []
    longer = "Our mayor claimed crime fell by half last year in the whole city"
    assert matching_quotes(db, longer, None) == []  # the quote is not within the claim's words


def test_a_file_that_is_not_json_is_refused_and_writes_nothing(db, db_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    before = dump(db_path)
    with pytest.raises(Refused, match="not JSON"):
        list(read_reviews(bad))
    result = run("factcheck", "import", bad, "--db", db_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert dump(db_path) == before


def test_cli_import_then_show_and_the_quote_page_list_them_beside_our_own(db, db_path):
    db.close()
    run("factcheck", "add", CRIME, "--verdict", "Mostly False", "--db", db_path)
    result = run("factcheck", "import", FIXTURES / "harbour-truth.jsonld", "--db", db_path)
    assert result.exit_code == 1  # three unreadable items, the rest imported
    assert result.stderr.splitlines()[0] == (
        f"error: {FIXTURES / 'harbour-truth.jsonld'}: item 3: no claimReviewed"
    )
    assert result.stdout.strip().endswith(
        "1 review matched stored quotes (1 new external verdict), 1 matched nothing, 3 unreadable"
    )
    details = json.loads(run("show", CRIME, "--json", "--db", db_path).stdout)
    assert [(e["organisation"], e["rating"]) for e in details["elsewhere"]] == [
        ("Harbour Truth Project", "Misleading")
    ]
    assert "checked elsewhere" in run("show", CRIME, "--db", db_path).stdout

    from quotes.datasette.app import build_datasette

    async def fetch():
        return await build_datasette(db_path).client.get(f"/quotes/quotes/{CRIME}")

    page = asyncio.run(fetch()).text
    assert "Checked elsewhere" in page and "Harbour Truth Project" in page
    assert "https://harbourtruth.example/checks/crime-halved" in page
    assert "Mostly False" in page  # our own verdict, beside theirs
