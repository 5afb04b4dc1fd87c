"""Correcting the extractor without SQL: speakers merge/alias/rename, quote set-speaker and
reject; each recorded, and each surviving re-ingest and re-extraction with its fact-checks."""

from __future__ import annotations

import json

import pytest
from factcheck_data import BUDGET, CRIME, FARES, LANTERN, PORT, build, dump, gazette, lantern, run
from factcheck_data import quote_in as quote_of

from quotes.factcheck import Refused, add_factcheck, history
from quotes.factcheck.curation import (
    alias_speaker,
    corrections_for,
    find_speaker,
    merge_speakers,
    reject_quote,
    rename_speaker,
    set_speaker,
)
from quotes.ingest import rewrite_article
from quotes.store import quote_id, save_article
from quotes.store.articles import stored_articles


@pytest.fixture
def db(db_path):
    database = build(db_path)
    yield database
    database.close()




def speaker_of(db, qid: str) -> str | None:
    return db.execute("select speaker from quotes_view where id = ?", [qid]).fetchone()[0]


def test_the_fixture_resolves_a_short_name_to_the_full_one(db):
    assert speaker_of(db, CRIME) == speaker_of(db, FARES) == "Ada Brun"


def test_merge_moves_quotes_and_aliases_and_records_what_it_was(db):
    db["speakers"].insert({"name": "Ada Bruns", "type": "person"})
    save_article(db, *_article("Ada Bruns", "Taxes stay."))
    moved = db.execute("select id from quotes where speaker_id = "
                       "(select id from speakers where name = 'Ada Bruns')").fetchone()[0]
    correction = merge_speakers(db, "Ada Brun", "Ada Bruns", reviewer="ana", reason="typo")
    assert speaker_of(db, moved) == "Ada Brun"
    assert db.execute("select count(*) from speakers where name = 'Ada Bruns'").fetchone() == (0,)
    assert find_speaker(db, "ada bruns")["name"] == "Ada Brun"
    row = db["corrections"].get(correction)
    assert (row["kind"], row["reviewer"], row["reason"]) == ("speaker.merge", "ana", "typo")
    assert json.loads(row["before"])["name"] == "Ada Bruns"
    assert json.loads(row["before"])["quotes"] == [moved]
    assert row["created_at"].endswith("+00:00")


def _article(speaker: str, words: str):
    from quotes.records import Article

    text = f'{speaker} said: "{words}"'
    article = Article(text=text, name=words, source=words, outlet="Daily Lantern",
                      published="2024-07-01")
    return article, [quote_of(text, words, speaker)]


def test_a_merged_name_resolves_to_the_kept_speaker_in_later_articles(db):
    db["speakers"].insert({"name": "Ada Bruns", "type": "person"})
    merge_speakers(db, "Ada Brun", "Ada Bruns")
    article, quotes = _article("Ada Bruns", "Water is safe.")
    save_article(db, article, quotes)
    assert speaker_of(db, _id(article, "Water is safe.")) == "Ada Brun"


def _id(article, words):
    from quotes.store import article_id

    return quote_id(article_id(article.text), f'"{words}"')


def test_alias_and_rename_keep_old_names_as_aliases(db):
    assert alias_speaker(db, "Ben Ortiz", "the councillor") is not None
    assert alias_speaker(db, "Ben Ortiz", "The Councillor") is None  # already one: no-op
    rename_speaker(db, "Ben Ortiz", "Benjamin Ortiz", reason="full name")
    assert speaker_of(db, BUDGET) == "Benjamin Ortiz"
    assert find_speaker(db, "Ben Ortiz")["name"] == "Benjamin Ortiz"
    assert find_speaker(db, "the councillor")["name"] == "Benjamin Ortiz"
    kinds = [r["kind"] for r in db.query("select kind from corrections order by id")]
    assert kinds == ["speaker.alias", "speaker.rename"]


