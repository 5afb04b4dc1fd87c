"""Every quote names the rule that found it and the one that chose its speaker; what a
rule came close to finding is kept as a miss; the rules are one registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from quotes.cli import app
from quotes.extract.rules import FILTER, QUOTED, REPORTED, RULES, SPEAKER, register
from quotes.records import Article
from quotes.store import open_db, save_article

HERE = Path(__file__).resolve().parent
TEXTS = [
    path.read_text(encoding="utf-8")
    for folder in (HERE / "fixtures/articles", HERE / "gold/seeds/text", HERE / "gold/text")
    for path in sorted(folder.glob("*.txt"))
]


def only(extractor, text: str, words: str):
    found = [q for q in extractor.extract(text) if words in q.text]
    assert len(found) == 1, f"{len(found)} quotes containing {words!r}"
    return found[0]


def misses(nlp, text: str):
    return nlp(text)._.quote_misses


def test_every_quote_names_registered_rules_of_its_stage(extractor):
    seen = set()
    for quotes in extractor.pipe(TEXTS):
        for quote in quotes:
            stage = REPORTED if quote.kind == "indirect" else QUOTED
            assert RULES[quote.rule].stage == stage, quote
            assert RULES[quote.speaker_rule].stage == SPEAKER, quote
            seen |= {quote.rule, quote.speaker_rule}
    assert len(seen) > 10


@pytest.mark.parametrize(
    ("text", "words", "rule", "speaker_rule"),
    [
        (
            "“We will rebuild the harbour bridge,” Anton Brask said on Monday.",
            "rebuild the harbour",
            "quoted.cue_after",
            "speaker.person",
        ),
        (
            "Mara Quist opened the hearing.\n\nShe said the harbour bridge would cost "
            "twice as much as planned.",
            "would cost twice",
            "reported.complement_clause",
            "speaker.pronoun_last_person",
        ),
        (
            "The harbour bridge will close for a year, according to Mayor Anna Lindqvist.",
            "will close for a year",
            "reported.according_to",
            "speaker.person",
        ),
        (
            "Mayor Anna Lindqvist urged the council to close the harbour bridge for a year.",
            "close the harbour bridge",
            "reported.directive",
            "speaker.person",
        ),
        (
            "“The bridge is safe,” said Anton Brask. “We checked every cable of it twice.”",
            "every cable",
            "quoted.cue_after",
            "speaker.person",
        ),
        (
            'Republican pollster Frank Luntz: "We checked every cable of the bridge twice."',
            "every cable",
            "quoted.named_before_colon",
            "speaker.person",
        ),
        (
            'The debate went on.\n\n"PENCE: Well, look, we will rebuild the bridge in two years."',
            "we will rebuild",
            "quoted.transcript",
            "speaker.transcript",
        ),
        (
            "Officials said the harbour bridge would reopen in the spring of next year.",
            "would reopen",
            "reported.complement_clause",
            "speaker.lone_person_noun",
        ),
    ],
    ids=[
        "cue-after",
        "reported-pronoun",
        "according-to",
        "directive",
        "interrupted",
        "name-and-colon",
        "transcript",
        "officials",
    ],
)
def test_a_quote_names_its_rule_and_speaker_rule(extractor, text, words, rule, speaker_rule):
    quote = only(extractor, text, words)
    assert (quote.rule, quote.speaker_rule) == (rule, speaker_rule)


def test_a_quote_carrying_on_inherits_its_speaker(extractor):
    text = (
        "“We will rebuild the harbour bridge,” Anton Brask said.\n\n"
        "“It will take two years and every cent we have.”"
    )
    quote = only(extractor, text, "two years")
    assert (quote.rule, quote.speaker_rule) == ("quoted.continues_quote", "speaker.inherited")
    assert quote.speaker == "Anton Brask"


def test_a_denied_cue_is_a_miss_of_the_rule_that_found_it(nlp):
    text = "Ivo Tamm did not say that the harbour bridge would close next year."
    assert not nlp(text)._.quotes
    [miss] = [m for m in misses(nlp, text) if "would close" in text[m.start : m.end]]
    assert miss.rule == "reported.complement_clause"
    assert miss.reason.startswith("filter.denied")


def test_a_cue_without_a_speaker_is_a_miss(nlp):
    text = "It said the harbour bridge would close next year for repairs."
    assert not nlp(text)._.quotes
    assert [(m.rule, m.reason) for m in misses(nlp, text)] == [
        ("reported.complement_clause", "its cue has no subject that can speak")
    ]


def test_a_title_in_quote_marks_is_a_miss_of_the_title_filter(nlp):
    text = "She spoke on CNN's “State of the Union” on Sunday."
    assert [m.rule for m in misses(nlp, text)] == ["filter.title"]
    assert RULES["filter.title"].stage == FILTER


def test_every_rule_is_registered_once_with_a_description():
    for rule in RULES.values():
        assert rule.description and rule.id.startswith(f"{rule.stage}."), rule
    rule = next(iter(RULES.values()))
    assert register(rule.id, rule.stage, rule.description) == rule.id
    with pytest.raises(ValueError, match="registered already"):
        register(rule.id, rule.stage, "something else")


def test_quotes_of_different_docs_are_never_shared(nlp):
    one, other = Doc(nlp.vocab, words=["a"]), Doc(nlp.vocab, words=["b"])
    assert one._.quotes == [] and other._.quotes == []
    one._.quotes.append("x")  # the getter's list for an unset doc is a new one each time
    assert other._.quotes == [] and one._.quotes == []
    one._.quotes = ["y"]
    assert one._.quotes == ["y"] and other._.quotes == []


def test_jsonl_lines_name_the_rules(runner, shared_extractor):
    result = runner.invoke(app, ["extract", str(HERE / "fixtures/articles")])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["rule"] in RULES and r["speaker_rule"] in RULES for r in records)


def test_the_database_keeps_the_rules(db_path, extractor):
    text = "“We will rebuild the harbour bridge,” Anton Brask said on Monday."
    db = open_db(db_path)
    save_article(db, Article(text, "bridge", "bridge.txt"), extractor.extract(text))
    rows = list(db.query("select rule, speaker_rule from quotes"))
    assert rows == [{"rule": "quoted.cue_after", "speaker_rule": "speaker.person"}]
