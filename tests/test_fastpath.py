"""The fast path (parse only candidate paragraphs) and extraction in worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import QuoteExtractor
from quotes.extract.fastpath import FastPath, split_paragraphs
from quotes.extract.lexicon import object_cues, reporting_verbs

HERE = Path(__file__).resolve().parent
TEXTS = {
    path.name: path.read_text(encoding="utf-8")
    for folder in (HERE / "fixtures/articles", HERE / "gold/text")
    for path in sorted(folder.glob("*.txt"))
}


def test_paragraphs_join_back_to_the_text():
    for text in [*TEXTS.values(), "", "one line", "a\n\nb\n", "\n\nlead\r\n  indented\n"]:
        assert "".join(split_paragraphs(text)) == text


def test_fast_docs_keep_the_article_text_and_offsets(nlp):
    fast = FastPath(nlp)
    for text, doc in zip(TEXTS.values(), fast.pipe(TEXTS.values()), strict=True):
        assert doc.text == text
        for quote in doc._.quotes:
            assert text[quote.start : quote.end] == quote.text


def test_every_cue_word_is_in_a_candidate_paragraph(nlp):
    fast = FastPath(nlp)
    lemmas = set(reporting_verbs()) | set(object_cues()) | {"according"}
    for text in TEXTS.values():
        doc = nlp(text)
        for token in doc:
            if token.lemma_.lower() in lemmas:
                start = text.rfind("\n", 0, token.idx) + 1
                end = text.find("\n", token.idx)
                paragraph = text[start : len(text) if end == -1 else end]
                assert fast.is_candidate(paragraph), (token.text, paragraph)


def test_default_pipe_gives_the_quotes_of_extract(nlp):
    extractor = QuoteExtractor(nlp=nlp)
    assert not extractor.fast
    assert list(extractor.pipe(TEXTS.values())) == [extractor.extract(t) for t in TEXTS.values()]


@pytest.mark.slow
def test_two_workers_give_the_quotes_of_one(nlp):
    extractor = QuoteExtractor(nlp=nlp)
    texts = list(TEXTS.values()) * 3
    assert list(extractor.pipe(texts, n_process=2)) == list(extractor.pipe(texts))
