"""One person, one speaker across the database (quotes.store.identity), whatever order
the articles come in, with the curators' corrections kept."""

from __future__ import annotations

import itertools

import pytest

from quotes.factcheck.curation import merge_speakers, rename_speaker, set_speaker
from quotes.records import Article, Quote
from quotes.store import open_db, save_article
from quotes.store.identity import reconcile_all, reconcile_pending
from quotes.store.speaker_records import audit_speakers, prune_speakers, speaker_records


def story(name: str, speaker: str, mention: str | None = None, role: str | None = None,
          before: str = "") -> tuple[Article, list[Quote]]:
    """A one-quote article: '<before><mention> said: "<words>"'."""
    mention = mention or speaker
    words = f'"The harbour story {name} is true."'
    text = f"{before}{mention} said: {words}"
    start = text.index(words)
    quote = Quote(
        text=words, start=start, end=start + len(words), kind="direct", cue="said",
        cue_start=None, cue_end=None, speaker=speaker, speaker_mention=mention,
        speaker_start=len(before), speaker_end=len(before) + len(mention),
        speaker_type="person", speaker_role=role, context_start=0, context_end=len(text),
    )
    article = Article(text=text, name=name, source=name, published=f"2024-01-{len(name):02d}")
    return article, [quote]


def speakers_by_quote(db) -> dict[str, str]:
    return dict(db.execute("select text, speaker from quotes").fetchall())


def ingest_all(path, stories, settle_each: bool = True):
    db = open_db(path)
    for article, quotes in stories:
        save_article(db, article, quotes, settle=settle_each)
    reconcile_pending(db)
    return db


def test_a_family_name_alone_is_the_one_person_of_that_family(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Kovalenko"), story("b", "Ines Kovalenko"), story("c", "I. Kovalenko"),
    ])
    assert set(speakers_by_quote(db).values()) == {"Ines Kovalenko"}
    assert db["speakers"].count == 1
    aliases = {r["alias"] for r in db["speaker_aliases"].rows}
    assert {"Kovalenko", "I. Kovalenko"} <= aliases


def test_a_name_with_initials_yields_to_the_full_one_and_family_first_names_fold(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "A. Brun"), story("b", "Ada Brun"), story("c", "Xi"), story("d", "Xi Jinping"),
    ])
    assert set(speakers_by_quote(db).values()) == {"Ada Brun", "Xi Jinping"}


def test_two_people_of_one_family_keep_a_bare_family_name_apart(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Anna Berg"), story("b", "Lars Berg"), story("c", "Berg"),
    ])
    assert sorted(set(speakers_by_quote(db).values())) == ["Anna Berg", "Berg", "Lars Berg"]


def test_a_title_or_its_gender_tells_the_family_apart(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Anna Berg", role="Mayor"), story("b", "Lars Berg"),
        story("c", "Berg", mention="Mrs. Berg"),
        story("d", "Berg", before="Mayor "),
        story("e", "Berg", before="Mr. "),
    ])
    said = speakers_by_quote(db)
    assert [said[f'"The harbour story {n} is true."'] for n in "cde"] == [
        "Anna Berg", "Anna Berg", "Lars Berg",
    ]


def test_a_suffix_makes_another_person(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Donald Trump"), story("b", "Donald Trump Jr."),
    ])
    assert sorted(set(speakers_by_quote(db).values())) == ["Donald Trump", "Donald Trump Jr."]


def test_the_people_do_not_depend_on_the_order_articles_arrive_in(tmp_path):
    stories = [
        story("a", "Kovalenko"), story("b", "Ines Kovalenko", role="Mayor"),
        story("c", "Anna Berg"), story("d", "Berg", mention="Mrs. Berg"),
        story("e", "Lars Berg"), story("f", "I. Kovalenko", role="former teacher"),
        story("g", "Kovalenko", role="Mayor"),
    ]
    results = []
    for number, order in enumerate(itertools.permutations(stories)):
        if number % 700:  # a spread of the 5,040 orders
            continue
        for settle_each in (True, False):
            db = ingest_all(tmp_path / f"{number}-{settle_each}.db", order, settle_each)
            people = sorted(
                (r["name"], r["description"], r["quotes"]) for r in speaker_records(db)
            )
            results.append((speakers_by_quote(db), people))
    assert len(results) > 2
    assert all(result == results[0] for result in results)
    assert ("Ines Kovalenko", "Mayor", 4) in results[0][1]


def test_curators_decisions_survive_reconciling(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Anna Berg"), story("b", "Anna Bergman"), story("c", "Lars Berg"),
    ])
    merge_speakers(db, "Anna Berg", "Anna Bergman", reviewer="ana")
    rename_speaker(db, "Lars Berg", "Lars Olof Berg", reviewer="ana")
    quote = db.execute("select id from quotes where text like '%story c%'").fetchone()[0]
    set_speaker(db, quote, "Anna Berg", reviewer="ana")
    for article, quotes in [story("d", "Anna Bergman"), story("e", "Lars Berg")]:
        save_article(db, article, quotes)
    reconcile_all(db)
    said = speakers_by_quote(db)
    assert said['"The harbour story b is true."'] == "Anna Berg"
    assert said['"The harbour story d is true."'] == "Anna Berg"
    assert said['"The harbour story c is true."'] == "Anna Berg"  # set by hand
    assert said['"The harbour story e is true."'] == "Lars Olof Berg"


def test_speaker_records_list_prune_and_audit(tmp_path):
    db = ingest_all(tmp_path / "q.db", [
        story("a", "Ines Kovalenko", role="Mayor"), story("b", "Ines Kovalenko", role="Mayor"),
        story("c", "Anna Berg"), story("d", "Lars Berg"), story("e", "Berg"),
    ])
    records = speaker_records(db)
    assert [(r["name"], r["quotes"], r["description"]) for r in records][0] == (
        "Ines Kovalenko", 2, "Mayor",
    )
    audit = audit_speakers(db)
    assert (audit.quotes, audit.fragment_quotes) == (5, 1)
    assert audit.fragments[0]["name"] == "Berg"
    assert audit.fragment_share == pytest.approx(0.2)
    db["speakers"].insert({"name": "Nobody Quoted", "type": "person"})
    assert prune_speakers(db) == ["Nobody Quoted"]


@pytest.mark.slow
def test_dev_articles_in_two_orders_give_the_same_speakers(tmp_path, extractor, polnear):
    """PolNeAR dev in its order and in reverse, one settled per article and one settled at
    the end as ingest does: every quote has the same speaker, every speaker its role."""
    from quotes.read import read_inputs
    from quotes.records import Article as Read

    articles = [a for a in read_inputs([str(polnear / "dev")]) if isinstance(a, Read)][:40]
    extracted = list(zip(articles, extractor.pipe(a.text for a in articles), strict=True))
    results = []
    for name, order, settle_each in (
        ("forward", extracted, True),
        ("backward", extracted[::-1], False),
    ):
        db = ingest_all(tmp_path / f"{name}.db", order, settle_each)
        speakers = dict(db.execute("select id, speaker from quotes").fetchall())
        described = {(r["name"], r["description"], r["quotes"]) for r in speaker_records(db)}
        results.append((speakers, described))
    assert results[0][0] and results[0] == results[1]
