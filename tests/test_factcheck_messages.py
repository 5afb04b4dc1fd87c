"""What the commands say: hints that work, scale suggestions, short prefixes, plurals,
re-extraction counting only real changes."""

from __future__ import annotations

import asyncio

import pytest
from factcheck_data import CRIME, build, lantern, run

from quotes.cli.runs import Tally
from quotes.factcheck import Refused, resolve_verdict
from quotes.factcheck.curation import set_speaker
from quotes.ingest import rewrite_article


def test_a_verdict_of_another_scale_names_that_scale():
    with pytest.raises(Refused) as refused:
        resolve_verdict("correct attribution", "politifact")
    assert str(refused.value).endswith(
        "Misattributed ('correct attribution' is on scale snopes: add --scale snopes)"
    )
    with pytest.raises(Refused) as refused:
        resolve_verdict("Sorta", "politifact")
    assert "is on scale" not in str(refused.value)


def test_a_short_prefix_asks_for_six_characters(db_path):
    build(db_path).close()
    shown = run("show", CRIME[:3], "--db", db_path)
    assert shown.exit_code == 2
    assert shown.stderr == (
        f"error: quote id {CRIME[:3]!r} is too short: give the id or at least its first 6 "
        "characters (find ids with: quotes search TEXT)\n"
    )
    assert run("show", CRIME[:6], "--db", db_path).exit_code == 0


def test_counts_are_singular_for_one():
    assert Tally(added=1, skipped=0, quotes=1).summary() == (
        "1 article added, 0 skipped (already present), 0 failed, 1 quote stored"
    )
    assert Tally(added=2, quotes=0).summary().startswith("2 articles added")


def test_search_title_is_singular_for_one_quote(db_path):
    build(db_path).close()
    found = run("search", "crime", "--db", db_path)
    assert "1 quote\n" in found.stdout or "1 quote " in found.stdout
    assert "1 quotes" not in found.stdout


def test_reextracting_the_same_quotes_after_a_speaker_correction_changes_nothing(db_path):
    db = build(db_path)
    set_speaker(db, CRIME, "Ben Ortiz", reviewer="ana")
    article, quotes = lantern()
    result = rewrite_article(db, article, quotes)
    assert (result.updated, result.unchanged) == (0, 3)
    assert db["quotes"].get(CRIME)["speaker"] == "Ben Ortiz"
    moved = [quotes[0]._replace(cue="told reporters"), *quotes[1:]]
    result = rewrite_article(db, article, moved)
    assert (result.updated, result.unchanged) == (1, 2)
    db.close()


def test_the_quote_page_hint_is_a_command_that_runs(db_path):
    from quotes.datasette.app import build_datasette

    build(db_path).close()

    async def fetch():
        return await build_datasette(db_path).client.get(f"/quotes/quotes/{CRIME}")

    page = asyncio.run(fetch()).text
    hint = f"quotes factcheck add {CRIME} --verdict VERDICT --evidence URL"
    assert hint in page
    added = run(
        *hint.split()[1:4],
        "--verdict",
        "False",
        "--evidence",
        "https://stats.example.org/crime",
        "--db",
        db_path,
    )
    assert added.exit_code == 0, added.output