def test_set_speaker_fixes_a_misattribution_and_records_before_and_after(db):
    correction = set_speaker(db, BUDGET, "Cara Diaz", reviewer="ana", reason="she said it")
    assert speaker_of(db, BUDGET) == "Cara Diaz"
    row = corrections_for(db, BUDGET)[0]
    assert row["id"] == correction and row["kind"] == "quote.set-speaker"
    assert row["before"]["speaker"] == "Ben Ortiz"
    assert row["after"]["speaker"] == "Cara Diaz"
    set_speaker(db, BUDGET, "harbour trust")  # a known speaker, any case
    assert speaker_of(db, BUDGET) == "Harbour Trust"


def test_reject_hides_the_quote_but_keeps_it_and_its_history(db):
    add_factcheck(db, PORT, "False")
    reject_quote(db, PORT, reason="a press release, not speech", reviewer="ana")
    assert db["quotes"].get(PORT)
    assert db.execute("select 1 from quotes_current where id = ?", [PORT]).fetchone() is None
    assert [r["verdict"] for r in history(db, PORT)] == ["False"]
    assert db["rejected_quotes"].count == 1
    with pytest.raises(Refused, match="rejected already"):
        reject_quote(db, PORT, reason="again")


@pytest.mark.parametrize(("call", "message"), [
    (lambda db: merge_speakers(db, "Ada Brun", "Ada Brun"), "same speaker"),
    (lambda db: merge_speakers(db, "Ada Brun", "Nobody"), "no speaker called"),
    (lambda db: rename_speaker(db, "Ben Ortiz", "Harbour Trust"), "merge the two"),
    (lambda db: alias_speaker(db, "Ben Ortiz", "Mayor Ada Brun"), "merge the two"),
    (lambda db: set_speaker(db, "0000000000000000", "Cara Diaz"), "no quote"),
    (lambda db: set_speaker(db, CRIME, "Cara Diaz", type="robot"), "speaker type"),
    (lambda db: reject_quote(db, CRIME, reason="  "), "say why"),
])
def test_refused_corrections_write_nothing(db, db_path, call, message):
    before = dump(db_path)
    with pytest.raises(Refused, match=message):
        call(db)
    assert dump(db_path) == before


def test_reingesting_keeps_corrections_and_factchecks(db):
    add_factcheck(db, BUDGET, "False")
    set_speaker(db, BUDGET, "Cara Diaz")
    reject_quote(db, PORT, reason="not speech")
    before = dump_rows(db)
    for article, quotes in (lantern(), gazette()):
        assert not save_article(db, article, quotes).added
    assert dump_rows(db) == before


def dump_rows(db) -> list:
    return [list(db.query(f"select * from [{table}]")) for table in
            ("quotes", "speakers", "factchecks", "corrections", "quotes_current")]


def test_reextract_keeps_ids_factchecks_rejections_and_manual_speakers(db):
    add_factcheck(db, CRIME, "Mostly False")
    add_factcheck(db, PORT, "True")
    set_speaker(db, BUDGET, "Cara Diaz")
    reject_quote(db, PORT, reason="not speech")
    add_factcheck(db, BUDGET, "Half True")
    article, _ = lantern()
    newer = [  # a newer extractor: other mentions, a repeat, and no port quote
        quote_of(LANTERN, "Crime fell by half last year.", "Ada Brun", "Ada Brun"),
        quote_of(LANTERN, "The budget doubled.", "Ben Ortiz"),
        quote_of(LANTERN, "The budget doubled.", "Ben Ortiz"),
    ]
    result = rewrite_article(db, article, newer)
    assert (result.updated, result.added, result.removed, result.kept) == (2, 0, 0, 1)
    assert speaker_of(db, BUDGET) == "Cara Diaz"  # the manual correction wins
    assert db["quotes"].get(CRIME)["speaker_mention"] == "Ada Brun"
    assert db["quotes"].get(PORT)  # kept: it has a fact-check and a rejection
    assert db.execute("select 1 from quotes_current where id = ?", [PORT]).fetchone() is None
    assert [r["verdict"] for r in history(db, CRIME)] == ["Mostly False"]
    assert [r["verdict"] for r in history(db, BUDGET)] == ["Half True"]


