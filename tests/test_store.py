"""quotes.store: schema, ids, saving articles and quotes, canonical speakers, export rows."""

from __future__ import annotations

import hashlib
import json

import pytest

from quotes.records import Article, Quote
from quotes.store import (
    SaveResult,
    article_id,
    export_rows,
    has_article,
    open_db,
    quote_id,
    resolve_speaker,
    save_article,
)
from quotes.store.query import EXPORT_COLUMNS, VERDICT_COLUMNS

TEXT = (
    '"We will open the library on Monday," said Mayor Ines Kovalenko. '
    "Kovalenko said the roof had been fixed."
)


def make_quote(text: str, source: str, speaker=None, mention=None, **fields) -> Quote:
    start = source.index(text)
    values = dict(
        text=text,
        start=start,
        end=start + len(text),
        kind="direct",
        cue="said",
        cue_start=None,
        cue_end=None,
        speaker=speaker,
        speaker_mention=mention,
        speaker_start=None,
        speaker_end=None,
        speaker_type="person",
        speaker_role=None,
        context_start=0,
        context_end=len(source),
    )
    if mention:
        values.update(
            speaker_start=source.index(mention), speaker_end=source.index(mention) + len(mention)
        )
    values.update(fields)
    return Quote(**values)


def article(text: str = TEXT, **fields) -> Article:
    values = dict(
        name="library", source="library.txt", outlet="Riverside Echo", published="2024-04-02"
    )
    values.update(fields)
    return Article(text=text, **values)


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.close()


def test_open_db_creates_schema(db):
    assert set(db.table_names()) >= {
        "articles",
        "outlets",
        "speakers",
        "speaker_aliases",
        "quotes",
        "factchecks",
        "quotes_fts",
        "_sqlite_migrations",
    }
    assert set(db.view_names()) == {
        "quotes_view", "current_factchecks", "rejected_quotes", "quotes_current",
        "statements_view", "statement_verdicts",
    }
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma busy_timeout").fetchone()[0] == 30_000
    core = db.execute("select name from _sqlite_migrations where migration_set = 'quotes'")
    assert [name for (name,) in core] == [
        "m001_initial",
        "m002_factchecks_placeholder",
        "m003_case_blind_name_indexes",
        "m004_quote_parts",
        "m005_speaker_as_extracted",
        "m006_quote_rules",
    ]


def test_open_db_is_repeatable(db_path):
    first = open_db(db_path)
    applied = list(first["_sqlite_migrations"].rows)
    first.close()
    assert list(open_db(db_path)["_sqlite_migrations"].rows) == applied


def test_schema_columns_and_foreign_keys(db):
    assert db["quotes"].columns_dict == {
        "id": str,
        "text": str,
        "speaker_id": int,
        "speaker_mention": str,
        "kind": str,
        "cue": str,
        "outlet_id": int,
        "published": str,
        "article_id": str,
        "start": int,
        "end": int,
        "cue_start": int,
        "cue_end": int,
        "speaker_start": int,
        "speaker_end": int,
        "context": str,
        "context_start": int,
        "context_end": int,
        "segments": str,
        # what the extractor said of the speaker (quotes.store.identity)
        "extracted_speaker": str,
        "speaker_key": str,
        "speaker_role": str,
        # the quotes list's columns (quotes.store.listing)
        "speaker": str,
        "outlet": str,
        "current_verdict": str,
        "current_factcheck_id": int,
        "rejected": int,
        "speaker_type": str,
        # the ids of the rules that found the quote and chose its speaker
        "rule": str,
        "speaker_rule": str,
    }
    assert {(fk.column, fk.other_table) for fk in db["quotes"].foreign_keys} == {
        ("article_id", "articles"),
        ("speaker_id", "speakers"),
        ("outlet_id", "outlets"),
    }
    assert {(fk.column, fk.other_table) for fk in db["articles"].foreign_keys} == {
        ("outlet_id", "outlets"),
    }
    assert {fk.other_table for fk in db["factchecks"].foreign_keys} == {
        "factchecks", "scales", "quotes"
    }


def test_every_facet_column_is_indexed(db):
    def indexed(table):
        return {tuple(index.columns) for index in db[table].indexes}

    def leading(table):
        return {index.columns[0] for index in db[table].indexes}

    for column in ("article_id", "outlet_id", "kind", "cue", "published", "speaker", "outlet"):
        assert column in leading("quotes")
    # the default order (newest first, ties by id), alone and within an outlet or speaker
    for prefix in ((), ("outlet_id",), ("speaker_id",)):
        assert (*prefix, "published", "id") in indexed("quotes")
    assert ("rejected", "published") in indexed("quotes")
    assert {"outlet_id", "published"} <= leading("articles")
    assert ("name",) in indexed("speakers")
    assert ("alias",) in indexed("speaker_aliases")
    assert ("quote_id",) in indexed("factchecks")


