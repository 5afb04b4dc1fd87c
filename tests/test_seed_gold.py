"""The two seed articles in ``articles/``: every attribution in their hand-written gold
(``tests/gold/seeds``) found, with its words, kind and speaker, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from quotes.evaluate import evaluate
from quotes.evaluate.brat import find_documents

SEEDS = Path(__file__).resolve().parent / "gold" / "seeds"
SIX = {
    "Vladimir Putin",
    "Xi Jinping",
    "Alexander Gabuev",
    "Samuel Charap",
    "Elizabeth Wishnick",
    "Antony Blinken",
}


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text))


def gold_rows(document) -> list[tuple]:
    """(words of each part, speaker or None for unnamed, kind) of each gold attribution."""
    entities, notes = document.annotation.entities, document.annotation.notes
    rows = []
    for event in document.annotation.events:
        source = entities[event.roles["Source"][0]]
        content = entities[event.roles["Content"][0]]
        speaker = notes[source.id].removeprefix("speaker: ")
        kind = notes[content.id].removeprefix("kind: ")
        parts = tuple(words(document.text[s:e]) for s, e in content.fragments)
        rows.append((parts, None if speaker == "unnamed" else speaker, kind))
    return rows


def test_seed_texts_are_the_articles_byte_for_byte():
    for name in ("npr-2024-05-19-putin-xi", "nyt-2024-05-17-putin-xi"):
        gold = (SEEDS / "text" / f"{name}.txt").read_bytes()
        assert gold == (REPO / "articles" / f"{name}.txt").read_bytes()


def test_evaluate_is_right_on_every_seed_quote_both_ways(extractor):
    result = evaluate(SEEDS, extract=extractor.pipe)
    assert result.articles == 2
    for task in (result.direct, result.reported):
        assert task.gold and task.predicted
        assert (task.recall, task.precision, task.e2e_recall, task.e2e_precision) == (1, 1, 1, 1)


@pytest.mark.parametrize("document", find_documents(SEEDS), ids=lambda d: d.name)
def test_every_seed_row_has_the_gold_words_kind_and_speaker(extractor, document):
    expected = gold_rows(document)
    found = [
        (tuple(words(document.text[s:e]) for s, e in q.parts), q.speaker, q.kind)
        for q in extractor.extract(document.text)
    ]
    assert sorted(found, key=str) == sorted(expected, key=str)


def test_the_six_people_each_under_one_full_name(extractor):
    speakers = set()
    for document in find_documents(SEEDS):
        speakers |= {q.speaker for q in extractor.extract(document.text) if q.speaker}
    people = {name for name in speakers if " and " not in name}
    assert people >= SIX
    surnames = {name.split()[-1] for name in SIX} | {"Xi"}
    assert not [name for name in people - SIX if set(name.split()) & surnames]


def test_the_harvest_quote_is_one_row_in_two_parts(extractor):
    text = (REPO / "articles" / "npr-2024-05-19-putin-xi.txt").read_text("utf-8")
    (harvest,) = [q for q in extractor.extract(text) if "harvest" in q.text]
    assert harvest.speaker == "Vladimir Putin"
    assert len(harvest.parts) == 2
    assert harvest.text == (
        "Look, if you plant seeds in the right direction and treat them with care "
        "they give a good harvest."
    )
