"""The fast path (lemmas where the rules look, entities decoded in numpy), the attribute
table, and extraction in worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_quote_offsets

from quotes.cli import app
from quotes.extract import QuoteExtractor
from quotes.extract.attribute_table import AttributeTable
from quotes.extract.fastpath import FastPath, ListedLemmas
from quotes.extract.lexicon import Lexicon
from quotes.extract.pipeline import load_model

HERE = Path(__file__).resolve().parent
TEXTS = {
    path.name: path.read_text(encoding="utf-8")
    for folder in (HERE / "fixtures/articles", HERE / "gold/text")
    for path in sorted(folder.glob("*.txt"))
}


def test_fast_docs_keep_the_article_text_and_offsets(nlp):
    fast = FastPath(nlp)
    for text, doc in zip(TEXTS.values(), fast.pipe(TEXTS.values()), strict=True):
        assert doc.text == text
        for quote in doc._.quotes:
            assert_quote_offsets(text, quote)


def test_default_pipe_gives_the_quotes_of_extract(nlp):
    extractor = QuoteExtractor(nlp=nlp)
    assert extractor.fast
    assert list(extractor.pipe(TEXTS.values())) == [extractor.extract(t) for t in TEXTS.values()]


def test_fast_path_gives_the_quotes_of_the_full_pipeline(nlp):
    fast, full = QuoteExtractor(nlp=nlp), QuoteExtractor(nlp=nlp, fast=False)
    assert list(fast.pipe(TEXTS.values())) == list(full.pipe(TEXTS.values()))


def test_listed_lemmas_are_the_lemmatizer_s(nlp):
    words = Lexicon.default().lemmas
    listed = ListedLemmas(nlp, Lexicon.default())
    with nlp.select_pipes(disable=["lemmatizer", "quote_attribution"]):
        docs = [listed(doc) for doc in nlp.pipe(TEXTS.values())]
    for doc, full in zip(docs, nlp.pipe(TEXTS.values()), strict=True):
        for token, expected in zip(doc, full, strict=True):
            if token.lemma_:
                assert token.lemma_ == expected.lemma_
            assert (expected.lemma_.lower() in words) <= (token.lemma_ == expected.lemma_)


def test_attribute_table_sets_what_the_ruler_sets():
    model = load_model()
    ruler = model.get_pipe("attribute_ruler")
    table = AttributeTable.from_ruler(ruler)
    slang = "Y'all gonna see there is no way I ain't gotta go. Let's c'mon, it gets better.\n\n"
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(model.pipe([slang, *TEXTS.values()]))
    for doc in docs:
        by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
        for a, b in zip(by_ruler, by_table, strict=True):
            assert (a.pos_, str(a.morph), a.lemma_, a.tag_, a.dep_) == (
                b.pos_,
                str(b.morph),
                b.lemma_,
                b.tag_,
                b.dep_,
            ), a.text


@pytest.mark.slow
def test_two_workers_give_the_quotes_of_one(nlp):
    extractor = QuoteExtractor(nlp=nlp)
    texts = list(TEXTS.values()) * 3
    assert list(extractor.pipe(texts, n_process=2)) == list(extractor.pipe(texts))


def test_full_pipeline_flag_prints_the_same_quotes(shared_extractor, runner):
    folder = str(HERE / "fixtures/articles")
    fast = runner.invoke(app, ["extract", folder])
    full = runner.invoke(app, ["extract", folder, "--full-pipeline"])
    assert fast.exit_code == full.exit_code == 0, fast.output + full.output
    assert fast.stdout.strip() and fast.stdout == full.stdout
