"""The numpy decoding of spaCy's entity recognizer gives the component's own entities."""

from __future__ import annotations

from pathlib import Path

from quotes.extract.entity_decoder import FastEntityRecognizer

HERE = Path(__file__).resolve().parent
ODD = [
    "",
    " ",
    "Ann",
    "Maria Lopez",
    "\n\nThe U.N. Security Council met in New York on Tuesday.  \n\n  Ann Lee spoke.\n",
    "Senator Elizabeth Warren (D-Mass.) and Sen. Tim Scott, R-S.C., met for 20 minutes at 3 p.m.",
    "Paid $4.5 billion.\nThe Washington Post\nreported it.",
]


def _parsed(nlp, texts):
    with nlp.select_pipes(disable=["ner", "quote_attribution"]):
        return list(nlp.pipe(texts))


def _entities(docs):
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def _iob(docs):
    return [[token.ent_iob_ for token in doc] for doc in docs]


def test_same_entities_as_the_component(nlp):
    texts = [p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*/**/*.txt"))] + ODD
    ner = nlp.get_pipe("ner")
    expected = list(ner.pipe(_parsed(nlp, texts), batch_size=4))
    fast = FastEntityRecognizer(ner)
    assert fast.supported
    got = list(fast.pipe(_parsed(nlp, texts), batch_size=4))
    assert sum(len(doc.ents) for doc in expected) > 20
    assert _entities(got) == _entities(expected)
    assert _iob(got) == _iob(expected)


def test_entities_never_cross_a_sentence_start(nlp):
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc("Ann Lee met Bob Stone in New York City") for _ in range(2)]
    for doc in docs:
        for token in doc:
            token.is_sent_start = token.i in (0, 4, 7)  # inside "Bob Stone" and "New York City"
    expected = ner(docs[0])
    got = FastEntityRecognizer(ner)(docs[1])
    assert _entities([got]) == _entities([expected])
    assert all(not (e.start < cut < e.end) for e in got.ents for cut in (4, 7))


def test_polnear_entities_are_the_component_s(nlp, polnear):
    ner = nlp.get_pipe("ner")
    paths = sorted((polnear / "dev/text").glob("*.txt"))[:20]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    expected = list(ner.pipe(_parsed(nlp, texts), batch_size=8))
    got = list(FastEntityRecognizer(ner).pipe(_parsed(nlp, texts), batch_size=8))
    assert _entities(got) == _entities(expected)


def test_preset_entities_go_through_the_component(nlp):
    ner = nlp.get_pipe("ner")
    preset = _parsed(nlp, ["Ann Lee went to Rome."])[0]
    preset.set_ents([preset.char_span(0, 7, label="ORG")], default="unmodified")
    FastEntityRecognizer(ner)(preset)
    assert [(e.text, e.label_) for e in preset.ents] == [("Ann Lee", "ORG"), ("Rome", "GPE")]