def test_fts_triggers_keep_search_current(db):
    assert {"quotes_ai", "quotes_ad", "quotes_au"} <= {t.name for t in db["quotes"].triggers}
    save_article(db, article(), [make_quote("We will open the library on Monday,", TEXT)])
    hits = db.execute(
        "select quotes.text from quotes join quotes_fts on quotes_fts.rowid = quotes.rowid"
        " where quotes_fts match 'library'"
    ).fetchall()
    assert hits == [("We will open the library on Monday,",)]


def test_ids():
    assert article_id(TEXT) == hashlib.sha256(TEXT.encode()).hexdigest()[:16]
    aid = article_id(TEXT)
    same = quote_id(aid, "We will open the library on Monday,")
    assert len(same) == 16
    assert quote_id(aid, "“We will  open the library on Monday”") == same
    assert quote_id(aid, "we will open the library on monday.") == same
    assert quote_id(aid, "We will close the library") != same
    assert quote_id("0" * 16, "We will open the library on Monday,") != same


def test_save_article_stores_rows(db):
    quotes = [
        make_quote(
            "We will open the library on Monday,",
            TEXT,
            "Ines Kovalenko",
            "Mayor Ines Kovalenko",
            speaker_role="mayor",
        ),
        make_quote("the roof had been fixed", TEXT, "Ines Kovalenko", "Kovalenko", kind="indirect"),
    ]
    result = save_article(db, article(), quotes)
    assert result == SaveResult(article_id(TEXT), True, 2)
    row = db["articles"].get(result.article_id)
    assert row["text"] == TEXT
    assert row["content_hash"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert row["word_count"] == len(TEXT.split())
    assert row["ingested_at"]
    assert list(db["outlets"].rows) == [{"id": 1, "name": "Riverside Echo"}]
    for quote in db["quotes"].rows:
        assert TEXT[quote["start"] : quote["end"]] == quote["text"]
        assert quote["published"] == "2024-04-02"
        assert quote["outlet_id"] == 1
        assert quote["context"] == TEXT
        assert quote["speaker_id"] == 1
    assert list(db["speakers"].rows) == [
        {"id": 1, "name": "Ines Kovalenko", "type": "person", "description": "mayor"}
    ]
    assert {r["alias"] for r in db["speaker_aliases"].rows} == {
        "Ines Kovalenko",
        "Mayor Ines Kovalenko",
        "Kovalenko",
    }


def test_save_article_is_idempotent(db):
    quotes = [make_quote("We will open the library on Monday,", TEXT, "Ines Kovalenko")]
    assert save_article(db, article(), quotes).added
    assert has_article(db, TEXT)
    again = save_article(db, article(name="copy", outlet="Other Outlet"), quotes)
    assert again == SaveResult(article_id(TEXT), False, 0)
    assert db["articles"].count == 1
    assert db["quotes"].count == 1
    assert db["outlets"].count == 1


def test_repeated_quote_in_one_article_is_stored_once(db):
    text = '"Yes," said Ana Brest. Later she said it again: "Yes."'
    first = make_quote("Yes,", text, "Ana Brest")
    second = first._replace(start=text.rindex("Yes."), end=text.rindex("Yes.") + 4, text="Yes.")
    assert save_article(db, article(text), [first, second]).quotes == 1


def test_failed_save_leaves_nothing(db):
    bad = make_quote("We will open the library on Monday,", TEXT, "Ines Kovalenko", kind=None)
    with pytest.raises(Exception, match="NOT NULL"):
        save_article(db, article(), [bad])
    assert db["articles"].count == 0
    assert db["speakers"].count == 0
    assert not db.conn.in_transaction


def test_article_without_outlet_or_quotes(db):
    result = save_article(db, article(outlet=None, published=None), [])
    assert result.added and result.quotes == 0
    assert db["articles"].get(result.article_id)["outlet_id"] is None


def test_a_name_resolves_by_exact_name_or_alias_only(db):
    full = resolve_speaker(db, "Ines Kovalenko", type="person", mention="Mayor Kovalenko")
    assert resolve_speaker(db, "ines kovalenko") == full
    assert resolve_speaker(db, "Mayor Kovalenko", type="person") == full  # an alias
    assert resolve_speaker(db, "Kovalenko", type="person") != full  # settled later
    assert db["speakers"].count == 2


def test_ambiguous_surname_gets_its_own_speaker(db):
    anna = resolve_speaker(db, "Anna Berg", type="person")
    lars = resolve_speaker(db, "Lars Berg", type="person")
    berg = resolve_speaker(db, "Berg", type="person")
    assert len({anna, lars, berg}) == 3


def test_organisations_are_not_matched_by_surname(db):
    person = resolve_speaker(db, "Tom Harbour", type="person")
    assert resolve_speaker(db, "Harbour", type="organization") != person
    org = resolve_speaker(db, "Millbrook Harbour Authority", type="organization")
    assert resolve_speaker(db, "Authority", type="person") != org


def test_role_fills_only_an_empty_description(db):
    speaker = resolve_speaker(db, "Ines Kovalenko", type="person")
    resolve_speaker(db, "Ines Kovalenko", description="mayor")
    resolve_speaker(db, "Ines Kovalenko", description="former teacher")
    assert db["speakers"].get(speaker)["description"] == "mayor"


def test_pronouns_are_not_aliases(db):
    resolve_speaker(db, "Ines Kovalenko", type="person", mention="she")
    assert {r["alias"] for r in db["speaker_aliases"].rows} == {"Ines Kovalenko"}
    assert resolve_speaker(db, None) is None
    assert resolve_speaker(db, "  ") is None


def test_an_alias_is_a_name_form_without_its_possessive(db):
    for mention in ("Kovalenko’s", "Kovalenko and her aides", "Ines R. Kovalenko"):
        resolve_speaker(db, "Ines Kovalenko", type="person", mention=mention)
    aliases = {r["alias"] for r in db["speaker_aliases"].rows}
    assert aliases == {"Ines Kovalenko", "Kovalenko", "Ines R. Kovalenko"}


def _two_articles(db):
    other = '"Trains will run every ten minutes," said Tomas Reyne. Kovalenko agreed.'
    save_article(
        db,
        article(),
        [
            make_quote(
                "We will open the library on Monday,",
                TEXT,
                "Ines Kovalenko",
                "Mayor Ines Kovalenko",
            )
        ],
    )
    save_article(
        db,
        article(other, name="trains", outlet="Northgate Post", published="2024-06-10"),
        [
            make_quote("Trains will run every ten minutes,", other, "Tomas Reyne", "Tomas Reyne"),
            make_quote("Kovalenko agreed", other, "Kovalenko", "Kovalenko", kind="indirect"),
        ],
    )


def test_export_rows_filters(db):
    _two_articles(db)
    rows = list(export_rows(db))
    assert len(rows) == 3
    more = ("context", "verdict_note", "verdict_evidence")
    assert tuple(rows[0]) == (*EXPORT_COLUMNS, *VERDICT_COLUMNS, *more)
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    by_alias = list(export_rows(db, speaker="mayor ines kovalenko"))
    assert {r["speaker"] for r in by_alias} == {"Ines Kovalenko"} and len(by_alias) == 2
    assert {r["outlet"] for r in export_rows(db, outlet="northgate post")} == {"Northgate Post"}
    assert [r["published"] for r in export_rows(db, since="2024-05-01")] == ["2024-06-10"] * 2
    assert list(export_rows(db, speaker="Nobody")) == []
    assert list(export_rows(db, outlet="Riverside Echo", speaker="Tomas Reyne")) == []


def test_quotes_view_reads_names(db):
    _two_articles(db)
    row = db.execute(
        "select speaker, outlet, published, article_title from quotes_view"
        " where text like 'Trains%'"
    ).fetchone()
    assert row == ("Tomas Reyne", "Northgate Post", "2024-06-10", None)


def test_real_extractor_output_is_stored_consistently(db, extractor, articles_dir):
    from quotes.read import read_inputs

    articles = [a for a in read_inputs([str(articles_dir)]) if isinstance(a, Article)]
    assert len(articles) == 3
    for item, quotes in zip(articles, extractor.pipe(a.text for a in articles), strict=True):
        save_article(db, item, quotes)
    assert db["articles"].count == 3
    assert db["quotes"].count > 0
    texts = {a["id"]: a["text"] for a in db["articles"].rows}
    for quote in db["quotes"].rows:
        text = texts[quote["article_id"]]
        parts = json.loads(quote["segments"])
        assert [parts[0][0], parts[-1][1]] == [quote["start"], quote["end"]]
        assert " ".join(text[start:end] for start, end in parts) == quote["text"]
        assert quote["id"] == quote_id(quote["article_id"], quote["text"])
    stored = {q["text"] for q in db["quotes"].rows}
    assert any("The bridge will reopen to traffic in March" in text for text in stored)
    assert any("We are running out of room to keep the fruit cold" in text for text in stored)
    orphans = db.execute(
        "select count(*) from speakers where id not in (select speaker_id from quotes"
        " where speaker_id is not null)"
    ).fetchone()[0]
    assert orphans == 0