def test_reextract_removes_unannotated_quotes_and_adds_new_ones(db):
    article, _ = lantern()
    fresh = quote_of(LANTERN, "The budget doubled.", "Ben Ortiz")
    result = rewrite_article(db, article, [fresh])
    assert (result.removed, result.updated, result.added) == (2, 1, 0)
    ids = {row[0] for row in db.execute("select id from quotes where article_id = ?",
                                        [result.article_id]).fetchall()}
    assert ids == {BUDGET}
    assert [r["id"] for r in db.query(
        "select quotes.id from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid"
        " where quotes_fts match 'crime'")] == []


def test_reextract_twice_changes_nothing(db):
    article, quotes = lantern()
    first = rewrite_article(db, article, quotes)
    before = dump_rows(db)
    second = rewrite_article(db, article, quotes)
    assert second.unchanged == len(quotes) and second.updated == second.added == 0
    assert dump_rows(db) == before
    assert first.removed == 0


def test_stored_articles_rebuild_the_records(db):
    articles = {a.name: a for a in stored_articles(db)}
    assert articles["lantern"].text == LANTERN
    assert articles["lantern"].outlet == "Daily Lantern"
    assert articles["gazette"].published == "2024-06-02"


class FakeExtractor:
    """Stands in for a newer spaCy extractor: finds only the budget quote."""

    def extract(self, text):
        return [quote_of(text, "The budget doubled.", "Ben Ortiz")] if "budget" in text else []

    def pipe(self, texts, n_process=1):
        return (self.extract(text) for text in texts)


def test_cli_curation_then_reextract(db_path, monkeypatch):
    build(db_path).close()
    assert run("factcheck", "add", CRIME, "--verdict", "False", "--db", db_path).exit_code == 0
    assert run("quote", "set-speaker", BUDGET, "Cara Diaz", "--reason", "audio",
               "--reviewer", "ana", "--db", db_path).exit_code == 0
    rejected = run("quote", "reject", PORT, "--reason", "not speech", "--db", db_path)
    assert rejected.exit_code == 0 and "rejected" in rejected.stdout
    assert run("speakers", "alias", "Cara Diaz", "C. Diaz", "--db", db_path).exit_code == 0
    assert run("speakers", "rename", "Cara Diaz", "Cara M. Diaz", "--db", db_path).exit_code == 0
    assert run("quote", "set-speaker", FARES, "C Diaz", "--db", db_path).exit_code == 0
    merged = run("speakers", "merge", "Cara M. Diaz", "C Diaz", "--db", db_path)
    assert merged.exit_code == 0, merged.output

    import quotes.ingest.extraction as extraction

    monkeypatch.setattr(extraction, "load_extractor", lambda model=None: FakeExtractor())
    result = run("reextract", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "2 articles re-extracted" in result.stdout

    shown = json.loads(run("show", BUDGET, "--json", "--db", db_path).stdout)
    assert shown["speaker"] == "Cara M. Diaz"
    fares = json.loads(run("show", FARES, "--json", "--db", db_path).stdout)
    assert fares["speaker"] == "Cara M. Diaz"  # set to C Diaz, then merged: both survive
    assert [c["kind"] for c in shown["corrections"]] == ["quote.set-speaker"]
    assert [r["verdict"] for r in json.loads(
        run("factcheck", "history", CRIME, "--json", "--db", db_path).stdout)] == ["False"]
    listed = json.loads(run("factcheck", "list", "--unchecked", "--json", "--db", db_path).stdout)
    assert {r["id"] for r in listed} == {BUDGET, FARES}  # fares: gone from the new
    # extraction but kept, being corrected; the port quote stays rejected


@pytest.mark.parametrize("args", [
    ("speakers", "merge", "Ada Brun", "Nobody"),
    ("speakers", "rename", "Ben Ortiz", "Harbour Trust"),
    ("quote", "set-speaker", "0000000000000000", "Cara Diaz"),
    ("quote", "reject", CRIME, "--reason", " "),
])
def test_cli_refused_corrections_exit_2_and_write_nothing(db_path, args):
    build(db_path).close()
    before = db_path.read_bytes()
    result = run(*args, "--db", db_path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert db_path.read_bytes() == before
